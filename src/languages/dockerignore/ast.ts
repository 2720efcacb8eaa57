import type { SourceLocation } from "@eslint/core";

/** Fields every node of the `uv-ci/dockerignore` AST has; `loc` columns start at 0, lines at 1. */
interface NodeBase {
  range: [number, number];
  loc: SourceLocation;
}

/** The root: every pattern and comment line in file order (blank lines have no node). */
export interface DockerignoreFile extends NodeBase {
  type: "DockerignoreFile";
  body: DockerignoreLine[];
}

/**
 * A pattern line. `range` covers the text without the white space Docker trims
 * (Go's `strings.TrimSpace`, so U+00A0 is trimmed and U+FEFF is not).
 */
export interface PatternNode extends NodeBase {
  type: "Pattern";
  /** The source text of `range`, `!` included. */
  raw: string;
  /** Whether Docker treats the line as an exception (`!`) that brings matching paths back. */
  exception: boolean;
  /** The pattern Docker matches paths against: after `!`, cleaned like `filepath.Clean`, one leading `/` dropped. */
  normalized: string;
  /** Why Docker refuses the whole build context because of this line, or null. */
  error: string | null;
}

/** A line whose first character is `#`; `#` anywhere else is part of a pattern. */
export interface CommentNode extends NodeBase {
  type: "Comment";
  /** The text after `#`, up to the end of the line (without `\r`). */
  value: string;
}

export type DockerignoreLine = PatternNode | CommentNode;
export type DockerignoreNode = DockerignoreFile | DockerignoreLine;

/** Child keys per node type, for ESLint's traversal and selectors. */
export const VISITOR_KEYS: Record<DockerignoreNode["type"], string[]> = {
  DockerignoreFile: ["body"],
  Pattern: [],
  Comment: [],
};
