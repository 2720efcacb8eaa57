// Configuration of eslint-doc-generator (https://github.com/bmish/eslint-doc-generator).
// It loads the built plugin (package.json `exports` → dist/src/index.js), so run `npm run build` first;
// `npm run docs` does both. `npm run docs:check` (and test/docs.test.ts) fail when the README's rule
// lists or a rule page's generated parts are out of date.
import plugin from "./dist/src/index.js";

/** Headings of the README's rule lists, one list per entry of the configs (by the entry's name after `uv-ci/<preset>/`). */
const LIST_TITLES = {
  "yml-yaml": "GitHub Actions workflows",
  "composite-actions": "Composite actions",
  "uv-ci-dockerignore": "`.dockerignore` files",
  "uv-ci-dockerfile": "Dockerfiles",
  "pre-commit-config": "pre-commit configurations",
};

/** What files an entry lints beyond its globs. */
const FILES_NOTE = { "composite-actions": " with `runs.using: composite`" };

/**
 * Each entry of the configs: its files, its language and the rules `configs.strict` turns on for it
 * (every rule that lints its files; several entries share the `yml/yaml` language).
 */
const ENTRIES = plugin.configs.strict.map((config) => ({
  entry: config.name.split("/").pop(),
  language: config.language,
  files: config.files,
  rules: new Set(Object.keys(config.rules ?? {})),
}));

/** @type {import("eslint-doc-generator").GenerateOptions} */
const config = {
  // `# uv-ci/<rule>`, the id users write in their config.
  ruleDocTitleFormat: "prefix-name",
  // eslint-doc-generator reads the rules of each config from the flat config array `configs.recommended`.
  configEmoji: [["recommended", "✅"]],
  urlConfigs: "https://github.com/uv-ci/eslint-plugin-uv-ci#usage",
  ruleListColumns: ["name", "description", "configsError", "fixable", "hasSuggestions", "options", "deprecated"],
  ruleDocNotices: ["configs", "deprecated", "fixableAndHasSuggestions", "options", "description"],
  // Every page says what the rule reports and when not to use it; rules with options need an Options section.
  ruleDocSectionInclude: ["Rule Details", "When Not To Use It"],
  ruleDocSectionOptions: true,
  /** One list per entry of the configs, in their order, with the rules that lint its files. */
  ruleListSplit(rules) {
    const lists = ENTRIES.map(({ entry, language, files, rules: enabled }) => ({
      title: LIST_TITLES[entry] ?? `Language \`${language}\``,
      description: `Files: ${files.map((pattern) => `\`${pattern}\``).join(", ")}${FILES_NOTE[entry] ?? ""} (language \`${language}\`).`,
      rules: rules.filter(([name]) => enabled.has(`uv-ci/${name}`)),
    }));
    const other = rules.filter(([name]) => !ENTRIES.some(({ rules: enabled }) => enabled.has(`uv-ci/${name}`)));
    return [...lists, { title: "Opt-in rules, in no config", rules: other }].filter((list) => list.rules.length > 0);
  },
};

export default config;
