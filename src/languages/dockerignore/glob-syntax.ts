/**
 * Go's `filepath.Match` syntax check, which `patternmatcher.New` runs on every pattern
 * (`filepath.Match(p, ".")`): Docker refuses the whole build context when it fails.
 * The check does not depend on the name, so this is a translation of `scanChunk`,
 * `matchChunk` and `getEsc` that keeps only their error paths (Unix: `\` escapes).
 * https://cs.opensource.google/go/go/+/refs/tags/go1.22.0:src/path/filepath/match.go
 */

/** Go's `filepath.ErrBadPattern` message. */
export const BAD_PATTERN = "syntax error in pattern";

/** Whether Go's `filepath.Match` rejects `pattern` with `ErrBadPattern`. */
export function hasGlobSyntaxError(pattern: string): boolean {
  let rest = pattern;
  while (rest.length > 0) {
    rest = rest.replace(/^\*+/u, "");
    const end = chunkEnd(rest);
    if (!isValidChunk(rest.slice(0, end))) return true;
    rest = rest.slice(end);
  }
  return false;
}

/** `scanChunk`: a chunk ends at the first `*` outside `[...]`; `\` skips the next character. */
function chunkEnd(pattern: string): number {
  let inRange = false;
  let i = 0;
  for (; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") {
      if (i + 1 < pattern.length) i++;
    } else if (ch === "[") {
      inRange = true;
    } else if (ch === "]") {
      inRange = false;
    } else if (ch === "*" && !inRange) {
      break;
    }
  }
  return i;
}

/** `matchChunk`'s syntax errors: a trailing `\`, and malformed character classes. */
function isValidChunk(chunk: string): boolean {
  let i = 0;
  while (i < chunk.length) {
    const ch = chunk[i];
    if (ch === "[") {
      i++;
      if (chunk[i] === "^") i++;
      let ranges = 0;
      for (;;) {
        if (chunk[i] === "]" && ranges > 0) {
          i++;
          break;
        }
        const lo = classCharEnd(chunk, i);
        if (lo === null) return false;
        i = lo;
        if (chunk[i] === "-") {
          const hi = classCharEnd(chunk, i + 1);
          if (hi === null) return false;
          i = hi;
        }
        ranges++;
      }
    } else if (ch === "\\") {
      if (i + 1 >= chunk.length) return false;
      i += 2;
    } else {
      i++;
    }
  }
  return true;
}

/** `getEsc`: where one class character (maybe `\`-escaped) ends, or null when Go reports an error. */
function classCharEnd(chunk: string, start: number): number | null {
  let i = start;
  if (i >= chunk.length || chunk[i] === "-" || chunk[i] === "]") return null;
  if (chunk[i] === "\\") {
    i++;
    if (i >= chunk.length) return null;
  }
  i += (chunk.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  // Go also rejects a class that ends right after this character (no closing `]`).
  return i >= chunk.length ? null : i;
}
