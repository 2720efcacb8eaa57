import { join } from "node:path";
import { findPythonVersionFile } from "../uv/python-version.js";
import { readUvOptions } from "../uv/uv-options.js";
import { legValue, matrixLegs, matrixPathsIn, readsOtherThanMatrix } from "./matrix-legs.js";
import type { Step, Workflow } from "./model.js";
import { defaultRunDirectory } from "./setup-uv-cache.js";
import { usesAction } from "./uses.js";
import { uvCommands } from "./uv-commands.js";
import { runDirectory } from "./uv-install.js";
import { scalarText } from "./yaml-nodes.js";

/**
 * How the legs of a matrix job meet setup-uv's cache key. Without a `python-version` input setup-uv
 * keys the cache with the Python `uv python find` gives when it starts (the runner's, unless an
 * earlier step or `UV_PYTHON` chose one), and nothing in the key names a resolution strategy
 * (https://github.com/astral-sh/setup-uv/issues/182, and the README's FAQ on `--resolution`
 * matrices). So legs that install for different Pythons or resolutions later in the job compute one
 * key, unless something in it names the matrix value.
 */

/** What a matrix value changes in a leg's install. */
type LegDifference = "python" | "resolution";

/** A `matrix.…` path that reaches what a leg installs, and how. */
export interface InstallingPath {
  path: string;
  difference: LegDifference;
}

/** uv options whose value picks the Python or the resolution of an install. */
const PYTHON_OPTIONS = new Set(["--python", "-p", "--python-version"]);
const RESOLUTION_OPTIONS = new Set(["--resolution", "--prerelease"]);
/** uv subcommands that install packages (or, `venv`, make the environment a later install uses). */
const INSTALLING = new Set(["sync", "run", "venv", "pip", "tool", "python"]);

/** The matrix paths in the parts of the job that may decide setup-uv's key: runner, inputs, earlier steps, `UV_PYTHON`. */
export function matrixPathsInKey(step: Step, workflow: Workflow): Set<string> {
  const runsOn = step.job.keys.get("runs-on")?.value;
  const texts: string[] = [runsOn ? workflow.text.slice(runsOn.range[0], runsOn.range[1]) : ""];
  for (const pair of step.withInputs.values()) texts.push(scalarText(pair.value) ?? "");
  for (const pair of [step.env.get("UV_PYTHON"), step.job.env.get("UV_PYTHON"), workflow.env.get("UV_PYTHON")]) texts.push(scalarText(pair?.value) ?? "");
  // An earlier action may put a Python on the PATH or change the hashed files; an earlier script
  // may set UV_PYTHON or the PATH for the steps after it, or rewrite uv.lock (`uv lock --resolution`).
  for (const earlier of step.job.steps.slice(0, step.job.steps.indexOf(step))) {
    for (const pair of earlier.withInputs.values()) texts.push(scalarText(pair.value) ?? "");
    texts.push(scalarText(earlier.keys.get("run")?.value) ?? "");
  }
  return new Set(texts.flatMap(matrixPathsIn));
}

/** Whether setup-uv's Python in the key comes from an expression that reads something other than the matrix (a step output): then no one can tell. */
export function keyPythonUnknown(step: Step): boolean {
  return readsOtherThanMatrix(scalarText(step.withInputs.get("python-version")?.value) ?? "");
}

/**
 * The matrix paths that reach what the job installs after `setupUv` (up to another setup-uv step):
 * a Python given to `uv sync`/`uv run`/`uv pip install`/`uv venv`/`uv tool run` (`--python`, `-p`,
 * `--python-version`), installed or pinned with `uv python install`/`pin`, set as `UV_PYTHON` on a
 * later step or put on the PATH by a later actions/setup-python; a resolution given with
 * `--resolution`, `--prerelease` or `UV_RESOLUTION`. A Python installed or put on the PATH does not
 * reach `uv sync` when something else chooses the project's (see `choosesOwnPython`).
 */
