import { join, normalize } from "node:path";
import type { AST } from "yaml-eslint-parser";
import { readUvOptions, splitOption, uvOptionTakesValue } from "../uv/uv-options.js";
import { containsExpression } from "./expressions.js";
import type { Job, Step, Workflow } from "./model.js";
import { runScript } from "./run-script.js";
import { defaultRunDirectory } from "./setup-uv-cache.js";
import { commandsWithDirectory, programOf } from "./shell-commands.js";
import { runDirectory } from "./uv-install.js";
import { asScalar } from "./yaml-nodes.js";

/**
 * The places besides setup-uv's and setup-python's `python-version` where a workflow asks uv for a
 * Python (https://docs.astral.sh/uv/concepts/python-versions/#requesting-a-version):
 * - `env`: `UV_PYTHON` in the workflow's, a job's or a step's `env`;
 * - `command`: `uv python install X`, and `--python X` / `-p X` of `uv sync`, `uv venv` and `uv run`
 *   in a `run:` script.
 */
export type UvPythonRequest =
  | { kind: "env"; value: string; pair: AST.YAMLPair; scalar: AST.YAMLScalar; job: Job | null; step: Step | null }
  | {
      kind: "command";
      value: string;
      /** The command as a user knows it: `uv python install`, `uv sync --python`. */
      command: string;
      step: Step;
      /** The script's scalar, and the file offset of the value when it is written there as is. */
      scalar: AST.YAMLScalar;
      at: number | null;
      /** The directory the command runs in, relative to the repository root ("" for the root); null when unknown. */
      directory: string | null;
    };

const UV_PYTHON = "UV_PYTHON";
const REQUESTS_PYTHON = new Set(["sync", "venv", "run"]);

/** Every request for a Python through uv in a workflow, in document order per kind. */
export function uvPythonRequests(workflow: Workflow, text: string): UvPythonRequest[] {
  const requests: UvPythonRequest[] = [];
  const envRequest = (env: Map<string, AST.YAMLPair>, job: Job | null, step: Step | null): void => {
    const pair = env.get(UV_PYTHON);
    const scalar = asScalar(pair?.value);
    // A number is GitHub's text of it only when written so (`3.10` is the number 3.1).
    const value = scalar === null ? null : typeof scalar.value === "string" ? scalar.value : typeof scalar.value === "number" && text.slice(...scalar.range) === String(scalar.value) ? String(scalar.value) : null;
    if (pair && scalar && value !== null && !containsExpression(value) && !value.includes("\n")) requests.push({ kind: "env", value: value.trim(), pair, scalar, job, step });
  };
  envRequest(workflow.env, null, null);
  for (const job of workflow.jobs) envRequest(job.env, job, null);
  const defaults = defaultRunDirectory(workflow);
  for (const step of workflow.steps) {
    envRequest(step.env, step.job, step);
    if (!/uv/.test(text.slice(...step.node.range))) continue;
    const script = runScript(step, text);
    if (script === null) continue;
    for (const request of commandRequests(script.tokens, normalize(runDirectory(step, defaults) || "."))) {
      requests.push({ kind: "command", step, scalar: script.scalar, ...request });
    }
  }
  return requests;
}

type Word = { word: string; at: number | null };

/** The requests of a script's uv commands, following `cd` and `--directory` to know where each runs. */
function commandRequests(tokens: Iterable<Word | { separator: true }>, start: string): Omit<Extract<UvPythonRequest, { kind: "command" }>, "kind" | "step" | "scalar">[] {
  const found: Omit<Extract<UvPythonRequest, { kind: "command" }>, "kind" | "step" | "scalar">[] = [];
  for (const { words: [first, ...rest], cwd } of commandsWithDirectory(commandsOf(tokens), (word) => word.word)) {
    if (programOf(first!.word) !== "uv") continue;
    const request = uvCommandRequest(rest);
    if (request === null) continue;
    const where = cwd === null ? null : normalize(join(start, cwd));
    const directory = request.directory === undefined ? where : request.directory === null || where === null ? null : normalize(join(where, request.directory));
    found.push({ value: request.value, command: request.command, at: request.at, directory: directory === null ? null : directory.replace(/^\.$/, "").replace(/\/$/, "") });
  }
  return found;
}

/** The tokens of run-script.ts as simple commands: the words between separators. */
function* commandsOf(tokens: Iterable<Word | { separator: true }>): Generator<Word[]> {
  let words: Word[] = [];
  for (const token of tokens) {
    if (!("separator" in token)) words.push(token);
    else if (words.length > 0) {
      yield words;
      words = [];
    }
  }
  if (words.length > 0) yield words;
}

/** A `--directory`/`--project` value as a path: null when only the shell knows it. */
function plainDirectory(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.includes("$") ? null : value;
}

/**
 * What one uv command (its words after `uv`) asks for: the version and its offset, and the
 * `--directory`/`--project` it names (undefined when none, null when not a plain path).
 */
function uvCommandRequest(words: Word[]): { value: string; command: string; at: number | null; directory?: string | null } | null {
  const texts = words.map((word) => word.word);
  let directory: string | null | undefined;
  const global = readUvOptions(texts, "stop");
  for (const { name, value } of global.options) if (name === "--directory" || name === "--project") directory = plainDirectory(value);
  const subcommand = texts[global.rest];
  const args = words.slice(global.rest + 1);
  if (subcommand === "python") {
    if (args[0]?.word !== "install") return null;
    const versions = args.slice(1).filter((word) => !word.word.startsWith("-"));
    // Several versions at once install several Pythons on purpose.
    if (versions.length !== 1 || args.slice(1).some((word) => word.word.startsWith("-") && uvOptionTakesValue(splitOption(word.word)[0]))) return null;
    return plain({ value: versions[0]!.word, command: "uv python install", at: versions[0]!.at, directory });
  }
  if (subcommand === undefined || !REQUESTS_PYTHON.has(subcommand)) return null;
  // `uv run pytest -p xdist`: what follows the command to run belongs to it.
  const own = readUvOptions(texts.slice(global.rest + 1), subcommand === "run" ? "stop" : "skip");
  for (const { name, value, index, valueIndex } of own.options) {
    if (name === "--python" || name === "-p") {
      // `--python 3.12` has its value in the next word, `--python=3.12` after the `=`.
      const optionAt = args[index]!.at;
      const at = valueIndex !== null ? args[valueIndex]!.at : optionAt === null ? null : optionAt + name.length + 1;
      return value === null ? null : plain({ value, command: `uv ${subcommand} ${name}`, at, directory });
    }
    if (name === "--directory" || name === "--project") directory = plainDirectory(value);
  }
  return null;
}

/** The request when its version is written out, not a variable or an expression known at run time. */
function plain<T extends { value: string }>(request: T): T | null {
  return request.value.includes("$") || request.value === "" ? null : request;
}
