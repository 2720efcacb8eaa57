import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import rule from "../../rules/uv-version-matches-pyproject.js";
import { writeFiles } from "../helpers/cli.js";
import { ACTION_PATH, compositeAction } from "../helpers/composite-action.js";
import { crlf, workflowRuleTester } from "../helpers/rule-tester.js";

/** A runner image that installs uv 0.11.8 and bakes the project's dependencies into its uv cache. */
const RUNNER_0_11_8 = "FROM debian\nARG UV_VERSION=0.11.8\nRUN curl -LsSf https://astral.sh/uv/${UV_VERSION}/install.sh | sh\nCOPY . /p\nRUN cd /p && uv sync --frozen\n";

/** A repository with these files; returns the path of its `.github/workflows/ci.yml`. */
function repoWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-required-"));
  writeFiles(dir, files);
  return join(dir, ".github", "workflows", "ci.yml");
}

const range = repoWith({ "pyproject.toml": '[project]\nname = "x"\n\n[tool.uv]\nrequired-version = ">=0.9, <0.12"\n' });
const exact = repoWith({ "pyproject.toml": '[tool.uv]\nrequired-version = "==0.11.8"\n' });
const bare = repoWith({ "pyproject.toml": '[tool.uv]\nrequired-version = "0.11.8"\n' });
const starPrefix = repoWith({ "pyproject.toml": '[tool.uv]\nrequired-version = "==0.11.*"\n' });
// uv.toml wins, and with it uv ignores `[tool.uv]` in pyproject.toml altogether.
const uvTomlWins = repoWith({ "uv.toml": 'required-version = ">=0.10"\n', "pyproject.toml": '[tool.uv]\nrequired-version = "==0.5.0"\n' });
const uvTomlWithout = repoWith({ "uv.toml": "native-tls = true\n", "pyproject.toml": '[tool.uv]\nrequired-version = "==0.5.0"\n' });
const noSetting = repoWith({ "pyproject.toml": '[project]\nname = "x"\n' });
const invalidToml = repoWith({ "pyproject.toml": "[tool.uv\nrequired-version = '==0.5.0'\n" });
const invalidSpecifier = repoWith({ "pyproject.toml": '[tool.uv]\nrequired-version = "0.5.x"\n' });
const withVersionFile = repoWith({ "pyproject.toml": '[tool.uv]\nrequired-version = ">=0.10"\n', ".tool-versions": "uv 0.9.5\n", "requirements-uv.txt": "uv==0.11.8\n" });
const runnerVsRequired = repoWith({ ".github/runners/Dockerfile": RUNNER_0_11_8, "pyproject.toml": '[tool.uv]\nrequired-version = "==0.10.0"\n' });
const subproject = repoWith({ "pyproject.toml": '[tool.uv]\nrequired-version = ">=0.10"\n', "backend/pyproject.toml": '[tool.uv]\nrequired-version = "==0.9.5"\n' });

