import { basename } from "node:path";
import { programOf } from "../workflow/shell-commands.js";
import { readUvOptions } from "./uv-options.js";

/**
 * Commands that edit a project's `pyproject.toml` or `uv.lock` in a job, so that the lockfile no
 * longer matches on purpose (khoj's `sed` that turns `dynamic = ["version"]` into a fixed version
 * before `uv sync`): `--locked` after them fails every run.
 */

/** The files whose edit changes what `uv lock --check` compares. */
const PROJECT_FILES = new Set(["pyproject.toml", "uv.lock"]);

/** Programs that edit a file in place with `-i` (`sed -i`, `perl -pi`, `yq -i`). */
const IN_PLACE_EDITORS = new Set(["sed", "gsed", "perl", "yq", "tomlq"]);

/** uv subcommands that change `pyproject.toml` and relock. `uv version` only with a value or `--bump`. */
const EDITING_UV_SUBCOMMANDS = new Set(["add", "remove"]);

/**
 * Whether a simple command (its words, prefixes skipped) edits a `pyproject.toml` or `uv.lock`: an
 * in-place editor given one (`sed -i … pyproject.toml`), `toml-cli set`/`toml set`, `tee` or a
 * `>`/`>>` redirect into one, `uv add`, `uv remove`, `uv version 1.2.3` or `uv version --bump patch`
 * (not `--dry-run`).
 */
export function editsProjectFiles(words: readonly string[]): boolean {
  const program = programOf(words[0] ?? "");
  const args = words.slice(1);
  const namesProjectFile = (word: string): boolean => PROJECT_FILES.has(basename(word));
  if (words.some((word, index) => REDIRECT.test(word) && namesProjectFile(word.replace(REDIRECT, "") || (words[index + 1] ?? "")))) return true;
  if (IN_PLACE_EDITORS.has(program)) return args.some((word) => /^-[a-zA-Z]*i/.test(word) || word.startsWith("--in-place")) && args.some(namesProjectFile);
  if (program === "toml-cli" || program === "toml") return args[0] === "set" && args.some((word) => namesProjectFile(word.replace(/^--toml-path=/, "")));
  if (program === "tee") return args.some(namesProjectFile);
  if (program !== "uv") return false;
  const rest = args.slice(readUvOptions(args, "stop").rest);
  const [subcommand, ...options] = rest;
  if (EDITING_UV_SUBCOMMANDS.has(subcommand ?? "")) return !options.includes("--dry-run");
  if (subcommand !== "version" || options.includes("--dry-run")) return false;
  return options.some((word, index) => word === "--bump" || word.startsWith("--bump=") || (!word.startsWith("-") && !VERSION_VALUE_OPTIONS.has(options[index - 1] ?? "")));
}

/** Options of `uv version` whose value is no version (`--output-format json`). */
const VERSION_VALUE_OPTIONS = new Set(["--output-format", "--package", "--python", "-p", "--project", "--directory"]);

/** An output redirect (`>`, `>>`, `1>`), alone or before its file (`>>pyproject.toml`); not `>&2`. */
const REDIRECT = /^\d*>>?(?!&)/;
