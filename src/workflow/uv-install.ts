import { readFileSync } from "node:fs";
import { join, normalize } from "node:path";
import { readUvOptions } from "../uv/uv-options.js";
import { envFlagOn, type Step } from "./model.js";
import { commandsWithDirectory, programOf, simpleCommands } from "./shell-commands.js";
import { asMapping, pairsByKey, scalarText, type YAMLValue } from "./yaml-nodes.js";

/**
 * What a job puts into uv's cache after a setup-uv step, read from the `run:` scripts that follow it
 * in the job: one entry per distinct install (`uv sync`/`uv run` with their extras and groups,
 * `uv pip install …`, `uvx …`, `uv build`), each with the directory it runs in. Two jobs with the
 * same entries fill the cache alike, so sharing a key does no harm between them.
 */

/** Commands that install through uv in ways a workflow does not show (a Makefile, nox sessions, a script). */
const OPAQUE_COMMANDS = new Set(["make", "just", "nox", "tox", "hatch", "invoke", "inv", "task", "poe", "prek", "bash", "sh", "zsh", "source", ".", "eval", "pwsh"]);
/** Tools that `uvx` may run which then install more through uv. */
const OPAQUE_TOOLS = new Set(["nox", "tox", "hatch", "prek", "pre-commit-uv", "poethepoet", "poe", "rust-just", "just"]);
/** `uv sync`/`uv run` options that change what is installed. */
const INSTALL_OPTIONS = new Set([
  "--extra", "--no-extra", "--all-extras", "--group", "--only-group", "--no-group", "--all-groups", "--no-dev", "--only-dev", "--dev",
  "--no-default-groups", "--package", "--all-packages", "--with", "--with-requirements", "--with-editable", "--no-project", "--python", "-p",
  "--resolution", "--prerelease", "--exclude-newer", "--from", "--no-sync",
]);

/** The installs of a job after a setup-uv step as sorted text, or null when the workflow does not show them. */
export type InstallSignature = string | null;

interface Options {
  flags: string[];
  rest: string[];
  directory: string | null;
}

/** Splits a uv command's words into the options that change the install and what follows them. */
function readOptions(words: string[]): Options {
  const flags: string[] = [];
  let directory: string | null = null;
  const { options, rest } = readUvOptions(words, "stop");
  for (const { name, value } of options) {
    if (name === "--directory" || name === "--project") directory = value ?? "";
    // `--dev` is what `uv sync` and `uv run` do anyway.
    else if (INSTALL_OPTIONS.has(name) && name !== "--dev") flags.push(value === null ? name : `${name === "-p" ? "--python" : name}=${value}`);
  }
  return { flags, rest: words.slice(rest), directory };
}

/** Whether a Python file carries PEP 723 inline metadata, which `uv run` installs instead of the project; null when unreadable. */
function isInlineScript(root: string, path: string): boolean | null {
  try {
    return /^# \/\/\/ script\s*$/m.test(readFileSync(join(root, path), "utf8"));
  } catch {
    return null;
  }
}

/** The install one uv or uvx command does, as text; "" for none; null when the workflow does not show it. */
function installOf(words: string[], cwd: string, root: string, noSync: boolean): string | null {
  if (words.some((word) => word.includes("${{"))) return null;
  const command = programOf(words[0]!);
  if (command === "uvx") return toolInstall(words.slice(1));
  const viaPythonModule = /^python[\d.]*$/.test(command) && words[1] === "-m" && (OPAQUE_COMMANDS.has(words[2] ?? "") || words[2] === "uv");
  if (command !== "uv") return OPAQUE_COMMANDS.has(command) || words[0]!.includes("/") || viaPythonModule ? null : "";
  const global = readOptions(words.slice(1));
  const [subcommand, ...args] = global.rest;
  const own = subcommand === "sync" || subcommand === "run" ? readOptions(args) : null;
  // `--directory` is a global option: uv takes it after the subcommand too.
  const directory = own?.directory ?? global.directory;
  const where = directory === null ? cwd : normalize(join(cwd, directory));
  const project = (flags: string[]): string => `project ${where} ${[...global.flags, ...flags].sort().join(" ")}`.trim();
  switch (subcommand) {
    case "sync":
      return project(own!.flags);
    case "run": {
      const options = own!;
      const target = options.rest[0];
      if (options.flags.includes("--no-sync") || noSync) return "";
      const runsOpaque = target !== undefined && (OPAQUE_COMMANDS.has(target) || (target === "python" && options.rest[1] === "-m" && OPAQUE_COMMANDS.has(options.rest[2] ?? "")));
      if (runsOpaque) return null;
      const noProject = options.flags.includes("--no-project") || args.includes("--script");
      // A script's inline metadata decides what `uv run` installs for it, `--no-project` or not.
      if (target !== undefined && (target.endsWith(".py") || noProject)) {
        const inline = isInlineScript(root, join(where, target));
        if (inline || (inline === null && noProject)) return `script ${join(where, target)} ${options.flags.sort().join(" ")}`.trim();
        if (inline === null) return null;
      }
      if (noProject) return `no-project ${options.flags.sort().join(" ")}`.trim();
      return project(options.flags);
    }
    case "pip": {
      const [action, ...rest] = args;
      if (action === "compile") return `resolve ${where}`.trim();
      if (action !== "install" && action !== "sync") return "";
      const kept = rest.filter((word) => !/^(-q|--quiet|-v|--verbose|--system|--no-progress|--break-system-packages)$/.test(word));
      return `pip ${where} ${action} ${kept.join(" ")}`.trim();
    }
    case "tool":
      return args[0] === "run" || args[0] === "install" ? toolInstall(args.slice(1)) : "";
    case "build":
      return `build ${where}`.trim();
    // These resolve, and fill the cache with package metadata only.
    case "lock":
    case "export":
    case "tree":
      return `resolve ${where}`.trim();
    case "add":
    case "remove":
      return null;
    default:
      return "";
  }
}

