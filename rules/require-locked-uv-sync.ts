import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { AST } from "yaml-eslint-parser";
import { createWorkflowRule } from "../src/create-rule.js";
import { resolveInsideRoot } from "../src/repository/root.js";
import { repositoryRootOf } from "../src/repository/root.js";
import { localWorkflowCalls, otherWorkflowFiles, type WorkflowCall, type WorkflowFile } from "../src/repository/workflows.js";
import { mayRunUvUnseen } from "../src/uv/hidden-uv-runs.js";
import { editsProjectFiles } from "../src/uv/project-edits.js";
import { hasOption, optionValue, readUvOptions } from "../src/uv/uv-options.js";
import { governingLockfile } from "../src/uv/workspace.js";
import { containsExpression } from "../src/workflow/expressions.js";
import { isGeneratedWorkflow } from "../src/workflow/generated.js";
import { envFlagOn, envPair, getWorkflow, stepInput, type Job, type Step, type Workflow } from "../src/workflow/model.js";
import { defaultRunDirectory } from "../src/workflow/setup-uv-cache.js";
import { commandsWithDirectory, programOf, simpleCommands, withoutPrefixes, type ShellWord } from "../src/workflow/shell-commands.js";
import { commandsThatFailTheStep, stepShell } from "../src/workflow/step-failure.js";
import { neverRuns, runsOnlyForReleases, runsOnPullRequests } from "../src/workflow/triggers.js";
import { uvCommands, type UvCommand } from "../src/workflow/uv-commands.js";
import { runDirectory } from "../src/workflow/uv-install.js";
import { scalarText } from "../src/workflow/yaml-nodes.js";

type Options = [];
type MessageIds = "syncNotLocked" | "runNotLocked" | "addLocked";

/** Options that make `uv sync` / `uv run` check the lockfile (`--locked`) or use it as it is (`--frozen`). */
const LOCK_CHECKS = ["--locked", "--frozen"];
/** Options that re-resolve on purpose: the step wants newer versions than the lockfile's. */
const RE_RESOLVING = ["--upgrade", "-U", "--upgrade-package", "-P", "--resolution", "--prerelease", "--exclude-newer"];
/** `uv run` options after which it does not sync the project. */
const RUN_WITHOUT_PROJECT_SYNC = ["--no-sync", "--no-project", "--script", "--isolated", "--only-group"];
/** Environment variables that set `--locked` / `--frozen` for every uv command (https://docs.astral.sh/uv/reference/environment/). */
const LOCK_ENV = ["UV_LOCKED", "UV_FROZEN"];
/** Environment variables that re-resolve on purpose, as the options above (a `lowest-direct` leg of a matrix). */
const RE_RESOLVING_ENV = ["UV_RESOLUTION", "UV_PRERELEASE", "UV_EXCLUDE_NEWER", "UV_UPGRADE", "UV_UPGRADE_PACKAGE"];

