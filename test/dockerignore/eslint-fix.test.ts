import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ESLint, type Linter } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import { writeFiles } from "../helpers/cli.js";
import { UV_DOCKERFILE } from "../helpers/uv-project.js";

// Our own files: the seed's mistake with CRLF and a BOM, a Dockerfile-specific ignore file without
// a final newline, and one that needs two passes of fixes.
const FILES: Record<string, [input: string, fixed: string]> = {
  ".dockerignore": [
    "\uFEFF# Python\r\n__pycache__/\r\n\r\n# Virtual environments\r\n.venv\r\n.python-version\r\n",
    "\uFEFF# Python\r\n__pycache__/\r\n\r\n# Virtual environments\r\n.venv\r\n",
  ],
  "docker/api.Dockerfile.dockerignore": ["*\n!src\n!pyproject.toml", "*\n!src\n!pyproject.toml\n!.python-version"],
  "Dockerfile.dockerignore": [".*\n.python-version\n# end\n", ".*\n!.python-version\n# end\n"],
  "worker/.dockerignore": [".venv\n!.python-version\n", ".venv\n!.python-version\n"],
};

/** What makes `.python-version` matter in each context: a committed file and a uv build that copies it. */
const REPOSITORY: Record<string, string> = {
  ".python-version": "3.12\n",
  "docker/.python-version": "3.12\n",
  Dockerfile: UV_DOCKERFILE,
  "docker/api.Dockerfile": UV_DOCKERFILE,
  // Built from the root with the root's `.dockerignore` (the plain Dockerfile has its own), as in the seed.
  ".github/runners/Dockerfile": UV_DOCKERFILE,
};

let cwd: string;

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), "uv-ci-dockerignore-"));
  mkdirSync(join(cwd, ".git"));
  writeFiles(cwd, REPOSITORY);
  for (const [path, [input]] of Object.entries(FILES)) {
    mkdirSync(join(cwd, path, ".."), { recursive: true });
    writeFileSync(join(cwd, path), input);
  }
});

afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function eslintWith(overrideConfig: Linter.Config[], fix: boolean): ESLint {
  return new ESLint({ cwd, overrideConfigFile: true, overrideConfig, fix });
}

describe("configs.recommended on .dockerignore files", () => {
  it("maps .dockerignore and *.dockerignore to the uv-ci/dockerignore language with the rule on", () => {
    const config = plugin.configs.recommended!.find((entry) => entry.language === "uv-ci/dockerignore");
    expect(config?.files).toEqual(["**/.dockerignore", "**/*.dockerignore"]);
    expect(config?.rules).toMatchObject({ "uv-ci/dockerignore-keeps-python-version": "error" });
  });

  it("reports every file that excludes .python-version", async () => {
    const results = await eslintWith(plugin.configs.recommended!, false).lintFiles(["**/*.dockerignore", "**/.dockerignore"]);
    const byFile = Object.fromEntries(
      results.map((result) => [result.filePath.slice(cwd.length + 1), result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)]),
    );
    expect(byFile).toEqual({
      ".dockerignore": ["6:1 uv-ci/dockerignore-keeps-python-version"],
      "docker/api.Dockerfile.dockerignore": ["1:1 uv-ci/dockerignore-keeps-python-version"],
      "Dockerfile.dockerignore": ["1:1 uv-ci/dockerignore-keeps-python-version", "2:1 uv-ci/dockerignore-keeps-python-version"],
      "worker/.dockerignore": [],
    });
  });

  it("fixes the files, keeping BOM, line endings and final newlines, and a second run changes nothing", async () => {
    const fixed = await eslintWith(plugin.configs.recommended!, true).lintFiles(["**/*.dockerignore", "**/.dockerignore"]);
    await ESLint.outputFixes(fixed);
    expect(fixed.flatMap((result) => result.messages)).toEqual([]);
    for (const [path, [, expected]] of Object.entries(FILES)) {
      expect(readFileSync(join(cwd, path), "utf8")).toBe(expected);
    }
    const again = await eslintWith(plugin.configs.recommended!, true).lintFiles(["**/*.dockerignore", "**/.dockerignore"]);
    expect(again.filter((result) => result.output !== undefined || result.messages.length > 0)).toEqual([]);
  });

  it("keeps CRLF with both rules on when the removed last line held the file's only line break", async () => {
    const config = [
      ...plugin.configs.strict!.filter((entry) => entry.language === "uv-ci/dockerignore"),
      { files: ["**/.dockerignore"], rules: { "uv-ci/dockerignore-excludes-local-state": "error" as const } },
    ];
    const [result] = await eslintWith(config, true).lintText("*.md\r\n.python-version", { filePath: join(cwd, ".dockerignore") });
    expect(result!.output).toBe(
      "*.md\r\n\r\n# Local state and secrets (uv-ci/dockerignore-excludes-local-state)\r\n.env\r\n.env.*\r\n.venv\r\n.git\r\n.claude\r\n!.env.example\r\n",
    );
  });

  it("works with the plugin registered under another namespace", async () => {
    const config: Linter.Config = {
      files: ["**/.dockerignore"],
      plugins: { docker: plugin },
      language: "docker/dockerignore",
      rules: { "docker/dockerignore-keeps-python-version": "error" },
    };
    const [result] = await eslintWith([config], false).lintText(".*\n", { filePath: join(cwd, ".dockerignore") });
    expect(result!.messages.map((message) => message.ruleId)).toEqual(["docker/dockerignore-keeps-python-version"]);
  });
});
