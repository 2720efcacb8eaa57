/**
 * Parses Dockerfile text into the `uv-ci/dockerfile` AST with dockerfile-ast, the parser src/docker
 * reads uv pins with, so that every rule reads a Dockerfile the same way. Nothing throws.
 */
import type { Position as EslintPosition, SourceLocation } from "@eslint/core";
import type { Instruction, ModifiableInstruction, PropertyInstruction } from "dockerfile-ast";
import type { Dockerfile } from "dockerfile-ast/lib/dockerfile.js";
import { dockerfileAst, dockerfileClass } from "../../lazy-modules.js";
import type {
  ArgumentNode,
  CommentNode,
  DockerfileFile,
  DockerfileLine,
  FlagNode,
  FlagOptionNode,
  InstructionNode,
  ParserDirectiveNode,
  PropertyNode,
} from "./ast.js";

/**
 * Longer text is not parsed (the AST is empty): dockerfile-ast takes time quadratic in the flags of
 * one instruction, and src/docker skips Dockerfiles over 1 MB for the same reason. No real
 * Dockerfile comes near it.
 */
export const MAX_PARSED_LENGTH = 1024 * 1024;

/** The dockerfile-ast instruction behind each node, for src/docker's readers (see scope.ts). */
const dockerInstructions = new WeakMap<InstructionNode, Instruction>();

/** The dockerfile-ast instruction a node was built from. */
export function dockerInstructionOf(node: InstructionNode): Instruction {
  const instruction = dockerInstructions.get(node);
  if (!instruction) throw new Error("The node does not come from parseDockerfile.");
  return instruction;
}

/** A range as dockerfile-ast gives it: LSP positions, 0-based lines, UTF-16 characters. */
interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Offsets and ESLint locations of the text, with lines ending at `\n` (a `\r` before it belongs to the break). */
class Locator {
  readonly #lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let index = text.indexOf("\n"); index >= 0; index = text.indexOf("\n", index + 1)) this.#lineStarts.push(index + 1);
  }

  /** The offset of an LSP position (0-based line, UTF-16 character), clamped to the text. */
  offsetAt(position: { line: number; character: number }): number {
    const lineStart = this.#lineStarts[Math.min(Math.max(position.line, 0), this.#lineStarts.length - 1)]!;
    return Math.min(Math.max(lineStart + position.character, 0), this.text.length);
  }

  range(range: LspRange): [number, number] {
    return [this.offsetAt(range.start), this.offsetAt(range.end)];
  }

  /** The location `TextSourceCodeBase.getLocFromIndex` gives for an offset. */
  position(offset: number): EslintPosition {
    let low = 0;
    let high = this.#lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.#lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.#lineStarts[low]! };
  }

  loc([start, end]: [number, number]): SourceLocation {
    return { start: this.position(start), end: this.position(end) };
  }

  /** The end of the line holding `offset`, before its `\r\n` or `\n`. */
  lineEnd(offset: number): number {
    const newline = this.text.indexOf("\n", offset);
    const end = newline < 0 ? this.text.length : newline;
    return end > offset && this.text[end - 1] === "\r" ? end - 1 : end;
  }
}

/**
 * dockerfile-ast, like LSP, breaks lines at a lone `\r`; Docker (Go's `bufio.ScanLines`) and
 * ESLint's `TextSourceCodeBase` do not. Turning each lone `\r` into a space keeps every offset and
 * gives all three the same lines.
 */
function withoutLoneCarriageReturns(text: string): string {
  return text.replace(/\r(?!\n)/g, " ");
}

/**
 * Runs dockerfile-ast's parser without its last step, which files comments under build stages in
 * time proportional to comments × stages. Nothing here reads comments by stage; the step is skipped
 * for this synchronous call only.
 */
function parseWithDockerfileAst(text: string): Dockerfile {
  const prototype = dockerfileClass().prototype;
  const organizeComments = Object.getOwnPropertyDescriptor(prototype, "organizeComments");
  prototype.organizeComments = () => {};
  try {
    return dockerfileAst().DockerfileParser.parse(text) as Dockerfile;
  } finally {
    if (organizeComments) Object.defineProperty(prototype, "organizeComments", organizeComments);
  }
}