export default createWorkflowRule<Options, MessageIds>({
  name: "require-locked-uv-sync",
  meta: {
    type: "problem",
    docs: {
      description: "Require `--locked` on `uv sync` and `uv run` in workflows of a project that commits its `uv.lock`",
      recommended: false,
      optIn: true,
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      syncNotLocked:
        "`uv sync` without `--locked` rewrites `{{lockfile}}` when it no longer matches `pyproject.toml` instead of failing, so CI installs versions that no commit pins. Add `--locked` (or `--frozen` to use the lockfile unchecked).",
      addLocked: "Add `--locked`: the step then fails while `{{lockfile}}` is out of date.",
      runNotLocked:
        "`uv run` without `--locked` first syncs the project and rewrites `{{lockfile}}` when it no longer matches `pyproject.toml` instead of failing, so CI runs on versions that no commit pins. Add `--locked`, or run `uv sync --locked` before it.",
    },
    languages: ["yml/yaml"],
  },
  create(context) {
    const { sourceCode } = context;
    const fixable = !isGeneratedWorkflow(sourceCode.text, context.filename);
    let lockfileChecks: LockfileCheck[] | null = null;
    let calls: Map<string, WorkflowCall[]> | null | undefined;

    return {
      Program() {
        const workflow = getWorkflow(sourceCode);
        if (!workflow.root || workflow.steps.length === 0) return;
        const root = repositoryRootOf(context);
        // A release (by hand, for a tag) tests what it publishes, not whether the lockfile kept up
        // with a change; a reusable workflow that nothing calls never runs.
        if (runsOnlyForReleases(workflow, lintedPath(root), workflowCalls())) return;
        const workflowDirectory = defaultRunDirectory(workflow);
        for (const job of workflow.jobs) {
          // The harm is a test or a check of versions no commit pins: a job that runs none (a release
          // preparation, a bot, a notification) loses nothing to a rewritten lockfile.
          if (neverRuns(job.keys) || checksOutAnotherRepository(job) || !testsTheProject(job, workflow)) continue;
          checkJob(workflow, job, root, workflowDirectory);
        }
      },
    };

    function checkJob(workflow: Workflow, job: Job, root: string, workflowDirectory: string): void {
      // After a first sync (`uv sync`, a syncing `uv run`, or a local action, task runner or script that
      // may run one), the lockfile is in step or already rewritten: later commands change nothing of
      // their own. After a deliberate `uv lock`, the job works on a new lockfile on purpose.
      let synced = false;
      // After a `uv lock`, or an edit of `pyproject.toml` or `uv.lock` (`sed -i`, `uv add`), the job
      // works on a lockfile that differs on purpose.
      let relocked = false;
      // Lockfiles an earlier `uv lock --check` of this job checked: a later sync finds them in step.
      const checkedEarlier = new Set<string>();
      for (const step of job.steps) {
        if (step.uses?.kind === "local") synced = true;
        const runPair = step.keys.get("run");
        const script = scalarText(runPair?.value);
        if (script === null) continue;
        const start = runDirectory(step, workflowDirectory);
        const hiddenRunAt = firstHiddenUvRun(script, root, start);
        const editAt = firstProjectEdit(script);
        const runsUv = script.includes("uv");
        const lockedByEnv = runsUv && LOCK_ENV.some((name) => envFlagOn(envPair(step, workflow, name)));
        if (!runsUv || lockedByEnv || RE_RESOLVING_ENV.some((name) => envPair(step, workflow, name) !== undefined)) {
          synced ||= lockedByEnv || hiddenRunAt !== null;
          relocked ||= editAt !== null;
          continue;
        }
        const commands = uvCommands(script);
        commands.forEach((command, index) => {
          if (hiddenRunAt !== null && command.start > hiddenRunAt) synced = true;
          if (editAt !== null && command.start > editAt) relocked = true;
          if (command.subcommand === "lock") {
            if (!hasOption(command.args, ["--check", "--locked", "--dry-run"])) relocked = true;
            const checked = relocked || !hasOption(command.args, ["--check", "--locked"]) ? null : lockfileOf(root, start, command);
            if (checked) checkedEarlier.add(checked);
            return;
          }
          if (relocked || (command.subcommand !== "sync" && command.subcommand !== "run")) return;
          const runOptions = command.subcommand === "run" ? leadingOptions(command.args) : command.args;
          const wasSynced = synced;
          // Options an input or a variable passes (`uv sync ${{ inputs.args }}`) may be `--frozen`: unknown.
          if (passesUnknownOptions(command)) return;
          if (command.subcommand === "sync") synced = true;
          if (hasOption(runOptions, LOCK_CHECKS) || hasOption(runOptions, RE_RESOLVING)) return;
          if (command.subcommand === "run") {
            if (wasSynced || envFlagOn(envPair(step, workflow, "UV_NO_SYNC")) || hasOption(runOptions, RUN_WITHOUT_PROJECT_SYNC)) return;
            if (!runsProjectCommand(command, root, start)) return;
            synced = true;
          } else if (wasSynced) return;
          const lockfile = lockfileOf(root, start, command);
          if (!lockfile || checkedEarlier.has(lockfile) || checkedOnPullRequests().some((check) => check.lockfile === lockfile && check.job !== job)) return;
          report(runPair!.value as AST.YAMLScalar, commands, index, command, relative(root, lockfile));
        });
        synced ||= hiddenRunAt !== null;
        relocked ||= editAt !== null;
      }
    }

    /** The linted file's path from the repository root, with `/`. */
    function lintedPath(root: string): string {
      return relative(root, resolve(context.filename)).split(sep).join("/");
    }

    /** The calls of the repository's reusable workflows (`localWorkflowCalls`), read once per file. */
    function workflowCalls(): Map<string, WorkflowCall[]> | null {
      if (calls === undefined) calls = localWorkflowCalls(context, getWorkflow(sourceCode));
      return calls;
    }

    /**
     * The lockfiles that a job of a workflow run on every pull request checks (this workflow or
     * another of the repository's, also a reusable one that a pull request's workflow calls):
     * `uv lock --check`, or a `uv sync`/`uv run` with `--locked` or `UV_LOCKED`. A stale lockfile
     * then fails that job on the pull request already.
     */
    function checkedOnPullRequests(): LockfileCheck[] {
      if (lockfileChecks) return lockfileChecks;
      const root = repositoryRootOf(context);
      const files: WorkflowFile[] = [{ relativePath: lintedPath(root), workflow: getWorkflow(sourceCode) }, ...otherWorkflowFiles(context, MAY_CHECK_LOCKFILE)];
      const onPullRequests = files.filter((file) => runsOnPullRequests(file.workflow, file.relativePath, workflowCalls(), (call) => mayBeSkippedOnPullRequests(call.job.keys)));
      return (lockfileChecks = onPullRequests.flatMap((file) => lockfileChecksOf(file.workflow, root)));
    }

    function report(node: AST.YAMLScalar, commands: UvCommand[], index: number, command: UvCommand, lockfile: string): void {
      const inSource = commandInSource(node, commands.length, index);
      // A suggestion, not a fix: `--locked` makes the step fail on a stale lockfile, which a maintainer decides.
      context.report({
        loc: inSource ? { start: sourceCode.getLocFromIndex(inSource.start), end: sourceCode.getLocFromIndex(inSource.afterSubcommand) } : node.loc,
        messageId: command.subcommand === "sync" ? "syncNotLocked" : "runNotLocked",
        data: { lockfile },
        suggest:
          inSource && fixable
            ? [{ messageId: "addLocked", data: { lockfile }, fix: (fixer) => fixer.insertTextAfterRange([inSource.afterSubcommand, inSource.afterSubcommand], " --locked") }]
            : [],
      });
    }

    /**
     * Where the `index`-th uv command is in the file (from `uv` to the end of its subcommand), when the
     * scalar's source is the script itself (a literal block or a one-line plain scalar) and reads as the
     * same commands; else null.
     */
    function commandInSource(node: AST.YAMLScalar, count: number, index: number): { start: number; afterSubcommand: number } | null {
      if (node.type !== "YAMLScalar") return null;
      const source = sourceCode.text.slice(...node.range);
      if (node.style !== "literal" && !(node.style === "plain" && !source.includes("\n"))) return null;
      const fromSource = uvCommands(source);
      if (fromSource.length !== count) return null;
      const command = fromSource[index]!;
      return { start: node.range[0] + command.start, afterSubcommand: node.range[0] + command.afterSubcommand };
    }
  },
});

