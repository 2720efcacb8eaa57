import type { ESLint, Linter } from "eslint";
import yml from "eslint-plugin-yml";
import { languages } from "./languages.js";
import { PLUGIN_NAME, PLUGIN_NAMESPACE, PLUGIN_VERSION } from "./meta.js";
import { rules } from "./rules.js";

/** Files each language covers in `configs.recommended`. */
const FILES_BY_LANGUAGE: Record<string, string[]> = {
  "yml/yaml": ["**/.github/workflows/*.yml", "**/.github/workflows/*.yaml"],
  "uv-ci/dockerignore": ["**/.dockerignore", "**/*.dockerignore"],
};

const plugin = {
  meta: { name: PLUGIN_NAME, version: PLUGIN_VERSION, namespace: PLUGIN_NAMESPACE },
  rules,
  languages,
  configs: {} as Record<string, Linter.Config[]>,
} satisfies ESLint.Plugin;

function recommendedRulesFor(language: string): Linter.RulesRecord {
  const enabled: Linter.RulesRecord = {};
  for (const [name, rule] of Object.entries(rules)) {
    const meta = rule.meta as { languages?: string[]; docs?: { recommended?: boolean } } | undefined;
    if (meta?.docs?.recommended && meta.languages?.includes(language)) {
      enabled[`${PLUGIN_NAMESPACE}/${name}`] = "error";
    }
  }
  return enabled;
}

plugin.configs.recommended = Object.entries(FILES_BY_LANGUAGE)
  .filter(([language]) => language.startsWith("yml/") || language.slice(PLUGIN_NAMESPACE.length + 1) in languages)
  .map(([language, files]) => ({
  name: `${PLUGIN_NAMESPACE}/recommended/${language.replace("/", "-")}`,
  files,
  plugins: (language.startsWith("yml/") ? { yml, [PLUGIN_NAMESPACE]: plugin } : { [PLUGIN_NAMESPACE]: plugin }) as Record<string, ESLint.Plugin>,
  language,
  rules: recommendedRulesFor(language),
}));

export default plugin;
