import { rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { ESLint, type Linter } from "eslint";
import type { CodeAction, Command, Diagnostic } from "vscode-languageserver-protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { makeSandbox, PROJECT_ROOT } from "./helpers/cli.js";
import { EslintLanguageServer, serverUnavailable, type OpenDocument, type ServerSettings } from "./helpers/eslint-language-server.js";

/**
 * The plugin in an editor, through the real `vscode-eslint-language-server` (npm
 * `vscode-langservers-extracted`): the server of VS Code's ESLint extension, which Neovim's
 * nvim-lspconfig, Helix and Zed start too. It lints with the project's ESLint 10 and our
 * configs.recommended; each test checks what the server shows and writes against what ESLint's own
 * API gives for the same file. docs/editors.md documents the settings these tests hold.
 */

const IN_CI = process.env.CI === "true";
const UNAVAILABLE = await serverUnavailable();
// Locally a machine without the server skips with the reason; in CI the devDependency is installed, so it fails.
if (UNAVAILABLE && !IN_CI) console.warn(`language server tests skipped: ${UNAVAILABLE}`);

const FILES = {
  ".python-version": "3.12\n",
  "pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\nrequires-python = ">=3.12"\n\n[tool.uv]\nrequired-version = "==0.11.8"\n',
  ".dockerignore": "# Local state\n.venv\n.python-version\n",
  Dockerfile: [
    "# syntax=docker/dockerfile:1",
    "ARG UV_VERSION=0.11.8",
    "FROM python:3.12-slim",
    // BuildKit does not expand a variable in --from: reported in configs.recommended, with suggestions.
    "COPY --from=ghcr.io/astral-sh/uv:${UV_VERSION} /uv /uvx /bin/",
    "WORKDIR /app",
    "COPY . .",
    "RUN uv sync --frozen",
    "",
  ].join("\n"),
  // A second image that pins uv, so the first one's finding suggests that version.
  "docker/runner.Dockerfile": "FROM ghcr.io/astral-sh/uv:0.11.8-python3.12-bookworm-slim\n",
  ".github/workflows/ci.yml": [
    "name: CI",
    "",
    "on:",
    "  pull_request:",
    "",
    "jobs:",
    "  test:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - uses: actions/checkout@v6",
    "      - uses: astral-sh/setup-uv@v7",
    "        with:",
    '          version: "0.10.0"',
    "      - run: uv sync --frozen",
    "",
  ].join("\n"),
};

/** The three kinds of file, each under the language id VS Code gives it, and the finding each has. */
const WORKFLOW = { path: ".github/workflows/ci.yml", languageId: "yaml", ruleId: "uv-ci/uv-version-matches-pyproject" };
const DOCKERFILE = { path: "Dockerfile", languageId: "dockerfile", ruleId: "uv-ci/dockerfile-pin-uv-image" };
const DOCKERIGNORE = { path: ".dockerignore", languageId: "ignore", ruleId: "uv-ci/dockerignore-keeps-python-version" };
const DOCUMENTS = [WORKFLOW, DOCKERFILE, DOCKERIGNORE];

interface Finding {
  ruleId: string | null;
  message: string;
  line: number;
  column: number;
  endLine: number | undefined;
  endColumn: number | undefined;
}

function fromDiagnostic(diagnostic: Diagnostic): Finding {
  const { start, end } = diagnostic.range;
  const ruleId = typeof diagnostic.code === "string" ? diagnostic.code : null;
  const message = typeof diagnostic.message === "string" ? diagnostic.message : diagnostic.message.value;
  return { ruleId, message, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

function fromMessage({ ruleId, message, line, column, endLine, endColumn }: Linter.LintMessage): Finding {
  return { ruleId, message, line, column, endLine, endColumn };
}

function applyFix(text: string, fix: Linter.LintMessage["fix"]): string {
  return `${text.slice(0, fix!.range[0])}${fix!.text}${text.slice(fix!.range[1])}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

function titled(actions: (CodeAction | Command)[], pattern: RegExp): CodeAction | Command {
  const action = actions.find((candidate) => pattern.test(candidate.title));
  expect(action, `${pattern} among ${JSON.stringify(actions.map((candidate) => candidate.title))}`).toBeDefined();
  return action!;
}

// Each test starts a server, which loads ESLint and the plugin: generous time on a busy machine.
const TIMEOUTS = { timeout: 180_000 };

describe.skipIf(UNAVAILABLE !== undefined && !IN_CI)("the plugin through vscode-eslint-language-server (VS Code's ESLint server)", TIMEOUTS, () => {
  let dir: string;
  let eslint: ESLint;
  let server: EslintLanguageServer | undefined;

  beforeAll(() => {
    dir = makeSandbox(FILES);
    // The server loads the project's own ESLint, as it does in a user's repository.
    symlinkSync(join(PROJECT_ROOT, "node_modules", "eslint"), join(dir, "node_modules", "eslint"), "dir");
    eslint = new ESLint({ cwd: dir });
  });

  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function start(settings?: (document: OpenDocument | undefined, defaults: ServerSettings) => ServerSettings): Promise<EslintLanguageServer> {
    server = await EslintLanguageServer.start(dir, settings);
    return server;
  }

  async function eslintMessages(text: string, path: string): Promise<Linter.LintMessage[]> {
    const [result] = await eslint.lintText(text, { filePath: join(dir, path) });
    return result!.messages;
  }

  /** Opens the file, checks the server reports what ESLint reports, and returns its one finding of `ruleId`. */
  async function open(lsp: EslintLanguageServer, path: string, languageId: string, ruleId: string): Promise<{ uri: string; diagnostic: Diagnostic }> {
    const uri = await lsp.open(join(dir, path), languageId);
    const diagnostics = await lsp.diagnostics(uri);
    expect(diagnostics.map(fromDiagnostic), lsp.log.join("\n")).toEqual((await eslintMessages(lsp.text(uri), path)).map(fromMessage));
    const ofRule = diagnostics.filter((diagnostic) => diagnostic.code === ruleId);
    expect(ofRule, `${path} as ${languageId}`).toHaveLength(1);
    return { uri, diagnostic: ofRule[0]! };
  }

  describe("diagnostics, quick fixes and fix-all", () => {
    it("reports on a workflow, a Dockerfile and a .dockerignore what ESLint reports, with the rule and its docs", async () => {
      const lsp = await start();
      for (const { path, languageId, ruleId } of DOCUMENTS) {
        const { diagnostic } = await open(lsp, path, languageId, ruleId);
        expect(diagnostic.source).toBe("eslint");
        expect(diagnostic.codeDescription?.href).toBe(`https://github.com/uv-ci/eslint-plugin-uv-ci/blob/main/docs/rules/${ruleId.slice("uv-ci/".length)}.md`);
      }
    });

    it("reports nothing with `experimental.useFlatConfig: true`, which older nvim-lspconfig sets (docs/editors.md)", async () => {
      const lsp = await start((_, defaults) => ({ ...defaults, experimental: { useFlatConfig: true } }));
      const uri = await lsp.open(join(dir, WORKFLOW.path), WORKFLOW.languageId);
      expect(await lsp.diagnostics(uri)).toEqual([]);
      expect(lsp.log.join("\n")).toContain("doesn't export a FlatESLint class");
    });

    it("applies a rule's fix as a quick fix, as ESLint's fix of that problem (workflow, .dockerignore)", async () => {
      const lsp = await start();
      for (const { path, languageId, ruleId } of [WORKFLOW, DOCKERIGNORE]) {
        const { uri, diagnostic } = await open(lsp, path, languageId, ruleId);
        const before = lsp.text(uri);
        const [message] = (await eslintMessages(before, path)).filter((candidate) => candidate.ruleId === ruleId);
        await lsp.run(titled(await lsp.codeActions(uri, diagnostic), new RegExp(`^Fix this ${ruleId} problem$`)));
        expect(lsp.text(uri), path).toBe(applyFix(before, message!.fix));
        expect((await lsp.diagnostics(uri)).filter((remaining) => remaining.code === ruleId), path).toEqual([]);
      }
    });

    it("offers a rule's suggestion as a quick fix, as ESLint's suggestion (Dockerfile)", async () => {
      const lsp = await start();
      const { path, languageId, ruleId } = DOCKERFILE;
      const { uri, diagnostic } = await open(lsp, path, languageId, ruleId);
      const before = lsp.text(uri);
      const [message] = (await eslintMessages(before, path)).filter((candidate) => candidate.ruleId === ruleId);
      const [suggestion] = message!.suggestions!;
      await lsp.run(titled(await lsp.codeActions(uri, diagnostic), new RegExp(`^${escapeRegExp(suggestion!.desc)} \\(${ruleId}\\)$`)));
      expect(lsp.text(uri)).toBe(applyFix(before, suggestion!.fix));
      expect(lsp.text(uri)).toMatch(/^COPY --from=[\w-]+ \/uv \/uvx \/bin\/$/m);
      expect(await lsp.diagnostics(uri)).toEqual([]);
    });

    it("fixes all as `eslint --fix` does: the fix-on-save action and the fix-all command (Neovim's :LspEslintFixAll)", async () => {
      const fixer = new ESLint({ cwd: dir, fix: true });
      const lsp = await start();
      for (const { path, languageId } of DOCUMENTS) {
        const [fixed] = await fixer.lintText(FILES[path as keyof typeof FILES], { filePath: join(dir, path) });
        // A Dockerfile's findings have suggestions only: fix-all leaves it as it is.
        expect(fixed!.output === undefined, path).toBe(path === DOCKERFILE.path);
        const expected = fixed!.output ?? FILES[path as keyof typeof FILES];

        const uri = await lsp.open(join(dir, path), languageId);
        await lsp.diagnostics(uri);
        await lsp.run(titled(await lsp.codeActions(uri, undefined, ["source.fixAll.eslint"]), /^Fix all fixable ESLint issues$/));
        expect(lsp.text(uri), path).toBe(expected);

        await lsp.open(join(dir, path), languageId);
        await lsp.diagnostics(uri);
        await lsp.run({ title: "Fix all", command: "eslint.applyAllFixes", arguments: [{ uri, version: lsp.version(uri) }] });
        expect(lsp.text(uri), path).toBe(expected);
      }
    });
  });

  // The server takes a comment's syntax from its own table of VS Code language ids, which has `yaml`
  // but not `dockerfile` or `ignore`, and falls back to `//`: docs/editors.md turns the action off,
  // or has Neovim send the id `yaml`.
  describe("the \"Disable … for this line\" action in files whose comments start with #", () => {
    /** The indentation of the diagnostic's line, which the action repeats before its comment. */
    function indentation(text: string, diagnostic: Diagnostic): string {
      return /^[ \t]*/.exec(text.split("\n")[diagnostic.range.start.line]!)![0];
    }

    /** The line the action inserted: the one line of the new text that the old one does not have. */
    function insertedLine(before: string, after: string): string {
      const old = new Set(before.split("\n"));
      const added = after.split("\n").filter((line) => !old.has(line));
      expect(added, after).toHaveLength(1);
      return added[0]!;
    }

    it("by default writes `//` into a Dockerfile, a .dockerignore and a workflow opened as github-actions-workflow or yaml.ghaction", async () => {
      const cases = [DOCKERFILE, DOCKERIGNORE, { ...WORKFLOW, languageId: "github-actions-workflow" }, { ...WORKFLOW, languageId: "yaml.ghaction" }];
      const lsp = await start();
      for (const { path, languageId, ruleId } of cases) {
        const { uri, diagnostic } = await open(lsp, path, languageId, ruleId);
        const before = lsp.text(uri);
        await lsp.run(titled(await lsp.codeActions(uri, diagnostic), new RegExp(`^Disable ${ruleId} for this line$`)));
        expect(insertedLine(before, lsp.text(uri)), `${path} as ${languageId}`).toBe(`${indentation(before, diagnostic)}// eslint-disable-next-line ${ruleId}`);
        // `//` is no comment there: in a Dockerfile an instruction Docker does not know, in a .dockerignore
        // a pattern; the finding stays. In a workflow it is a YAML error (which has no end position,
        // so the server makes one up: compare rule, message and line).
        const brief = ({ ruleId, message, line }: Finding) => ({ ruleId, message, line });
        const after = (await lsp.diagnostics(uri)).map(fromDiagnostic);
        expect(after.map(brief), `${path} as ${languageId}`).toEqual((await eslintMessages(lsp.text(uri), path)).map(fromMessage).map(brief));
        if (path === WORKFLOW.path) expect(after.map((finding) => finding.ruleId)).toEqual([null]);
        else expect(after.map((finding) => finding.ruleId), path).toContain(ruleId);
      }
    });

    it("is not offered with `codeAction.disableRuleComment.enable: false` (docs/editors.md); the fixes and suggestions still are", async () => {
      const lsp = await start((_, defaults) => ({ ...defaults, codeAction: { ...defaults.codeAction, disableRuleComment: { ...defaults.codeAction.disableRuleComment, enable: false } } }));
      const cases = [WORKFLOW, DOCKERFILE, DOCKERIGNORE, { ...WORKFLOW, languageId: "github-actions-workflow" }];
      for (const { path, languageId, ruleId } of cases) {
        const { uri, diagnostic } = await open(lsp, path, languageId, ruleId);
        const titles = (await lsp.codeActions(uri, diagnostic)).map((action) => action.title);
        expect(titles.filter((title) => title.startsWith("Disable")), `${path} as ${languageId}`).toEqual([]);
        expect(titles.some((title) => title.startsWith("Fix this") || title.endsWith(`(${ruleId})`)), `${path}: ${titles.join(", ")}`).toBe(true);
      }
    });

    it("writes a `#` comment that silences the finding under the language id `yaml` (Neovim's get_language_id in docs/editors.md)", async () => {
      const lsp = await start();
      for (const { path, ruleId } of DOCUMENTS) {
        const { uri, diagnostic } = await open(lsp, path, "yaml", ruleId);
        const before = lsp.text(uri);
        await lsp.run(titled(await lsp.codeActions(uri, diagnostic), new RegExp(`^Disable ${ruleId} for this line$`)));
        expect(insertedLine(before, lsp.text(uri)), path).toBe(`${indentation(before, diagnostic)}# eslint-disable-next-line ${ruleId}`);
        // The file still parses and the finding is gone: ESLint, through the server and directly, reports nothing.
        expect(await lsp.diagnostics(uri), path).toEqual([]);
        expect(await eslintMessages(lsp.text(uri), path), path).toEqual([]);
      }
    });

    // Docker reads parser directives (`# syntax=`, `# escape=`, `# check=`) only above every other line.
    it("puts \"Disable … for the entire file\" above a Dockerfile's `# syntax=` directive, which Docker then reads as a comment", async () => {
      const lsp = await start();
      const { uri, diagnostic } = await open(lsp, DOCKERFILE.path, "yaml", DOCKERFILE.ruleId);
      await lsp.run(titled(await lsp.codeActions(uri, diagnostic), new RegExp(`^Disable ${DOCKERFILE.ruleId} for the entire file$`)));
      expect(lsp.text(uri).split("\n").slice(0, 2)).toEqual([`# eslint-disable ${DOCKERFILE.ruleId} `, "# syntax=docker/dockerfile:1"]);
    });
  });
});
