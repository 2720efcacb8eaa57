/**
 * Parses `.dockerignore` text into the `uv-ci/dockerignore` AST. Lines are read as Docker's
 * `ignorefile.ReadAll` reads them (see pattern.ts); any text is accepted, nothing throws.
 */
import type { Position } from "@eslint/core";
import type { CommentNode, DockerignoreFile, DockerignoreLine, PatternNode } from "./ast.js";
import { leadingSpaceLength, lengthWithoutTrailingSpace } from "./go-path.js";
import { newPattern, readIgnoreLine, type DockerPattern } from "./pattern.js";

/** The compiled pattern behind each node, so that rules do not compile every line again. */
const dockerPatterns = new WeakMap<PatternNode, DockerPattern>();

/** The pattern Docker builds from a line (exception flag, cleaned text, error, compiled matcher). */
export function dockerPatternOf(node: PatternNode): DockerPattern {
  let pattern = dockerPatterns.get(node);
  if (!pattern) {
    pattern = { exception: node.exception, cleaned: node.normalized, error: node.error };
    dockerPatterns.set(node, pattern);
  }
  return pattern;
}

/** Builds the AST; `loc` lines and columns agree with `TextSourceCodeBase` (lines end at `\r?\n`). */
export function parseDockerignore(text: string): DockerignoreFile {
  const body: DockerignoreLine[] = [];
  let lineNumber = 1;
  for (let lineStart = 0; lineStart <= text.length; lineNumber++) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    // Go's bufio.ScanLines drops one `\r` before the end of a line; ReadAll strips a BOM on line 1.
    const contentStart = lineNumber === 1 && text.startsWith("\uFEFF") ? 1 : lineStart;
    const contentEnd = lineEnd > contentStart && text[lineEnd - 1] === "\r" ? lineEnd - 1 : lineEnd;
    const node = parseLine(text.slice(contentStart, contentEnd), contentStart, lineNumber, lineStart);
    if (node) body.push(node);
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  const lastLineStart = text.lastIndexOf("\n") + 1;
  return {
    type: "DockerignoreFile",
    body,
    range: [0, text.length],
    loc: { start: { line: 1, column: 0 }, end: { line: lineNumber, column: text.length - lastLineStart } },
  };
}

function parseLine(content: string, offset: number, line: number, lineStart: number): DockerignoreLine | null {
  const read = readIgnoreLine(content);
  const at = (index: number): Position => ({ line, column: index - lineStart });
  if (read.kind === "comment") {
    const comment: CommentNode = {
      type: "Comment",
      value: content.slice(1),
      range: [offset, offset + content.length],
      loc: { start: at(offset), end: at(offset + content.length) },
    };
    return comment;
  }
  if (read.kind === "blank") return null;
  const start = offset + leadingSpaceLength(content);
  const end = offset + lengthWithoutTrailingSpace(content);
  const pattern = newPattern(read.readAll);
  const node: PatternNode = {
    type: "Pattern",
    raw: content.slice(start - offset, end - offset),
    exception: pattern?.exception ?? false,
    normalized: pattern?.cleaned ?? "",
    error: pattern?.error ?? null,
    range: [start, end],
    loc: { start: at(start), end: at(end) },
  };
  if (pattern) dockerPatterns.set(node, pattern);
  return node;
}
