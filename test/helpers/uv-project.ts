import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFiles } from "./cli.js";

/** A Dockerfile that installs a pinned uv, copies the whole build context and syncs with uv. */
export const UV_DOCKERFILE = "FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.11.8 /uv /bin/\nWORKDIR /app\nCOPY . .\nRUN uv sync --frozen\n";

/**
 * A temporary Git repository (its `.git` folder makes it the root) where stripping
 * `.python-version` from the root build context matters: a committed `.python-version` and
 * {@link UV_DOCKERFILE}, plus `files`. Returns its directory.
 */
export function uvProjectWithPythonVersion(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-uv-project-"));
  mkdirSync(join(dir, ".git"), { recursive: true });
  writeFiles(dir, { ".python-version": "3.12\n", Dockerfile: UV_DOCKERFILE, ...files });
  return dir;
}
