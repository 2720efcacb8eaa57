import type { RuleCreator } from "@typescript-eslint/utils/eslint-utils";
import type { YamlFileKind } from "./languages/files.js";

/** Where the rule pages live; `meta.docs.url` of every rule points here. */
const RULE_DOCS_BASE_URL = "https://github.com/uv-ci/eslint-plugin-uv-ci/blob/main/docs/rules/";

/**
 * Extra `meta.docs` fields this plugin sets on every rule (exported for the rules' declaration files).
 * @public
 */
export interface UvCiRuleDocs {
  description: string;
  /** Whether `configs.recommended` turns the rule on. */
  recommended?: boolean;
  /**
   * For a `yml/yaml` rule, which YAML files it lints: the config entries of those kinds turn it on
   * (src/index.ts). Workflows when it does not say.
   */
  yamlFiles?: readonly YamlFileKind[];
}

/**
 * Defines a rule of this plugin: adds `meta.docs.url` and types message ids and options with
 * typescript-eslint's `RuleCreator` signature. Only its types are used: typescript-eslint is a
 * development dependency, so that installing the plugin into a Python project does not install
 * TypeScript with it (it is a peer of `@typescript-eslint/utils`; see docs/architecture.md).
 * ESLint merges `meta.defaultOptions` into `context.options` once per config, so `create`
 * receives `context.options` as is.
 */
export const createRule: ReturnType<typeof RuleCreator<UvCiRuleDocs>> = ({ name, meta, create }) => ({
  name,
  meta: { ...meta, docs: { ...meta.docs, url: `${RULE_DOCS_BASE_URL}${name}.md` } },
  create: (context) => create(context, context.options),
});