const step = (withBlock: string): string => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n${withBlock}`;

workflowRuleTester().run("uv-version-matches-pyproject", rule, {
  valid: [
    { code: step(`          version: "0.11.8"\n`), filename: range },
    { code: step(`          version: "0.11.8"\n`), filename: exact },
    { code: step(`          version: "0.11.8"\n`), filename: bare },
    { code: step(`          version: "0.11.3"\n`), filename: starPrefix },
    { code: step(`          version: "0.11.8"\n`), filename: uvTomlWins },
    { code: step(`          version: "0.11.8"\n`), filename: uvTomlWithout },
    { code: step(`          version: "0.1.0"\n`), filename: noSetting },
    // Unreadable settings: uv itself complains; nothing to compare with.
    { code: step(`          version: "0.1.0"\n`), filename: invalidToml },
    { code: step(`          version: "0.1.0"\n`), filename: invalidSpecifier },
    // Without a version setup-uv reads required-version itself; ranges are pin-setup-uv-version's business.
    { code: `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: astral-sh/setup-uv@v7\n`, filename: exact },
    { code: step(`          version: latest\n`), filename: exact },
    { code: step(`          version: \${{ inputs.uv }}\n`), filename: exact },
    { code: step(`          version-file: requirements-uv.txt\n`), filename: withVersionFile },
    { code: step(`          version: "0.9.5"\n          working-directory: backend\n`), filename: subproject },
    // A runner image that required-version refuses: uv-version-matches-dockerfile reports that, once.
    { code: step(`          version: "0.9.0"\n`), filename: runnerVsRequired },
    // A workflow outside a repository layout: the root is the working directory, which sets nothing here.
    step(`          version: "0.1.0"\n`),
  ],
  invalid: [
    {
      name: "range not satisfied: reported without a fix",
      code: step(`          version: "0.8.0"\n`),
      filename: range,
      output: null,
      errors: [
        {
          messageId: "unsatisfied",
          data: { version: "0.8.0", file: "pyproject.toml", specifier: ">=0.9, <0.12" },
          line: 8,
          column: 20,
          endLine: 8,
          endColumn: 27,
        },
      ],
    },
    {
      name: "exact pin: fixed, keeping the double quotes",
      code: step(`          version: "0.10.0"\n`),
      filename: exact,
      output: step(`          version: "0.11.8"\n`),
      errors: [{ messageId: "unsatisfiedPinnable", data: { version: "0.10.0", file: "pyproject.toml", specifier: "==0.11.8", required: "0.11.8" }, line: 8, column: 20, endLine: 8, endColumn: 28 }],
    },
    {
      name: "bare version counts as ==, plain scalar stays plain, CRLF",
      code: crlf(step(`          version: 0.10.0 # pinned\n`)),
      filename: bare,
      output: crlf(step(`          version: 0.11.8 # pinned\n`)),
      errors: [{ messageId: "unsatisfiedPinnable", line: 8, column: 20, endLine: 8, endColumn: 26 }],
    },
    {
      name: "single quotes kept",
      code: step(`          version: '0.10.0'\n`),
      filename: exact,
      output: step(`          version: '0.11.8'\n`),
      errors: [{ messageId: "unsatisfiedPinnable", line: 8, column: 20, endLine: 8, endColumn: 28 }],
    },
    {
      name: "uv.toml wins over pyproject.toml",
      code: step(`          version: "0.9.0"\n`),
      filename: uvTomlWins,
      output: null,
      errors: [{ messageId: "unsatisfied", data: { version: "0.9.0", file: "uv.toml", specifier: ">=0.10" }, line: 8, column: 20, endLine: 8, endColumn: 27 }],
    },
    {
      name: "an env value used by two steps is reported and fixed once, where it is written",
      code: `on: push\nenv:\n  UV_VERSION: "0.10.0"\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with: { version: "\${{ env.UV_VERSION }}" }\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: \${{ env.UV_VERSION }}\n`,
      filename: exact,
      output: `on: push\nenv:\n  UV_VERSION: "0.11.8"\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with: { version: "\${{ env.UV_VERSION }}" }\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: \${{ env.UV_VERSION }}\n`,
      errors: [{ messageId: "unsatisfiedPinnable", line: 3, column: 15, endLine: 3, endColumn: 23 }],
    },
    {
      name: "a matrix entry is reported but not rewritten",
      code: `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        uv: ["0.10.0", "0.11.8"]\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: \${{ matrix.uv }}\n`,
      filename: exact,
      output: null,
      errors: [{ messageId: "unsatisfiedPinnable", line: 7, column: 14, endLine: 7, endColumn: 22 }],
    },
    {
      name: "version-file pinning a version outside the range",
      code: step(`          version-file: .tool-versions\n`),
      filename: withVersionFile,
      output: null,
      errors: [{ messageId: "versionFileUnsatisfied", data: { path: ".tool-versions", version: "0.9.5", file: "pyproject.toml", specifier: ">=0.10" }, line: 8, column: 25, endLine: 8, endColumn: 39 }],
    },
    {
      name: "a literal working-directory is the project that sets required-version",
      code: step(`          version: "0.9.0"\n          working-directory: backend\n`),
      filename: subproject,
      output: step(`          version: "0.9.5"\n          working-directory: backend\n`),
      errors: [{ messageId: "unsatisfiedPinnable", data: { version: "0.9.0", file: "pyproject.toml", specifier: "==0.9.5", required: "0.9.5" }, line: 8, column: 20, endLine: 8, endColumn: 27 }],
    },
    {
      name: "an exact required-version older than the pin: reported without a fix, CI never moves to an older uv",
      code: step(`          version: "0.11.8"\n          working-directory: backend\n`),
      filename: subproject,
      output: null,
      errors: [{ messageId: "unsatisfiedOlder", data: { version: "0.11.8", file: "pyproject.toml", specifier: "==0.9.5", required: "0.9.5" }, line: 8, column: 20, endLine: 8, endColumn: 28 }],
    },
  ],
});

