import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintJson, makeSandbox, readTree, runEslint } from "../helpers/cli.js";

/**
 * The real `eslint` CLI with configs.recommended on a repository laid out like fastmcp's and
 * reflex's: the workflows call a composite action, `.github/actions/setup-uv/action.yml`, whose
 * setup-uv step is the CI's one install of uv, with a floating major tag and no `version`. The CI
 * runs in a runner image that bakes a uv cache, so its uv is the version to pin.
 */
const ACTION = `name: Set up uv
description: Install uv and the project
inputs:
  python-version:
    description: The Python to install
    default: "3.12"
runs:
  using: composite
  steps:
    - name: Install uv
      uses: astral-sh/setup-uv@v8
      with:
        enable-cache: true
        python-version: \${{ inputs.python-version }}

    - name: Install the project
      run: uv sync --locked
      shell: bash
`;

const WORKFLOW = `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v6
      - uses: ./.github/actions/setup-uv
      - run: uv run pytest
`;

const RUNNER_IMAGE = "FROM debian\nARG UV_VERSION=0.11.8\nRUN pip install uv==${UV_VERSION}\nCOPY . /p\nRUN cd /p && uv sync --frozen\n";

const ACTION_FILE = join(".github", "actions", "setup-uv", "action.yml");

describe("the eslint CLI with configs.recommended on a repository whose CI installs uv in a composite action", () => {
  it("lints the action.yml: the missing pin is fixed from the runner image, the floating tag reported; a second --fix changes nothing", () => {
    const dir = makeSandbox({ [ACTION_FILE]: ACTION, ".github/workflows/ci.yml": WORKFLOW, ".github/runners/Dockerfile": RUNNER_IMAGE, "pyproject.toml": '[project]\nname = "app"\nversion = "0"\n', "uv.lock": "version = 1\n" });
    const before = lintJson(dir);
    expect(before.stderr).toBe("");
    expect(before.results.get(ACTION_FILE)?.map(({ ruleId, line, column }) => ({ ruleId, line, column }))).toEqual([
      { ruleId: "uv-ci/pin-setup-uv-version", line: 11, column: 13 },
      { ruleId: "uv-ci/valid-setup-uv-ref", line: 11, column: 13 },
    ]);
    expect(before.results.get(join(".github", "workflows", "ci.yml"))).toEqual([]);

    expect(runEslint(dir, ["--fix", "."]).status).toBe(1);
    expect(readFileSync(join(dir, ACTION_FILE), "utf8")).toBe(ACTION.replace("        python-version: ${{ inputs.python-version }}\n", '        python-version: ${{ inputs.python-version }}\n        version: "0.11.8"\n'));
    const afterFirst = readTree(dir);
    expect(lintJson(dir).results.get(ACTION_FILE)?.map((message) => message.ruleId)).toEqual(["uv-ci/valid-setup-uv-ref"]);
    expect(runEslint(dir, ["--fix", "."]).status).toBe(1);
    expect(readTree(dir)).toEqual(afterFirst);
  });
});
