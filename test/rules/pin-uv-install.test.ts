import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { RuleTester } from "eslint";
import { describe, it } from "vitest";
import rule from "../../rules/pin-uv-install.js";
import { dockerfileLanguage } from "../../src/languages/dockerfile/language.js";
import { writeFiles } from "../helpers/cli.js";
import { ACTION_PATH, compositeAction } from "../helpers/composite-action.js";
import { crlf, workflowRuleTester } from "../helpers/rule-tester.js";

/** A repository holding `files`; returns its root. */
function repoWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-pin-install-"));
  writeFiles(dir, { ".git/HEAD": "ref: refs/heads/main\n", ...files });
  return dir;
}
const SEED_RUNNER_IMAGE = fileURLToPath(new URL("../../examples/uv-project/.github/runners/Dockerfile", import.meta.url));
const ci = (root: string): string => join(root, ".github", "workflows", "ci.yml");

/** `required-version` pins uv 0.10.4 exactly: any other uv refuses to run. */
const requiredExact = repoWith({ "uv.toml": 'required-version = "==0.10.4"\n' });
/** CI runs in a runner image that bakes a uv cache built by uv 0.11.8. */
const RUNNER_IMAGE = "FROM debian\nARG UV_VERSION=0.11.8\nRUN curl -LsSf https://astral.sh/uv/install.sh | sh\nCOPY . /p\nRUN cd /p && uv sync --frozen\n";
const runnerRepo = repoWith({ ".github/runners/Dockerfile": RUNNER_IMAGE, Dockerfile: "FROM python:3.12\nRUN pip install uv\n" });
const pinnedLint = (version: string): string => `on: push\njobs:\n  lint:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "${version}"\n`;
/** Two setup-uv steps pin 0.10.9: a convention, which a suggestion follows. */
const convention = repoWith({ ".github/workflows/lint.yml": pinnedLint("0.10.9"), ".github/workflows/docs.yml": pinnedLint("0.10.9") });
/** Nothing pins uv: floating it is the repository's choice. */
const bare = repoWith({});

