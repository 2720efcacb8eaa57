import type { AST } from "yaml-eslint-parser";
import { conditionOnEvent, contextPaths, splitTemplate } from "./expressions.js";
import { stepInput, type Job, type Step, type Workflow } from "./model.js";
import { jobRunners } from "./runners.js";
import { keyFormatOf } from "./setup-uv-key-format.js";
import { majorOf, stepReleases } from "./setup-uv-release.js";
import { usesAction } from "./uses.js";
import { installAfter, installsDependencies, type InstallSignature } from "./uv-install.js";
import { asMapping, asSequence, pairsByKey, scalarText } from "./yaml-nodes.js";
import { cachePerObject } from "../repository/file-cache.js";
import { lockedInstall, missingFromCache, wheelsOutside, type LockedInstall } from "../uv/lockfile-installs.js";
import { WORTH_A_KEY_BYTES } from "../uv/lockfile-wheels.js";
import { governingLockfile } from "../uv/workspace.js";

/**
 * How astral-sh/setup-uv keys the GitHub Actions cache it saves and restores
 * (https://github.com/astral-sh/setup-uv/blob/main/docs/caching.md, src/cache/restore-cache.ts):
 * architecture, platform and OS version of the runner, the Python version, the prune and
 * Python-cache options, the hash of the files `cache-dependency-glob` matches, and `cache-suffix`.
 * Nothing in it names the workflow or the job, so two steps that agree on the rest share one
 * cache: the one that saves first fixes its content, and a step that restores an exact hit never
 * saves (src/save-cache.ts).
 */

/** Whether setup-uv uses the GitHub Actions cache in a step: `unknown` when an expression or an unknown runner decides. */
export type CachingState = "on" | "off" | "unknown";

/** What a step's cache key is made of, as far as the workflow file tells; each part as comparable text. */
export interface CacheKey {
  /** The runners the key's platform and OS come from: one entry per runner the job may run on. */
  runners: string[];
  /** The key format of the setup-uv release (see setup-uv-key-format.ts); null when unknown. */
  format: string | null;
  /** The `version` input, part of the key before setup-uv v5.1.0; "" where the format leaves it out. */
  uvVersion: string;
  python: string;
  glob: string;
  workingDirectory: string;
  prune: string;
  /** Whether the saved cache is pruned (`uv cache prune --ci`: PyPI wheels dropped); null when an expression or an unknown release decides. */
  pruned: boolean | null;
  cachePython: string;
  /** `cache-suffix` with workflow-, run- and job-scoped expressions replaced by what they stand for here. */
  suffix: string;
  /** Whether the step restores a cache, and whether it saves one. */
  restores: boolean;
  saves: boolean;
  /** The checkouts before the step, which decide the files the dependency glob hashes. */
  checkouts: string;
  /** Whether a step before it may change the files the glob hashes: then the key cannot be known. */
  filesChangedBefore: boolean;
  /** What the job installs after it (see uv-install.ts); null when the workflow does not show it. */
  install: InstallSignature;
  /** What those installs put in uv's cache, weighed through the `uv.lock` that governs them; null without one. */
  locked: LockedInstall | null;
  /** The cache scopes its runs save into and read from (see `cacheScopes`). */
  scopes: Set<CacheScope>;
  /** Whether the workflow runs on branch pushes, pull requests, merge queues or for a caller: the runs that follow a change of the key. */
  runsOnChanges: boolean;
  /** Whether the job waits for other jobs (`needs:`) before it starts. */
  waitsForJobs: boolean;
}

/** Events for which `enable-cache: auto` turns caching off since setup-uv v10, against cache poisoning. */
const NO_AUTO_CACHE_EVENTS = new Set(["pull_request_target", "workflow_run", "release"]);

/**
 * Whether two runners may report the same OS: the same label, or label sets one of which holds the
 * other, since a job that asks for `self-hosted` may land on the runner that `[self-hosted, cuda]`
 * names. Two different GitHub-hosted labels never count: the key holds the OS name and version of
 * the image (`/etc/os-release`) and the Python it finds, and which image a label stands for is
 * GitHub's to move. `ubuntu-latest` went from Ubuntu 24.04 to 26.04 in 2026
 * (https://github.com/actions/runner-images/issues/14748), and `ubuntu-slim` is a container on
 * Ubuntu 24.04 with its own Python: neither shares a key with another label that the file shows.
 */
