import type { AST } from "yaml-eslint-parser";
import { detectEol, insertLinesAfter, lineStart, nextLineStart, type Insertion } from "../fix/text-edits.js";
import { appendPair, detectIndentUnit, scalarSource } from "../fix/yaml-layout.js";
import type { Step } from "./model.js";
import { asMapping, isInsideFlowCollection, isSharedThroughAnchor } from "./yaml-nodes.js";

/**
 * Sets a step's `with:` input: into the existing `with` mapping (block or flow), or as a new
 * `with:` block right after the `uses:` line. `value` is the plain value: it is written
 * double-quoted when `quoted` is set, else plain where YAML reads it back as itself there (inside
 * a flow mapping `${{ }}` must be quoted). Null when the step is laid out in a way no insertion can
 * respect (an empty `with:`, a key spanning lines, a one-key step inside a flow sequence), or when
 * the edit would land somewhere else too: a `with: *alias`, or a step or `with` that an alias repeats.
 */
export function insertStepInput(
  text: string,
  program: AST.YAMLProgram,
  step: Step,
  key: string,
  value: string,
  { quoted = false }: { quoted?: boolean } = {},
): Insertion | null {
  if (!isEditableStep(step)) return null;
  const withMapping = asMapping(step.withPair?.value);
  const inFlow = withMapping ? withMapping.style === "flow" : step.node.style === "flow";
  const source = quoted ? JSON.stringify(value) : scalarSource(value, inFlow);
  if (withMapping) return appendPair(text, withMapping, key, source);
  if (step.withPair) return null;
  if (step.node.style === "flow") return appendPair(text, step.node, "with", `{ ${key}: ${source} }`);
  const usesPair = step.usesPair;
  if (!usesPair || usesPair.loc.start.line !== usesPair.loc.end.line) return null;
  const indent = " ".repeat(usesPair.loc.start.column);
  const unit = " ".repeat(detectIndentUnit(program));
  return insertLinesAfter(text, usesPair.range[1], [`${indent}with:`, `${indent}${unit}${key}: ${source}`], detectEol(text));
}

/**
 * The text to remove so that a step no longer sets an input: the input's lines, or the whole
 * `with:` when it is the only input. Null when the input shares a line with other content.
 */
export function stepInputRemoval(text: string, step: Step, pair: AST.YAMLPair): [number, number] | null {
  if (!isEditableStep(step)) return null;
  const mapping = asMapping(step.withPair?.value);
  if (!mapping) return null;
  if (mapping.pairs.length === 1) return step.withPair ? wholeLines(text, step.withPair.range) : null;
  if (mapping.style === "block") return wholeLines(text, pair.range);
  const index = mapping.pairs.indexOf(pair);
  const next = mapping.pairs[index + 1];
  const previous = mapping.pairs[index - 1];
  if (next) return [pair.range[0], next.range[0]];
  return previous ? [previous.range[1], pair.range[1]] : null;
}

/** `[start, end)` widened to whole lines, when nothing but blanks and a comment shares them. */
function wholeLines(text: string, [start, end]: [number, number]): [number, number] | null {
  const from = lineStart(text, start);
  // A block scalar's range already ends at the start of the next line.
  const to = end > 0 && text[end - 1] === "\n" ? end : nextLineStart(text, end);
  if (text.slice(from, start).trim() !== "") return null;
  const rest = text.slice(end, to).trim();
  return rest === "" || rest.startsWith("#") ? [from, to] : null;
}

/**
 * Whether an edit of the step's `with` stays in this step: the step and its `with` are written here
 * (not reached through an alias, not repeated by one), and a block-style step is not a one-key entry
 * of a flow sequence (`steps: [uses: …]`), where a new block line would break the file.
 */
function isEditableStep(step: Step): boolean {
  if (isSharedThroughAnchor(step.node)) return false;
  if (step.node.style === "block" && isInsideFlowCollection(step.node)) return false;
  const withValue = step.withPair?.value;
  if (withValue?.type === "YAMLAlias") return false;
  const withMapping = asMapping(withValue);
  return !withMapping || !isSharedThroughAnchor(withMapping);
}
