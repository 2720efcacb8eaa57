import { statSync } from "node:fs";
import path from "node:path";
import type { Linter } from "eslint";
import { VIRTUALENV_MARKER } from "../docker/dockerfiles.js";
import { COMPOSITE_ACTION_GLOBS, DOCKERFILE_GLOBS, DOCKERIGNORE_GLOBS, PRE_COMMIT_CONFIG_GLOBS, WORKFLOW_GLOBS } from "../languages/files.js";

/**
 * What `uv-ci-lint` lints when it is given no path, or a directory: per language of
 * `configs.recommended`, the files that language covers, relative to the directory.
 *
 * Workflows are only the ones directly in `.github/workflows` of the root: GitHub runs no other
 * (https://docs.github.com/en/actions/writing-workflows/about-workflows#about-workflows), so copies
 * in fixtures or examples are left alone. Composite actions, Docker build contexts and so their
 * ignore files can be anywhere, and so can pre-commit configurations (a subproject's, run with
 * `--config`). A language added to `configs.recommended` needs its line here; test/cli-bin.test.ts
 * fails until it has one.
 */
export const LINT_PATTERNS_BY_LANGUAGE: Readonly<Record<string, readonly string[]>> = {
  "yml/yaml": [...WORKFLOW_GLOBS, ...COMPOSITE_ACTION_GLOBS, ...PRE_COMMIT_CONFIG_GLOBS],
  "uv-ci/dockerignore": DOCKERIGNORE_GLOBS,
  "uv-ci/dockerfile": DOCKERFILE_GLOBS,
};

/** The languages that `configs` set, in order. */
export function languagesOf(configs: readonly Linter.Config[]): string[] {
  return [...new Set(configs.map((config) => config.language).filter((language) => language !== undefined))];
}

/**
 * The language objects that `configs` set, by identity: ESLint's calculated config for a file holds
 * the object, not the `"namespace/name"` string.
 */
export function languageObjectsOf(configs: readonly Linter.Config[]): Set<unknown> {
  const objects = new Set<unknown>();
  for (const config of configs) {
    if (!config.language) continue;
    const [namespace = "", name = ""] = config.language.split("/");
    const language = (config.plugins?.[namespace] as { languages?: Record<string, unknown> } | undefined)?.languages?.[name];
    if (language) objects.add(language);
  }
  return objects;
}

/** The patterns to lint for the languages the plugin's recommended config sets up. */
export function defaultLintPatterns(recommended: readonly Linter.Config[]): string[] {
  return languagesOf(recommended).flatMap((language) => LINT_PATTERNS_BY_LANGUAGE[language] ?? []);
}

/**
 * Turns the command line's paths into what `ESLint#lintFiles` gets: no path means `cwd`; a
 * directory becomes the default patterns inside it; anything else (a file, a glob, a missing
 * path) is passed on as given.
 */
export function lintTargets(paths: readonly string[], cwd: string, defaultPatterns: readonly string[]): string[] {
  return (paths.length > 0 ? paths : ["."]).flatMap((given) => {
    if (!isDirectory(path.resolve(cwd, given))) return [given];
    const prefix = path.posix.normalize(given.split(path.sep).join("/")).replace(/\/$/, "");
    return patternsInside(prefix, defaultPatterns).map((pattern) => (prefix === "." ? pattern : `${prefix}/${pattern}`));
  });
}

/**
 * The default patterns as seen from inside `directory`: given `.github/workflows` or `.github`
 * itself, as users type it, the workflow patterns lose the part the directory already names.
 */
function patternsInside(directory: string, defaultPatterns: readonly string[]): string[] {
  for (const tail of [".github/workflows", ".github"]) {
    if (directory !== tail && !directory.endsWith(`/${tail}`)) continue;
    return defaultPatterns.map((pattern) => (WORKFLOW_GLOBS.includes(pattern) ? pattern.slice(tail.length + 1) : pattern));
  }
  return [...defaultPatterns];
}

/** Whether `absolutePath` is a directory; false when it does not exist. */
function isDirectory(absolutePath: string): boolean {
  return statSync(absolutePath, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Whether `absolutePath` is a file (or a symlink to one); false when it does not exist. */
export function isFile(absolutePath: string): boolean {
  return statSync(absolutePath, { throwIfNoEntry: false })?.isFile() ?? false;
}

/**
 * Global ignores that skip every virtual environment, whatever its name (`env/`, `.py312/`): a
 * directory that holds a `pyvenv.cfg` (PEP 405). The configs can only name folders (`.venv`,
 * `venv`); ESLint calls a function in `ignores` for each directory it is about to walk (with a
 * trailing separator) and for each file, so a virtual environment is pruned before ESLint reads
 * any of it, at the price of one `stat` per directory.
 */
export function virtualEnvironmentIgnores(): Linter.Config {
  const isVirtualEnvironment = (filePath: string): boolean => /[\\/]$/.test(filePath) && isFile(path.join(filePath, VIRTUALENV_MARKER));
  // ESLint's types allow only strings in `ignores`; @eslint/config-array, which applies them, takes functions.
  return { name: "uv-ci-lint/virtual-environments", ignores: [isVirtualEnvironment as unknown as string] };
}