const step = (run: string): string => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ${run}\n`;
const REASON = "`required-version` in uv.toml asks for uv 0.10.4 exactly, and uv refuses to run as another version";

workflowRuleTester().run("pin-uv-install", rule, {
  valid: [
    // By default (every config), what CI's setup-uv steps agree on is no reason to pin another install.
    { name: "a convention of setup-uv pins, without followOtherSteps", code: step("pip install uv"), filename: ci(convention) },
    { code: step("pip install uv==0.10.4"), filename: ci(requiredExact) },
    { code: step("python -m pip install 'uv===0.10.4'"), filename: ci(requiredExact) },
    { code: step("curl -LsSf https://astral.sh/uv/0.10.4/install.sh | sh"), filename: ci(requiredExact) },
    { code: step("curl -LsSf https://github.com/astral-sh/uv/releases/download/0.10.4/uv-installer.sh | sh"), filename: ci(requiredExact) },
    // A version this file does not show is still a version the author chose.
    { code: step("curl -LsSf https://astral.sh/uv/${{ env.UV_VERSION }}/install.sh | sh"), filename: ci(requiredExact) },
    { code: step('curl -LsSf "https://astral.sh/uv/$UV_VERSION/install.sh" | sh'), filename: ci(requiredExact) },
    { code: step("pip install uv==${{ inputs.uv }}"), filename: ci(requiredExact) },
    { code: step("pip install -c constraints.txt uv"), filename: ci(requiredExact) },
    { code: step(`echo "pip install uv" && bash -c 'pip install "uv==0.10.4"'`), filename: ci(requiredExact) },
    // Other packages, other commands, comments.
    { code: step("pip install uvicorn tox-uv uv-build"), filename: ci(requiredExact) },
    { code: step("pip uninstall -y uv"), filename: ci(requiredExact) },
    { code: step("echo done # curl -LsSf https://astral.sh/uv/install.sh | sh"), filename: ci(requiredExact) },
    { code: `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - shell: python\n        run: print("pip install uv")\n`, filename: ci(requiredExact) },
    // No reason to pin: floating uv is a choice.
    { code: step("pip install uv"), filename: ci(bare) },
    { code: step("curl -LsSf https://astral.sh/uv/install.sh | sh"), filename: ci(bare) },
    // Nothing to read: no script, not a scalar, an empty block.
    { code: step(""), filename: ci(requiredExact) },
    { code: step("[pip, install, uv]"), filename: ci(requiredExact) },
    { code: step("|\n"), filename: ci(requiredExact) },
    { code: step('pip install "unterminated'), filename: ci(requiredExact) },
    // A generated file is fixed in its generator.
    { code: `# This file is generated. DO NOT EDIT.\n${step("pip install uv")}`, filename: ci(requiredExact) },
  ],
  invalid: [
    {
      name: "pip install uv against an exact required-version: fixed",
      code: step("pip install uv"),
      filename: ci(requiredExact),
      output: step("pip install uv==0.10.4"),
      errors: [{ messageId: "floating", line: 6, column: 26, endLine: 6, endColumn: 28, data: { what: "The pip requirement `uv`", reason: REASON, version: "0.10.4", pinned: "uv==0.10.4" } }],
    },
    {
      name: "python -m pip --upgrade in a literal block, CRLF",
      code: crlf("on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: |\n          python -m pip install --upgrade pip uv\n          uv sync\n"),
      filename: ci(requiredExact),
      output: crlf("on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: |\n          python -m pip install --upgrade pip uv==0.10.4\n          uv sync\n"),
      errors: [{ messageId: "floating", line: 7, column: 47, endLine: 7, endColumn: 49 }],
    },
    {
      name: "pipx in a block with four-space indentation",
      code: "on: push\njobs:\n    a:\n        runs-on: x\n        steps:\n            -   name: tools\n                run: |-\n                    set -e\n                    pipx install uv\n",
      filename: ci(requiredExact),
      output: "on: push\njobs:\n    a:\n        runs-on: x\n        steps:\n            -   name: tools\n                run: |-\n                    set -e\n                    pipx install uv==0.10.4\n",
      errors: [{ messageId: "floating", line: 9, column: 34, endLine: 9, endColumn: 36 }],
    },
    {
      name: "the curl installer gets the version in its URL",
      code: step("curl -LsSf https://astral.sh/uv/install.sh | sh"),
      filename: ci(requiredExact),
      output: step("curl -LsSf https://astral.sh/uv/0.10.4/install.sh | sh"),
      errors: [{ messageId: "floating", line: 6, column: 25, endLine: 6, endColumn: 56, data: { what: "The installer `https://astral.sh/uv/install.sh`", reason: REASON, version: "0.10.4", pinned: "https://astral.sh/uv/0.10.4/install.sh" } }],
    },
    {
      name: "wget, and the PowerShell installer inside a quoted command",
      code: `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: wget -qO- https://astral.sh/uv/install.sh | sh\n      - run: powershell -ExecutionPolicy ByPass -c "irm https://astral.sh/uv/install.ps1 | iex"\n        shell: pwsh\n`,
      filename: ci(requiredExact),
      output: `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: wget -qO- https://astral.sh/uv/0.10.4/install.sh | sh\n      - run: powershell -ExecutionPolicy ByPass -c "irm https://astral.sh/uv/0.10.4/install.ps1 | iex"\n        shell: pwsh\n`,
      errors: [
        { messageId: "floating", line: 6, column: 24, endLine: 6, endColumn: 55 },
        { messageId: "floating", line: 7, column: 57, endLine: 7, endColumn: 89 },
      ],
    },
    {
      name: "a script after sh -c",
      code: step(`sh -c 'pip install uv && uv sync'`),
      filename: ci(requiredExact),
      output: step(`sh -c 'pip install uv==0.10.4 && uv sync'`),
      errors: [{ messageId: "floating", line: 6, column: 33, endLine: 6, endColumn: 35 }],
    },
    {
      name: "the latest release download",
      code: step("curl -LsSf https://github.com/astral-sh/uv/releases/latest/download/uv-installer.sh | sh"),
      filename: ci(requiredExact),
      output: step("curl -LsSf https://github.com/astral-sh/uv/releases/download/0.10.4/uv-installer.sh | sh"),
      errors: [{ messageId: "floating", line: 6, column: 25, endLine: 6, endColumn: 97 }],
    },
    {
      name: "a range: a suggestion, since the range may be what the author meant",
      code: step(`pip install "uv>=0.5"`),
      filename: ci(requiredExact),
      output: null,
      errors: [{ messageId: "range", line: 6, column: 27, endLine: 6, endColumn: 34, suggestions: [{ messageId: "pinVersion", output: step(`pip install "uv==0.10.4"`) }] }],
    },
    {
      name: "a range written with spaces inside quotes",
      code: step(`pip install "uv >= 0.5"`),
      filename: ci(requiredExact),
      output: null,
      errors: [{ messageId: "range", line: 6, column: 27, endLine: 6, endColumn: 36, suggestions: [{ messageId: "pinVersion", output: step(`pip install "uv==0.10.4"`) }] }],
    },
    {
      name: "a range split by spaces is reported, but not rewritten",
      code: step(`pip install uv '>=0.5'`),
      filename: ci(requiredExact),
      output: null,
      errors: [{ messageId: "range", line: 6, column: 26, endLine: 6, endColumn: 28, suggestions: [] }],
    },
    {
      name: "a runner image is a reason: fixed to its uv",
      code: step("pip install uv"),
      filename: ci(runnerRepo),
      output: step("pip install uv==0.11.8"),
      errors: [{ messageId: "floating", line: 6, column: 26, endLine: 6, endColumn: 28, data: { what: "The pip requirement `uv`", reason: "the CI runner image `.github/runners/Dockerfile` bakes a uv cache built by uv 0.11.8, which a uv with another cache format cannot read", version: "0.11.8", pinned: "uv==0.11.8" } }],
    },
    {
      name: "with followOtherSteps, a convention of setup-uv pins: a suggestion",
      code: step("pip install uv"),
      filename: ci(convention),
      options: [{ followOtherSteps: true }],
      output: null,
      errors: [{ messageId: "floating", line: 6, column: 26, endLine: 6, endColumn: 28, suggestions: [{ messageId: "pinVersion", output: step("pip install uv==0.10.9") }] }],
    },
    {
      name: "requirePin reports where nothing says which version",
      code: step("curl -LsSf https://astral.sh/uv/install.sh | sh"),
      filename: ci(bare),
      options: [{ requirePin: true }],
      output: null,
      errors: [{ messageId: "floatingNoReason", line: 6, column: 25, endLine: 6, endColumn: 56, data: { what: "The installer `https://astral.sh/uv/install.sh`", example: "`https://astral.sh/uv/X.Y.Z/install.sh`" }, suggestions: [] }],
    },
    {
      name: "the version option",
      code: step("pip install uv"),
      filename: ci(bare),
      options: [{ version: "0.9.0" }],
      output: step("pip install uv==0.9.0"),
      errors: [{ messageId: "floating", line: 6, column: 26, endLine: 6, endColumn: 28 }],
    },
    {
      name: "a folded script is reported at the script and not edited",
      code: "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: >\n          pip install\n          uv\n",
      filename: ci(requiredExact),
      output: null,
      errors: [{ messageId: "floating", line: 6, column: 14, endLine: 8, endColumn: 13 }],
    },
    {
      name: "an escape before the word: reported at the script, not edited",
      code: step('"pip install \\tuv"'),
      filename: ci(requiredExact),
      output: null,
      errors: [{ messageId: "floating", line: 6, column: 14, endLine: 6, endColumn: 32, suggestions: [] }],
    },
    {
      name: "a script an alias repeats: one report, no edit",
      code: "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: &install pip install uv\n  b:\n    runs-on: x\n    steps:\n      - run: *install\n",
      filename: ci(requiredExact),
      output: null,
      errors: [{ messageId: "floating", line: 6, column: 35, endLine: 6, endColumn: 37, suggestions: [] }],
    },
  ],
});

