import { TextSourceCodeBase, type VisitNodeStep } from "@eslint/plugin-kit";
import { disableDirectives, inlineConfigComments, inlineRuleConfigs, traversalSteps, type InlineRuleConfigs } from "../comment-directives.js";
import { VISITOR_KEYS, type CommentNode, type DockerfileFile, type DockerfileNode } from "./ast.js";

/** `uv-ci/dockerfile` has no language options; unknown keys from shared configs are ignored. */
export type DockerfileLanguageOptions = Record<string, unknown>;


/** The children of a node, in the order of its visitor keys. */
function childrenOf(node: DockerfileNode): DockerfileNode[] {
  const record = node as unknown as Record<string, DockerfileNode[] | undefined>;
  return VISITOR_KEYS[node.type].flatMap((key) => record[key] ?? []);
}

/**
 * Source code of a Dockerfile: `TextSourceCodeBase` plus parents, a cached traversal and
 * `# eslint-disable…` / `# eslint …` comments. Only Docker's comments count: a `#` line inside a
 * here-document is part of the script, and a `#` after an instruction's words is not a comment.
 */
export class DockerfileSourceCode extends TextSourceCodeBase<{
  LangOptions: DockerfileLanguageOptions;
  RootNode: DockerfileFile;
  SyntaxElementWithLoc: DockerfileNode;
  ConfigNode: CommentNode;
}> {
  /** Every comment line, in order. */
  readonly comments: CommentNode[];
  readonly #parents = new WeakMap<DockerfileNode, DockerfileNode>();
  #steps: VisitNodeStep[] | undefined;
  #inlineConfigComments: CommentNode[] | undefined;

  constructor({ text, ast }: { text: string; ast: DockerfileFile }) {
    super({ text, ast });
    this.comments = ast.body.filter((node): node is CommentNode => node.type === "Comment");
    const pending: DockerfileNode[] = [ast];
    for (let node = pending.pop(); node; node = pending.pop()) {
      for (const child of childrenOf(node)) {
        this.#parents.set(child, node);
        pending.push(child);
      }
    }
  }

  /** The node's parent, undefined for the root. */
  override getParent(node: DockerfileNode): DockerfileNode | undefined {
    return this.#parents.get(node);
  }

  /** Enter and exit steps, depth first in visitor-key order; computed once, since the AST never changes. */
  override traverse(): Iterable<VisitNodeStep> {
    this.#steps ??= traversalSteps<DockerfileNode>(this.ast, childrenOf);
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
 * The rule context's source code as `DockerfileSourceCode`. `createRule` types contexts for
 * ESTree; rules with `meta.languages: ["uv-ci/dockerfile"]` only ever receive this class.
 */
export function dockerfileSourceCode(context: { sourceCode: unknown }): DockerfileSourceCode {
  return context.sourceCode as DockerfileSourceCode;
}
