/**
 * The few Go standard-library functions that Docker applies to `.dockerignore` lines, for
 * slash-separated paths (Docker on Linux and macOS; the Windows CLI uses `\` and no escapes).
 */

/** Code points for which Go's `unicode.IsSpace` is true; JavaScript's `trim()` differs (U+FEFF, U+0085). */
const GO_SPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
  0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** Whether Go's `unicode.IsSpace` holds for the UTF-16 unit (all Go spaces are in the BMP). */
function isGoSpace(charCode: number): boolean {
  return GO_SPACE.has(charCode);
}

/** Length of the leading run of Go white space in `text`. */
export function leadingSpaceLength(text: string): number {
  let start = 0;
  while (start < text.length && isGoSpace(text.charCodeAt(start))) start++;
  return start;
}

/** Length of `text` without its trailing run of Go white space. */
export function lengthWithoutTrailingSpace(text: string): number {
  let end = text.length;
  while (end > 0 && isGoSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

/** Go's `strings.TrimSpace`. */
export function trimSpace(text: string): string {
  const start = leadingSpaceLength(text);
  return start === text.length ? "" : text.slice(start, lengthWithoutTrailingSpace(text));
}

/** Something `cleanPath` changes: `//`, a `.` or `..` element, or a trailing `/` (other than `/` itself). */
const NOT_CLEAN = /\/\/|(?:^|\/)\.\.?(?:\/|$)|.\/$/u;

/**
 * Go's `path.Clean` (= `filepath.Clean` with `/`): collapses `//`, drops `.` elements, resolves
 * `..` against the preceding element, drops a trailing `/`, and returns `.` for an empty result.
 * https://pkg.go.dev/path#Clean
 */
export function cleanPath(path: string): string {
  if (path !== "" && !NOT_CLEAN.test(path)) return path;
  const rooted = path.startsWith("/");
  const out: string[] = [];
  for (const element of path.split("/")) {
    if (element === "" || element === ".") continue;
    if (element !== "..") out.push(element);
    else if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else if (!rooted) out.push("..");
  }
  const cleaned = (rooted ? "/" : "") + out.join("/");
  return cleaned === "" ? "." : cleaned;
}

/** Go's `path.Dir`: everything but the last element, cleaned (`.` when there is no directory). */
export function parentDirectory(path: string): string {
  return cleanPath(path.slice(0, path.lastIndexOf("/") + 1));
}