function sameRunnerImage(a: string, b: string): boolean {
  if (a === b) return true;
  const [labelsA, labelsB] = [a.split(","), b.split(",")];
  if (labelsA.length === 1 && labelsB.length === 1) return false;
  return labelsA.every((label) => labelsB.includes(label)) || labelsB.every((label) => labelsA.includes(label));
}

/** Whether every run of the workflow is for an event that setup-uv v10's `auto` leaves uncached, tag pushes included. */
function onlyUncachedEvents(workflow: Workflow): boolean {
  if (workflow.triggers.length === 0) return false;
  const on = pairsByKey(asMapping(workflow.topLevel.get("on")?.value));
  return workflow.triggers.every((event) => {
    if (NO_AUTO_CACHE_EVENTS.has(event)) return true;
    if (event !== "push") return false;
    // A push filtered by tags only runs for tags (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#onpushbranchestagsbranches-ignoretags-ignore).
    const filters = pairsByKey(asMapping(on.get("push")?.value));
    return (filters.has("tags") || filters.has("tags-ignore")) && !filters.has("branches") && !filters.has("branches-ignore");
  });
}

function booleanInput(step: Step, name: string): boolean | "expression" | null {
  const node = stepInput(step, name);
  if (!node || node.value === null) return null;
  const text = String(node.value).trim();
  if (splitTemplate(text).some((part) => part.kind === "expression")) return "expression";
  return text === "true";
}

/**
 * Whether setup-uv caches in this step. `enable-cache` defaults to what the release's action.yml
 * says (the table of releases): `false` before v5, `auto` since: on for GitHub-hosted runners, off
 * for self-hosted ones (src/utils/inputs.ts), and since v10 also off for `pull_request_target`,
 * `workflow_run`, `release` and tag pushes. `program` is the file the step is written in: the
 * workflow, or the composite action the job runs it through (its ref's version comment is there).
 */
export function cachingState(step: Step, workflow: Workflow, program: AST.YAMLProgram = workflow.program): CachingState {
  const input = stepInput(step, "enable-cache");
  const text = input && input.value !== null ? String(input.value).trim() : "auto";
  if (splitTemplate(text).some((part) => part.kind === "expression")) return "unknown";
  if (text !== "auto") return text === "true" && (booleanInput(step, "restore-cache") !== false || booleanInput(step, "save-cache") !== false) ? "on" : "off";
  const releases = stepReleases(step, program);
  if (releases.length > 0 && releases.every((row) => row.enableCacheDefault === "false")) return "off";
  if ((releases.length === 0 || releases.some((row) => majorOf(row) >= 10)) && onlyUncachedEvents(workflow)) return "off";
  if (booleanInput(step, "restore-cache") === false && booleanInput(step, "save-cache") === false) return "off";
  const kinds = jobRunners(step.job).map((runner) => runner.kind);
  if (kinds.includes("github-hosted")) return "on";
  return kinds.every((kind) => kind === "self-hosted") ? "off" : "unknown";
}

/** The Python the key names: setup-uv's `python-version`, else an earlier actions/setup-python's, else `UV_PYTHON`. */
function pythonOf(step: Step, workflow: Workflow): string {
  const own = withEnv(scalarText(stepInput(step, "python-version")), step, workflow);
  if (own) return own;
  const steps = step.job.steps;
  for (let index = steps.indexOf(step) - 1; index >= 0; index--) {
    const earlier = steps[index]!;
    if (!usesAction(earlier.uses, "actions", "setup-python")) continue;
    const version = scalarText(stepInput(earlier, "python-version")) ?? scalarText(stepInput(earlier, "python-version-file"));
    if (version) return version;
  }
  const env = step.env.get("UV_PYTHON") ?? step.job.env.get("UV_PYTHON") ?? workflow.env.get("UV_PYTHON");
  return scalarText(env?.value) ?? "";
}

