import { referencedVariables } from "./build-variables.js";
import type { ArgumentNode, DockerfileFile, FlagNode, FlagOptionNode, InstructionNode } from "../languages/dockerfile/ast.js";
import { fromImageOf, scopedInstructions, stageNameOf } from "../languages/dockerfile/scope.js";

/**
 * Where a Dockerfile names an image or a stage to build from or copy from
 * (https://docs.docker.com/reference/dockerfile/#from, #copy---from and #run---mounttypebind):
 * - `from`: the image of a `FROM`;
 * - `copy-from`: `COPY --from=…`;
 * - `mount-from`: the `from=` option of `RUN --mount=…`.
 */
type ImageReferenceKind = "from" | "copy-from" | "mount-from";

/** One image or stage reference, as written and as Docker would read it. */
export interface ImageReferenceSite {
  kind: ImageReferenceKind;
  instruction: InstructionNode;
  /** The `FROM` image argument, the `--from` flag or the mount's `from=` option. */
  node: ArgumentNode | FlagNode | FlagOptionNode;
  /** The reference as written, with line continuations removed. */
  raw: string;
  /**
   * Where `raw` is in the source when it can be replaced there (written on one line, unquoted);
   * null otherwise.
   */
  rawRange: [number, number] | null;
  /** `raw` with the variables in scope substituted (unresolved ones stay as written). */
  resolved: string;
  /** The variables `raw` refers to. */
  variables: string[];
  /** The `FROM` of the instruction's stage; null before the first `FROM`. */
  stage: InstructionNode | null;
  /** For `from`: the stage's name (lower case), or null. */
  stageName: string | null;
}

/** Every image and stage reference, in document order. `ONBUILD` triggers are not read: they run in downstream images. */
export function findImageReferences(root: DockerfileFile, text: string): ImageReferenceSite[] {
  const sites: ImageReferenceSite[] = [];
  const site = (
    scoped: { node: InstructionNode; stage: InstructionNode | null; substitute(text: string): string },
    kind: ImageReferenceKind,
    node: ImageReferenceSite["node"],
    raw: string,
    valueRange: [number, number] | null,
  ): void => {
    const rawRange = valueRange && text.slice(...valueRange) === raw ? valueRange : null;
    sites.push({
      kind,
      instruction: scoped.node,
      node,
      raw,
      rawRange,
      resolved: scoped.substitute(raw),
      variables: referencedVariables(raw, root.escapeCharacter),
      stage: scoped.stage,
      stageName: kind === "from" ? stageNameOf(scoped.node) : null,
    });
  };
  for (const scoped of scopedInstructions(root)) {
    const { node } = scoped;
    if (node.keyword === "FROM") {
      const image = fromImageOf(node);
      if (image) site(scoped, "from", image, image.value, image.range);
    } else if (node.keyword === "COPY") {
      for (const flag of node.flags) {
        if (flag.name.toLowerCase() === "from" && flag.value !== null) site(scoped, "copy-from", flag, flag.value, flag.valueRange);
      }
    } else if (node.keyword === "RUN") {
      for (const flag of node.flags) {
        if (flag.name.toLowerCase() !== "mount") continue;
        for (const option of flag.options) {
          if (option.name.toLowerCase() === "from" && option.value !== null) site(scoped, "mount-from", option, option.value, option.valueRange);
        }
      }
    }
  }
  return sites;
}