/** A lockfile that a job checks is in step with its `pyproject.toml`. */
interface LockfileCheck {
  lockfile: string;
  job: Job;
}

/** Text a workflow that checks a lockfile holds: `uv lock --check`, `--locked`, `UV_LOCKED`. */
const MAY_CHECK_LOCKFILE = /\block\b|--locked|UV_LOCKED/;

/** An `if:` that may skip the job or step on a pull request (it asks which event or branch runs it). */
const EVENT_CONDITION = /github\.(event|ref|head_ref|base_ref)|inputs\./;

/** The lockfiles the jobs of a workflow that runs on pull requests check. */
function lockfileChecksOf(workflow: Workflow, root: string): LockfileCheck[] {
  const workflowDirectory = defaultRunDirectory(workflow);
  const found: LockfileCheck[] = [];
  for (const job of workflow.jobs) {
    if (checksOutAnotherRepository(job) || mayBeSkippedOnPullRequests(job.keys)) continue;
    let relocked = false;
    for (const step of job.steps) {
      const script = scalarText(step.keys.get("run")?.value);
      if (script === null || !script.includes("uv") || mayBeSkippedOnPullRequests(step.keys)) continue;
      const lockedByEnv = envFlagOn(envPair(step, workflow, "UV_LOCKED"));
      const start = runDirectory(step, workflowDirectory);
      for (const command of uvCommands(script)) {
        if (passesUnknownOptions(command)) continue;
        const options = command.subcommand === "run" ? leadingOptions(command.args) : command.args;
        let checks = false;
        if (command.subcommand === "lock") {
          checks = hasOption(options, ["--check", "--locked"]) || failsOnLockfileDiffAfter(script, command.start);
          relocked ||= !checks && !hasOption(options, ["--dry-run"]);
        } else if (command.subcommand === "sync" || (command.subcommand === "run" && !hasOption(options, RUN_WITHOUT_PROJECT_SYNC))) {
          checks = lockedByEnv || hasOption(options, ["--locked"]);
        }
        const lockfile = checks && !relocked ? lockfileOf(root, start, command) : null;
        if (lockfile) found.push({ lockfile, job });
      }
    }
  }
  return found;
}

