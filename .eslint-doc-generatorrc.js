// Configuration of eslint-doc-generator (https://github.com/bmish/eslint-doc-generator).
// It loads the built plugin (package.json `exports` → dist/src/index.js), so run `npm run build` first;
// `npm run docs` does both. `npm run docs:check` (and test/docs.test.ts) fail when the README's rule
// lists or a rule page's generated parts are out of date.
import plugin from "./dist/src/index.js";

/** Headings of the README's rule lists, one list per language of `configs.recommended`. */
const LIST_TITLES = {
  "yml/yaml": "GitHub Actions workflows",
  "uv-ci/dockerignore": "`.dockerignore` files",
  "uv-ci/dockerfile": "Dockerfiles",
};

/** Each language's files, as `configs.recommended` sets them. */
const FILES_BY_LANGUAGE = new Map(plugin.configs.recommended.map((config) => [config.language, config.files]));

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
  /** One list per language a rule declares in `meta.languages`, in the order of `configs.recommended`. */
  ruleListSplit(rules) {
    const lists = [...FILES_BY_LANGUAGE].map(([language, files]) => ({
      title: LIST_TITLES[language] ?? `Language \`${language}\``,
      description: `Files: ${files.map((pattern) => `\`${pattern}\``).join(", ")} (language \`${language}\`).`,
      rules: rules.filter(([, rule]) => rule.meta?.languages?.includes(language)),
    }));
    const other = rules.filter(([, rule]) => !rule.meta?.languages?.some((language) => FILES_BY_LANGUAGE.has(language)));
    return [...lists, { title: "Other rules", rules: other }].filter((list) => list.rules.length > 0);
  },
};

export default config;
