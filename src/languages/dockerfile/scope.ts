import { dockerfileAst } from "../../lazy-modules.js";
import { BuildVariables, type DeclaredArg } from "../../docker/build-variables.js";
import type { DockerfileFile, InstructionNode } from "./ast.js";
import { dockerInstructionOf } from "./parser.js";

/** An instruction with the build variables Docker lets it see. */
export interface ScopedInstruction {
  node: InstructionNode;
  /** The `FROM` that starts the instruction's stage (itself for a `FROM`); null before the first `FROM`. */
  stage: InstructionNode | null;
  /**
   * Replaces `$NAME` and `${NAME…}` as Docker does at this instruction, with the values from before
   * it (`ENV A=1 B=$A` reads the old `A`): a `FROM` sees only the `ARG`s before the first `FROM`,
   * other instructions their stage's. Unresolved references stay as written. For an `ARG`, read
   * `declaredArgs` instead.
   */
  substitute(text: string): string;
  /** For an `ARG`: each name it declares, with the value it resolves to (inherited from the global `ARG` when it has none). */
  declaredArgs: DeclaredArg[];
}

/**
 * The instructions in order, each with its variables, read with src/docker's `BuildVariables`
 * (https://docs.docker.com/reference/dockerfile/#scope). Consume each item before asking for the
 * next: the variables move on with the generator.
 */
export function* scopedInstructions(root: DockerfileFile): Generator<ScopedInstruction> {
  const { Arg, Env, From } = dockerfileAst();
  const variables = new BuildVariables(root.escapeCharacter);
  const substitute = (text: string): string => variables.substitute(text);
  let stage: InstructionNode | null = null;
  for (const node of root.body) {
    if (node.type !== "Instruction") continue;
    const instruction = dockerInstructionOf(node);
    if (instruction instanceof From) {
      stage = node;
      const image = instruction.getImage();
      yield { node, stage, substitute: (text) => variables.substituteInFrom(text), declaredArgs: [] };
      variables.enterStage(instruction, image === null ? null : variables.substituteInFrom(image));
    } else if (instruction instanceof Arg) {
      yield { node, stage, substitute, declaredArgs: variables.declareArg(instruction) };
    } else {
      yield { node, stage, substitute, declaredArgs: [] };
      if (instruction instanceof Env) variables.declareEnv(instruction);
    }
  }
}

/** The stage name of a `FROM` (`FROM image AS name`), in lower case as Docker compares it; null without one. */
export function stageNameOf(from: InstructionNode): string | null {
  const [, as, name] = from.arguments;
  return as?.value.toLowerCase() === "as" && name ? name.value.toLowerCase() : null;
}

/** The image argument of a `FROM` (after its flags), or null. */
export function fromImageOf(from: InstructionNode): InstructionNode["arguments"][number] | null {
  return from.keyword === "FROM" ? (from.arguments[0] ?? null) : null;
}

/** Names the `ARG`s before the first `FROM` declare: the only variables a `FROM` line can use. */
export function globalArgNames(root: DockerfileFile): Set<string> {
  const names = new Set<string>();
  for (const node of root.body) {
    if (node.type !== "Instruction") continue;
    if (node.keyword === "FROM") break;
    if (node.keyword === "ARG") for (const property of node.properties) names.add(property.name);
  }
  return names;
}
