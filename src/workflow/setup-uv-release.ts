import type { AST } from "yaml-eslint-parser";
import type { Step } from "./model.js";

/**
 * Which astral-sh/setup-uv release a step runs, read from its ref or, for a commit SHA, from the
 * version comment that Dependabot, Renovate and pinning tools write after it
 * (`uses: astral-sh/setup-uv@<sha> # v8.1.0`).
 */
export interface ReleaseTag {
  major: number;
  minor: number | null;
  patch: number | null;
}

/** `v8`, `v8.1`, `v8.1.0` (and without the `v`); null for anything else, such as a SHA or a branch. */
export function parseReleaseTag(text: string): ReleaseTag | null {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  return { major: Number(match[1]), minor: match[2] === undefined ? null : Number(match[2]), patch: match[3] === undefined ? null : Number(match[3]) };
}

/** The first `vN[.N[.N]]` word in a comment (` v8.1.0`, ` setup-uv v9.0.0; uv 0.11.14`, ` pin@v7`). */
export function releaseTagInComment(comment: string): ReleaseTag | null {
  const match = /(?:^|[\s@])(v\d+(?:\.\d+){0,2})(?![\w.])/.exec(comment);
  return match ? parseReleaseTag(match[1]!) : null;
}

/** The comment that follows `node` on the line where it ends, if any. */
export function trailingComment(program: AST.YAMLProgram, node: AST.YAMLNode): AST.Comment | null {
  return program.comments.find((comment) => comment.loc.start.line === node.loc.end.line && comment.range[0] >= node.range[1]) ?? null;
}

/** The release a setup-uv step runs: its ref when that is a tag, else the tag in the comment after `uses:`; null when neither says. */
export function setupUvRelease(step: Step, program: AST.YAMLProgram): ReleaseTag | null {
  if (step.uses?.kind !== "action") return null;
  const fromRef = parseReleaseTag(step.uses.ref);
  if (fromRef) return fromRef;
  const comment = step.usesPair?.value ? trailingComment(program, step.usesPair.value) : null;
  return comment ? releaseTagInComment(comment.value) : null;
}
