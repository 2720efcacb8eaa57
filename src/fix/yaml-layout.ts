import type { AST } from "yaml-eslint-parser";

/**
 * Text edits for YAML fixes, built from the file's own layout: its line ending,
 * its indentation unit and the blank lines it leaves between keys. Every fix that
 * inserts YAML goes through here so that no rule hard-codes a two-space template.
 */

/** A text insertion, applied with `fixer.insertTextAfterRange([offset, offset], text)`. */
export interface Insertion {
  offset: number;
  text: string;
}

/** The file's line ending: CRLF when its first line break is CRLF. */
export function detectEol(text: string): string {
  const newline = text.indexOf("\n");
  return newline > 0 && text[newline - 1] === "\r" ? "\r\n" : "\n";
}

/**
 * The file's indentation unit: how far the first nested block mapping is indented
 * under its key. 2 when nothing is nested.
 */
export function detectIndentUnit(program: AST.YAMLProgram): number {
  let unit = 0;
  const visit = (node: AST.YAMLNode | null | undefined): void => {
    if (!node || unit > 0) return;
    if (node.type === "YAMLPair") {
      const value = node.value?.type === "YAMLWithMeta" ? node.value.value : node.value;
      if (value?.type === "YAMLMapping" && value.style === "block" && value.loc.start.line > node.loc.start.line) {
        const depth = value.loc.start.column - node.loc.start.column;
        if (depth > 0) unit = depth;
      }
      visit(node.value);
    } else if (node.type === "YAMLMapping") {
      node.pairs.forEach(visit);
    } else if (node.type === "YAMLSequence") {
      node.entries.forEach(visit);
    } else if (node.type === "YAMLWithMeta") {
      visit(node.value);
    } else if (node.type === "YAMLDocument") {
      visit(node.content);
    }
  };
  program.body.forEach(visit);
  return unit || 2;
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
  const at = nextLineStart(text, offset);
  const endsWithBreak = at > 0 && text[at - 1] === "\n";
  return endsWithBreak ? { offset: at, text: lines.map((line) => line + eol).join("") } : { offset: at, text: lines.map((line) => eol + line).join("") };
}

/**
 * Inserts `key: value` as the last pair of a mapping: a new line at the pairs' indentation
 * for a block mapping, `, key: value` for a flow mapping. Null when the mapping has no pairs
 * to align with.
 */
export function appendPair(text: string, mapping: AST.YAMLMapping, key: string, value: string): Insertion | null {
  const last = mapping.pairs.at(-1);
  if (mapping.style === "flow") {
    if (!last) return { offset: mapping.range[0] + 1, text: `${key}: ${value}` };
    return { offset: last.range[1], text: `, ${key}: ${value}` };
  }
  if (!last) return null;
  const indent = " ".repeat(last.loc.start.column);
  return insertLinesAfter(text, last.range[1], [`${indent}${key}: ${value}`], detectEol(text));
}

/**
 * The offset where a block is inserted before `node` without separating it from
 * the comment lines directly above it.
 */
export function startOfLeadingComments(lines: string[], text: string, node: AST.YAMLNode): number {
  let line = node.loc.start.line - 1; // 0-based index of the node's line
  while (line > 0 && lines[line - 1]?.trimStart().startsWith("#")) line--;
  return line === node.loc.start.line - 1 ? lineStart(text, node.range[0]) : offsetOfLine(lines, text, line);
}

/** Count of blank lines directly above the line at `offset`. */
export function blankLinesAbove(lines: string[], offset: number, text: string): number {
  let line = text.slice(0, offset).split("\n").length - 2;
  let count = 0;
  while (line >= 0 && lines[line]?.trim() === "") {
    count++;
    line--;
  }
  return count;
}

function offsetOfLine(lines: string[], text: string, lineIndex: number): number {
  let offset = 0;
  for (let index = 0; index < lineIndex; index++) offset = nextLineStart(text, offset);
  return offset;
}

/** A scalar's new source text in the quote style it was written in. */
export function scalarInSameStyle(scalar: AST.YAMLScalar, value: string): string {
  if (scalar.style === "single-quoted") return `'${value.replaceAll("'", "''")}'`;
  if (scalar.style === "plain") return value;
  return JSON.stringify(value);
}
