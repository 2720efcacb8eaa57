import type { SourceLocation } from "@eslint/core";

/** Fields every node of the `uv-ci/dockerfile` AST has; `loc` columns start at 0, lines at 1. */
interface NodeBase {
  range: [number, number];
  loc: SourceLocation;
}

/**
 * The root: parser directives, comments and instructions in file order. Blank lines have no node,
 * and lines inside a here-document or an instruction's continuation belong to that instruction.
 */
export interface DockerfileFile extends NodeBase {
  type: "DockerfileFile";
  body: DockerfileLine[];
  /** The escape character: `\` unless a `# escape=` directive sets `` ` `` (https://docs.docker.com/reference/dockerfile/#escape). */
  escapeCharacter: string;
}

/** A parser directive such as `# syntax=docker/dockerfile:1` or `# escape=\``, only at the top of the file. */
export interface ParserDirectiveNode extends NodeBase {
  type: "ParserDirective";
  /** The directive's name in lower case (`syntax`, `escape`, `check`). */
  name: string;
  value: string;
}

/** A line whose first non-blank character is `#` (outside a here-document); Docker ignores it. */
export interface CommentNode extends NodeBase {
  type: "Comment";
  /** The text after `#`, up to the end of the line (without `\r`). */
  value: string;
}

/**
 * One instruction (`FROM`, `RUN`, …), from its keyword to the end of its last continuation line or
 * here-document. `arguments` are the words after the flags, split at white space (the JSON form is
 * not decoded; an `ONBUILD` trigger is left as words); `ARG`, `ENV` and `LABEL` have `properties`
 * instead, since their words do not split where Docker splits them (`ENV A="x y"`).
 */
export interface InstructionNode extends NodeBase {
  type: "Instruction";
  /** The keyword in upper case; Docker reads keywords case-insensitively. */
  keyword: string;
  flags: FlagNode[];
  arguments: ArgumentNode[];
  /** `NAME=value` pairs of `ARG`, `ENV` and `LABEL` (`ARG a=1 b=2` has two); empty for other instructions. */
  properties: PropertyNode[];
}

/** A flag before the arguments: `--from=uv`, `--mount=type=cache,target=/root/.cache/uv`. */
export interface FlagNode extends NodeBase {
  type: "Flag";
  /** The name without `--`, as written. */
  name: string;
  /** The text after `=`, or null for a flag without one. */
  value: string | null;
  valueRange: [number, number] | null;
  /** `key=value` options of a comma-separated value (`--mount`, `--secret`); empty otherwise. */
  options: FlagOptionNode[];
}

/** One `key=value` of a flag's comma-separated value. */
export interface FlagOptionNode extends NodeBase {
  type: "FlagOption";
  name: string;
  value: string | null;
  valueRange: [number, number] | null;
}

/** A white-space separated word of an instruction, with line continuations removed from `value`. */
export interface ArgumentNode extends NodeBase {
  type: "Argument";
  value: string;
}

/** `NAME=value` (or `NAME value` in the legacy `ENV` form, or `NAME` alone in `ARG`). */
export interface PropertyNode extends NodeBase {
  type: "KeyValueProperty";
  name: string;
  /** The value as Docker reads it (quotes and escapes removed), or null when there is none. */
  value: string | null;
  /** The value as written, quotes included. */
  valueRange: [number, number] | null;
}

export type DockerfileLine = ParserDirectiveNode | CommentNode | InstructionNode;
export type DockerfileNode = DockerfileFile | DockerfileLine | FlagNode | FlagOptionNode | ArgumentNode | PropertyNode;

/** Child keys per node type, for ESLint's traversal and selectors. */
export const VISITOR_KEYS: Record<DockerfileNode["type"], string[]> = {
  DockerfileFile: ["body"],
  ParserDirective: [],
  Comment: [],
  Instruction: ["flags", "arguments", "properties"],
  Flag: ["options"],
  FlagOption: [],
  Argument: [],
  KeyValueProperty: [],
};
