import { join, normalize } from "node:path";
import type { AST } from "yaml-eslint-parser";
import { containsExpression } from "./expressions.js";
import type { Job, Step, Workflow } from "./model.js";
import { runScript } from "./run-script.js";
import { defaultRunDirectory } from "./setup-uv-cache.js";
import { runDirectory, uvOptionTakesValue } from "./uv-install.js";
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
/** Words that may stand before a command (`sudo uv …`, `time uv …`). */
const PREFIXES = new Set(["sudo", "env", "time", "exec", "command", "then", "do", "else", "!", "{"]);
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
function commandRequests(tokens: Iterable<{ word: string; at: number | null } | { separator: true }>, start: string): Omit<Extract<UvPythonRequest, { kind: "command" }>, "kind" | "step" | "scalar">[] {
  const found: Omit<Extract<UvPythonRequest, { kind: "command" }>, "kind" | "step" | "scalar">[] = [];
  let cwd: string | null = start;
  let words: Word[] = [];
  const endCommand = (): void => {
    while (words.length > 0 && (PREFIXES.has(words[0]!.word) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!.word))) words.shift();
    const [first, ...rest] = words;
    words = [];
    if (first === undefined) return;
    if (first.word === "cd" || first.word === "pushd") {
      const target = rest[0]?.word;
      cwd = target === undefined || target.includes("$") || target.startsWith("-") || target.startsWith("~") || target.startsWith("/") || cwd === null ? null : normalize(join(cwd, target));
      return;
    }
    if (first.word !== "uv" && !first.word.endsWith("/uv")) return;
    const request = uvCommandRequest(rest);
    if (request === null) return;
    const directory = request.directory === undefined ? cwd : request.directory === null || cwd === null ? null : normalize(join(cwd, request.directory));
    found.push({ value: request.value, command: request.command, at: request.at, directory: directory === null ? null : directory.replace(/^\.$/, "").replace(/\/$/, "") });
  };
  for (const token of tokens) {
    if ("separator" in token) endCommand();
    else words.push(token);
  }
  endCommand();
  return found;
}

/**
 * What one uv command (its words after `uv`) asks for: the version and its offset, and the
 * `--directory`/`--project` it names (undefined when none, null when not a plain path).
 */
function uvCommandRequest(words: Word[]): { value: string; command: string; at: number | null; directory?: string | null } | null {
  let index = 0;
  let directory: string | null | undefined;
  // Global options before the subcommand.
  for (; index < words.length && words[index]!.word.startsWith("-"); index++) {
    const [name, inline] = splitOption(words[index]!.word);
    const value = uvOptionTakesValue(name) && inline === null ? words[++index]?.word : inline;
    if (name === "--directory" || name === "--project") directory = value === undefined || value === null || value.includes("$") ? null : value;
  }
  const subcommand = words[index]?.word;
  if (subcommand === "python") {
    if (words[index + 1]?.word !== "install") return null;
    const versions = words.slice(index + 2).filter((word) => !word.word.startsWith("-"));
    // Several versions at once install several Pythons on purpose.
    if (versions.length !== 1 || words.slice(index + 2).some((word) => word.word.startsWith("-") && uvOptionTakesValue(splitOption(word.word)[0]))) return null;
    return plain({ value: versions[0]!.word, command: "uv python install", at: versions[0]!.at, directory });
  }
  if (subcommand === undefined || !REQUESTS_PYTHON.has(subcommand)) return null;
  for (index++; index < words.length; index++) {
    const { word, at } = words[index]!;
    // `uv run pytest -p xdist`: what follows the command to run belongs to it.
    if (!word.startsWith("-")) {
      if (subcommand === "run") return null;
      continue;
    }
    const [name, inline] = splitOption(word);
    if (name === "--python" || name === "-p") {
      const value = inline ?? words[index + 1]?.word;
      const valueAt = inline !== null ? (at === null ? null : at + name.length + 1) : (words[index + 1]?.at ?? null);
      return value === undefined ? null : plain({ value, command: `uv ${subcommand} ${name}`, at: valueAt, directory });
    }
    if (name === "--directory" || name === "--project") directory = (inline ?? words[index + 1]?.word ?? "$").includes("$") ? null : (inline ?? words[index + 1]!.word);
    if (uvOptionTakesValue(name) && inline === null) index++;
  }
  return null;
}

/** `--name=value` as its name and value; a word without `=` has no inline value. */
function splitOption(word: string): [string, string | null] {
  const equals = word.indexOf("=");
  return equals === -1 ? [word, null] : [word.slice(0, equals), word.slice(equals + 1)];
}

/** The request when its version is written out, not a variable or an expression known at run time. */
function plain<T extends { value: string }>(request: T): T | null {
  return request.value.includes("$") || request.value === "" ? null : request;
}
