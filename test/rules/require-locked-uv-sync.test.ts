import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import rule from "../../rules/require-locked-uv-sync.js";
import { uvCommands } from "../../src/workflow/uv-commands.js";
import { writeFiles } from "../helpers/cli.js";
import { actionInRepo, compositeAction } from "../helpers/composite-action.js";
import { crlf, workflowRuleTester } from "../helpers/rule-tester.js";
import { describe, expect, it } from "vitest";

/** A repository with `files`; returns where its workflow `ci.yml` would be. */
function repository(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-locked-"));
  writeFiles(dir, { ".github/workflows/.keep": "", ...files });
  return join(dir, ".github", "workflows", "ci.yml");
}

const PROJECT = { "pyproject.toml": '[project]\nname = "app"\nversion = "0"\n', "uv.lock": "version = 1\n" };
const locked = repository(PROJECT);
const unlocked = repository({ "pyproject.toml": PROJECT["pyproject.toml"] });
const nested = repository({ "backend/pyproject.toml": PROJECT["pyproject.toml"], "backend/uv.lock": "version = 1\n", "docs/requirements.txt": "mkdocs\n" });
const scripts = repository({ ...PROJECT, "tools/report.py": "# /// script\n# dependencies = []\n# ///\nprint(1)\n", "tools/plain.py": "print(1)\n" });

/** A workflow whose one job runs `steps` (lines at 6 spaces). */
const job = (steps: string[], head = ""): string => `on: push\n${head}jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n${steps.map((line) => `      ${line}\n`).join("")}`;

describe("uvCommands", () => {
  it("finds uv's subcommands with their options, directory and end offset, past quotes, comments and continuations", () => {
    const script = 'cd backend && uv --directory api sync --frozen\necho "uv sync" # uv run x\nuv run \\\n  --with rich pytest';
    expect(uvCommands(script).map(({ subcommand, globals, args, cwd }) => ({ subcommand, globals, args, cwd }))).toEqual([
      { subcommand: "sync", globals: ["--directory", "api"], args: ["--frozen"], cwd: "backend" },
      { subcommand: "run", globals: [], args: ["--with", "rich", "pytest"], cwd: "backend" },
    ]);
    expect(script.slice(0, uvCommands(script)[0]!.afterSubcommand)).toMatch(/ sync$/);
  });
});