/** `${{ env.NAME }}` as the step, job or workflow sets NAME, when that is plain text; else the text as written. */
function withEnv(text: string | null, step: Step, workflow: Workflow): string | null {
  const match = text === null ? null : /^\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(text.trim());
  if (!match) return text;
  const pair = step.env.get(match[1]!) ?? step.job.env.get(match[1]!) ?? workflow.env.get(match[1]!);
  const value = pair ? scalarText(pair.value) : null;
  return value !== null && !value.includes("${{") ? value : text;
}

/** Marks, in `CacheKey.suffix`, an expression that stands for this workflow (or run). */
export const WORKFLOW_SCOPED = "\0workflow:";

const RUN_SCOPED = new Set(["github.workflow", "github.workflow_ref", "github.run_id", "github.run_number", "github.run_attempt"]);

/**
 * `cache-suffix` as a comparable string: an expression that reads `github.workflow` (or the run)
 * stands for this workflow, one that reads `github.job` for this job; any other expression stays
 * as written, so that the same expression in two workflows compares equal.
 */
function resolvedSuffix(text: string, workflowId: string, jobId: string): string {
  return splitTemplate(text)
    .map((part) => {
      if (part.kind === "text") return part.text;
      const paths = part.expression ? contextPaths(part.expression) : [];
      const scopes = [paths.some((path) => RUN_SCOPED.has(path)) ? `${WORKFLOW_SCOPED}${workflowId}` : "", paths.includes("github.job") ? `\0job:${jobId}` : ""];
      return `${scopes.join("")}\0\${{ ${part.source} }}`;
    })
    .join("");
}

/** The key with `cache-suffix` set to `suffix` in the job `jobId` of the workflow `workflowId`: what a fix that writes it would give. */
export function withCacheSuffix(key: CacheKey, suffix: string, workflowId: string, jobId: string): CacheKey {
  return { ...key, suffix: resolvedSuffix(suffix, workflowId, jobId) };
}

/** What `github.workflow` stands for in a reusable workflow: the calling workflow's name, the same for every workflow one caller calls. */
const CALLER_WORKFLOW = "\0caller";

/** Whether a workflow only runs when another calls it (`on: workflow_call`). */
export function isCalledWorkflow(workflow: Workflow): boolean {
  return workflow.triggers.length > 0 && workflow.triggers.every((event) => event === "workflow_call");
}

/**
 * What `github.workflow` is in this workflow: its `name`, else its path from the repository root;
 * in a reusable workflow the caller's name, which workflows called by the same caller share.
 */
export function workflowIdentity(workflow: Workflow, relativePath: string): string {
  if (isCalledWorkflow(workflow)) return CALLER_WORKFLOW;
  return scalarText(workflow.topLevel.get("name")?.value) ?? relativePath;
}

function globKey(step: Step): string {
  const glob = stepInput(step, "cache-dependency-glob");
  if (!glob || glob.value === null) return "(default)";
  return String(glob.value)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .sort()
    .join("\n");
}

/**
 * Where a run's caches live (https://docs.github.com/en/actions/reference/workflows-and-actions/dependency-caching#restrictions-for-accessing-a-cache):
 * a run restores caches saved on its own ref or on the default branch. `default` stands for runs
 * on a branch push, a schedule, a manual dispatch and the events that run on the default branch,
 * whose caches every run reads; `pr` for a pull request's merge ref, read only by runs of the same
 * pull request; `tag` for tag pushes and releases; `queue` for a merge-queue entry; `dispatch` for a
 * manual run, which reads the caches of the branch it is started on but saves, now and then, on
 * whatever branch that is: never the save other runs find first (posthog's dry run on feature
 * branches, field review of sample 6).
 */
type CacheScope = "default" | "pr" | "tag" | "queue" | "dispatch";

const PULL_REQUEST_EVENTS = new Set(["pull_request", "pull_request_review", "pull_request_review_comment"]);

/**
 * The scopes a job's runs save into: those of the events that start its workflow and that its `if:`
 * does not rule out (`if: github.event_name == 'workflow_dispatch'`); a reusable workflow runs for
 * whatever its callers run on.
 */
