import type { YAMLSourceCode } from "eslint-plugin-yml";

/**
 * The rule context's source code as eslint-plugin-yml's `YAMLSourceCode`.
 * `createRule` types contexts for ESTree; rules that declare `meta.languages: ["yml/yaml"]`
 * only ever receive YAML source code (see docs/architecture.md).
 */
export function yamlSourceCode(context: { sourceCode: unknown }): YAMLSourceCode {
  return context.sourceCode as YAMLSourceCode;
}