workflowRuleTester().run("require-locked-uv-sync", rule, {
  valid: [
    { filename: locked, code: job(["- run: uv sync --locked", "- run: uv run pytest"]) },
    { filename: locked, code: job(["- run: uv sync --frozen --all-extras"]) },
    { filename: locked, code: job(["- run: uv run --locked pytest"]) },
    // No uv.lock: nothing to keep in step with.
    { filename: unlocked, code: job(["- run: uv sync", "- run: uv run pytest"]) },
    // UV_LOCKED / UV_FROZEN in scope set the option for every command.
    { filename: locked, code: job(["- run: uv sync"], "env:\n  UV_LOCKED: 1\n") },
    { filename: locked, code: job(["- run: uv run pytest", "  env:", "    UV_FROZEN: true"]) },
    // Deliberate re-resolution: newer versions than the lockfile's, or a new lockfile first.
    { filename: locked, code: job(["- run: uv sync --upgrade"]) },
    { filename: locked, code: job(["- run: uv sync --resolution lowest-direct"]) },
    { filename: locked, code: job(["- run: uv lock --upgrade", "- run: uv sync", "- run: uv run pytest"]) },
    // `uv run` after a sync (reported on its own) or without the project.
    { filename: locked, code: job(["- run: uv sync --locked && uv run pytest && uv run mypy"]) },
    { filename: locked, code: job(["- run: uv run --no-project ruff check", "- run: uv run --no-sync pytest", "- run: uv run --script x.py"]) },
    { filename: locked, code: job(["- run: uv run pytest", "  env:", "    UV_NO_SYNC: 1"]) },
    // A script with its own inline metadata runs apart from the project; an unreadable one cannot be told.
    { filename: scripts, code: job(["- run: uv run tools/report.py"]) },
    { filename: scripts, code: job(["- run: uv run tools/missing.py"]) },
    // Other uv commands, and text that only mentions uv.
    { filename: locked, code: job(["- run: uv pip install -r requirements.txt", "- run: uv build", "- run: echo \"uv sync\" # uv run"]) },
    // Another repository's files, or a directory only an expression names.
    { filename: locked, code: job(["- uses: actions/checkout@v6", "  with:", "    repository: org/other", "- run: uv sync"]) },
    { filename: locked, code: job(["- run: uv sync", "  working-directory: ${{ matrix.project }}"]) },
    // The directory the command runs in has no lockfile above it in the repository.
    { filename: nested, code: job(["- run: uv sync", "  working-directory: docs"]) },
    // `popd` returns to the root, which has no lockfile.
    { filename: nested, code: job(["- run: |", "    pushd backend", "    uv sync --locked", "    popd", "    uv sync"]) },
  ],
  invalid: [
    {
      name: "uv sync in a project with uv.lock",
      filename: locked,
      code: job(["- run: uv sync --all-extras"]),
      output: job(["- run: uv sync --locked --all-extras"]),
      errors: [{ messageId: "syncNotLocked", data: { lockfile: "uv.lock" }, line: 6, column: 14, endLine: 6, endColumn: 21 }],
    },
    {
      name: "uv run with no sync before it",
      filename: locked,
      code: job(["- run: uv run pytest -x"]),
      output: job(["- run: uv run --locked pytest -x"]),
      errors: [{ messageId: "runNotLocked", line: 6, column: 14, endLine: 6, endColumn: 20 }],
    },
    {
      name: "in a literal block, each command gets its option in place, the comment and the other lines kept",
      filename: locked,
      code: job(["- run: |", "    # install", "    uv sync --dev", "    uv run pytest"]),
      output: job(["- run: |", "    # install", "    uv sync --locked --dev", "    uv run pytest"]),
      errors: [{ messageId: "syncNotLocked", line: 8, column: 11, endLine: 8, endColumn: 18 }],
    },
    {
      name: "CRLF",
      filename: locked,
      code: crlf(job(["- run: |", "    uv sync"])),
      output: crlf(job(["- run: |", "    uv sync --locked"])),
      errors: [{ messageId: "syncNotLocked", line: 7, column: 11, endLine: 7, endColumn: 18 }],
    },
    {
      name: "a working directory whose lockfile is in a parent, and a cd in the script",
      filename: nested,
      code: job(["- run: cd backend && uv sync"]),
      output: job(["- run: cd backend && uv sync --locked"]),
      errors: [{ messageId: "syncNotLocked", data: { lockfile: "backend/uv.lock" }, line: 6, column: 28, endLine: 6, endColumn: 35 }],
    },
    {
      name: "a uv run in a command substitution inside double quotes",
      filename: locked,
      code: job(['- run: echo "v=$(uv run python -V)"']),
      output: job(['- run: echo "v=$(uv run --locked python -V)"']),
      errors: [{ messageId: "runNotLocked", line: 6, column: 24, endLine: 6, endColumn: 30 }],
    },
    {
      name: "uv run by its path",
      filename: locked,
      code: job(["- run: ~/.local/bin/uv sync"]),
      output: job(["- run: ~/.local/bin/uv sync --locked"]),
      errors: [{ messageId: "syncNotLocked", line: 6, column: 14, endLine: 6, endColumn: 34 }],
    },
    {
      name: "a plain Python file of the project runs in the project",
      filename: scripts,
      code: job(["- run: uv run tools/plain.py"]),
      output: job(["- run: uv run --locked tools/plain.py"]),
      errors: [{ messageId: "runNotLocked", line: 6, column: 14, endLine: 6, endColumn: 20 }],
    },
    {
      name: "a folded or quoted script is reported without a fix: its source is not the script",
      filename: locked,
      code: job(["- run: >-", "    uv sync", "    --dev"]),
      output: null,
      errors: [{ messageId: "syncNotLocked", line: 6, column: 14, endLine: 8, endColumn: 16 }],
    },
    {
      name: "a generated workflow is reported without a fix",
      filename: locked,
      code: `# Code generated by a tool. DO NOT EDIT.\n${job(["- run: uv sync"])}`,
      output: null,
      errors: [{ messageId: "syncNotLocked", line: 7, column: 14, endLine: 7, endColumn: 21 }],
    },
  ],
});

const lockedAction = actionInRepo(PROJECT);

workflowRuleTester().run("require-locked-uv-sync in composite actions", rule, {
  valid: [
    { name: "a locked sync in the action", filename: lockedAction, code: compositeAction("    - run: uv sync --locked\n      shell: bash\n") },
    { name: "a directory an input gives is unknown, so is its lockfile", filename: lockedAction, code: compositeAction("    - run: uv sync\n      shell: bash\n      working-directory: ${{ inputs.project }}\n") },
    { name: "the action's step sets UV_LOCKED", filename: lockedAction, code: compositeAction("    - run: uv sync\n      shell: bash\n      env:\n        UV_LOCKED: 1\n") },
  ],
  invalid: [
    {
      name: "a sync without --locked in the action that installs the project (reflex's setup_build_env)",
      filename: lockedAction,
      code: compositeAction("    - uses: astral-sh/setup-uv@v7\n    - run: uv sync --all-extras\n      shell: bash\n"),
      output: compositeAction("    - uses: astral-sh/setup-uv@v7\n    - run: uv sync --locked --all-extras\n      shell: bash\n"),
      errors: [{ messageId: "syncNotLocked", data: { lockfile: "uv.lock" }, line: 11, column: 12, endLine: 11, endColumn: 19 }],
    },
  ],
});