function cacheScopes(workflow: Workflow, job: Job): Set<CacheScope> {
  const on = pairsByKey(asMapping(workflow.topLevel.get("on")?.value));
  const condition = scalarText(job.keys.get("if")?.value);
  const scopes = new Set<CacheScope>();
  for (const event of workflow.triggers.filter((trigger) => conditionOnEvent(condition, trigger) !== false)) {
    if (PULL_REQUEST_EVENTS.has(event)) scopes.add("pr");
    else if (event === "merge_group") scopes.add("queue");
    else if (event === "release") scopes.add("tag");
    else if (event === "workflow_call") scopes.add("pr").add("default");
    else if (event === "workflow_dispatch") scopes.add("dispatch");
    else if (event === "push") {
      const filters = pairsByKey(asMapping(on.get("push")?.value));
      const tagsOnly = (filters.has("tags") || filters.has("tags-ignore")) && !filters.has("branches") && !filters.has("branches-ignore");
      scopes.add(tagsOnly ? "tag" : "default");
    } else scopes.add("default");
  }
  if (scopes.size === 0) scopes.add("default");
  return scopes;
}

/** A release workflow: releases and tag pushes, and manual runs. */
function releaseOnly(scopes: Set<CacheScope>): boolean {
  return scopes.has("tag") && [...scopes].every((scope) => scope === "tag" || scope === "dispatch");
}

/** Whether a run of `reader` can restore a cache a run of `saver` saved (a manual run's save is left out: see `CacheScope`). */
function canRestore(reader: Set<CacheScope>, saver: Set<CacheScope>): boolean {
  return saver.has("default") || [...saver].some((scope) => scope !== "dispatch" && reader.has(scope));
}

/** File names the default `cache-dependency-glob` hashes, and commands that rewrite them. */
const DEPENDENCY_FILE = /uv\.lock|pyproject\.toml|requirements|constraints|\.py\.lock/;
const REWRITES_FILES = /(>|\bsed\b|\bmv\b|\bcp\b|\btee\b|\brm\b|\bpython|\bperl\b|\byq\b|\btoml)/;
const REWRITING_UV = /\buv\s+(lock|add|remove|version|init)\b|\buv\s+pip\s+compile\b/;

/** Whether a step before `step` in its job may change what the dependency glob hashes. */
function filesChangedBefore(step: Step): boolean {
  const steps = step.job.steps;
  return steps.slice(0, steps.indexOf(step)).some((earlier) => {
    if (earlier.uses?.kind === "local" || earlier.uses?.kind === "docker") return true;
    const script = scalarText(earlier.keys.get("run")?.value);
    if (script === null) return false;
    return REWRITING_UV.test(script) || (DEPENDENCY_FILE.test(script) && REWRITES_FILES.test(script));
  });
}

/** The checkouts before `step` in its job, as comparable text: what they fetch and where they put it. */
function checkoutsBefore(step: Step): string {
  const steps = step.job.steps;
  return steps
    .slice(0, steps.indexOf(step))
    .filter((earlier) => usesAction(earlier.uses, "actions", "checkout"))
    .map((checkout) => ["repository", "ref", "path", "submodules", "sparse-checkout"].map((name) => scalarText(stepInput(checkout, name)) ?? "").join("|"))
    .join("\n");
}

/** A workflow's `defaults.run.working-directory`, or "". */
export function defaultRunDirectory(workflow: Workflow): string {
  const run = pairsByKey(asMapping(pairsByKey(asMapping(workflow.topLevel.get("defaults")?.value)).get("run")?.value));
  return scalarText(run.get("working-directory")?.value) ?? "";
}

/**
 * The parts of the cache key that the workflow file decides, and what the job caches under it.
 * `program` is the file the step is written in (see `cachingState`).
 */
