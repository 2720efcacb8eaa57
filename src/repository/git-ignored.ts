import { readFileSync } from "node:fs";
import path from "node:path";
import type { Ignore } from "ignore";
import { gitIgnoreRules } from "../lazy-modules.js";

/** The rules of one ignore file and the directory its patterns are relative to. */
interface IgnoreFileRules {
  directory: string;
  rules: Ignore;
}

/** An ignore file's rules, or null when it cannot be read. */
function readIgnoreRules(file: string, directory: string): IgnoreFileRules | null {
  try {
    return { directory, rules: gitIgnoreRules().add(readFileSync(file, "utf8")) };
  } catch {
    return null;
  }
}

/** `child` relative to `parent` with `/` separators, or null when it is not below `parent`. */
function relativeBelow(parent: string, child: string): string | null {
  const relative = path.relative(parent, child);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return null;
  return relative.split(path.sep).join("/");
}

/**
 * Whether Git ignores `file` (an absolute path inside `root`), read from the repository's own files
 * without running git: `.git/info/exclude` and every `.gitignore` from `root` down to the file's
 * directory (https://git-scm.com/docs/gitignore). Git's precedence is kept: the deepest `.gitignore`
 * that matches decides, the last matching line within it wins, and a file whose parent directory is
 * ignored stays ignored whatever a `!` line says, since Git never looks inside that directory.
 * Patterns are read by the `ignore` package, which follows Git's syntax (not Docker's).
 *
 * The user's global excludes file is not read, and a file that was committed before it was ignored
 * is tracked even so: an ignored answer can be wrong there, a not-ignored one cannot.
 */
export function isGitIgnored(root: string, file: string): boolean {
  const relative = relativeBelow(root, file);
  if (relative === null) return false;
  const segments = relative.split("/");
  const exclude = readIgnoreRules(path.join(root, ".git", "info", "exclude"), root);
  const byDepth: (IgnoreFileRules | null)[] = [];
  for (let depth = 0; depth < segments.length; depth++) {
    const directory = path.join(root, ...segments.slice(0, depth));
    byDepth.push(readIgnoreRules(path.join(directory, ".gitignore"), directory));
    // The path down to this segment: a directory (with Git's trailing `/`) until the file itself.
    const isLast = depth === segments.length - 1;
    const candidate = path.join(root, ...segments.slice(0, depth + 1));
    const deepestFirst = [...byDepth].reverse();
    for (const level of [...deepestFirst, exclude]) {
      if (level === null) continue;
      const below = relativeBelow(level.directory, candidate);
      if (below === null) continue;
      const verdict = level.rules.test(isLast ? below : `${below}/`);
      if (verdict.ignored) return true;
      if (verdict.unignored) break;
    }
  }
  return false;
}
