import { join } from "node:path";
import { ESLint, type Linter } from "eslint";
import { parseForESLint } from "yaml-eslint-parser";
import { describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import { createWorkflowRule } from "../../src/create-rule.js";
import { findRepositoryRoot } from "../../src/repository/root.js";
import { yamlFileKindOf } from "../../src/workflow/file-kind.js";
import { buildWorkflow } from "../../src/workflow/model.js";
import { makeSandbox } from "../helpers/cli.js";
import { compositeAction } from "../helpers/composite-action.js";
import { workflowRuleTester } from "../helpers/rule-tester.js";

const source = (text: string) => ({ ast: parseForESLint(text).ast, text });

const ACTION = compositeAction("    - uses: astral-sh/setup-uv@v8\n      env:\n        UV_PYTHON: ${{ inputs.python-version }}\n    - run: uv sync\n      shell: bash\n");
const JAVASCRIPT_ACTION = "name: Node\nruns:\n  using: node20\n  main: index.js\n  steps:\n    - uses: astral-sh/setup-uv@v8\n";
const WORKFLOW = "on: push\nenv:\n  A: 1\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: astral-sh/setup-uv@v8\n";

describe("the workflow model of a composite action", () => {
  it("reads runs.steps as the steps of one job, with no triggers, top-level env or matrix", () => {
    const action = buildWorkflow(source(ACTION));
    expect(action.kind).toBe("composite-action");
    expect(action.jobs.map((job) => job.id)).toEqual(["runs"]);
    expect(action.steps.map((step) => step.uses?.kind ?? step.keys.has("run"))).toEqual(["action", true]);
    expect(action.steps[0]!.env.has("UV_PYTHON")).toBe(true);
    expect([action.triggers, [...action.env.keys()], [...action.jobs[0]!.env.keys()], action.jobs[0]!.keys.has("strategy")]).toEqual([[], [], [], false]);
  });

  it("reads `using` as the runner does, in any case; a JavaScript action or a file with jobs is no composite action", () => {
    expect(buildWorkflow(source(ACTION.replace("using: composite", "using: Composite"))).kind).toBe("composite-action");
    const javascript = buildWorkflow(source(JAVASCRIPT_ACTION));
    expect([javascript.kind, javascript.steps]).toEqual(["workflow", []]);
    expect(buildWorkflow(source(`${WORKFLOW}runs:\n  using: composite\n`)).kind).toBe("workflow");
  });
});

describe("yamlFileKindOf", () => {
  it("says what a YAML file is from its name and content; a non-composite action is nothing the rules read", () => {
    expect(yamlFileKindOf("/r/.github/workflows/ci.yml", source(WORKFLOW))).toBe("workflow");
    expect(yamlFileKindOf("/r/.github/actions/setup/action.yml", source(ACTION))).toBe("composite-action");
    expect(yamlFileKindOf("/r/action.yaml", source(ACTION))).toBe("composite-action");
    expect(yamlFileKindOf("/r/js/action.yml", source(JAVASCRIPT_ACTION))).toBeNull();
    // A workflow that happens to be called action.yml is still a workflow.
    expect(yamlFileKindOf("/r/.github/workflows/action.yml", source(WORKFLOW))).toBe("workflow");
    expect(yamlFileKindOf("/r/other.yml", source(WORKFLOW))).toBe("workflow");
  });
});

describe("findRepositoryRoot for an action", () => {
  it("takes the folder above .github, where a workflow's `uses: ./.github/…` starts", () => {
    expect(findRepositoryRoot("/no/such/repo/.github/actions/setup/action.yml", "/elsewhere")).toBe("/no/such/repo");
    expect(findRepositoryRoot("/no/such/repo/.github/actions/setup/script.yml", "/elsewhere")).toBe("/elsewhere");
  });
});

/** A rule that reports every file it runs on, with the YAML kinds it is given. */
const reportsEveryFile = (yamlFiles?: readonly ("workflow" | "composite-action")[]) =>
  createWorkflowRule<[], "seen">({
    name: "reports-every-file",
    meta: { type: "problem", docs: { description: "Report every file", yamlFiles }, schema: [], messages: { seen: "Seen." }, languages: ["yml/yaml"] },
    create: (context) => ({ Program: (node) => context.report({ node, messageId: "seen" }) }),
  });

const seen = [{ messageId: "seen", line: 1, column: 1 }];

workflowRuleTester().run("a rule for workflows only", reportsEveryFile(), {
  valid: [
    { name: "is silent on a composite action", code: ACTION, filename: "/r/.github/actions/setup/action.yml" },
    { name: "is silent on a JavaScript action", code: JAVASCRIPT_ACTION, filename: "/r/action.yml" },
  ],
  invalid: [{ name: "runs on a workflow", code: WORKFLOW, filename: "/r/.github/workflows/ci.yml", errors: seen }],
});

workflowRuleTester().run("a rule for workflows and composite actions", reportsEveryFile(["workflow", "composite-action"]), {
  valid: [{ name: "is silent on a JavaScript action", code: JAVASCRIPT_ACTION, filename: "/r/action.yml" }],
  invalid: [
    { name: "runs on a composite action", code: ACTION, filename: "/r/.github/actions/setup/action.yml", errors: seen },
    { name: "runs on a workflow", code: WORKFLOW, filename: "/r/.github/workflows/ci.yml", errors: seen },
  ],
});

describe("the configs on composite actions", () => {
  it("lint action.yml and action.yaml anywhere but in environments, with the rules whose yamlFiles list composite actions", async () => {
    const strict = plugin.configs.strict as Linter.Config[];
    const entry = strict.find((config) => config.name === "uv-ci/strict/composite-actions");
    expect(entry?.files).toEqual(["**/action.yml", "**/action.yaml"]);
    expect(Object.keys(entry?.rules ?? {}).sort()).toEqual(
      [
        "no-unverified-uv-download",
        "pin-setup-uv-version",
        "pin-uv-install",
        "python-version-single-source",
        "uv-version-matches-dockerfile",
        "uv-version-matches-pyproject",
        "valid-ref-comparison",
        "valid-setup-uv-ref",
      ].map((name) => `uv-ci/${name}`),
    );
    expect(strict.find((config) => config.name === "uv-ci/strict/yml-yaml")?.files).toEqual(["**/.github/workflows/*.yml", "**/.github/workflows/*.yaml"]);
    const dir = makeSandbox({
      ".github/actions/setup/action.yml": ACTION,
      "tools/action.yaml": ACTION,
      "js/action.yml": JAVASCRIPT_ACTION,
      ".venv/lib/python3.12/site-packages/pkg/action.yml": ACTION,
    });
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: strict, errorOnUnmatchedPattern: false });
    const results = await eslint.lintFiles(["."]);
    const byFile = Object.fromEntries(results.filter((result) => !result.filePath.endsWith(".js")).map((result) => [result.filePath.slice(dir.length + 1), result.messages.map((message) => message.ruleId)]));
    expect(byFile).toEqual({ ".github/actions/setup/action.yml": ["uv-ci/valid-setup-uv-ref"], "tools/action.yaml": ["uv-ci/valid-setup-uv-ref"], "js/action.yml": [] });
  });

  it("with every rule on for all YAML, the rules that do not read composite actions stay silent on one and nothing crashes", async () => {
    const everyRule = Object.fromEntries(Object.keys(plugin.rules).map((name) => [`uv-ci/${name}`, "error" as const]));
    const yamlRules = Object.fromEntries(Object.entries(everyRule).filter(([name]) => (plugin.rules[name.slice("uv-ci/".length)]?.meta?.languages as string[] | undefined)?.includes("yml/yaml")));
    const dir = makeSandbox({ [join(".github", "actions", "setup", "action.yml")]: ACTION, "js/action.yml": JAVASCRIPT_ACTION, "compose.yml": "services:\n  app:\n    image: x\n" });
    const { default: yml } = await import("eslint-plugin-yml");
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [{ files: ["**/*.yml"], plugins: { yml, "uv-ci": plugin }, language: "yml/yaml", rules: yamlRules }] });
    const results = await eslint.lintFiles(["**/*.yml"]);
    const byFile = Object.fromEntries(results.map((result) => [result.filePath.slice(dir.length + 1), result.messages.map((message) => message.ruleId)]));
    expect(byFile).toEqual({ ".github/actions/setup/action.yml": ["uv-ci/valid-setup-uv-ref"], "js/action.yml": [], "compose.yml": [] });
  });
});