RuleTester.describe = describe;
RuleTester.it = it;
const dockerfileTester = new RuleTester({ plugins: { "uv-ci": { languages: { dockerfile: dockerfileLanguage } } }, language: "uv-ci/dockerfile" });

dockerfileTester.run("pin-uv-install (Dockerfile)", rule, {
  valid: [
    // The seed's runner image, as committed: the version comes in through the ARG.
    { filename: SEED_RUNNER_IMAGE, code: readFileSync(SEED_RUNNER_IMAGE, "utf8") },
    // The same with or without a default for the ARG.
    { filename: join(requiredExact, "Dockerfile"), code: 'FROM debian\nARG UV_VERSION=0.10.4\nRUN curl -LsSf "https://astral.sh/uv/${UV_VERSION}/install.sh" | sh\n' },
    { filename: join(requiredExact, "Dockerfile"), code: "FROM debian\nARG UV_VERSION\nRUN curl -LsSf https://astral.sh/uv/${UV_VERSION}/install.sh | env UV_INSTALL_DIR=/usr/local/bin sh\n" },
    { filename: join(requiredExact, "Dockerfile"), code: "FROM python:3.12\nRUN pip install uv==0.10.4\n" },
    // The runner image's uv says nothing about an application image.
    { filename: join(runnerRepo, "Dockerfile"), code: "FROM python:3.12\nRUN pip install uv\n" },
    // An example is copied by its readers.
    { filename: join(requiredExact, "examples", "app", "Dockerfile"), code: "FROM python:3.12\nRUN pip install uv\n" },
    { filename: join(bare, "Dockerfile"), code: "FROM python:3.12\nRUN pip install uv\n" },
  ],
  invalid: [
    {
      name: "pip install uv in a RUN: a suggestion, never a fix",
      filename: join(requiredExact, "Dockerfile"),
      code: "FROM python:3.12\nRUN pip install --no-cache-dir uv \\\n    && uv sync\n",
      output: null,
      errors: [{ messageId: "floating", line: 2, column: 32, endLine: 2, endColumn: 34, suggestions: [{ messageId: "pinVersion", output: "FROM python:3.12\nRUN pip install --no-cache-dir uv==0.10.4 \\\n    && uv sync\n" }] }],
    },
    {
      name: "the installer fetched by ADD",
      filename: join(requiredExact, "Dockerfile"),
      code: "FROM debian\nADD --chmod=755 https://astral.sh/uv/install.sh /install.sh\nRUN /install.sh\n",
      output: null,
      errors: [{ messageId: "floating", line: 2, column: 17, endLine: 2, endColumn: 48, suggestions: [{ messageId: "pinVersion", output: "FROM debian\nADD --chmod=755 https://astral.sh/uv/0.10.4/install.sh /install.sh\nRUN /install.sh\n" }] }],
    },
    {
      name: "the exec form",
      filename: join(requiredExact, "Dockerfile"),
      code: 'FROM python:3.12\nRUN ["sh", "-c", "pip install uv"]\n',
      output: null,
      errors: [{ messageId: "floating", line: 2, column: 31, endLine: 2, endColumn: 33, suggestions: [{ messageId: "pinVersion", output: 'FROM python:3.12\nRUN ["sh", "-c", "pip install uv==0.10.4"]\n' }] }],
    },
    {
      name: "the runner image itself installs the newest uv beside its pin",
      filename: join(runnerRepo, ".github", "runners", "Dockerfile"),
      code: RUNNER_IMAGE,
      output: null,
      errors: [{ messageId: "floating", line: 3, column: 16, endLine: 3, endColumn: 47, suggestions: [{ messageId: "pinVersion", output: RUNNER_IMAGE.replace("uv/install.sh", "uv/0.11.8/install.sh") }] }],
    },
    {
      name: "a URL from a variable is reported on its line, not edited",
      filename: join(requiredExact, "Dockerfile"),
      code: "FROM debian\nARG URL=https://astral.sh/uv/install.sh\nRUN curl -LsSf $URL | sh\n",
      output: null,
      errors: [{ messageId: "floating", line: 3, column: 1, endLine: 3, endColumn: 25, suggestions: [] }],
    },
    {
      name: "a here-document and a backtick escape character",
      filename: join(requiredExact, "Dockerfile"),
      code: "# escape=`\nFROM python:3.12\nRUN <<EOF\nset -e\npip install uv\nEOF\nRUN curl -LsSf https://astral.sh/uv/install.sh `\n  | sh\n",
      output: null,
      errors: [
        { messageId: "floating", line: 5, column: 13, endLine: 5, endColumn: 15, suggestions: [{ messageId: "pinVersion", output: "# escape=`\nFROM python:3.12\nRUN <<EOF\nset -e\npip install uv==0.10.4\nEOF\nRUN curl -LsSf https://astral.sh/uv/install.sh `\n  | sh\n" }] },
        { messageId: "floating", line: 7, column: 16, endLine: 7, endColumn: 47, suggestions: [{ messageId: "pinVersion", output: "# escape=`\nFROM python:3.12\nRUN <<EOF\nset -e\npip install uv\nEOF\nRUN curl -LsSf https://astral.sh/uv/0.10.4/install.sh `\n  | sh\n" }] },
      ],
    },
    {
      name: "requirePin",
      filename: join(bare, "Dockerfile"),
      code: "FROM python:3.12\nRUN pip install uv\n",
      output: null,
      options: [{ requirePin: true }],
      errors: [{ messageId: "floatingNoReason", line: 2, column: 17, endLine: 2, endColumn: 19, suggestions: [] }],
    },
  ],
});

