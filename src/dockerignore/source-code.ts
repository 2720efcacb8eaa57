import type { DirectiveType, FileProblem, RulesConfig, SourceLocation } from "@eslint/core";
import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from "@eslint/plugin-kit";
import type { CommentNode, DockerignoreFile, DockerignoreNode } from "./ast.js";

/** `uv-ci/dockerignore` has no language options; unknown keys from shared configs are ignored. */
export type DockerignoreLanguageOptions = Record<string, unknown>;

const commentParser = new ConfigCommentParser();
const INLINE_CONFIG = /^\s*eslint(?:-enable|-disable(?:(?:-next)?-line)?)?(?:\s|$)/u;

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
    if (!this.#steps) {
      const root = this.ast;
      const steps: VisitNodeStep[] = [new VisitNodeStep({ target: root, phase: 1, args: [root, undefined] })];
      for (const node of root.body) {
        steps.push(new VisitNodeStep({ target: node, phase: 1, args: [node, root] }));
        steps.push(new VisitNodeStep({ target: node, phase: 2, args: [node, root] }));
      }
      steps.push(new VisitNodeStep({ target: root, phase: 2, args: [root, undefined] }));
      this.#steps = steps;
    }
    return this.#steps.values();
  }

  /** Comments that hold `eslint`, `eslint-enable`, `eslint-disable`, `eslint-disable-line` or `eslint-disable-next-line`. */
  getInlineConfigNodes(): CommentNode[] {
    this.#inlineConfigComments ??= this.comments.filter((comment) => INLINE_CONFIG.test(comment.value));
    return this.#inlineConfigComments;
  }

  /** The disable directives, for ESLint to apply to reported problems. */
  getDisableDirectives(): { problems: FileProblem[]; directives: Directive[] } {
    const directives: Directive[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (!parsed || parsed.label === "eslint") continue;
      directives.push(
        new Directive({
          type: parsed.label.slice("eslint-".length) as DirectiveType,
          node: comment,
          value: parsed.value,
          justification: parsed.justification,
        }),
      );
    }
    return { problems: [], directives };
  }

  /** Rule configuration from `# eslint rule: severity` comments. */
  applyInlineConfig(): { problems: FileProblem[]; configs: { config: { rules: RulesConfig }; loc: SourceLocation }[] } {
    const problems: FileProblem[] = [];
    const configs: { config: { rules: RulesConfig }; loc: SourceLocation }[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (parsed?.label !== "eslint") continue;
      const result = commentParser.parseJSONLikeConfig(parsed.value);
      if (result.ok) configs.push({ config: { rules: result.config }, loc: comment.loc });
      else problems.push({ ruleId: null, message: result.error.message, loc: comment.loc });
    }
    return { problems, configs };
  }
}

/**
 * The rule context's source code as `DockerignoreSourceCode`. `createRule` types contexts for
 * ESTree; rules with `meta.languages: ["uv-ci/dockerignore"]` only ever receive this class.
 */
export function dockerignoreSourceCode(context: { sourceCode: unknown }): DockerignoreSourceCode {
  return context.sourceCode as DockerignoreSourceCode;
}
