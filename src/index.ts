import type { ESLint, Linter } from "eslint";
import yml from "eslint-plugin-yml";
import { DOCKERFILE_GLOBS, DOCKERIGNORE_GLOBS, NOT_DOCKERFILE_GLOBS, YAML_FILE_GLOBS, yamlFilesOf, type YamlFileKind } from "./languages/files.js";
import { languages } from "./languages/index.js";
import { PLUGIN_NAME, PLUGIN_NAMESPACE, PLUGIN_VERSION } from "./meta.js";
import { rules } from "./rules.js";
import type { UvCiRuleDocs } from "./create-rule.js";

/**
 * One entry of each config: the files it covers (src/languages/files.ts) in one language, and for
 * `yml/yaml`, which kind of YAML file they are, so that a rule runs only on the kinds its
 * `meta.docs.yamlFiles` names. `name` is the entry's part of `uv-ci/<preset>/<name>`.
 */
interface ConfigEntry {
  name: string;
  language: string;
  files: readonly string[];
  ignores?: readonly string[];
  yamlFile?: YamlFileKind;
}

const CONFIG_ENTRIES: readonly ConfigEntry[] = [
  { name: "yml-yaml", language: "yml/yaml", yamlFile: "workflow", files: YAML_FILE_GLOBS.workflow },
  { name: "composite-actions", language: "yml/yaml", yamlFile: "composite-action", files: YAML_FILE_GLOBS["composite-action"] },
  { name: "uv-ci-dockerignore", language: "uv-ci/dockerignore", files: DOCKERIGNORE_GLOBS },
  { name: "uv-ci-dockerfile", language: "uv-ci/dockerfile", files: DOCKERFILE_GLOBS, ignores: NOT_DOCKERFILE_GLOBS },
  { name: "pre-commit-config", language: "yml/yaml", yamlFile: "pre-commit-config", files: YAML_FILE_GLOBS["pre-commit-config"] },
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
 * `recommended` turns on the rules whose `meta.docs.recommended` is set, `strict` every rule but the
 * opt-in ones (`meta.docs.optIn`), each with its defaults.
 * Each for the entries of a language its `meta.languages` holds, and of YAML, of a kind its
 * `meta.docs.yamlFiles` names (workflows when it names none).
 */
function rulesFor(entry: ConfigEntry, preset: Preset): Linter.RulesRecord {
  const enabled: Linter.RulesRecord = {};
  for (const [name, rule] of Object.entries(rules)) {
    const { meta } = rule;
    const lintsEntry = meta?.languages?.includes(entry.language) && (entry.yamlFile === undefined || yamlFilesOf(rule).includes(entry.yamlFile));
    const docs = meta?.docs as UvCiRuleDocs | undefined;
    if (((preset === "strict" && docs?.optIn !== true) || docs?.recommended) && lintsEntry) {
      enabled[`${PLUGIN_NAMESPACE}/${name}`] = "error";
    }
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

// The types a rule on our languages is written with, as @eslint/json exports its own. Types only:
// eslint-doc-generator takes the module namespace for the plugin unless it holds `default` alone,
// so a value exported beside the default would hide the plugin from it; the languages themselves
// are `plugin.languages`.
export type { DockerfileSourceCode } from "./languages/dockerfile/source-code.js";
export type { DockerignoreSourceCode } from "./languages/dockerignore/source-code.js";
export type * as DockerfileAST from "./languages/dockerfile/ast.js";
export type * as DockerignoreAST from "./languages/dockerignore/ast.js";
export type * from "./languages/types.js";
export type { UvCiRuleDefinition, UvCiRuleDocs } from "./create-rule.js";
