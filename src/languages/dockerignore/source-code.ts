import { HashCommentSourceCode } from "../hash-comment-source-code.js";
import type { CommentNode, DockerignoreFile, DockerignoreNode } from "./ast.js";

/** `uv-ci/dockerignore` has no language options; unknown keys from shared configs are ignored. */
export type DockerignoreLanguageOptions = Record<string, unknown>;

/**
 * Source code of a `.dockerignore` file (see `HashCommentSourceCode`): a root and its lines; only
 * `#` in column 1 is a comment for Docker.
 */
export class DockerignoreSourceCode extends HashCommentSourceCode<DockerignoreFile, DockerignoreNode, CommentNode> {
  constructor(source: { text: string; ast: DockerignoreFile }) {
    super(source, {
      childrenOf: (node) => (node.type === "DockerignoreFile" ? node.body : []),
      isComment: (node): node is CommentNode => node.type === "Comment",
    });
  }
}