export function matrixPathsReachingInstall(setupUv: Step, isSetupUv: (step: Step) => boolean, workflow: Workflow, root: string): InstallingPath[] {
  const found = new Map<string, LegDifference>();
  const steps = setupUv.job.steps;
  const add = (text: string, difference: LegDifference): void => {
    for (const path of matrixPathsIn(text)) if (!found.has(path)) found.set(path, difference);
  };
  const defaults = defaultRunDirectory(workflow);
  // uv sync keeps to another Python than the one a later step installs or puts on the PATH when
  // another repository checked out as the project has a `.python-version` this one cannot read,
  // when UV_PYTHON names one, or when setup-uv's `activate-environment` made the venv already.
  const foreignProject = steps.some((step) => usesAction(step.uses, "actions", "checkout") && scalarText(step.withInputs.get("repository")?.value) !== null && /^(\.?\/?)$/.test(scalarText(step.withInputs.get("path")?.value) ?? ""));
  const activatesEnvironment = setupUv.withInputs.has("activate-environment") && scalarText(setupUv.withInputs.get("activate-environment")?.value)?.trim() !== "false";
  const choosesOwnPython = foreignProject || activatesEnvironment || setupUv.job.env.has("UV_PYTHON") || workflow.env.has("UV_PYTHON");
  for (const pair of [setupUv.job.env.get("UV_RESOLUTION"), setupUv.job.env.get("UV_PRERELEASE")]) add(scalarText(pair?.value) ?? "", "resolution");
  for (const step of steps.slice(steps.indexOf(setupUv) + 1)) {
    if (isSetupUv(step)) break;
    const laterPythonIsUsed = (): boolean => !choosesOwnPython && findPythonVersionFile(join(root, runDirectory(step, defaults)), root) === null;
    if (usesAction(step.uses, "actions", "setup-python") && laterPythonIsUsed()) add(scalarText(step.withInputs.get("python-version")?.value) ?? "", "python");
    const script = scalarText(step.keys.get("run")?.value);
    if (script === null || !/\buv\b/.test(script)) continue;
    add(scalarText(step.env.get("UV_PYTHON")?.value) ?? "", "python");
    add(scalarText(step.env.get("UV_RESOLUTION")?.value) ?? "", "resolution");
    add(scalarText(step.env.get("UV_PRERELEASE")?.value) ?? "", "resolution");
    for (const command of uvCommands(script)) {
      if (!INSTALLING.has(command.subcommand)) continue;
      const args = command.args;
      if (command.subcommand === "python") {
        if (args[0] === "pin" || (args[0] === "install" && laterPythonIsUsed())) args.slice(1).forEach((arg) => add(arg, "python"));
        continue;
      }
      if (command.subcommand === "pip" && args[0] !== "install" && args[0] !== "sync") continue;
      if (command.subcommand === "tool" && args[0] !== "run" && args[0] !== "install") continue;
      const ownArgs = command.subcommand === "pip" || command.subcommand === "tool" ? args.slice(1) : args;
      const runsCommand = command.subcommand === "run" || command.subcommand === "tool";
      for (const [name, value] of optionsOf(ownArgs, runsCommand)) {
        if (PYTHON_OPTIONS.has(name)) add(value, "python");
        else if (RESOLUTION_OPTIONS.has(name)) add(value, "resolution");
      }
    }
  }
  return [...found].map(([path, difference]) => ({ path, difference }));
}

/** Options that make `uv sync`/`uv run` install other groups or extras than the project and its default groups. */
const SELECTS_GROUPS = /^--(?:group|only-group|no-group|no-dev|only-dev|dev|no-default-groups|all-groups|extra|all-extras|no-extra|no-install-project|only-install-project)(?:=|$)/;

/**
 * Whether what the job installs after `setupUv` (up to another setup-uv step) is the lockfile's
 * project with its default groups, which `perPythonDownload` weighs: `uv sync` or `uv run`
 * without options that pick groups or extras, and no `uv pip install` or `uv tool`, which resolve
 * without the lockfile. False when the job installs nothing with uv.
 */
export function installsLockedDefaults(setupUv: Step, isSetupUv: (step: Step) => boolean): boolean {
  const steps = setupUv.job.steps;
  let installs = 0;
  for (const step of steps.slice(steps.indexOf(setupUv) + 1)) {
    if (isSetupUv(step)) break;
    const script = scalarText(step.keys.get("run")?.value);
    if (script === null || !/\buv\b/.test(script)) continue;
    for (const command of uvCommands(script)) {
      if (command.subcommand === "pip" || command.subcommand === "tool") {
        if (["install", "sync", "run"].includes(command.args[0] ?? "")) return false;
        continue;
      }
      if (command.subcommand !== "sync" && command.subcommand !== "run") continue;
      const options = command.subcommand === "run" ? command.args.slice(0, Math.max(0, command.args.findIndex((arg) => !arg.startsWith("-")))) : command.args;
      if (options.some((arg) => SELECTS_GROUPS.test(arg))) return false;
      installs++;
    }
  }
  return installs > 0;
}

/**
 * The options of a uv command that have a value, as name and value. For `uv run` and `uv tool run`
 * only those before the command they run (whose own options follow); `uv pip install` and `uv venv`
 * take packages and paths between their options.
 */
function optionsOf(args: readonly string[], untilCommand: boolean): [string, string][] {
  return readUvOptions(args, untilCommand ? "stop" : "skip").options.flatMap(({ name, value }) => (value === null ? [] : [[name, value] as [string, string]]));
}

/**
 * Whether two legs of the job compute the same key yet install differently: equal at every path
 * the key reads, different at one that reaches the install. False when the workflow does not show
 * the legs (an expression builds the matrix).
 */
export function legsShareKey(step: Step, keyPaths: Set<string>, installPaths: string[]): boolean {
  const legs = matrixLegs(step.job);
  if (!legs) return false;
  const groups = new Map<string, Set<string>>();
  for (const leg of legs) {
    const key = JSON.stringify([...keyPaths].sort().map((path) => legValue(leg, path) ?? null));
    const install = JSON.stringify(installPaths.map((path) => legValue(leg, path) ?? null));
    groups.set(key, (groups.get(key) ?? new Set()).add(install));
  }
  return [...groups.values()].some((installs) => installs.size > 1);
}

/** Whether some leg's value at a path holds a comma, which setup-uv's key refused before it encoded the suffix (setup-uv#914). */
export function legValuesHoldComma(step: Step, paths: string[]): boolean {
  return (matrixLegs(step.job) ?? []).some((leg) => paths.some((path) => legValue(leg, path)?.includes(",")));
}
