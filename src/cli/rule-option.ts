import type { ESLint, Linter } from "eslint";
import { parse } from "levn";
import { PLUGIN_NAMESPACE } from "../meta.js";
import { yamlFileKindOfGlobs, yamlFilesOf } from "../languages/files.js";

/**
 * One `--rule` value as `eslint --rule` reads it: levn's `Object` type, with the braces optional
 * (`uv-ci/pin-setup-uv-version: [error, {version: "0.11.8"}]`); null when it is not one.
 */
export function parseRuleOption(text: string): Linter.RulesRecord | null {
  try {
    const value = parse("Object", text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Linter.RulesRecord) : null;
  } catch {
    return null;
  }
}

/**
 * The configs that put the `--rule` settings on top of a config. `eslint --rule` sets a rule for
 * every file, which ESLint refuses for a plugin's rule on a file of another language ("rules do not
 * support the language") or where the plugin is not registered; so a rule of a plugin that
 * `languageConfigs` register goes to the files of each of those configs whose language it supports
 * (`uv-ci/pin-setup-uv-version` to workflows, `yml/…` to workflows and pre-commit configurations)
 * and, for one of ours on YAML, whose kind of file its `meta.docs.yamlFiles` names (a workflow rule
 * not to pre-commit configurations); any other rule (ESLint's own, an unknown one) goes to every
 * file, as `eslint --rule` does, with ESLint's own errors.
 */
export function ruleOverrideConfigs(rules: Linter.RulesRecord, languageConfigs: readonly Linter.Config[]): Linter.Config[] {
  const scoped = new Map<Linter.Config, Linter.RulesRecord>();
  const everywhere: Linter.RulesRecord = {};
  for (const [ruleId, entry] of Object.entries(rules)) {
    const slash = ruleId.lastIndexOf("/");
    const [namespace, name] = [ruleId.slice(0, Math.max(slash, 0)), ruleId.slice(slash + 1)];
    const targets = languageConfigs.filter((config) => {
      const rule = (config.plugins?.[namespace] as ESLint.Plugin | undefined)?.rules?.[name];
      const languages = (rule?.meta as { languages?: string[] } | undefined)?.languages;
      if (rule === undefined || config.language === undefined || (languages !== undefined && !languages.includes(config.language))) return false;
      const yamlFile = config.language === "yml/yaml" ? yamlFileKindOfGlobs(config.files ?? []) : null;
      return yamlFile === null || namespace !== PLUGIN_NAMESPACE || yamlFilesOf(rule).includes(yamlFile);
    });
    if (targets.length === 0) everywhere[ruleId] = entry;
    for (const config of targets) scoped.set(config, { ...scoped.get(config), [ruleId]: entry });
  }
  return [
    ...[...scoped].map(([config, scopedRules]) => ({
      name: `uv-ci-lint/--rule/${config.language!.replace("/", "-")}`,
      files: config.files!,
      ...(config.ignores ? { ignores: config.ignores } : {}),
      rules: scopedRules,
    })),
    ...(Object.keys(everywhere).length > 0 ? [{ name: "uv-ci-lint/--rule", rules: everywhere }] : []),
  ];
}
