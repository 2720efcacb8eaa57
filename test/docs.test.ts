import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../src/rules.js";
import { PROJECT_ROOT } from "./helpers/cli.js";

/**
 * The docs cannot drift from the code: eslint-doc-generator's check mode compares the README's rule
 * table and every rule page's generated parts with the built plugin (`npm test` builds it first),
 * and the parity tests tie every rule to its source file, test file and page. What a rule's meta
 * must hold (description pattern, default options, message format, no unused or missing message ids
 * and placeholders) is eslint-plugin-eslint-plugin's job, in eslint.config.js and so in `npm test`.
 */

const DOC_GENERATOR_BIN = join(PROJECT_ROOT, "node_modules", "eslint-doc-generator", "dist", "bin", "eslint-doc-generator.js");

interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

interface RuleMeta {
  docs?: { url?: string };
  languages?: string[];
  schema?: JsonSchema | JsonSchema[] | false;
}

/** File names in `dir` that end with `suffix`, without it, sorted. */
function namesIn(dir: string, suffix: string): string[] {
  return readdirSync(join(PROJECT_ROOT, dir))
    .filter((name) => name.endsWith(suffix))
    .map((name) => name.slice(0, -suffix.length))
    .sort();
}

/** Paths (like `options.triggers`) of object properties anywhere in a schema that lack a description. */
function propertiesWithoutDescription(schema: JsonSchema | JsonSchema[] | false | undefined, at = "options"): string[] {
  if (!schema) return [];
  if (Array.isArray(schema)) return schema.flatMap((entry, index) => propertiesWithoutDescription(entry, `${at}[${index}]`));
  const missing: string[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (!property.description?.trim()) missing.push(`${at}.${name}`);
    missing.push(...propertiesWithoutDescription(property, `${at}.${name}`));
  }
  if (schema.items) missing.push(...propertiesWithoutDescription(schema.items, `${at}[]`));
  for (const variant of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) missing.push(...propertiesWithoutDescription(variant, at));
  return missing;
}

const ruleNames = Object.keys(rules).sort();

describe("eslint-doc-generator", () => {
  it("finds the README's rule table and every rule page up to date (run `npm run docs` to regenerate)", () => {
    const result = spawnSync(process.execPath, [DOC_GENERATOR_BIN, "--check"], { cwd: PROJECT_ROOT, encoding: "utf8" });
    expect(result.error).toBeUndefined();
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  });
});

describe("every rule has its source file, test file and page", () => {
  it("src/rules.ts exports the rules of rules/", () => {
    expect(ruleNames).toEqual(namesIn("rules", ".ts"));
  });

  it("each rule has a test file in test/rules/", () => {
    expect(ruleNames).toEqual(namesIn(join("test", "rules"), ".test.ts"));
  });

  it("each rule has a page in docs/rules/", () => {
    expect(ruleNames).toEqual(namesIn(join("docs", "rules"), ".md"));
  });
});

describe.each(ruleNames)("the rule %s", (name) => {
  const meta = (rules[name]?.meta ?? {}) as RuleMeta;

  it("links to its page", () => {
    expect(meta.docs?.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
  });

  it("declares the languages it runs on", () => {
    expect(Array.isArray(meta.languages) && meta.languages.length > 0).toBe(true);
  });

  it("describes every option in its schema", () => {
    expect(meta.schema).toBeDefined();
    expect(propertiesWithoutDescription(meta.schema)).toEqual([]);
  });

  it("has a page whose only `# ` line is its title", () => {
    // eslint-doc-generator takes the first line starting with `# ` for the title, even inside a code
    // block, and replaces it: a top-level `# comment` in a YAML or Dockerfile example would be lost.
    const page = readFileSync(join(PROJECT_ROOT, "docs", "rules", `${name}.md`), "utf8");
    const titleLines = page.split(/\r?\n/).filter((line) => line.startsWith("# "));
    expect(titleLines).toEqual([`# uv-ci/${name}`]);
  });
});
