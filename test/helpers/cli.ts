import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const ESLINT_BIN = join(PROJECT_ROOT, "node_modules", "eslint", "bin", "eslint.js");

/** A config that uses the built plugin as a user would, by package name. */
export const RECOMMENDED_CONFIG = `import uvCi from "eslint-plugin-uv-ci";\n\nexport default [...uvCi.configs.recommended];\n`;

/**
 * configs.recommended plus require-concurrency-per-ref (in configs.strict only), as a repository on
 * scarce self-hosted runners, like the seed's, turns it on.
 */
/**
 * require-concurrency-per-ref on every workflow a newer commit can supersede, as if runners were
 * scarce: for the tests of its fixes on fixtures whose jobs run on `ubuntu-latest`.
 */
export const SCARCE_RUNNERS_CONFIG = `import uvCi from "eslint-plugin-uv-ci";\n\nexport default [\n  ...uvCi.configs.recommended,\n  { files: ["**/.github/workflows/*.{yml,yaml}"], rules: { "uv-ci/require-concurrency-per-ref": ["error", { assumeScarceRunners: true }] } },\n];\n`;
export const CONCURRENCY_CONFIG = `import uvCi from "eslint-plugin-uv-ci";\n\nexport default [\n  ...uvCi.configs.recommended,\n  { files: ["**/.github/workflows/*.{yml,yaml}"], rules: { "uv-ci/require-concurrency-per-ref": "error" } },\n];\n`;

/**
 * Copies a fixture repository into a fresh temporary folder where `eslint-plugin-uv-ci`
 * resolves to this checkout's build, and writes `config` (the recommended one by default) unless the fixture has one.
 */
export function makeSandbox(source: string | Record<string, string>, config = RECOMMENDED_CONFIG): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-test-"));
  if (typeof source === "string") cpSync(source, dir, { recursive: true });
  else writeFiles(dir, source);
  if (!readdirSync(dir).some((name) => name.startsWith("eslint.config."))) {
    writeFileSync(join(dir, "eslint.config.js"), config);
  }
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(PROJECT_ROOT, join(dir, "node_modules", "eslint-plugin-uv-ci"), "dir");
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `eslint` CLI in `cwd`. */
export function runEslint(cwd: string, args: string[]): CliResult {
  const result = spawnSync(process.execPath, [ESLINT_BIN, ...args], { cwd, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** One JSON-formatted lint result per file, relative path to messages. */
export function lintJson(cwd: string, args: string[] = []): { status: number | null; results: Map<string, { ruleId: string | null; message: string; line: number; column: number; fatal?: boolean }[]>; stderr: string } {
  const run = runEslint(cwd, ["--format", "json", ...args, "."]);
  const results = new Map();
  for (const result of JSON.parse(run.stdout || "[]") as { filePath: string; messages: never[] }[]) {
    results.set(relative(cwd, result.filePath), result.messages);
  }
  return { status: run.status, results, stderr: run.stderr };
}

/** Every file under `dir` (outside node_modules) with its text. */
export function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      if (name === "node_modules") continue;
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, "latin1");
    }
  };
  walk(dir);
  return files;
}
