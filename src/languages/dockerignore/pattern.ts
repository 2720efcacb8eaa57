/**
 * One `.dockerignore` pattern as Docker reads and matches it: a translation of
 * moby/patternmatcher's `ignorefile.ReadAll` (per line) and of `New`, `compile` and `match`.
 * https://github.com/moby/patternmatcher/blob/main/ignorefile/ignorefile.go
 * https://github.com/moby/patternmatcher/blob/main/patternmatcher.go
 */
import { BAD_PATTERN, hasGlobSyntaxError } from "./glob-syntax.js";
import { cleanPath, trimSpace } from "./go-path.js";
// patternmatcher hands Go's RE2 a regexp in which `[`, `]`, `^` and escapes come straight from the
// user's pattern (`\d`, `[[:alpha:]]`, `[Local-Only]` as a compile error): re2js, a port of RE2,
// reads that syntax as Go does (test/dockerignore/re2.test.ts holds it to Go's behaviour).
import type { RE2JS } from "re2js";
import { re2js } from "../../lazy-modules.js";

/** What `ignorefile.ReadAll` makes of one line (without its `\n`, `\r` or first-line BOM). */
export type IgnoreLine = { kind: "blank" } | { kind: "comment" } | { kind: "pattern"; readAll: string };

/** `ReadAll` for one line: `#` in column 1 is a comment; `!` is re-trimmed; paths are cleaned; one leading `/` goes. */
export function readIgnoreLine(line: string): IgnoreLine {
  if (line.startsWith("#")) return { kind: "comment" };
  let pattern = trimSpace(line);
  if (pattern === "") return { kind: "blank" };
  const invert = pattern.startsWith("!");
  if (invert) pattern = trimSpace(pattern.slice(1));
  if (pattern.length > 0) {
    pattern = cleanPath(pattern);
    if (pattern.length > 1 && pattern.startsWith("/")) pattern = pattern.slice(1);
  }
  return { kind: "pattern", readAll: invert ? `!${pattern}` : pattern };
}

/**
 * The patterns `ignorefile.ReadAll` returns for a whole file: a BOM is stripped, lines end at
 * `\n` with one `\r` dropped (a lone `\r` does not end a line).
 */
export function readIgnoreFile(text: string): string[] {
  const lines = text.replace(/^\uFEFF/u, "").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.flatMap((line) => {
    const read = readIgnoreLine(line.endsWith("\r") ? line.slice(0, -1) : line);
    return read.kind === "pattern" ? [read.readAll] : [];
  });
}

// patternmatcher's match types: `exact`, `prefix` (`dir/**`), `suffix` (`**/name`, `**name`) or a regexp.
type MatchType = "exact" | "prefix" | "suffix" | "regexp";

/** A pattern compiled as patternmatcher does; `test` is undefined when Go's `regexp.Compile` fails. */
export interface CompiledPattern {
  matchType: MatchType;
  /** The RE2 source patternmatcher builds (for `regexp` only). */
  re2?: string;
  test?: (path: string) => boolean;
  error?: string;
}

/** A pattern after `patternmatcher.New`: the `!` flag, the cleaned text, and why Docker refuses it. */
export interface DockerPattern {
  exception: boolean;
  cleaned: string;
  /** Set when `New` fails (`!` alone, `filepath.Match` syntax) or the regexp does not compile. */
  error: string | null;
  /** `compilePattern(cleaned)`, when already known. */
  compiled?: CompiledPattern;
}

/** `patternmatcher.New` for one pattern as `ReadAll` returned it; null for a blank one. */
export function newPattern(readAll: string): DockerPattern | null {
  let pattern = trimSpace(readAll);
  if (pattern === "") return null;
  pattern = cleanPath(pattern);
  const exception = pattern.startsWith("!");
  if (exception) {
    if (pattern.length === 1) return { exception, cleaned: "", error: 'illegal exclusion pattern: "!"' };
    pattern = pattern.slice(1);
  }
  if (hasGlobSyntaxError(pattern)) return { exception, cleaned: pattern, error: BAD_PATTERN };
  const compiled = compilePattern(pattern);
  return { exception, cleaned: pattern, error: compiled.error ?? null, compiled };
}

const GLOB_OR_ESCAPE = /[*?[\]\\\uFEFF]/u;

/** patternmatcher's `compile` (with `/` as separator). */
export function compilePattern(cleaned: string): CompiledPattern {
  // Fast path for the common literal pattern: no character below turns it into anything but `exact`.
  if (!GLOB_OR_ESCAPE.test(cleaned)) return { matchType: "exact", test: (path) => path === cleaned };
  return compileScanned(cleaned);
}

// Regexp metacharacters without glob meaning that patternmatcher escapes (`shouldEscape`).
const ESCAPED = new Set([".", "+", "(", ")", "|", "{", "}", "$"]);

function compileScanned(cleaned: string): CompiledPattern {
  // Go's text/scanner skips a BOM at the start and reads runes.
  const chars = Array.from(cleaned.replace(/^\uFEFF/u, ""));
  let re2 = "^";
  let matchType: MatchType = "exact";
  for (let at = 0, i = 0; at < chars.length; i++) {
    const ch = chars[at++]!;
    if (ch === "*" && chars[at] === "*") {
      at++;
      if (chars[at] === "/") at++;
      if (at >= chars.length) {
        if (matchType === "exact") matchType = "prefix";
        else {
          re2 += ".*";
          matchType = "regexp";
        }
      } else {
        // `**` matches any number of directories, including none.
        re2 += "(.*/)?";
        matchType = "regexp";
      }
      if (i === 0) matchType = "suffix";
    } else if (ch === "*") {
      re2 += "[^/]*";
      matchType = "regexp";
    } else if (ch === "?") {
      re2 += "[^/]";
      matchType = "regexp";
    } else if (ESCAPED.has(ch)) {
      re2 += `\\${ch}`;
    } else if (ch === "\\") {
      if (at < chars.length) {
        re2 += `\\${chars[at++]}`;
        matchType = "regexp";
      } else {
        re2 += "\\";
      }
    } else if (ch === "[" || ch === "]") {
      re2 += ch;
      matchType = "regexp";
    } else {
      re2 += ch;
    }
  }
  switch (matchType) {
    case "exact":
      return { matchType, test: (path) => path === cleaned };
    case "prefix": {
      const prefix = cleaned.slice(0, -2);
      return { matchType, test: (path) => path.startsWith(prefix) };
    }
    case "suffix": {
      const suffix = cleaned.slice(2);
      return { matchType, test: (path) => path.endsWith(suffix) || (suffix.startsWith("/") && path === suffix.slice(1)) };
    }
    case "regexp": {
      re2 += "$";
      let compiled: RE2JS;
      try {
        compiled = re2js().compile(re2);
      } catch {
        return { matchType, re2, error: BAD_PATTERN };
      }
      return { matchType, re2, test: (path) => compiled.test(path) };
    }
  }
}
