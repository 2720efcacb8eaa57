/**
 * Whether Docker leaves a path out of the build context: patternmatcher's
 * `MatchesOrParentMatches`, which BuildKit's context transfer (fsutil) applies to every path.
 * https://docs.docker.com/build/concepts/context/#dockerignore-files
 */
import { BAD_PATTERN, hasGlobSyntaxError } from "./glob-syntax.js";
import { cleanPath, parentDirectory } from "./go-path.js";
import { compilePattern, newPattern, readIgnoreFile, type DockerPattern } from "./pattern.js";

/** What Docker decides for one path. */
export interface ExclusionVerdict {
  /** Whether the path (or one of its parent directories) is excluded by the last pattern that matches it. */
  excluded: boolean;
  /**
   * Indexes of the non-`!` patterns that keep the path out: each one that matches it after the
   * last `!` pattern that brought it back. Removing all of them, and nothing else, includes it.
   */
  excludedBy: number[];
  /** Set when Docker refuses the context: a pattern that `New` rejects, or a regexp that fails to compile when evaluated. */
  error: string | null;
}

/**
 * Decides one path, relative to the root of the build context, against patterns that
 * `patternmatcher.New` produced. A path matches when it or any parent directory matches;
 * `*` and `?` stay within one path element; `**` spans any number of them; case matters.
 */
export function matchPath(patterns: readonly DockerPattern[], path: string): ExclusionVerdict {
  const loadError = patterns.find((pattern) => pattern.error !== null && isLoadError(pattern))?.error ?? null;
  const file = cleanPath(path).replace(/^\/+/u, "");
  const verdict: ExclusionVerdict = { excluded: false, excludedBy: [], error: loadError };
  // patternmatcher.MatchesOrParentMatches: "Don't let them exclude everything, kind of silly."
  if (file === "." || file === "") return verdict;
  const parent = parentDirectory(file);
  const parentDirs = parent === "." ? [] : parent.split("/");
  const parents = parentDirs.map((_, depth) => parentDirs.slice(0, depth + 1).join("/"));
  patterns.forEach((pattern, index) => {
    // Docker skips patterns that cannot change the state; they only matter here for their errors.
    const evaluatedByDocker = pattern.exception === verdict.excluded;
    const test = pattern.error === null ? (pattern.compiled ?? compilePattern(pattern.cleaned)).test : undefined;
    if (!test) {
      if (evaluatedByDocker) verdict.error ??= pattern.error ?? BAD_PATTERN;
      return;
    }
    const matches = test(file) || parents.some(test);
    if (!matches) return;
    if (pattern.exception) {
      verdict.excluded = false;
      verdict.excludedBy = [];
    } else {
      verdict.excluded = true;
      verdict.excludedBy.push(index);
    }
  });
  return verdict;
}

/** Errors that `patternmatcher.New` reports before any path is matched. */
function isLoadError(pattern: DockerPattern): boolean {
  return pattern.cleaned === "" || hasGlobSyntaxError(pattern.cleaned);
}

/** Reads `.dockerignore` text the way Docker does and decides `path` (for tests and scripts). */
export function matchPathInIgnoreFile(text: string, path: string): ExclusionVerdict {
  const patterns = readIgnoreFile(text).flatMap((line) => newPattern(line) ?? []);
  return matchPath(patterns, path);
}
