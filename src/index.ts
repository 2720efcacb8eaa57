import type { ESLint, Linter } from "eslint";
import yml from "eslint-plugin-yml";
import { DOCKERFILE_GLOBS, DOCKERIGNORE_GLOBS, NOT_DOCKERFILE_GLOBS, WORKFLOW_GLOBS } from "./languages/files.js";
import { languages } from "./languages/index.js";
import { PLUGIN_NAME, PLUGIN_NAMESPACE, PLUGIN_VERSION } from "./meta.js";
import { rules } from "./rules.js";

/**
 * Files each language covers in the configs (src/languages/files.ts); workflows wherever their
 * `.github/workflows` is, as ESLint may run from above the repository root.
 */
const FILES_BY_LANGUAGE: Record<string, { files: readonly string[]; ignores?: readonly string[] }> = {
  "yml/yaml": { files: WORKFLOW_GLOBS.map((glob) => `**/${glob}`) },
  "uv-ci/dockerignore": { files: DOCKERIGNORE_GLOBS },
  "uv-ci/dockerfile": { files: DOCKERFILE_GLOBS, ignores: NOT_DOCKERFILE_GLOBS },
};

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

/** `recommended` turns on the rules whose `meta.docs.recommended` is set; `strict` turns on every rule. */
function rulesFor(language: string, preset: Preset): Linter.RulesRecord {
  const enabled: Linter.RulesRecord = {};
  for (const [name, rule] of Object.entries(rules)) {
    const { meta } = rule;
    if ((preset === "strict" || meta?.docs?.recommended) && meta?.languages?.includes(language)) {
      enabled[`${PLUGIN_NAMESPACE}/${name}`] = "error";
    }
  }
  return enabled;
}

function configFor(preset: Preset): Linter.Config[] {
  return Object.entries(FILES_BY_LANGUAGE).map(([language, { files, ignores }]) => ({
    name: `${PLUGIN_NAMESPACE}/${preset}/${language.replace("/", "-")}`,
    files: [...files],
    ignores: [...ENVIRONMENT_IGNORES, ...(ignores ?? [])],
    plugins: (language.startsWith("yml/") ? { yml, [PLUGIN_NAMESPACE]: plugin } : { [PLUGIN_NAMESPACE]: plugin }) as Record<string, ESLint.Plugin>,
    language,
    rules: rulesFor(language, preset),
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
