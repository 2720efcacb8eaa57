import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import { lintJson, makeSandbox, readTree, runEslint } from "../helpers/cli.js";

/**
 * A pre-commit configuration through the real `eslint` CLI with configs.strict: the repository's
 * CI pins uv 0.9.5 in its one setup-uv step and checks uv.lock with it, and the uv-pre-commit entry runs 0.9.0. Only
 * uv-version-matches-pre-commit reads the file (the workflow rules do not), and its fix leaves a
 * configuration that pre-commit itself still accepts.
 */

const STRICT_CONFIG = `import uvCi from "eslint-plugin-uv-ci";\n\nexport default [...uvCi.configs.strict];\n`;

const WORKFLOW = `name: tests
on:
  pull_request:
concurrency:
  group: \${{ github.workflow }}-\${{ github.ref }}
  cancel-in-progress: true
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: astral-sh/setup-uv@v7
        with:
          version: "0.9.5"
      - run: uv sync --locked
`;

const preCommitConfig = (uvRev: string): string => `# See https://pre-commit.com for more information
default_install_hook_types: [pre-commit]
repos:
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v5.0.0
    hooks:
      - id: end-of-file-fixer
  - repo: https://github.com/astral-sh/uv-pre-commit
    # uv version: keep it CI's.
    rev: ${uvRev}
    hooks:
      - id: uv-lock
      - id: uv-export
        args: [--no-hashes, --output-file, requirements.txt]
`;

const RULE = "uv-ci/uv-version-matches-pre-commit";

/** The project and its lockfile, which the workflow's `uv sync --locked` checks with CI's uv. */
const PROJECT = { "pyproject.toml": '[project]\nname = "p"\nversion = "0"\n', "uv.lock": "version = 1\n" };

function findOnPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (spawnSync("test", ["-x", join(dir, command)]).status === 0) return join(dir, command);
  }
  return null;
}

describe("configs", () => {
  const rulesOf = (preset: "recommended" | "strict", name: string): string[] =>
    Object.keys(plugin.configs[preset].find((config) => config.name === `uv-ci/${preset}/${name}`)?.rules ?? {});

  it("strict's pre-commit entry turns on the pre-commit rule alone, and no workflow entry turns it on", () => {
    expect(rulesOf("strict", "pre-commit-config")).toEqual([RULE]);
    expect(rulesOf("strict", "yml-yaml")).not.toContain(RULE);
    expect(rulesOf("strict", "yml-yaml").length).toBeGreaterThan(5);
    expect(rulesOf("recommended", "pre-commit-config")).toEqual([]);
  });
});

describe("the eslint CLI on a .pre-commit-config.yaml", () => {
  it("reports the uv-pre-commit rev that is not CI's uv, fixes it, and a second --fix changes nothing", () => {
    const dir = makeSandbox({ ".github/workflows/tests.yml": WORKFLOW, ".pre-commit-config.yaml": preCommitConfig("0.9.0"), ...PROJECT }, STRICT_CONFIG);
    const before = lintJson(dir);
    expect(before.stderr).toBe("");
    expect(before.status).toBe(1);
    expect(before.results.get(".pre-commit-config.yaml")).toEqual([expect.objectContaining({ ruleId: RULE, line: 10, column: 10 })]);
    expect(before.results.get(".pre-commit-config.yaml")?.[0]?.message).toContain("CI runs uv 0.9.5 (the repository's setup-uv step pins it)");
    expect(before.results.get(join(".github", "workflows", "tests.yml"))).toEqual([]);

    expect(runEslint(dir, ["--fix", "."]).status).toBe(0);
    expect(readFileSync(join(dir, ".pre-commit-config.yaml"), "utf8")).toBe(preCommitConfig("0.9.5"));
    const afterFirst = readTree(dir);
    expect(runEslint(dir, ["--fix", "."]).status).toBe(0);
    expect(readTree(dir)).toEqual(afterFirst);
  });

  // The real pre-commit (Debian's package, which .ci/run installs); under CI=true a missing one fails.
  const preCommit = findOnPath("pre-commit");
  it.skipIf(!preCommit && process.env.CI !== "true")("leaves a configuration that `pre-commit validate-config` accepts", () => {
    const dir = makeSandbox({ ".github/workflows/tests.yml": WORKFLOW, ".pre-commit-config.yaml": preCommitConfig("0.9.0"), ...PROJECT }, STRICT_CONFIG);
    expect(runEslint(dir, ["--fix", "."]).status).toBe(0);
    expect(readFileSync(join(dir, ".pre-commit-config.yaml"), "utf8")).toBe(preCommitConfig("0.9.5"));
    const validated = spawnSync(preCommit ?? "pre-commit", ["validate-config", ".pre-commit-config.yaml"], { cwd: dir, encoding: "utf8" });
    expect(`${validated.stdout}${validated.stderr}`).toBe("");
    expect(validated.status).toBe(0);
  });
});
