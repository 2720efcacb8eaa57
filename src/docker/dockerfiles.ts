import fs from "node:fs";
import path from "node:path";
import { statOrNull } from "../repository/file-cache.js";
import { resolveInsideRoot } from "../repository/root.js";
import { isDockerfileName } from "../languages/files.js";

/**
 * Directory names the Dockerfile walk never enters: dependency and tool trees (a virtualenv's
 * packages ship Dockerfiles of their own) and example, documentation, test-fixture and vendored
 * folders (a tutorial's Dockerfile is not the project's toolchain). A Dockerfile in one of them can
 * still be named through the `dockerfiles` option.
 */
export const SKIPPED_DOCKERFILE_DIRECTORIES: ReadonlySet<string> = new Set([
  "node_modules",
  ".git",
  ".venv",
  "venv",
  ".tox",
  ".nox",
  "__pycache__",
  "site-packages",
  "example",
  "examples",
  "docs",
  "doc",
  "fixtures",
  "__fixtures__",
  "testdata",
  "test-data",
  "vendor",
  "third_party",
  "third-party",
  // A dev container is the developer's machine, not the CI runner whose cache setup-uv must read.
  ".devcontainer",
]);

/** A directory holding this file is a Python virtual environment (https://peps.python.org/pep-0405/). */
export const VIRTUALENV_MARKER = "pyvenv.cfg";

/** Limits that keep the walk cheap in huge or pathological trees. */
export const DOCKERFILE_WALK_LIMITS = {
  /** Directories deeper than this many levels below the root are not read. */
  maxDepth: 8,
  /** The walk stops reading directories after this many directory entries. */
  maxEntries: 20_000,
  /** The walk stops after this many Dockerfiles (the shallowest ones are kept). */
  maxDockerfiles: 100,
} as const;

/** Options of {@link findDockerfiles}. */
export interface FindDockerfilesOptions {
  /** Paths relative to the root; when given, exactly those that exist are returned and nothing is walked. */
  dockerfiles?: string[];
}

const walkCache = new Map<string, string[]>();

/** Forgets every cached walk, so that tests can change a tree and walk it again. */
export function clearDockerfileCaches(): void {
  walkCache.clear();
}

/** Orders paths shallowest first, then alphabetically (by UTF-16 code units, independent of locale). */
function compareShallowestFirst(root: string, a: string, b: string): number {
  const relativeA = path.relative(root, a).split(path.sep);
  const relativeB = path.relative(root, b).split(path.sep);
  if (relativeA.length !== relativeB.length) return relativeA.length - relativeB.length;
  const joinedA = relativeA.join("/");
  const joinedB = relativeB.join("/");
  return joinedA < joinedB ? -1 : joinedA > joinedB ? 1 : 0;
}

/** Whether `file` exists and is a regular file (following a final symlink). */
function isFile(file: string): boolean {
  return statOrNull(file)?.isFile() ?? false;
}

/** The explicitly configured Dockerfiles that exist inside the root, deduplicated and sorted. */
function listConfiguredDockerfiles(root: string, configured: readonly string[]): string[] {
  const found = new Set<string>();
  for (const relativePath of configured) {
    const resolved = resolveInsideRoot(root, relativePath);
    if (resolved !== null && isFile(resolved)) found.add(resolved);
  }
  return [...found].sort((a, b) => compareShallowestFirst(root, a, b));
}

/** Reads a directory's entries sorted by name, or null when it cannot be read. */
function readEntries(directory: string): fs.Dirent[] | null {
  try {
    return fs.readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return null;
  }
}

/**
 * The files below `root` whose name `isWanted` accepts, as absolute paths, shallowest first, then
 * alphabetical: a breadth-first walk within {@link DOCKERFILE_WALK_LIMITS} (at most `maxDockerfiles`
 * files kept) that skips {@link SKIPPED_DOCKERFILE_DIRECTORIES} and virtualenvs. Symlinked
 * directories are never entered (so link loops are harmless); a symlinked file counts only when its
 * target is a file inside the root. Unreadable directories are skipped silently.
 */
export function walkRepositoryFiles(root: string, isWanted: (fileName: string) => boolean): string[] {
  const found: string[] = [];
  let queue: string[] = [root];
  let entriesSeen = 0;
  for (let depth = 0; queue.length > 0 && depth <= DOCKERFILE_WALK_LIMITS.maxDepth; depth++) {
    const nextQueue: string[] = [];
    for (const directory of queue) {
      if (entriesSeen >= DOCKERFILE_WALK_LIMITS.maxEntries) break;
      const entries = readEntries(directory);
      if (entries === null) continue;
      entriesSeen += entries.length;
      if (directory !== root && entries.some((entry) => entry.name === VIRTUALENV_MARKER)) continue;
      for (const entry of entries) {
        const entryPath = path.join(directory, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_DOCKERFILE_DIRECTORIES.has(entry.name)) nextQueue.push(entryPath);
        } else if (isWanted(entry.name)) {
          const usable = entry.isFile() || (entry.isSymbolicLink() && resolveInsideRoot(root, entryPath) !== null && isFile(entryPath));
          if (usable) found.push(entryPath);
        }
      }
    }
    queue = found.length >= DOCKERFILE_WALK_LIMITS.maxDockerfiles ? [] : nextQueue;
  }
  return found.sort((a, b) => compareShallowestFirst(root, a, b)).slice(0, DOCKERFILE_WALK_LIMITS.maxDockerfiles);
}

/**
 * The Dockerfiles of a repository as absolute paths, shallowest first, then alphabetical.
 *
 * With `options.dockerfiles` (paths relative to `root`) exactly those files are returned that exist
 * and lie inside the root; nothing is walked. Otherwise the tree below `root` is walked within
 * {@link DOCKERFILE_WALK_LIMITS}, skipping {@link SKIPPED_DOCKERFILE_DIRECTORIES} and virtualenvs;
 * unreadable directories are skipped silently. The walk runs once per root per process: its result
 * is cached until {@link clearDockerfileCaches}.
 */
export function findDockerfiles(root: string, options: FindDockerfilesOptions = {}): string[] {
  const absoluteRoot = path.resolve(root);
  if (options.dockerfiles !== undefined) return listConfiguredDockerfiles(absoluteRoot, options.dockerfiles);
  let cached = walkCache.get(absoluteRoot);
  if (cached === undefined) {
    cached = walkRepositoryFiles(absoluteRoot, isDockerfileName);
    walkCache.set(absoluteRoot, cached);
  }
  return [...cached];
}