function toolInstall(words: string[]): string | null {
  const options = readOptions(words);
  const tool = options.rest[0];
  if (tool === undefined) return null;
  const name = tool.split(/[@=<>[]/)[0]!.toLowerCase();
  if (OPAQUE_TOOLS.has(name) || options.flags.some((flag) => OPAQUE_TOOLS.has(flag.split("=")[1]?.split(/[@=<>[]/)[0] ?? ""))) return null;
  return `tool ${tool} ${options.flags.sort().join(" ")}`.trim();
}

/** Whether `UV_NO_SYNC` is set for the step, so that `uv run` does not install. */
function noSync(step: Step): boolean {
  return envFlagOn(step.env.get("UV_NO_SYNC") ?? step.job.env.get("UV_NO_SYNC"));
}

/** The directory a `run:` step starts in: its `working-directory`, else the job's or the workflow's `defaults.run`. */
export function runDirectory(step: Step, workflowDefaults: string): string {
  const fromDefaults = (value: YAMLValue): string | null => scalarText(pairsByKey(asMapping(pairsByKey(asMapping(value)).get("run")?.value)).get("working-directory")?.value);
  return scalarText(step.keys.get("working-directory")?.value) ?? fromDefaults(step.job.keys.get("defaults")?.value) ?? workflowDefaults;
}

/**
 * What the job installs through uv after `setupUv`, up to the next setup-uv step: sorted install
 * entries, or null when a step hides it (a Makefile, nox or tox, a shell script, a local action, an
 * expression, a `uv run` of a script this repository does not have on disk).
 */
export function installAfter(setupUv: Step, isSetupUv: (step: Step) => boolean, workflowDefaults: string, root: string): InstallSignature {
  const steps = setupUv.job.steps;
  const installs = new Set<string>();
  for (const step of steps.slice(steps.indexOf(setupUv) + 1)) {
    if (isSetupUv(step)) break;
    if (step.uses?.kind === "local" || step.uses?.kind === "docker") return null;
    const runPair = step.keys.get("run");
    if (!runPair) continue;
    const script = scalarText(runPair.value);
    const shell = scalarText(step.keys.get("shell")?.value);
    if (script === null || script.includes("${{") || (shell !== null && !/^(bash|sh|pwsh|powershell)\b/.test(shell))) return null;
    const directory = normalize(runDirectory(step, workflowDefaults) || ".").replace(/\/$/, "");
    for (const { words, cwd } of commandsWithDirectory(simpleCommands(script), (word) => word.text)) {
      // A directory only the shell knows (`cd "$DIR"`, `cd ~`) reads as `$PWD`, known at run time as below.
      const install = installOf(words.map((word) => word.text), cwd === null ? "$PWD" : normalize(join(directory, cwd)).replace(/\/$/, ""), root, noSync(step));
      // A shell variable in what is installed (`--python $PYTHON_VERSION`) is only known at run time.
      if (install === null || install.includes("$")) return null;
      if (install !== "") installs.add(install);
    }
  }
  // Nothing here puts anything in uv's cache: setup-uv then has nothing to save, or something the
  // workflow does not show uses uv.
  if (installs.size === 0) return null;
  return [...installs].filter((install) => !subsumed(install, installs)).sort().join("\n");
}

const PYTHON_FLAG = /^--python=/;
const DROPS_DEFAULT_GROUPS = /^(--no-dev|--only-dev|--only-group|--no-default-groups|--no-group|--no-project)\b/;

/**
 * Whether a plain `uv run`'s project install adds nothing to another install of the same project in
 * the job: `uv sync --extra x` then `uv run pytest` installs the default groups once, then runs.
 */
function subsumed(install: string, installs: Set<string>): boolean {
  const [kind, where, ...flags] = install.split(" ");
  if (kind !== "project" || flags.some((flag) => !PYTHON_FLAG.test(flag))) return false;
  return [...installs].some((other) => {
    const [otherKind, otherWhere, ...otherFlags] = other.split(" ");
    const python = (list: string[]): string => list.filter((flag) => PYTHON_FLAG.test(flag)).join(" ");
    // A `uv run` that names no Python uses the environment the other install made, whichever Python it has.
    const samePython = flags.length === 0 || python(otherFlags) === python(flags);
    return other !== install && otherKind === "project" && otherWhere === where && samePython && !otherFlags.some((flag) => DROPS_DEFAULT_GROUPS.test(flag));
  });
}

/**
 * Whether an install holds a project's dependencies (`uv sync`, `uv run` in the project, `uv pip
 * install`, `--with-requirements`) rather than only a tool, a script's few packages or a build
 * backend: a cache that misses those is the one that costs.
 */
export function installsDependencies(install: InstallSignature): boolean {
  return install !== null && install.split("\n").some((entry) => /^(project|pip) /.test(entry) || entry.includes("--with-requirements="));
}
