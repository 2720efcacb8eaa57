import type { ESLint, Linter } from "eslint";
import yml from "eslint-plugin-yml";
import { DEFAULT_YAML_FILES, type UvCiRuleDocs } from "./create-rule.js";
import { COMPOSITE_ACTION_GLOBS, DOCKERFILE_GLOBS, DOCKERIGNORE_GLOBS, NOT_DOCKERFILE_GLOBS, WORKFLOW_GLOBS, type YamlFileKind } from "./languages/files.js";
import { languages } from "./languages/index.js";
import { PLUGIN_NAME, PLUGIN_NAMESPACE, PLUGIN_VERSION } from "./meta.js";
import { rules } from "./rules.js";

/** One entry of the configs: the files of one language, or of one kind of YAML file. */
interface ConfigEntry {
  /** The entry's name after `uv-ci/<preset>/`. */
  name: string;
  language: string;
  files: readonly string[];
  ignores?: readonly string[];
  /** For `yml/yaml`: the kind of YAML file, whose rules (`meta.docs.yamlFiles`) the entry turns on. */
  yamlFile?: YamlFileKind;
}

/**
 * The configs' entries, with the files each covers (src/languages/files.ts); workflows wherever their
 * `.github/workflows` is, as ESLint may run from above the repository root. The workflow entry keeps
 * the name it had when it was the only YAML one.
 */
const CONFIG_ENTRIES: readonly ConfigEntry[] = [
  { name: "yml-yaml", language: "yml/yaml", files: WORKFLOW_GLOBS.map((glob) => `**/${glob}`), yamlFile: "workflow" },
  { name: "composite-actions", language: "yml/yaml", files: COMPOSITE_ACTION_GLOBS, yamlFile: "composite-action" },
  { name: "uv-ci-dockerignore", language: "uv-ci/dockerignore", files: DOCKERIGNORE_GLOBS },
  { name: "uv-ci-dockerfile", language: "uv-ci/dockerfile", files: DOCKERFILE_GLOBS, ignores: NOT_DOCKERFILE_GLOBS },
];

/**
 * Virtual environments and installed packages, which ship Dockerfiles, ignore files and workflows of
 * their own that are not the project's (the rules' own Dockerfile search skips them too).
 */
const ENVIRONMENT_IGNORES = ["**/.venv/**", "**/venv/**", "**/.tox/**", "**/.nox/**", "**/site-packages/**", "**/__pypackages__/**", "**/node_modules/**"];

type Preset = "recommended" | "strict";

const plugin = {
  meta: { name: PLUGIN_NAME, version: PLUGIN_VERSION, namespace: PLUGIN_NAMESPACE },
  rules,
  languages,
  configs: {} as Record<Preset, Linter.Config[]>,
} satisfies ESLint.Plugin;

/**
 * `recommended` turns on the rules whose `meta.docs.recommended` is set; `strict` turns on every
 * rule. A YAML entry takes the rules that lint its kind of file.
 */
function rulesFor({ language, yamlFile }: ConfigEntry, preset: Preset): Linter.RulesRecord {
  const enabled: Linter.RulesRecord = {};
  for (const [name, rule] of Object.entries(rules)) {
    const meta = rule.meta as { languages?: string[]; docs?: Pick<UvCiRuleDocs, "recommended" | "yamlFiles"> } | undefined;
    if (!(preset === "strict" || meta?.docs?.recommended) || !meta?.languages?.includes(language)) continue;
    if (yamlFile && !(meta.docs?.yamlFiles ?? DEFAULT_YAML_FILES).includes(yamlFile)) continue;
    enabled[`${PLUGIN_NAMESPACE}/${name}`] = "error";
  }
  return enabled;
}

function configFor(preset: Preset): Linter.Config[] {
  return CONFIG_ENTRIES.map((entry) => ({
    name: `${PLUGIN_NAMESPACE}/${preset}/${entry.name}`,
    files: [...entry.files],
    ignores: [...ENVIRONMENT_IGNORES, ...(entry.ignores ?? [])],
    plugins: (entry.language.startsWith("yml/") ? { yml, [PLUGIN_NAMESPACE]: plugin } : { [PLUGIN_NAMESPACE]: plugin }) as Record<string, ESLint.Plugin>,
    language: entry.language,
    rules: rulesFor(entry, preset),
  }));
}

plugin.configs.recommended = configFor("recommended");
plugin.configs.strict = configFor("strict");

export default plugin;
