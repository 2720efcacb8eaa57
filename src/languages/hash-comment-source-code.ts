import { TextSourceCodeBase, type VisitNodeStep } from "@eslint/plugin-kit";
import { disableDirectives, inlineConfigComments, inlineRuleConfigs, traversalSteps, type HashComment, type InlineRuleConfigs } from "./comment-directives.js";

/** The type options of a text language whose file is a list of nodes, some of them `#` comments. */
interface HashCommentTypeOptions<Root extends { body: Node[] }, Node extends object, Comment extends HashComment & Node> {
  LangOptions: Record<string, unknown>;
  RootNode: Root;
  SyntaxElementWithLoc: Node;
  ConfigNode: Comment;
}

/**
 * What the source code of the plugin's own text languages (Dockerfile, `.dockerignore`) shares:
 * `TextSourceCodeBase` plus parents, a traversal computed once (the AST never changes) and ESLint's
 * `# eslint-disable…` / `# eslint …` comments. A language says which nodes are its comments (only
 * those Docker reads as comments) and how its tree nests.
 */
export abstract class HashCommentSourceCode<
  Root extends Node & { body: Node[] },
  Node extends object,
  Comment extends HashComment & Node,
> extends TextSourceCodeBase<HashCommentTypeOptions<Root, Node, Comment>> {
  /** Every comment, in order. */
  readonly comments: Comment[];
  readonly #childrenOf: (node: Node) => Node[];
  readonly #parents = new WeakMap<Node, Node>();
  #steps: VisitNodeStep[] | undefined;
  #inlineConfigComments: Comment[] | undefined;

  protected constructor(
    { text, ast }: { text: string; ast: Root },
    { childrenOf, isComment }: { childrenOf: (node: Node) => Node[]; isComment: (node: Node) => node is Comment },
  ) {
    super({ text, ast });
    this.#childrenOf = childrenOf;
    this.comments = ast.body.filter(isComment);
    const pending: Node[] = [ast];
    for (let node = pending.pop(); node; node = pending.pop()) {
      for (const child of childrenOf(node)) {
        this.#parents.set(child, node);
        pending.push(child);
      }
    }
  }

  /** The node's parent, undefined for the root. */
  override getParent(node: Node): Node | undefined {
    return this.#parents.get(node);
  }

  /** Enter and exit steps, depth first in the order of the children. */
  override traverse(): Iterable<VisitNodeStep> {
    this.#steps ??= traversalSteps<Node>(this.ast, this.#childrenOf);
    return this.#steps.values();
  }

  /**
   * Every comment, for rules that ask any source code for its comments: ESLint's core rules, which
   * run on every file when a config turns them on without `files` (`js.configs.recommended`).
   */
  getAllComments(): Comment[] {
    return this.comments;
  }

  /** Comments that hold `eslint`, `eslint-enable`, `eslint-disable`, `eslint-disable-line` or `eslint-disable-next-line`. */
  getInlineConfigNodes(): Comment[] {
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
