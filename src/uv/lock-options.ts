// uv's options and environment variables that decide whether a command checks, uses or re-resolves uv.lock, and which uv.lock it uses.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { resolveInsideRoot } from "../repository/root.js";
import { containsExpression } from "../workflow/expressions.js";
import type { UvCommand } from "../workflow/uv-commands.js";
import { optionValue, readUvOptions } from "./uv-options.js";
import { governingLockfile } from "./workspace.js";

/** Options that make `uv sync` / `uv run` check the lockfile (`--locked`) or use it as it is (`--frozen`). */
export const LOCK_CHECKS = ["--locked", "--frozen"];
/** Options that re-resolve on purpose: the step wants newer versions than the lockfile's. */
export const RE_RESOLVING = ["--upgrade", "-U", "--upgrade-package", "-P", "--resolution", "--prerelease", "--exclude-newer"];
/** `uv run` options after which it does not sync the project. */
export const RUN_WITHOUT_PROJECT_SYNC = ["--no-sync", "--no-project", "--script", "--isolated", "--only-group"];
/** Environment variables that set `--locked` / `--frozen` for every uv command (https://docs.astral.sh/uv/reference/environment/). */
export const LOCK_ENV = ["UV_LOCKED", "UV_FROZEN"];
/** Environment variables that re-resolve on purpose, as the options above (a `lowest-direct` leg of a matrix). */
export const RE_RESOLVING_ENV = ["UV_RESOLUTION", "UV_PRERELEASE", "UV_EXCLUDE_NEWER", "UV_UPGRADE", "UV_UPGRADE_PACKAGE"];

/** The options of `uv run` before the command it runs (`uv run --with rich --locked pytest -x`: `--with rich --locked`). */
export function leadingOptions(args: readonly string[]): string[] {
  return args.slice(0, readUvOptions(args, "stop").rest);
}

/** Whether the command's options hold a value that only the run knows (an expression, a shell variable): they may say `--frozen`. */
export function passesUnknownOptions(command: UvCommand): boolean {
  // For `uv run`, its options and the command word after them (`uv run ${{ inputs.flags }} pytest`).
  const options = command.subcommand === "run" ? command.args.slice(0, leadingOptions(command.args).length + 1) : command.args;
  return [...command.globals, ...options].some((word) => word.includes("$") || word.includes("{{"));
}

/**
 * Whether `uv run` runs in the project: not a Python file that carries its own inline metadata
 * (`# /// script`), which uv runs apart from the project, nor one this lint cannot read to tell.
 */
export function runsProjectCommand(command: UvCommand, root: string, start: string): boolean {
  const target = command.args[leadingOptions(command.args).length];
  if (target === undefined || !target.endsWith(".py")) return true;
  const path = resolveInsideRoot(root, join(start, command.cwd, target));
  if (path === null || !existsSync(path)) return false;
  try {
    return !/^# \/\/\/ script\s*$/m.test(readFileSync(path, "utf8"));
  } catch {
    return false;
  }
}

/**
 * The `uv.lock` a command uses (see `governingLockfile`), from the directory it runs in: the step's
 * working directory, a `cd`, `--directory` or `--project`; null when that is an expression or a
 * variable this lint cannot read.
 */
export function lockfileOf(root: string, start: string, command: UvCommand): string | null {
  const directory = optionValue(command.globals, "--directory") ?? optionValue(command.globals, "--project") ?? optionValue(command.args, "--directory") ?? optionValue(command.args, "--project");
  const parts = [start, command.cwd, directory ?? ""];
  if (parts.some((part) => containsExpression(part) || part.includes("$"))) return null;
  const path = resolveInsideRoot(root, join(...parts));
  return path === null ? null : governingLockfile(root, path);
}