/**
 * Whether `script`, after `offset` (a `uv lock`), fails when the lockfile changed: `git diff
 * --exit-code` or `--quiet` on the whole tree or naming a `uv.lock` (altair: `uv lock`, then
 * `if ! git diff --quiet -- uv.lock; then … exit 1`), as `uv lock --check` does.
 */
function failsOnLockfileDiffAfter(script: string, offset: number): boolean {
  return simpleCommands(script).some((command) => {
    const words = withoutPrefixes(command, (word) => word.text);
    const texts = words.map((word) => word.text);
    if (words.length === 0 || words[0]!.start <= offset || programOf(texts[0]!) !== "git" || texts[1] !== "diff" || !texts.some((text) => text === "--exit-code" || text === "--quiet")) return false;
    const paths = texts.slice(texts.indexOf("--") + 1);
    return !texts.includes("--") || paths.some((path) => path === "uv.lock" || path.endsWith("/uv.lock"));
  });
}

/** Whether a job or a step may not run on a pull request: `continue-on-error`, or an `if:` that asks the event or the branch. */
function mayBeSkippedOnPullRequests(keys: Map<string, AST.YAMLPair>): boolean {
  if (scalarText(keys.get("continue-on-error")?.value) === "true") return true;
  const condition = keys.get("if");
  if (condition === undefined) return false;
  const text = scalarText(condition.value);
  return text === null || EVENT_CONDITION.test(text);
}

/**
 * Where in `script` the first command that may run uv out of sight starts (`mayRunUvUnseen`: a task
 * runner, a script of the repository), or null when none does.
 */
function firstHiddenUvRun(script: string, root: string, start: string): number | null {
  let first: number | null = null;
  for (const { words, cwd } of commandsWithDirectory(simpleCommands(script), (word) => word.text)) {
    const directory = cwd === null ? null : join(start, cwd);
    if (mayRunUvUnseen(words.map((word) => word.text), root, directory) && (first === null || words[0]!.start < first)) first = words[0]!.start;
  }
  return first;
}

/**
 * Programs that test or check the installed project: a test runner or a type checker, run as a
 * command or through `uv run`, `python -m`, `hatch test`, `ty check`. Merging coverage is no test.
 */
const TEST_PROGRAMS = new Set(["pytest", "py.test", "tox", "nox", "mypy", "pyright", "basedpyright", "unittest", "behave"]);
const TEST_SUBCOMMANDS = new Set(["hatch test", "ty check"]);