/**
 * uv-version-matches-dockerfile and this rule, both on, through ESLint's fix loop: where a runner
 * image and `required-version` disagree, each rule used to rewrite the pin towards its own source
 * until ESLint stopped on circular fixes. Now the disagreement is reported once and nothing is fixed.
 */
describe("with uv-version-matches-dockerfile on too (ESLint's fix loop)", () => {
  const config: Linter.Config[] = [
    {
      ...plugin.configs.recommended!.find((entry) => entry.language === "yml/yaml")!,
      rules: { "uv-ci/uv-version-matches-dockerfile": "error", "uv-ci/uv-version-matches-pyproject": "error" },
    },
  ];

  function fix(filename: string, code: string): Linter.FixReport {
    return new Linter({ configType: "flat", cwd: dirname(dirname(dirname(filename))) }).verifyAndFix(code, config, { filename });
  }

  it("reports a runner image that required-version refuses once, and fixes nothing", () => {
    const code = step(`          version: "0.9.0"\n`);
    const report = fix(runnerVsRequired, code);
    expect(report.fixed).toBe(false);
    expect(report.output).toBe(code);
    expect(report.messages.map((message) => [message.ruleId, message.messageId, message.line])).toEqual([["uv-ci/uv-version-matches-dockerfile", "requiredVersionDisagrees", 8]]);
  });

  it("converges on the runner image's version when required-version allows it", () => {
    const filename = repoWith({ ".github/runners/Dockerfile": RUNNER_0_11_8, "pyproject.toml": '[tool.uv]\nrequired-version = ">=0.10"\n' });
    const report = fix(filename, step(`          version: "0.9.0"\n`));
    expect(report.output).toBe(step(`          version: "0.11.8"\n`));
    expect(report.messages).toEqual([]);
  });

  it("converges on an exact required-version that the runner image agrees with", () => {
    const filename = repoWith({ ".github/runners/Dockerfile": RUNNER_0_11_8, "uv.toml": 'required-version = "==0.11.8"\n' });
    const report = fix(filename, step(`          version: "0.10.0"\n`));
    expect(report.output).toBe(step(`          version: "0.11.8"\n`));
    expect(report.messages).toEqual([]);
  });
});

describe("in composite actions", () => {
  const actionBeside = (workflow: string): string => join(dirname(dirname(dirname(workflow))), ACTION_PATH);
  const actionPin = (version: string): string => compositeAction(`    - uses: astral-sh/setup-uv@v7\n      with:\n        version: ${version}\n`);

  workflowRuleTester().run("uv-version-matches-pyproject", rule, {
    valid: [
      { name: "the action pins the required uv", code: actionPin('"0.11.8"'), filename: actionBeside(exact) },
      { name: "a version an input gives is unknown", code: actionPin("${{ inputs.uv-version }}"), filename: actionBeside(exact) },
    ],
    invalid: [
      {
        name: "the action pins a uv that required-version refuses",
        code: actionPin('"0.10.0"'),
        filename: actionBeside(exact),
        output: actionPin('"0.11.8"'),
        errors: [{ messageId: "unsatisfiedPinnable", data: { version: "0.10.0", file: "pyproject.toml", specifier: "==0.11.8", required: "0.11.8" }, line: 12, column: 18, endLine: 12, endColumn: 26 }],
      },
    ],
  });
});
