import { RuleCreator } from "@typescript-eslint/utils/eslint-utils";

/** Where the rule pages live; `meta.docs.url` of every rule points here. */
export const RULE_DOCS_BASE_URL = "https://github.com/uv-ci/eslint-plugin-uv-ci/blob/main/docs/rules/";

/** Extra `meta.docs` fields this plugin sets on every rule. */
export interface UvCiRuleDocs {
  description: string;
  /** Whether `configs.recommended` turns the rule on. */
  recommended?: boolean;
}

/**
 * Defines a rule of this plugin: adds `meta.docs.url`, applies `meta.defaultOptions`
 * and types message ids and options. See docs/architecture.md for how rules on
 * non-ESTree languages use it.
 */
export const createRule = RuleCreator<UvCiRuleDocs>((name) => `${RULE_DOCS_BASE_URL}${name}.md`);
