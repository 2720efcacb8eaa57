import type { AST } from "yaml-eslint-parser";
import type { Step } from "./model.js";
import { asScalar } from "./yaml-nodes.js";

/**
 * What a workflow's author wrote about a step in words: the job's id and `name`, the step's `name`
 * and `id`, the comments inside the step and the block of comment lines directly above it. Rules
 * read these to tell a deliberate choice ("oldest supported Python") from an oversight.
 */
export function stepLabels(step: Step, source: { ast: AST.YAMLProgram; lines: string[] }): string[] {
  const labels = [step.job.id];
  for (const pair of [step.job.keys.get("name"), step.keys.get("name"), step.keys.get("id")]) {
    const value = asScalar(pair?.value)?.value;
    if (typeof value === "string") labels.push(value);
  }
  const [start, end] = step.node.range;
  let lineAbove = step.node.loc.start.line - 1;
  for (const comment of [...source.ast.comments].reverse()) {
    if (comment.range[0] >= start && comment.range[1] <= end) labels.push(comment.value);
    else if (comment.range[1] <= start && comment.loc.start.line === lineAbove && isWholeLine(comment, source.lines)) {
      labels.push(comment.value);
      lineAbove--;
    }
  }
  return labels;
}

/** Whether a comment has its line to itself (not one that trails the previous step's last value). */
function isWholeLine(comment: AST.Comment, lines: string[]): boolean {
  return (lines[comment.loc.start.line - 1] ?? "").slice(0, comment.loc.start.column).trim() === "";
}
