// The config the corpus runs and reviews: configs.strict with the opt-in rules on as well.
import plugin from "../../dist/src/index.js";

/** The kind of YAML file each config entry lints, by the entry's name after `uv-ci/strict/`. */
const YAML_KIND_OF_ENTRY = { "yml-yaml": "workflow", "composite-actions": "composite-action", "pre-commit-config": "pre-commit-config" };

/**
 * configs.strict with the opt-in rules (`meta.docs.optIn`) on as well, in the entries of their
 * language and kind of YAML file: the corpus measures every rule.
 */
export const EVERY_RULE = plugin.configs.strict.map((config) => {
  const kind = YAML_KIND_OF_ENTRY[config.name.split("/").pop()];
  const optIn = Object.entries(plugin.rules).filter(
    ([, rule]) => rule.meta.docs.optIn && rule.meta.languages.includes(config.language) && (kind === undefined || (rule.meta.docs.yamlFiles ?? ["workflow"]).includes(kind)),
  );
  return { ...config, rules: { ...config.rules, ...Object.fromEntries(optIn.map(([name]) => [`uv-ci/${name}`, "error"])) } };
});