export function cacheKeyOf(step: Step, workflow: Workflow, workflowId: string, root: string, isSetupUv: (step: Step) => boolean, program: AST.YAMLProgram = workflow.program): CacheKey {
  const format = keyFormatOf(stepReleases(step, program));
  const explicit = booleanInput(step, "enable-cache") === true;
  const runners = jobRunners(step.job).filter((runner) => explicit || runner.kind === "github-hosted");
  const install = installAfter(step, isSetupUv, defaultRunDirectory(workflow), root);
  const prune = format && !format.pruned ? "" : (scalarText(stepInput(step, "prune-cache")) ?? String(format?.pruneByDefault ?? false));
  const python = pythonOf(step, workflow);
  return {
    runners: runners.map((runner) => runner.identity),
    format: format?.id ?? null,
    uvVersion: format?.uvVersion ? (scalarText(stepInput(step, "version")) ?? "") : "",
    python,
    glob: globKey(step),
    workingDirectory: scalarText(stepInput(step, "working-directory")) ?? "",
    prune,
    pruned: prunedSave(step, format?.pruneByDefault ?? null),
    cachePython: scalarText(stepInput(step, "cache-python")) ?? "false",
    suffix: resolvedSuffix(scalarText(stepInput(step, "cache-suffix")) ?? "", workflowId, step.job.id),
    restores: booleanInput(step, "restore-cache") !== false,
    saves: booleanInput(step, "save-cache") !== false,
    checkouts: checkoutsBefore(step),
    filesChangedBefore: filesChangedBefore(step),
    install,
    locked: install === null ? null : lockedInstall(install, root, (directory) => governingLockfile(root, directory), python),
    scopes: cacheScopes(workflow, step.job),
    runsOnChanges: runsOnChanges(workflow),
    waitsForJobs: waitsForJobs(step.job),
  };
}

/** Whether a job names jobs it waits for in `needs:`. */
function waitsForJobs(job: Job): boolean {
  const needs = job.keys.get("needs")?.value;
  return (asSequence(needs)?.entries.length ?? 0) > 0 || (scalarText(needs) ?? "") !== "";
}

/**
 * Whether setup-uv prunes the cache before saving it: `prune-cache`, else the release's default
 * (true up to v8.x, false from v9.0.0). A pruned save keeps only wheels built from source.
 */
function prunedSave(step: Step, pruneByDefault: boolean | null): boolean | null {
  const input = booleanInput(step, "prune-cache");
  if (input === "expression") return null;
  return input ?? pruneByDefault;
}

const CHANGE_EVENTS = new Set(["pull_request", "pull_request_target", "merge_group", "workflow_call"]);

/** Whether the workflow runs for branch pushes, pull requests, a merge queue or a caller. */
function runsOnChanges(workflow: Workflow): boolean {
  const on = pairsByKey(asMapping(workflow.topLevel.get("on")?.value));
  return workflow.triggers.some((event) => {
    if (CHANGE_EVENTS.has(event)) return true;
    if (event !== "push") return false;
    const filters = pairsByKey(asMapping(on.get("push")?.value));
    return !((filters.has("tags") || filters.has("tags-ignore")) && !filters.has("branches") && !filters.has("branches-ignore"));
  });
}

/**
 * An install signature without the interpreters it names: `uv sync --python 3.13` and `--python 3.14`
 * install the same packages. Kept per signature: every linted workflow's steps are compared with
 * every other workflow's, and the signatures repeat.
 */
function withoutPython(install: string): string {
  let result = withoutPythonCache.get(install);
  if (result === undefined) {
    result = install
      .split("\n")
      .map((entry) => entry.split(" ").filter((word) => !word.startsWith("--python=")).join(" "))
      .sort()
      .join("\n");
    if (withoutPythonCache.size >= MAX_CACHED_SIGNATURES) withoutPythonCache.clear();
    withoutPythonCache.set(install, result);
  }
  return result;
}

const withoutPythonCache = new Map<string, string>();
const MAX_CACHED_SIGNATURES = 10_000;

/**
 * Whether two keys are equal on some run, ignoring the suffix when `ignoreSuffix` is set: false
 * when a step before either may change the hashed files, since then nobody can tell.
 */
export function sameCacheKey(a: CacheKey, b: CacheKey, ignoreSuffix = false): boolean {
  return (
    !a.filesChangedBefore &&
    !b.filesChangedBefore &&
    a.checkouts === b.checkouts &&
    (a.format === null || b.format === null || a.format === b.format) &&
    a.uvVersion === b.uvVersion &&
    a.runners.some((runner) => b.runners.some((other) => sameRunnerImage(runner, other))) &&
    a.python === b.python &&
    a.glob === b.glob &&
    a.workingDirectory === b.workingDirectory &&
    a.prune === b.prune &&
    a.cachePython === b.cachePython &&
    (ignoreSuffix || a.suffix === b.suffix)
  );
}

