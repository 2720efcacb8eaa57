import type { AST } from "yaml-eslint-parser";
import { appendPair, detectEol, detectIndentUnit, insertLinesAfter, type Insertion } from "../fix/yaml-layout.js";
import type { Step } from "./model.js";
import { asMapping } from "./yaml-nodes.js";

/**
 * Sets a step's `with:` input: into the existing `with` mapping (block or flow), or as a new
 * `with:` block right after the `uses:` line. `value` is YAML source text. Null when the step
 * is laid out in a way no insertion can respect (an empty `with:`, a key spanning lines).
 */
export function insertStepInput(text: string, program: AST.YAMLProgram, step: Step, key: string, value: string): Insertion | null {
  const withMapping = asMapping(step.withPair?.value);
  if (withMapping) return appendPair(text, withMapping, key, value);
  if (step.withPair) return null;
  if (step.node.style === "flow") return appendPair(text, step.node, "with", `{ ${key}: ${value} }`);
  const usesPair = step.usesPair;
  if (!usesPair || usesPair.loc.start.line !== usesPair.loc.end.line) return null;
  const indent = " ".repeat(usesPair.loc.start.column);
  const unit = " ".repeat(detectIndentUnit(program));
  return insertLinesAfter(text, usesPair.range[1], [`${indent}with:`, `${indent}${unit}${key}: ${value}`], detectEol(text));
}
