import type { RuleFixer } from "@eslint/core";

/**
 * Whole-line text edits that every fix builds on, whatever the language: they keep the file's line
 * endings (CRLF or LF), its other lines and comments, and whether it ends with a newline.
 */

/** A text insertion, applied with `fixer.insertTextAfterRange([offset, offset], text)`. */
export interface Insertion {
  offset: number;
  text: string;
}

/** The fix that applies an insertion, or null when there is none to apply. */
export function insertionFix(insertion: Insertion | null): RuleFixer | null {
  return insertion ? (fixer) => fixer.insertTextAfterRange([insertion.offset, insertion.offset], insertion.text) : null;
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

/** The file's line ending: CRLF when its first line break is CRLF. */
export function detectEol(text: string): string {
  return lineEndingNear(text, 0);
}

/** Offset of the first character of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** Offset just past the line break that ends the line holding `offset` (text length on the last line). */
export function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf("\n", offset);
  return newline < 0 ? text.length : newline + 1;
}

/**
 * Inserts `lines` (without line breaks) as whole lines after the line holding `offset`.
 * On a last line with no final newline the line break goes first, so the file keeps ending without one.
 */
export function insertLinesAfter(text: string, offset: number, lines: string[], eol: string): Insertion {
  // A YAML block scalar's range already ends at the start of the next line.
  const at = offset > 0 && text[offset - 1] === "\n" ? offset : nextLineStart(text, offset);
  const endsWithBreak = at > 0 && text[at - 1] === "\n";
  return endsWithBreak ? { offset: at, text: lines.map((line) => line + eol).join("") } : { offset: at, text: lines.map((line) => eol + line).join("") };
}

/** Range to remove so that the line holding `range` disappears with exactly one line break. */
export function lineRemovalRange(text: string, range: readonly [number, number]): [number, number] {
  const start = lineStart(text, range[0]);
  const newline = text.indexOf("\n", range[1]);
  if (newline >= 0) return [start, newline + 1];
  // The last line has no final newline: remove the break before it, so the file still has none,
  // unless it is the file's only line break. A file without any would leave a later fix (another
  // rule's, in ESLint's next pass) no way to see that the file uses CRLF (see lineEndingNear), so
  // that break stays and the file ends with a newline.
  if (start === 0) return [0, text.length];
  if (text.indexOf("\n") === start - 1) return [start, text.length];
  const breakStart = text[start - 2] === "\r" ? start - 2 : start - 1;
  return [breakStart, text.length];
}
