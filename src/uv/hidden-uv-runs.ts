import { closeSync, existsSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { resolveInsideRoot } from "../repository/root.js";
import { programOf } from "../workflow/shell-commands.js";
import { readUvOptions } from "./uv-options.js";

/**
 * Commands that may run `uv sync` or `uv run` where a workflow does not show it: a task runner, whose
 * recipes live in a file of their own (a justfile, a Makefile, noxfile.py), or a script of the
 * repository run as a program.
 */

/** Task runners: any recipe may run uv. `hatch` only through `hatch run`. */
const TASK_RUNNERS = new Set(["just", "make", "gmake", "nox", "tox", "invoke", "inv", "poe", "task"]);
/** Shells that run a script file given as their first argument (`bash scripts/ci.sh`, `source env.sh`). */
const SHELLS = new Set(["bash", "sh", "zsh", "dash", "ksh", "source", "."]);
/** Interpreters of a shebang that run a Python file as it is: such a file runs no uv unless it shells out, which this lint does not follow. */
const PYTHON_INTERPRETER = /^python[\d.]*$/;
/** First path segments of an installed environment's programs (`.venv/bin/pytest`): installed tools, not the repository's scripts. */
const ENVIRONMENT_DIRECTORIES = new Set([".venv", "venv", ".tox", ".nox", "env", ".env"]);

/**
 * Whether a simple command (its words, prefixes skipped) may run uv out of sight: a task runner
 * (also as `uvx just`, `python -m nox`, `hatch run`), a shell given a script file, or a file of the
 * repository run by its path (`./check.py`, `scripts/test.sh`). A file whose shebang
 * runs Python (`#!/usr/bin/env python3`) does not count; one whose shebang runs uv
 * (`#!/usr/bin/env -S uv run`) or a shell, or has none, does; a path the repository does not hold
 * (a program the job downloads) does not. `directory` is where the
 * command runs, relative to `root`; null, or a path with an expression or a variable, when only the
 * run knows it (a repository file there cannot be read: it counts).
 */
export function mayRunUvUnseen(words: readonly string[], root: string, directory: string | null): boolean {
  const program = programOf(words[0] ?? "");
  if (program === "uvx" || (program === "pipx" && words[1] === "run")) {
    const tool = words.slice(program === "uvx" ? 1 : 2);
    return TASK_RUNNERS.has(tool[readUvOptions(tool, "stop").rest] ?? "");
  }
  if (program === "uv") {
    // `uv run --no-sync just test`: the command `uv run` runs (its own sync is read as any `uv run`).
    const globals = readUvOptions(words.slice(1), "stop").rest;
    if (words[globals + 1] !== "run") return false;
    const command = words.slice(globals + 2);
    return mayRunUvUnseen(command.slice(readUvOptions(command, "stop").rest), root, directory);
  }
  if (directory !== null && !directory.includes("$") && !isOnDisk(root, directory)) {
    // A directory the job makes (a clone of another project): its recipes and scripts are that project's.
    return false;
  }
  if (PYTHON_INTERPRETER.test(program) && words[1] === "-m") return TASK_RUNNERS.has(words[2] ?? "");
  if (TASK_RUNNERS.has(program) || (program === "hatch" && words[1] === "run")) return true;
  if (SHELLS.has(program)) {
    const file = words[1];
    return file !== undefined && !file.startsWith("-") && repositoryFile(file.includes("/") ? file : `./${file}`, root, directory) !== null;
  }
  const file = words[0]?.includes("/") ? repositoryFile(words[0], root, directory) : null;
  if (file === null) return false;
  const interpreter = file === UNKNOWN_PATH ? null : shebangInterpreter(file);
  return interpreter === null || !PYTHON_INTERPRETER.test(interpreter);
}

/** A repository file in a directory only the run knows: it cannot be read. */
const UNKNOWN_PATH = "";

/**
 * The path of a file of the repository that a relative path names from `directory`; `UNKNOWN_PATH`
 * when the directory is only known at run time; null for a path outside the repository or not on
 * disk (a program the job downloads or builds, such as `./misspell`), and for a virtual
 * environment's programs (`.venv/bin/pytest`, `source .venv/bin/activate`).
 */
function repositoryFile(word: string, root: string, directory: string | null): string | null {
  if (word.startsWith("/") || word.startsWith("~") || word.includes("$")) return null;
  if (ENVIRONMENT_DIRECTORIES.has(word.replace(/^\.\//, "").split("/")[0]!)) return null;
  if (directory === null || directory.includes("$")) return UNKNOWN_PATH;
  const path = resolveInsideRoot(root, join(directory, word));
  return path !== null && existsSync(path) ? path : null;
}

/**
 * The program a file's shebang runs (`python3` for `#!/usr/bin/env python3`, `uv` for
 * `#!/usr/bin/env -S uv run`, `bash` for `#!/bin/bash`); null when the file has none or cannot be read.
 */
function shebangInterpreter(path: string): string | null {
  let firstLine: string;
  try {
    const descriptor = openSync(path, "r");
    try {
      const buffer = Buffer.alloc(256);
      firstLine = buffer.toString("utf8", 0, readSync(descriptor, buffer, 0, buffer.length, 0)).split("\n")[0]!;
    } finally {
      closeSync(descriptor);
    }
  } catch {
    return null;
  }
  if (!firstLine.startsWith("#!")) return null;
  const words = firstLine.slice(2).trim().split(/\s+/);
  const program = programOf(words[0] ?? "");
  if (program !== "env") return program || null;
  // `env` runs the first word that is neither an option (`-S`) nor an assignment.
  const command = words.slice(1).find((word) => !word.startsWith("-") && !word.includes("="));
  return command === undefined ? null : programOf(command);
}

function isOnDisk(root: string, directory: string): boolean {
  const path = resolveInsideRoot(root, directory);
  return path !== null && existsSync(path);
}
