/**
 * Whole-line text edits for `.dockerignore` fixes: they keep the file's line endings (CRLF or
 * LF), its other lines and comments, and whether it ends with a newline.
 */

/** Range to remove so that the line holding `range` disappears with exactly one line break. */
export function lineRemovalRange(text: string, range: readonly [number, number]): [number, number] {
  const lineStart = text.lastIndexOf("\n", range[0] - 1) + 1;
  const newline = text.indexOf("\n", range[1]);
  if (newline >= 0) return [lineStart, newline + 1];
  // The last line has no final newline: remove the break before it, so the file still has none,
  // unless it is the file's only line break. A file without any would leave a later fix (another
  // rule's, in ESLint's next pass) no way to see that the file uses CRLF (see lineEndingNear), so
  // that break stays and the file ends with a newline.
  if (lineStart === 0) return [0, text.length];
  if (text.indexOf("\n") === lineStart - 1) return [lineStart, text.length];
  const breakStart = text[lineStart - 2] === "\r" ? lineStart - 2 : lineStart - 1;
  return [breakStart, text.length];
}

/**
 * The line ending after the line holding `index`, else the file's first one, else `\n`. A file
 * with no line break has no line ending to keep; the fixes here never remove a file's last line
 * break (see lineRemovalRange), so a file that had CRLF keeps one for the next edit to read.
 */
export function lineEndingNear(text: string, index: number): string {
  const own = text.indexOf("\n", index);
  const newline = own >= 0 ? own : text.indexOf("\n");
  if (newline < 0) return "\n";
  return text[newline - 1] === "\r" ? "\r\n" : "\n";
}

/** Where and what to insert so that `line` becomes a new line right after the line holding `index`. */
export function lineInsertionAfter(text: string, index: number, line: string): { at: number; text: string } {
  const eol = lineEndingNear(text, index);
  const newline = text.indexOf("\n", index);
  if (newline >= 0) return { at: newline + 1, text: `${line}${eol}` };
  return { at: text.length, text: `${eol}${line}` };
}
