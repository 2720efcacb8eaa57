import { getStaticYAMLValue, parseYAML, type AST } from "yaml-eslint-parser";
import { detectEol, insertLinesAfter, lineStart, nextLineStart, type Insertion } from "./text-edits.js";

/**
 * YAML edits on top of ./text-edits.ts, built from the file's own layout: its line ending,
 * its indentation unit and the blank lines it leaves between keys. Every fix that
 * inserts YAML goes through here so that no rule hard-codes a two-space template.
 */

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
  return insertLinesAfter(text, endOfKeptBlankLines(text, last), [`${indent}${key}: ${value}`], detectEol(text));
}

/**
 * Where a pair ends for an insertion after it. A `|+` or `>+` scalar at its end keeps the blank
 * lines that follow as part of its value (https://yaml.org/spec/1.2.2/#8112-block-chomping-indicator),
 * and the parser's range does not always cover them, so a new line goes below them.
 */
function endOfKeptBlankLines(text: string, pair: AST.YAMLPair): number {
  let node: AST.YAMLNode | null = pair.value;
  while (node && node.type !== "YAMLScalar") {
    if (node.type === "YAMLWithMeta") node = node.value;
    else if (node.type === "YAMLMapping" && node.style === "block") node = node.pairs.at(-1)?.value ?? null;
    else if (node.type === "YAMLSequence" && node.style === "block") node = node.entries.at(-1) ?? null;
    else node = null;
  }
  if (!node || !("chomping" in node) || node.chomping !== "keep") return pair.range[1];
  let at = text[pair.range[1] - 1] === "\n" ? pair.range[1] : nextLineStart(text, pair.range[1]);
  // A blank last line without a line break stays below the insertion: a break after it would add to the value.
  for (let next = nextLineStart(text, at); at < text.length && text.slice(at, next).trim() === "" && text[next - 1] === "\n"; next = nextLineStart(text, at)) {
    at = next;
  }
  return at;
}

/**
 * The offset where a block is inserted before `node` without separating it from the
 * comment lines directly above it at the same indentation (a deeper comment belongs to the key above).
 */
export function startOfLeadingComments(text: string, node: AST.YAMLNode): number {
  const indent = " ".repeat(node.loc.start.column);
  let start = lineStart(text, node.range[0]);
  while (start > 0) {
    const previous = lineStart(text, start - 1);
    const line = text.slice(previous, start);
    if (!line.startsWith(`${indent}#`)) break;
    start = previous;
  }
  return start;
}

/** Count of blank lines directly above the line that starts at `offset`. */
export function blankLinesAbove(text: string, offset: number): number {
  let count = 0;
  let start = offset;
  while (start > 0) {
    const previous = lineStart(text, start - 1);
    if (text.slice(previous, start).trim() !== "") break;
    count++;
    start = previous;
  }
  return count;
}

/**
 * `value` as a YAML scalar that reads back as the same string where it goes: plain when it can be,
 * double-quoted otherwise (flow indicators inside a flow collection, `: `, a leading indicator, and
 * text that YAML 1.1 or 1.2 would read as a boolean, number or null, such as `true`, `yes`, `0x1f`).
 */
export function scalarSource(value: string, inFlow: boolean): string {
  const unsafe = inFlow ? /[,[\]{}#]|: |^[\s'"&*!|>%@`-]|\s$/ : /: | #|^[\s'"&*!|>%@`{[\]},#?-]|\s$/;
  return unsafe.test(value) || !readsBackAsString(value, inFlow) ? JSON.stringify(value) : value;
}

/** Whether `plain`, written as a plain scalar, parses back as that very string under YAML 1.1 and 1.2. */
function readsBackAsString(plain: string, inFlow: boolean): boolean {
  const document = inFlow ? `[${plain}]` : `key: ${plain}`;
  return YAML_VERSIONS.every((defaultYAMLVersion) => {
    try {
      const parsed = getStaticYAMLValue(parseYAML(document, { defaultYAMLVersion })) as unknown;
      const read = inFlow ? (parsed as unknown[])[0] : (parsed as Record<string, unknown>).key;
      return read === plain;
    } catch {
      return false;
    }
  });
}

/** GitHub's workflow parser reads YAML 1.2; other tools that read workflows may still read 1.1 (`yes` as true). */
const YAML_VERSIONS = ["1.1", "1.2"] as const;

/** A scalar's new source text in the quote style it was written in. */
export function scalarInSameStyle(scalar: AST.YAMLScalar, value: string): string {
  if (scalar.style === "single-quoted") return `'${value.replaceAll("'", "''")}'`;
  // Where the scalar sits is not known here: text that is safe in a flow collection is safe anywhere.
  if (scalar.style === "plain") return scalarSource(value, true);
  return JSON.stringify(value);
}
