import { HashCommentSourceCode } from "../hash-comment-source-code.js";
import { VISITOR_KEYS, type CommentNode, type DockerfileFile, type DockerfileNode } from "./ast.js";

/** `uv-ci/dockerfile` has no language options; unknown keys from shared configs are ignored. */
export type DockerfileLanguageOptions = Record<string, unknown>;

/** The children of a node, in the order of its visitor keys. */
function childrenOf(node: DockerfileNode): DockerfileNode[] {
  const record = node as unknown as Record<string, DockerfileNode[] | undefined>;
  return VISITOR_KEYS[node.type].flatMap((key) => record[key] ?? []);
}

/**
 * Source code of a Dockerfile (see `HashCommentSourceCode`). Only Docker's comments count: a `#`
 * line inside a here-document is part of the script, and a `#` after an instruction's words is not
 * a comment.
 */
export class DockerfileSourceCode extends HashCommentSourceCode<DockerfileFile, DockerfileNode, CommentNode> {
  constructor(source: { text: string; ast: DockerfileFile }) {
    super(source, { childrenOf, isComment: (node): node is CommentNode => node.type === "Comment" });
  }
}
