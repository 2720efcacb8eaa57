import { existsSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { readPyproject } from "./pyproject.js";
import { tomlTable } from "./uv-required-version.js";

/**
 * The `uv.lock` that uv uses for a command run in `directory` (inside `root`), as uv finds its project
 * (https://docs.astral.sh/uv/concepts/projects/workspaces/): the nearest directory with a
 * `pyproject.toml` is the project; its own `uv.lock`, else the lockfile of an enclosing workspace
 * whose `[tool.uv.workspace] members` take it in. Null when the directory is not on disk (a clone
 * the job makes), no project holds it, or the project has no lockfile of its own or of a workspace.
 */
export function governingLockfile(root: string, directory: string): string | null {
  if (!existsSync(directory)) return null;
  let project: string | null = null;
  for (let current: string | null = directory; current !== null; current = current === root ? null : parentOf(current)) {
    const lockfile = join(current, "uv.lock");
    if (existsSync(lockfile)) return project === null || project === current || isWorkspaceMember(current, project) ? lockfile : null;
    if (project === null && existsSync(join(current, "pyproject.toml"))) project = current;
  }
  return null;
}

function parentOf(path: string): string | null {
  const parent = dirname(path);
  return parent === path ? null : parent;
}

/** Whether the workspace at `workspaceRoot` lists `project` among its members and does not exclude it. */
function isWorkspaceMember(workspaceRoot: string, project: string): boolean {
  const workspace = tomlTable(tomlTable(tomlTable(readPyproject(workspaceRoot)?.["tool"])?.["uv"])?.["workspace"]);
  const path = relative(workspaceRoot, project).split(sep).join("/");
  const matches = (globs: unknown): boolean => Array.isArray(globs) && globs.some((glob) => typeof glob === "string" && globMatches(glob, path));
  return matches(workspace?.["members"]) && !matches(workspace?.["exclude"]);
}

/**
 * Whether a workspace glob (`packages/*`, `libs/**`) matches a relative path: `*` within one segment,
 * `**` across any. Hand-written: members globs use only these, and one match needs no glob library.
 */
function globMatches(glob: string, path: string): boolean {
  const pattern = glob
    .replace(/^\.\//, "")
    .replace(/\/+$/, "")
    .split(/(\*\*\/?|\*|\?)/)
    .map((part) => (part.startsWith("**") ? "(?:.*/)?" + (part.endsWith("/") ? "" : ".*") : part === "*" ? "[^/]*" : part === "?" ? "[^/]" : part.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${pattern}$`).test(path);
}