/** Builds the AST; `loc` lines and columns agree with `TextSourceCodeBase` (lines end at `\r?\n`). */
export function parseDockerfile(text: string): DockerfileFile {
  const locator = new Locator(text);
  const root: DockerfileFile = {
    type: "DockerfileFile",
    body: [],
    escapeCharacter: "\\",
    range: [0, text.length],
    loc: locator.loc([0, text.length]),
  };
  if (text.length > MAX_PARSED_LENGTH) return root;
  const dockerfile = parseWithDockerfileAst(withoutLoneCarriageReturns(text));
  root.escapeCharacter = dockerfile.getEscapeCharacter();
  const body: DockerfileLine[] = [
    ...dockerfile.getDirectives().map((directive) => directiveNode(directive, locator)),
    ...dockerfile.getComments().map((comment) => commentNode(comment.getRange(), locator)),
    ...dockerfile.getInstructions().map((instruction) => instructionNode(instruction, locator)),
  ];
  root.body = body.sort((a, b) => a.range[0] - b.range[0]);
  return root;
}

function directiveNode(directive: ReturnType<Dockerfile["getDirectives"]>[number], locator: Locator): ParserDirectiveNode {
  const nameStart = locator.offsetAt(directive.getNameRange().start);
  const range: [number, number] = [locator.text.lastIndexOf("#", nameStart), locator.offsetAt(directive.getValueRange().end)];
  return { type: "ParserDirective", name: directive.getName().toLowerCase(), value: directive.getValue(), range, loc: locator.loc(range) };
}

function commentNode(lspRange: LspRange, locator: Locator): CommentNode {
  const start = locator.offsetAt(lspRange.start);
  const range: [number, number] = [start, locator.lineEnd(start)];
  return { type: "Comment", value: locator.text.slice(start + 1, range[1]), range, loc: locator.loc(range) };
}

function instructionNode(instruction: Instruction, locator: Locator): InstructionNode {
  const range = locator.range(instruction.getRange());
  const { ModifiableInstruction, PropertyInstruction } = dockerfileAst();
  const isProperty = instruction instanceof PropertyInstruction;
  const node: InstructionNode = {
    type: "Instruction",
    keyword: instruction.getKeyword(),
    flags: instruction instanceof ModifiableInstruction ? instruction.getFlags().map((flag) => flagNode(flag, locator)) : [],
    arguments: isProperty ? [] : instruction.getArguments().map((argument) => argumentNode(argument, locator)),
    properties: isProperty ? instruction.getProperties().map((property) => propertyNode(property, locator)) : [],
    range,
    loc: locator.loc(range),
  };
  dockerInstructions.set(node, instruction);
  return node;
}

type DockerFlag = ReturnType<ModifiableInstruction["getFlags"]>[number];
type DockerFlagOption = ReturnType<DockerFlag["getOptions"]>[number];
type DockerArgument = ReturnType<Instruction["getArguments"]>[number];
type DockerProperty = ReturnType<PropertyInstruction["getProperties"]>[number];

function optionalRange(range: LspRange | null, locator: Locator): [number, number] | null {
  return range ? locator.range(range) : null;
}

function flagNode(flag: DockerFlag, locator: Locator): FlagNode {
  const range = locator.range(flag.getRange());
  return {
    type: "Flag",
    name: flag.getName(),
    value: flag.getValue(),
    valueRange: optionalRange(flag.getValueRange(), locator),
    options: flag.getOptions().map((option) => flagOptionNode(option, locator)),
    range,
    loc: locator.loc(range),
  };
}

function flagOptionNode(option: DockerFlagOption, locator: Locator): FlagOptionNode {
  const range = locator.range(option.getRange());
  return { type: "FlagOption", name: option.getName(), value: option.getValue(), valueRange: optionalRange(option.getValueRange(), locator), range, loc: locator.loc(range) };
}

function argumentNode(argument: DockerArgument, locator: Locator): ArgumentNode {
  const range = locator.range(argument.getRange());
  return { type: "Argument", value: argument.getValue(), range, loc: locator.loc(range) };
}

function propertyNode(property: DockerProperty, locator: Locator): PropertyNode {
  const range = locator.range(property.getRange());
  return {
    type: "KeyValueProperty",
    name: property.getName(),
    value: property.getValue(),
    valueRange: optionalRange(property.getValueRange(), locator),
    range,
    loc: locator.loc(range),
  };
}