describe("in composite actions", () => {
  const action = (root: string): string => join(root, ACTION_PATH);
  const runStep = (script: string): string => compositeAction(`    - run: ${script}\n      shell: bash\n`);

  workflowRuleTester().run("pin-uv-install", rule, {
    valid: [
      { name: "a pinned install in the action", code: runStep("pip install uv==0.10.4"), filename: action(requiredExact) },
      { name: "nothing asks for a pin", code: runStep("pip install uv"), filename: action(bare) },
      { name: "a version an input gives is unknown", code: runStep("pip install uv==${{ inputs.uv-version }}"), filename: action(requiredExact) },
    ],
    invalid: [
      {
        name: "pip install uv in the action against an exact required-version: fixed",
        code: runStep("pip install uv"),
        filename: action(requiredExact),
        output: runStep("pip install uv==0.10.4"),
        errors: [{ messageId: "floating", line: 10, column: 24, endLine: 10, endColumn: 26, data: { what: "The pip requirement `uv`", reason: REASON, version: "0.10.4", pinned: "uv==0.10.4" } }],
      },
      {
        name: "the installer in the action, with the workflows' convention and followOtherSteps: a suggestion",
        code: runStep("curl -LsSf https://astral.sh/uv/install.sh | sh"),
        filename: action(convention),
        options: [{ followOtherSteps: true }],
        output: null,
        errors: [
          {
            messageId: "floating",
            line: 10,
            column: 23,
            endLine: 10,
            endColumn: 54,
            suggestions: [{ messageId: "pinVersion", output: runStep("curl -LsSf https://astral.sh/uv/0.10.9/install.sh | sh") }],
          },
        ],
      },
    ],
  });
});
