import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RuleTester } from "eslint";
import { describe, it } from "vitest";
import rule, { LOCAL_STATE_HEADER } from "../../rules/dockerignore-excludes-local-state.js";
import { dockerignoreLanguage } from "../../src/dockerignore/language.js";
import { writeFiles } from "../helpers/cli.js";

RuleTester.describe = describe;
RuleTester.it = it;

const ruleTester = new RuleTester({
  plugins: { "uv-ci": { languages: { dockerignore: dockerignoreLanguage } } },
  language: "uv-ci/dockerignore",
});

/** A `.dockerignore` beside a pyproject.toml whose version comes from Git (hatch-vcs). */
const gitVersioned = mkdtempSync(join(tmpdir(), "uv-ci-vcs-"));
writeFiles(gitVersioned, { "pyproject.toml": '[build-system]\nrequires = ["hatchling", "hatch-vcs>=0.4"]\nbuild-backend = "hatchling.build"\n' });
const plainProject = mkdtempSync(join(tmpdir(), "uv-ci-plain-"));
writeFiles(plainProject, { "pyproject.toml": '[build-system]\nrequires = ["hatchling"]\n' });

const ALL = ".env\n.env.*\n!.env.example\n.venv\n.git\n.claude/\n";
const header = LOCAL_STATE_HEADER;

const missing = (endColumn: number, data?: Record<string, string>) => ({
  messageId: "missingPatterns" as const,
  line: 1,
  column: 1,
  endLine: 1,
  endColumn,
  ...(data ? { data } : {}),
});

ruleTester.run("dockerignore-excludes-local-state", rule as never, {
  valid: [
    ALL,
    // The seed PR's file after its change, plus the secrets and the Git history.
    "# Virtual environments\n.venv\nvenv/\n\n# Agent state\n.claude/\n\n.git\n.env\n.env.*\n!.env.example\n",
    // Deny by default: everything is out already.
    "*\n!src\n!pyproject.toml\n!uv.lock\n",
    // Wider patterns cover the list; `**/` and leading `/` or `./` spellings count.
    ".*\n",
    ".env*\n.venv/\n/.git\n./.claude\n",
    "**/.env\n**/.env.*\n**/.venv\n**/.git\n**/.claude\n",
    // A file Docker refuses is left to other checks.
    "[\n",
    // The list is configurable.
    { code: ".env\n", options: [{ patterns: [".env"], keep: [] }] },
    // `.git` is not asked for when the project takes its version from Git.
    { code: ".env\n.env.*\n.venv\n.claude\n", filename: join(gitVersioned, ".dockerignore") },
    // An excluded `.env.example` that the file itself excludes stays the file's choice.
    ".env*\n.venv\n.git\n.claude\n",
  ],
  invalid: [
    {
      name: "the seed PR's .dockerignore: the agent state was added, the secrets and the Git history were not",
      code: "# Virtual environments\n.venv\nvenv/\n\n# Agent state\n.claude/\n",
      output: `# Virtual environments\n.venv\nvenv/\n\n# Agent state\n.claude/\n\n${header}\n.env\n.env.*\n.git\n!.env.example\n`,
      errors: [missing(23, { file: "<input>", missing: "`.env`, `.env.*` and `.git`", lines: "`.env`, `.env.*`, `.git` and `!.env.example`" })],
    },
    {
      name: "empty file",
      code: "",
      output: `${header}\n.env\n.env.*\n.venv\n.git\n.claude\n!.env.example\n`,
      errors: [missing(1)],
    },
    {
      name: "no final newline: the file still ends without one",
      code: "node_modules",
      output: `node_modules\n\n${header}\n.env\n.env.*\n.venv\n.git\n.claude\n!.env.example`,
      errors: [missing(13)],
    },
    {
      name: "CRLF, ending with a blank line: no second blank line",
      code: "__pycache__/\r\n.env\r\n.env.*\r\n\r\n",
      output: `__pycache__/\r\n.env\r\n.env.*\r\n\r\n${header}\r\n.venv\r\n.git\r\n.claude\r\n`,
      errors: [missing(13, { file: "<input>", missing: "`.venv`, `.git` and `.claude`", lines: "`.venv`, `.git` and `.claude`" })],
    },
    {
      name: "a later exception lets a path back in: the appended pattern wins, being last",
      code: "*\n!.venv\n!src\n",
      output: `*\n!.venv\n!src\n\n${header}\n.venv\n`,
      errors: [missing(2)],
    },
    {
      name: "only `.env.local` listed: `.env.*` still missing",
      code: ".env\n.env.local\n.venv\n.git\n.claude\n",
      output: `.env\n.env.local\n.venv\n.git\n.claude\n\n${header}\n.env.*\n!.env.example\n`,
      errors: [missing(5)],
    },
    {
      name: "a `.env.example` that the file already brings back after `.env.*` needs no exception from us",
      code: ".env.*\n!.env.example\n.venv\n.git\n.claude\n",
      output: `.env.*\n!.env.example\n.venv\n.git\n.claude\n\n${header}\n.env\n`,
      errors: [missing(7)],
    },
    {
      name: "`.git` is asked for when the project's version does not come from Git",
      code: ".env\n.env.*\n.venv\n.claude\n",
      filename: join(plainProject, ".dockerignore"),
      output: `.env\n.env.*\n.venv\n.claude\n\n${header}\n.git\n`,
      errors: [missing(5, { file: ".dockerignore", missing: "`.git`", lines: "`.git`" })],
    },
    {
      name: "options: `**/` patterns are probed one directory down too, and kept paths get exceptions",
      code: ".env\n",
      options: [{ patterns: ["**/.env", "secrets/*"], keep: ["secrets/README.md"] }],
      output: `.env\n\n${header}\n**/.env\nsecrets/*\n!secrets/README.md\n`,
      errors: [missing(5, { file: "<input>", missing: "`**/.env` and `secrets/*`", lines: "`**/.env`, `secrets/*` and `!secrets/README.md`" })],
    },
  ],
});
