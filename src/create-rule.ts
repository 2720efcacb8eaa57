import type { RuleCreator } from "@typescript-eslint/utils/eslint-utils";
import type { YamlFileKind } from "./languages/files.js";
import { isYamlProgram, yamlFileKindOf } from "./workflow/file-kind.js";

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
   * Which kinds of YAML file the rule lints (default `["workflow"]`); the configs turn it on for
   * their files, and on a YAML file of another kind it reports nothing, whatever config enables it.
   */
  yamlFiles?: readonly YamlFileKind[];
}

/** The YAML files a rule lints when its `meta.docs.yamlFiles` does not say. */
export const DEFAULT_YAML_FILES: readonly YamlFileKind[] = ["workflow"];

/**
 * Defines a rule of this plugin: adds `meta.docs.url` and types message ids and options with
 * typescript-eslint's `RuleCreator` signature. Only its types are used: typescript-eslint is a
 * development dependency, so that installing the plugin into a Python project does not install
 * TypeScript with it (it is a peer of `@typescript-eslint/utils`; see docs/architecture.md).
 * ESLint merges `meta.defaultOptions` into `context.options` once per config, so `create`
 * receives `context.options` as is. On a YAML file whose kind is not among `meta.docs.yamlFiles`,
 * the rule listens to nothing.
 */
export const createRule: ReturnType<typeof RuleCreator<UvCiRuleDocs>> = ({ name, meta, create }) => {
  const yamlFiles = meta.docs.yamlFiles ?? DEFAULT_YAML_FILES;
  return {
    name,
    meta: { ...meta, docs: { ...meta.docs, url: `${RULE_DOCS_BASE_URL}${name}.md` } },
    create: (context) => {
      // The source code object itself is the key of the workflow model's per-lint cache.
      const source = context.sourceCode as unknown as Parameters<typeof yamlFileKindOf>[1];
      if (isYamlProgram(source.ast)) {
        const kind = yamlFileKindOf(context.filename, source);
        if (kind === null || !yamlFiles.includes(kind)) return {};
      }
      return create(context, context.options);
    },
  };
};
