import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "./helpers/cli.js";

/**
 * What the build loads, and when (src/lazy-modules.ts, scripts/bundle.js): the packages that only
 * some lints need are not imported by any file of dist/, and are loaded when a rule first needs them.
 * `npm test` builds dist/ first.
 */

const DIST = join(PROJECT_ROOT, "dist");

/** Every JavaScript file of the build, as paths relative to dist/ with `/` separators. */
function builtFiles(): string[] {
  return readdirSync(DIST, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".js"))
    .map((file) => file.split(sep).join("/"))
    .sort();
}

/** The specifiers a built file imports statically (`import … from "x"`, `import "x"`, `export … from "x"`). */
function staticImports(file: string): string[] {
  const text = readFileSync(join(DIST, file), "utf8");
  return [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"|^import\s+"([^"]+)"/gms)].map((match) => (match[1] ?? match[2])!);
}

describe("the build", () => {
  it("is the bundle: the two entry points of package.json and the chunks they load, no per-module JavaScript", () => {
    const files = builtFiles();
    expect(files.filter((file) => !/^src\/chunks\/[\w-]+\.js$/.test(file))).toEqual(["src/cli/bin.js", "src/index.js"]);
    expect(files.some((file) => file.startsWith("src/chunks/"))).toBe(true);
    // The declarations stay, one per module: they are the package's types.
    expect(readdirSync(join(DIST, "rules")).filter((file) => file.endsWith(".d.ts")).length).toBeGreaterThan(10);
  });

  it("imports statically only the packages that every lint needs; the others are required on first use", () => {
    const packages = new Set(
      builtFiles()
        .flatMap(staticImports)
        .filter((specifier) => !specifier.startsWith(".") && !specifier.startsWith("node:"))
        .map((specifier) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/")),
    );
    expect([...packages].sort()).toEqual(["@eslint/plugin-kit", "eslint", "eslint-plugin-yml", "levn", "yaml-eslint-parser"]);
  });
});

describe("@actions/expressions, required on first use", () => {
  // A repository of its own, outside this checkout, whose other workflows no rule can read.
  const repository = mkdtempSync(join(tmpdir(), "uv-ci-lazy-"));
  afterAll(() => rmSync(repository, { recursive: true, force: true }));

  /** Runs `script` as an ES module in a fresh Node process, in the repository. */
  function runModule(script: string): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repository, encoding: "utf8" });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  const PLUGIN_URL = pathToFileURL(join(DIST, "src", "index.js")).href;
  const ESLINT_URL = pathToFileURL(createRequire(PLUGIN_URL).resolve("eslint")).href;
  const PARSER_FILE = fileURLToPath(import.meta.resolve("@actions/expressions"));
  /** Lints one workflow with `configs.strict` and prints the rule ids found, then whether the parser's module was loaded. */
  const lintScript = (workflow: string): string => `
    import { createRequire } from "node:module";
    const { Linter } = await import(${JSON.stringify(ESLINT_URL)});
    const plugin = (await import(${JSON.stringify(PLUGIN_URL)})).default;
    const messages = new Linter({ cwd: process.cwd() }).verify(${JSON.stringify(workflow)}, plugin.configs.strict, ".github/workflows/ci.yml");
    const loaded = ${JSON.stringify(PARSER_FILE)} in createRequire(import.meta.url).cache;
    console.log(JSON.stringify({ rules: messages.map((message) => message.ruleId), loaded }));
  `;

  it("is not loaded by a lint that reads no expression", () => {
    const result = runModule(lintScript("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n"));
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toMatchObject({ loaded: false });
  });

  it("is loaded by the first expression a rule reads, which it then parses, without a warning from Node", () => {
    const result = runModule(lintScript("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - if: github.ref == 'main'\n        run: make deploy\n"));
    expect(result.stderr).toBe("");
    const { rules, loaded } = JSON.parse(result.stdout) as { rules: string[]; loaded: boolean };
    expect(loaded).toBe(true);
    expect(rules).toContain("uv-ci/valid-ref-comparison");
  });
});
