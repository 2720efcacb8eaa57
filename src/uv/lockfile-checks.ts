// How CI checks that a uv.lock is in step with its pyproject.toml: the jobs that check one, and which may be skipped on a pull request.
import { join } from "node:path";
import type { AST } from "yaml-eslint-parser";
import { dockerBuildChecksLockfile } from "../docker/locked-build.js";
import { stepImageBuilds } from "../docker/runner-images.js";
import { preCommitLocksRootProject, runsPreCommitOnAllFiles } from "../pre-commit/uv-lock-hook.js";
import { checksOutAnotherRepository } from "../workflow/checkouts.js";
import { envFlagOn, envPair, type Job, type Step, type Workflow } from "../workflow/model.js";
import { defaultRunDirectory } from "../workflow/setup-uv-cache.js";
import { programOf, simpleCommands, withoutPrefixes } from "../workflow/shell-commands.js";
import { uvCommands } from "../workflow/uv-commands.js";
import { neverRuns } from "../workflow/triggers.js";
import { runDirectory } from "../workflow/uv-install.js";
import { scalarText } from "../workflow/yaml-nodes.js";
import { readLockfile } from "./lockfile.js";
import { compareVersions, parseVersion } from "./pep440.js";
import { readPyproject } from "./pyproject.js";
import { tomlTable } from "./uv-required-version.js";
import { governingLockfile } from "./workspace.js";
import { leadingOptions, lockfileOf, passesUnknownOptions, RUN_WITHOUT_PROJECT_SYNC } from "./lock-options.js";
import { hasOption } from "./uv-options.js";

/** A lockfile that a job checks is in step with its `pyproject.toml`. */
export interface LockfileCheck {
  lockfile: string;
  job: Job;
  /** Which uv checks it: the job's own (`uv lock --check`, `--locked`), an image build's, or pre-commit's uv-lock hook's. */
  by: "job" | "image" | "pre-commit";
}

/** Text a workflow that checks a lockfile holds: `uv lock --check`, `--locked`, `UV_LOCKED`, an image build, pre-commit's uv-lock hook. */
export const MAY_CHECK_LOCKFILE = /\block\b|--locked|UV_LOCKED|docker|podman|pre-commit|prek/;

/** An `if:` that may skip the job or step on a pull request (it asks which event or branch runs it). */
const EVENT_CONDITION = /github\.(event|ref|head_ref|base_ref)|inputs\./;

/** The lockfiles the jobs of a workflow that runs on pull requests check. */
export function lockfileChecksOf(workflow: Workflow, root: string): LockfileCheck[] {
  const workflowDirectory = defaultRunDirectory(workflow);
  const found: LockfileCheck[] = [];
  for (const job of workflow.jobs) {
    if (checksOutAnotherRepository(job) || mayBeSkippedOnPullRequests(job.keys)) continue;
    let relocked = false;
    for (const step of job.steps) {
      if (mayBeSkippedOnPullRequests(step.keys)) continue;
      found.push(...imagesCheckingLockfile(step, root).map((lockfile) => ({ lockfile, job, by: "image" as const })));
      const preCommitChecked = runsPreCommitOnAllFiles(step) && preCommitLocksRootProject(root) ? governingLockfile(root, root) : null;
      if (preCommitChecked) found.push({ lockfile: preCommitChecked, job, by: "pre-commit" });
      const script = scalarText(step.keys.get("run")?.value);
      if (script === null || !script.includes("uv")) continue;
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
        if (lockfile) found.push({ lockfile, job, by: "job" });
      }
    }
  }
  return found;
}

/**
 * The lockfiles of the images a step builds whose build fails on a stale lockfile (see
 * `dockerBuildChecksLockfile`): the one that governs the build context.
 */
function imagesCheckingLockfile(step: Step, root: string): string[] {
  return stepImageBuilds(step, root).flatMap((build) => {
    const lockfile = build.context !== null && dockerBuildChecksLockfile(build.dockerfile) ? governingLockfile(root, build.context) : null;
    return lockfile === null ? [] : [lockfile];
  });
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

/** Whether a job or a step may not run on a pull request: `continue-on-error`, an `if:` that asks the event or the branch, or one that is always false. */
export function mayBeSkippedOnPullRequests(keys: Map<string, AST.YAMLPair>): boolean {
  if (scalarText(keys.get("continue-on-error")?.value) === "true") return true;
  const condition = keys.get("if");
  if (condition === undefined) return false;
  const text = scalarText(condition.value);
  return text === null || EVENT_CONDITION.test(text) || neverRuns(keys);
}

/**
 * Whether `lockfile` is behind only in a project's own version: a workspace member's static
 * `[project] version` in its `pyproject.toml` is not the version the lockfile records for it. A
 * release tool that bumps the version without relocking (semantic-release, a bump script) leaves
 * the lockfile so after each release while no dependency differs; `--locked` would then fail CI on
 * every bump (agentops, pinecone, Scrapegraph-ai: field reviews of samples 5 and 6).
 */
export function lockfileBehindProjectVersion(lockfile: string): boolean {
  const locked = readLockfile(lockfile);
  if (locked === null) return false;
  return [...locked.byName.values()].flat().some((lockedPackage) => {
    if (lockedPackage.memberPath === null) return false;
    const project = tomlTable(readPyproject(join(locked.directory, lockedPackage.memberPath))?.["project"]);
    const declared = typeof project?.["version"] === "string" ? parseVersion(project["version"]) : null;
    const recorded = parseVersion(lockedPackage.version);
    return declared !== null && recorded !== null && compareVersions(declared, recorded) !== 0;
  });
}