/**
 * Where a step stands among others for `sameCacheKey` and `sharingMatters`: the key's fields that
 * must be equal, as text, and what the job installs without its Pythons. The two can only hold for
 * steps with equal `fields` and another `install`, so a linted workflow's steps need comparing only
 * with those (an index, not every step of every workflow). Null when the step can share with none:
 * files may change before it, or the job does not show what it installs.
 */
// Per key: another workflow's keys are asked for by every workflow linted after it.
export const sharingPlace = cachePerObject((key: CacheKey): { fields: string; install: string } | null =>
  key.filesChangedBefore || key.install === null
    ? null
    : { fields: [key.checkouts, key.uvVersion, key.python, key.glob, key.workingDirectory, key.prune, key.cachePython, key.suffix].join("\0"), install: withoutPython(key.install) },
);

/**
 * What a job that installs as `reader` keys lacks, and downloads on every run, once it restores the
 * cache a job keyed `saver` saved (an exact hit, so it never saves its own): the locked packages only
 * it installs, all of them when the saver prunes (a pruned save keeps no PyPI wheel). Nothing when
 * the reader prunes its own saves anyway, or where the lockfile does not tell.
 */
export function restoreShortfall(reader: CacheKey, saver: CacheKey): { bytes: number; largest: string | null } {
  if (reader.pruned !== false || reader.locked === null) return { bytes: 0, largest: null };
  return saver.pruned === true ? wheelsOutside(reader.locked, new Map()) : missingFromCache(reader.locked, saver.locked);
}

/**
 * Whether sharing a key between the two steps does harm: they install different things (other than
 * the Python), as far as both jobs show, at least one saves an unpruned cache, and one of them saves
 * a cache the other's runs can restore, which then lacks at least `WORTH_A_KEY_BYTES` of wheels
 * (as the `uv.lock` governing its installs weighs them). Below that, or without a lockfile to weigh
 * them by, a shared cache is what a cache is for: one job downloads a few wheels, and a key per job
 * would store the common ones twice in the repository's cache quota.
 */
export function sharingMatters(a: CacheKey, b: CacheKey): boolean {
  return lacksInCacheOf(a, b) || lacksInCacheOf(b, a);
}

/**
 * Whether sharing the key does harm to the job keyed `reader`: it restores a cache the job keyed
 * `saver` saves, which lacks at least `WORTH_A_KEY_BYTES` of what it installs (see `sharingMatters`).
 * A job whose installs that cache holds loses nothing by the shared key, whichever saves first.
 */
export function lacksInCacheOf(reader: CacheKey, saver: CacheKey): boolean {
  return (
    mayHarm(reader, saver) &&
    saver.saves &&
    reader.restores &&
    // A job that waits for others does not save before one that starts at once, which then saves
    // first and leaves it an exact hit (stac-fastapi's benchmark after its tests, field sample 10
    // review): which of the two saves first is otherwise a race the files cannot decide.
    !(saver.waitsForJobs && !reader.waitsForJobs) &&
    canRestore(reader.scopes, saver.scopes) &&
    restoreShortfall(reader, saver).bytes >= WORTH_A_KEY_BYTES
  );
}

/** What rules out harm either way: the same installs, both pruned, two light installs, a light job that does not save first, a release. */
function mayHarm(a: CacheKey, b: CacheKey): boolean {
  if (a.install === null || b.install === null || withoutPython(a.install) === withoutPython(b.install)) return false;
  // A pruned save keeps only wheels built from source: when both prune, neither loses its PyPI wheels to the other.
  if (a.pruned !== false && b.pruned !== false) return false;
  // Two light installs (a tool, a script's packages) lose little to each other's cache.
  const [aLight, bLight] = [!installsDependencies(a.install), !installsDependencies(b.install)];
  if (aLight && bLight) return false;
  // A light job that runs only on a schedule, by hand or for releases does not save first: the
  // heavy job's run on the push that changed the key does.
  if ((aLight && !a.runsOnChanges) || (bLight && !b.runsOnChanges)) return false;
  // A release workflow runs once per release, and what it saves only runs on the same tag read.
  return !(releaseOnly(a.scopes) || releaseOnly(b.scopes));
}
