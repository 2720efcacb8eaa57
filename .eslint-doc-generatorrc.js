// Configuration of eslint-doc-generator (https://github.com/bmish/eslint-doc-generator).
// It loads the built plugin (package.json `exports` → dist/src/index.js), so run `npm run build` first;
// `npm run docs` does both. `npm run docs:check` (and test/docs.test.ts) fail when the README's rule
// lists or a rule page's generated parts are out of date.
import plugin from "./dist/src/index.js";

/**
 * The README's rule lists, one per entry of `configs.recommended`, by the entry's name
 * (`uv-ci/recommended/<name>`): a heading, and for a YAML entry the kind of YAML file it lints,
 * which a rule's `meta.docs.yamlFiles` names (workflows when it does not).
 */
const LISTS = {
  "yml-yaml": { title: "GitHub Actions workflows", yamlFile: "workflow" },
  "uv-ci-dockerignore": { title: "`.dockerignore` files" },
  "uv-ci-dockerfile": { title: "Dockerfiles" },
  "pre-commit-config": { title: "pre-commit configurations", yamlFile: "pre-commit-config" },
};

/** The entries of `configs.recommended`: the files and language each covers, and its list. */
const ENTRIES = plugin.configs.recommended.map((config) => ({ ...config, list: LISTS[config.name.split("/").at(-1)] ?? {} }));

/** Whether an entry turns a rule on: the rule supports its language and, for YAML, lints its kind of file. */
const lintsEntry = (rule, entry) =>
  Boolean(rule.meta?.languages?.includes(entry.language)) &&
  (entry.list.yamlFile === undefined || (rule.meta?.docs?.yamlFiles ?? ["workflow"]).includes(entry.list.yamlFile));

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
  /** One list per entry of `configs.recommended`, in its order. */
  ruleListSplit(rules) {
    const lists = ENTRIES.map((entry) => ({
      title: entry.list.title ?? `Language \`${entry.language}\``,
      description: `Files: ${entry.files.map((pattern) => `\`${pattern}\``).join(", ")} (language \`${entry.language}\`).`,
      rules: rules.filter(([, rule]) => lintsEntry(rule, entry)),
    }));
    const other = rules.filter(([, rule]) => !ENTRIES.some((entry) => lintsEntry(rule, entry)));
    return [...lists, { title: "Other rules", rules: other }].filter((list) => list.rules.length > 0);
  },
};

export default config;