/** Options after which a test runner lists its tests, sessions or environments instead of running them. */
const LISTING_OPTIONS: Record<string, readonly string[]> = {
  pytest: ["--collect-only", "--co", "--collectonly"],
  "py.test": ["--collect-only", "--co", "--collectonly"],
  nox: ["-l", "--list", "--list-sessions"],
  tox: ["-l", "--listenvs", "-a", "--listenvs-all"],
};

/**
 * Whether a job tests or checks the project it installs: a step that is not `continue-on-error`
 * runs a `TEST_PROGRAMS` word as a command word (not inside quoted text, such as a prompt that says
 * "pytest"), in a command whose failure fails the step (not `pytest | tee log || true`), and not
 * to list tests (`pytest --collect-only`, `nox -l`).
 */
function testsTheProject(job: Job, workflow: Workflow): boolean {
  return job.steps.some((step) => {
    const script = scalarText(step.keys.get("run")?.value);
    if (script === null || scalarText(step.keys.get("continue-on-error")?.value) === "true") return false;
    return commandsThatFailTheStep(script, stepShell(step, workflow)).some(runsTests);
  });
}

/** Whether a simple command runs a test runner or a type checker, other than to list tests. */
function runsTests(words: readonly ShellWord[]): boolean {
  const texts = words.map((word) => programOf(word.text));
  return texts.some((text, index) => {
    if (TEST_SUBCOMMANDS.has(`${text} ${texts[index + 1] ?? ""}`)) return true;
    if (!TEST_PROGRAMS.has(text)) return false;
    const args = words.slice(index + 1).map((word) => word.text);
    return !(LISTING_OPTIONS[text] ?? []).some((option) => args.includes(option)) && !(text === "tox" && (args[0] === "list" || args[0] === "l"));
  });
}

/** Where in `script` the first command that edits a `pyproject.toml` or `uv.lock` (`editsProjectFiles`) starts, or null. */
function firstProjectEdit(script: string): number | null {
  for (const words of simpleCommands(script)) {
    const command = withoutPrefixes(words, (word) => word.text);
    if (command.length > 0 && editsProjectFiles(command.map((word) => word.text))) return command[0]!.start;
  }
  return null;
}

/** A job that checks out another repository runs uv on that one's files, which this lint cannot see. */
function checksOutAnotherRepository(job: Job): boolean {
  return job.steps.some((step: Step) => step.uses?.kind === "action" && `${step.uses.owner}/${step.uses.repo}`.toLowerCase() === "actions/checkout" && stepInput(step, "repository") !== null);
}

/** The options of `uv run` before the command it runs (`uv run --with rich --locked pytest -x`: `--with rich --locked`). */
function leadingOptions(args: readonly string[]): string[] {
  return args.slice(0, readUvOptions(args, "stop").rest);
}

/** Whether the command's options hold a value that only the run knows (an expression, a shell variable): they may say `--frozen`. */
function passesUnknownOptions(command: UvCommand): boolean {
  // For `uv run`, its options and the command word after them (`uv run ${{ inputs.flags }} pytest`).
  const options = command.subcommand === "run" ? command.args.slice(0, leadingOptions(command.args).length + 1) : command.args;
  return [...command.globals, ...options].some((word) => word.includes("$") || word.includes("{{"));
}

/**
 * Whether `uv run` runs in the project: not a Python file that carries its own inline metadata
 * (`# /// script`), which uv runs apart from the project, nor one this lint cannot read to tell.
 */
function runsProjectCommand(command: UvCommand, root: string, start: string): boolean {
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
function lockfileOf(root: string, start: string, command: UvCommand): string | null {
  const directory = optionValue(command.globals, "--directory") ?? optionValue(command.globals, "--project") ?? optionValue(command.args, "--directory") ?? optionValue(command.args, "--project");
  const parts = [start, command.cwd, directory ?? ""];
  if (parts.some((part) => containsExpression(part) || part.includes("$"))) return null;
  const path = resolveInsideRoot(root, join(...parts));
  return path === null ? null : governingLockfile(root, path);
}
