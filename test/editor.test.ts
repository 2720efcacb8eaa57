import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ESLint, type Linter } from "eslint";
import { describe, expect, it } from "vitest";
import { makeSandbox, PROJECT_ROOT } from "./helpers/cli.js";

/**
 * Editor integrations (the VS Code ESLint extension, vscode-eslint-language-server behind
 * nvim-lspconfig, none-ls) keep one `ESLint` per workspace folder and call
 * `lintText(bufferText, { filePath })` on every change. The workflow rules find the repository and
 * read its Dockerfiles from that `filePath`, so a buffer must lint as its file does.
 */

const EXAMPLE = join(PROJECT_ROOT, "examples", "uv-project");
const BIN = join(PROJECT_ROOT, "dist", "src", "cli", "bin.js");

type Comparable = Pick<Linter.LintMessage, "ruleId" | "messageId" | "severity" | "message" | "line" | "column" | "endLine" | "endColumn" | "fix" | "suggestions">;

function comparable(messages: Linter.LintMessage[]): Comparable[] {
  return messages.map(({ ruleId, messageId, severity, message, line, column, endLine, endColumn, fix, suggestions }) => ({
    ruleId,
    messageId,
    severity,
    message,
    line,
    column,
    endLine,
    endColumn,
    fix,
    suggestions,
  }));
}

/** Every file that linting the workspace from disk reaches, with its results. */
async function lintedFiles(eslint: ESLint): Promise<ESLint.LintResult[]> {
  const results = await eslint.lintFiles(["."]);
  expect(results.length).toBeGreaterThan(0);
  return results;
}

describe("lintText with a filePath, as editors call it", () => {
  it("gives every file of the example the findings that linting it from disk gives", async () => {
    const dir = makeSandbox(EXAMPLE);
    const eslint = new ESLint({ cwd: dir });
    const fromDisk = await lintedFiles(eslint);
    expect(fromDisk.map((result) => relative(dir, result.filePath))).toEqual(
      expect.arrayContaining([".dockerignore", ".github/workflows/lint.yml", ".github/workflows/release.yml", ".github/workflows/tests.yml"]),
    );
    for (const result of fromDisk) {
      const [fromBuffer] = await eslint.lintText(readFileSync(result.filePath, "utf8"), { filePath: result.filePath });
      expect(comparable(fromBuffer!.messages), relative(dir, result.filePath)).toEqual(comparable(result.messages));
    }
    // The cross-file finding is there: tests.yml is told the version its runner Dockerfile pins.
    const tests = fromDisk.find((result) => result.filePath.endsWith("tests.yml"))!;
    expect(tests.messages.some((message) => message.message.includes('Pin `version: "0.11.8"`'))).toBe(true);
  });

  it("fixes a buffer as --fix fixes its file", async () => {
    const dir = makeSandbox(EXAMPLE);
    const eslint = new ESLint({ cwd: dir, fix: true });
    for (const result of await lintedFiles(eslint)) {
      const [fromBuffer] = await eslint.lintText(readFileSync(result.filePath, "utf8"), { filePath: result.filePath });
      expect(fromBuffer!.output, relative(dir, result.filePath)).toBe(result.output);
      expect(comparable(fromBuffer!.messages)).toEqual(comparable(result.messages));
    }
  });

  it("gives the findings that `uv-ci-lint` prints", async () => {
    const dir = makeSandbox(EXAMPLE);
    const cli = spawnSync(process.execPath, [BIN, "--format", "json"], { cwd: dir, encoding: "utf8" });
    expect(cli.status, cli.stderr).toBe(1);
    const cliResults = JSON.parse(cli.stdout) as ESLint.LintResult[];
    const eslint = new ESLint({ cwd: dir });
    for (const result of cliResults) {
      const [fromBuffer] = await eslint.lintText(readFileSync(result.filePath, "utf8"), { filePath: result.filePath });
      expect(comparable(fromBuffer!.messages), relative(dir, result.filePath)).toEqual(comparable(result.messages));
    }
  });

  it("lints the unsaved buffer against the Dockerfiles on disk, and sees a Dockerfile edited since", async () => {
    const dir = makeSandbox(EXAMPLE);
    const eslint = new ESLint({ cwd: dir });
    const filePath = join(dir, ".github/workflows/tests.yml");
    const buffer = readFileSync(filePath, "utf8").replace(
      "        uses: astral-sh/setup-uv@v8.2.0\n",
      '        uses: astral-sh/setup-uv@v8.2.0\n        with:\n          version: "0.11.7"\n',
    );
    const mismatches = async (): Promise<string[]> =>
      (await eslint.lintText(buffer, { filePath }))[0]!.messages
        .filter((message) => message.ruleId === "uv-ci/uv-version-matches-dockerfile")
        .map((message) => message.message);
    const [mismatch, ...others] = await mismatches();
    expect(others).toEqual([]);
    expect(mismatch).toMatch(/0\.11\.7.*\.github\/runners\/Dockerfile:4.*0\.11\.8/);
    // The editor's ESLint lives on; the user edits the Dockerfile in another tab and saves it (the
    // added newline changes its size too, so a coarse file-system clock cannot hide the edit).
    const dockerfile = join(dir, ".github/runners/Dockerfile");
    writeFileSync(dockerfile, readFileSync(dockerfile, "utf8").replace("ARG UV_VERSION=0.11.8", "ARG UV_VERSION=0.11.7\n"));
    expect(await mismatches()).toEqual([]);
  });

  it("lints a buffer whose file is not saved yet, found from its path alone", async () => {
    const dir = makeSandbox(EXAMPLE);
    const eslint = new ESLint({ cwd: dir });
    const filePath = join(dir, ".github/workflows/new.yml");
    rmSync(filePath, { force: true });
    const [result] = await eslint.lintText("on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n", { filePath });
    const pin = result!.messages.find((message) => message.ruleId === "uv-ci/pin-setup-uv-version");
    expect(pin?.message).toContain('Pin `version: "0.11.8"`');
    expect(result!.messages.map((message) => message.ruleId)).toContain("uv-ci/require-concurrency-per-ref");
  });
});
