import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RuleTester } from "eslint";
import { describe, it } from "vitest";
import rule from "../../rules/no-uv-cache-in-image.js";
import { dockerfileLanguage } from "../../src/languages/dockerfile/language.js";
import { writeFiles } from "../helpers/cli.js";

RuleTester.describe = describe;
RuleTester.it = it;

const ruleTester = new RuleTester({
  plugins: { "uv-ci": { languages: { dockerfile: dockerfileLanguage } } },
  language: "uv-ci/dockerfile",
});

/** `name` in a fresh repository holding `files`. */
function pathIn(name: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-cache-image-"));
  writeFiles(dir, { ".git/HEAD": "ref: refs/heads/main\n", ...files });
  return join(dir, name);
}

const SYNC = "FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.11.8 /uv /bin/uv\nCOPY . /app\nRUN cd /app && uv sync --frozen\n";
const app = pathIn("Dockerfile");
/** The seed's layout: a runner image under .github/ bakes its cache on purpose, for CI to read. */
const runnerImage = pathIn(".github/runners/Dockerfile", { ".github/runners/Dockerfile": SYNC });

ruleTester.run("no-uv-cache-in-image", rule as never, {
  valid: [
    { filename: app, code: "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen\n" },
    { filename: app, code: "FROM python:3.12-slim\nRUN uv sync --frozen --no-cache\n" },
    { filename: app, code: "FROM python:3.12-slim\nENV UV_NO_CACHE=1\nRUN uv sync --frozen\n" },
    { filename: app, code: "FROM python:3.12-slim\nRUN uv sync --frozen && uv cache clean\n" },
    // Built in a stage the final image only copies from: the cache stays behind.
    { filename: app, code: "FROM python:3.12 AS build\nRUN uv sync --frozen\nFROM python:3.12-slim\nCOPY --from=build /app /app\n" },
    // A CI runner image bakes it for CI; an example's reader decides.
    { filename: runnerImage, code: SYNC },
    { filename: pathIn("examples/app/Dockerfile"), code: SYNC },
  ],
  invalid: [
    {
      name: "uv sync without a cache mount or --no-cache",
      filename: app,
      code: SYNC,
      errors: [{ messageId: "cacheInImage", line: 4, column: 1, endLine: 4, endColumn: 32 }],
    },
    {
      name: "the last RUN that fills the cache, in the stage the final image is built FROM",
      filename: app,
      code: "FROM python:3.12 AS base\nRUN uv pip install --system -r requirements.txt\nFROM base\nRUN echo done\n",
      errors: [{ messageId: "cacheInImage", line: 2, column: 1, endLine: 2, endColumn: 48 }],
    },
  ],
});
