import { TextSourceCodeBase, type VisitNodeStep } from "@eslint/plugin-kit";
import { disableDirectives, inlineConfigComments, inlineRuleConfigs, traversalSteps, type InlineRuleConfigs } from "../comment-directives.js";
import type { CommentNode, DockerignoreFile, DockerignoreNode } from "./ast.js";

/** `uv-ci/dockerignore` has no language options; unknown keys from shared configs are ignored. */
export type DockerignoreLanguageOptions = Record<string, unknown>;


/**
 * Source code of a `.dockerignore` file: `TextSourceCodeBase` plus parents, a cached traversal
 * and `# eslint-disable…` / `# eslint …` comments (only `#` in column 1 is a comment for Docker).
 */
export class DockerignoreSourceCode extends TextSourceCodeBase<{
  LangOptions: DockerignoreLanguageOptions;
  RootNode: DockerignoreFile;
  SyntaxElementWithLoc: DockerignoreNode;
  ConfigNode: CommentNode;
}> {
  /** Every comment line, in order. */
  readonly comments: CommentNode[];
  readonly #parents = new WeakMap<DockerignoreNode, DockerignoreNode>();
  #steps: VisitNodeStep[] | undefined;
  #inlineConfigComments: CommentNode[] | undefined;

  constructor({ text, ast }: { text: string; ast: DockerignoreFile }) {
    super({ text, ast });
    this.comments = ast.body.filter((node): node is CommentNode => node.type === "Comment");
    for (const node of ast.body) this.#parents.set(node, ast);
  }

  /** The root for a line node, undefined for the root. */
  override getParent(node: DockerignoreNode): DockerignoreNode | undefined {
    return this.#parents.get(node);
  }

  /** Enter and exit steps for the root and each line; computed once, since the AST never changes. */
  override traverse(): Iterable<VisitNodeStep> {
    this.#steps ??= traversalSteps<DockerignoreNode>(this.ast, (node) => (node.type === "DockerignoreFile" ? node.body : []));
    return this.#steps.values();
  }

  /** Comments that hold `eslint`, `eslint-enable`, `eslint-disable`, `eslint-disable-line` or `eslint-disable-next-line`. */
  getInlineConfigNodes(): CommentNode[] {
    this.#inlineConfigComments ??= inlineConfigComments(this.comments);
    return this.#inlineConfigComments;
  }

  /** The disable directives, for ESLint to apply to reported problems. */
  getDisableDirectives(): ReturnType<typeof disableDirectives> {
    return disableDirectives(this.getInlineConfigNodes());
  }

  /** Rule configuration from `# eslint rule: severity` comments. */
  applyInlineConfig(): InlineRuleConfigs {
    return inlineRuleConfigs(this.getInlineConfigNodes());
  }
}

/**
 * The rule context's source code as `DockerignoreSourceCode`. `createRule` types contexts for
 * ESTree; rules with `meta.languages: ["uv-ci/dockerignore"]` only ever receive this class.
 */
export function dockerignoreSourceCode(context: { sourceCode: unknown }): DockerignoreSourceCode {
  return context.sourceCode as DockerignoreSourceCode;
}
