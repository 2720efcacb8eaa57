import type { DirectiveType, File, FileProblem, RulesConfig, SourceLocation } from "@eslint/core";
import { ConfigCommentParser, Directive, VisitNodeStep } from "@eslint/plugin-kit";

/**
 * What the plugin's own text languages (`.dockerignore`, Dockerfile) share: `#` line comments
 * that carry ESLint's inline configuration, the way @eslint/json and @eslint/markdown read theirs,
 * and the bits of the Language interface that do not depend on the file's grammar.
 */

/** A `# …` comment node: its text after `#`, and where it is. */
export interface HashComment {
  value: string;
  loc: SourceLocation;
}

export type InlineRuleConfigs = { problems: FileProblem[]; configs: { config: { rules: RulesConfig }; loc: SourceLocation }[] };

const commentParser = new ConfigCommentParser();
const INLINE_CONFIG = /^\s*eslint(?:-enable|-disable(?:(?:-next)?-line)?)?(?:\s|$)/u;

/** Comments that hold `eslint`, `eslint-enable`, `eslint-disable`, `eslint-disable-line` or `eslint-disable-next-line`. */
export function inlineConfigComments<Comment extends HashComment>(comments: Comment[]): Comment[] {
  return comments.filter((comment) => INLINE_CONFIG.test(comment.value));
}

/** The disable directives of inline-config comments, for ESLint to apply to reported problems. */
export function disableDirectives(comments: HashComment[]): { problems: FileProblem[]; directives: Directive[] } {
  const directives: Directive[] = [];
  for (const comment of comments) {
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
export function inlineRuleConfigs(comments: HashComment[]): InlineRuleConfigs {
  const result: InlineRuleConfigs = { problems: [], configs: [] };
  for (const comment of comments) {
    const parsed = commentParser.parseDirective(comment.value);
    if (parsed?.label !== "eslint") continue;
    const config = commentParser.parseJSONLikeConfig(parsed.value);
    if (config.ok) result.configs.push({ config: { rules: config.config }, loc: comment.loc });
    else result.problems.push({ ruleId: null, message: config.error.message, loc: comment.loc });
  }
  return result;
}

/** Enter and exit steps for a tree, depth first in the order `childrenOf` gives. */
export function traversalSteps<Node extends object>(root: Node, childrenOf: (node: Node) => Node[]): VisitNodeStep[] {
  const steps: VisitNodeStep[] = [];
  const visit = (node: Node, parent: Node | undefined): void => {
    steps.push(new VisitNodeStep({ target: node, phase: 1, args: [node, parent] }));
    for (const child of childrenOf(node)) visit(child, node);
    steps.push(new VisitNodeStep({ target: node, phase: 2, args: [node, parent] }));
  };
  visit(root, undefined);
  return steps;
}

/** ESLint passes text files as strings with the BOM removed; bytes are decoded as UTF-8, as Docker reads them. */
export function bodyText(file: File): string {
  return typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
}

/** For languages without options of their own: keys set for other languages by a shared config are ignored. */
export function validateObjectLanguageOptions(languageOptions: unknown): void {
  if (languageOptions === null || typeof languageOptions !== "object" || Array.isArray(languageOptions)) {
    throw new TypeError("Expected languageOptions to be an object.");
  }
}
