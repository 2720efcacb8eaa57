import { RuleCreator } from "@typescript-eslint/utils/eslint-utils";

/** Where the rule pages live; `meta.docs.url` of every rule points here. */
export const RULE_DOCS_BASE_URL = "https://github.com/uv-ci/eslint-plugin-uv-ci/blob/main/docs/rules/";

/** Extra `meta.docs` fields this plugin sets on every rule. */
export interface UvCiRuleDocs {
  description: string;
  /** Whether `configs.recommended` turns the rule on. */
  recommended?: boolean;
}

const createRuleWithDocsUrl = RuleCreator<UvCiRuleDocs>((name) => `${RULE_DOCS_BASE_URL}${name}.md`);

/**
 * Defines a rule of this plugin: adds `meta.docs.url` and types message ids and options.
 * ESLint merges `meta.defaultOptions` into `context.options` once per config, so `create`
 * receives `context.options` as is: RuleCreator's own merge deep-cloned the defaults again for
 * every file (see docs/performance.md). See docs/architecture.md for how rules on non-ESTree
 * languages use it.
 */
export const createRule: typeof createRuleWithDocsUrl = (rule) => ({
  ...createRuleWithDocsUrl(rule),
  create: (context) => rule.create(context, context.options),
});
