import fs from "node:fs";
import path from "node:path";
import { isActionMetadataFileName } from "../languages/files.js";
import { cacheLast } from "./file-cache.js";

/**
 * The repository a linted file belongs to, as an absolute directory.
 *
 * - A workflow at `<root>/.github/workflows/<name>` belongs to `<root>`: GitHub reads workflows only
 *   from that folder of the repository root, never from its subfolders
 *   (https://docs.github.com/en/actions/writing-workflows/about-workflows#about-workflows).
 * - An action's `action.yml` or `action.yaml` under `<root>/.github/` (`.github/actions/setup/action.yml`)
 *   belongs to `<root>`: a workflow runs it as `uses: ./.github/…`, from the root of its checkout.
 * - Otherwise the nearest ancestor directory holding `.git` (a directory, or a file in worktrees and
 *   submodules) is the root.
 * - Otherwise `cwd`.
 */
export function findRepositoryRoot(filePath: string, cwd: string): string {
  const absoluteFile = path.resolve(cwd, filePath);
  const directory = path.dirname(absoluteFile);
  const parent = path.dirname(directory);
  if (path.basename(directory) === "workflows" && path.basename(parent) === ".github") {
    return path.dirname(parent);
  }
  if (isActionMetadataFileName(absoluteFile)) {
    for (let current = directory; path.dirname(current) !== current; current = path.dirname(current)) {
      if (path.basename(current) === ".github") return path.dirname(current);
    }
  }
  for (let current = directory; ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, ".git"))) return current;
    if (path.dirname(current) === current) break;
  }
  return path.resolve(cwd);
}

/** Whether `candidate` is `root` itself or lies below it; both must be absolute and normalised. */
function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** `fs.realpathSync`, or null when the path does not exist or cannot be resolved. */
function realPathOrNull(target: string): string | null {
  try {
    return fs.realpathSync(target);
  } catch {
    return null;
  }
}

/**
 * Resolves a user-supplied path (for example an entry of a rule's `dockerfiles` option) against the
 * repository root. Returns the absolute path, or null when it lies outside `root`: either lexically
 * (after `..` is resolved) or, when the path exists, after its symlinks are resolved. Callers read a
 * file only through this check, so nothing outside the repository is ever read.
 */
export function resolveInsideRoot(root: string, relativePath: string): string | null {
  const absoluteRoot = path.resolve(root);
  const resolved = path.resolve(absoluteRoot, relativePath);
  if (!isInside(absoluteRoot, resolved)) return null;
  const realTarget = realPathOrNull(resolved);
  if (realTarget === null) return resolved;
  const realRoot = realPathOrNull(absoluteRoot) ?? absoluteRoot;
  return isInside(realRoot, realTarget) ? resolved : null;
}

/**
 * The root of the lint a context belongs to, keyed by the source code object every rule's context
 * of that lint shares; null for a context without one (some tests), which then caches nothing.
 */
const lintRoot = cacheLast<object, { root?: string }>(() => ({}));

/**
 * What identifies the lint of one file: the same object for every rule of that lint, another for the
 * next lint (of this file or another); null for a context without its source code (some tests).
 */
export function currentLint(context: { sourceCode?: unknown }): object | null {
  return typeof context.sourceCode === "object" && context.sourceCode !== null ? lintRoot(context.sourceCode) : null;
}

/**
 * The file's repository root: see `findRepositoryRoot`. Computed once per linted file when the
 * context carries its `sourceCode`, however many rules ask (see docs/performance.md).
 */
export function repositoryRootOf(context: { filename: string; cwd: string; sourceCode?: unknown }): string {
  const state = currentLint(context) as { root?: string } | null;
  if (state?.root !== undefined) return state.root;
  const root = findRepositoryRoot(context.filename, context.cwd);
  if (state) state.root = root;
  return root;
}
