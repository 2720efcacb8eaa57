import type { AST } from "yaml-eslint-parser";
import { conditionOnEvent, conditionWhen, containsExpression, splitTemplate, templateContextPaths, templateParses, wholeExpression } from "./expressions.js";
import type { Job, Workflow } from "./model.js";
import { matrixLegs } from "./matrix-legs.js";
import { providedRunnerOf, runsOnStandardHostedRunners } from "./runners.js";
import { asMapping, asScalar, asSequence, pairsByKey, scalarText } from "./yaml-nodes.js";

/**
 * What a workflow-level `concurrency.group` keys on
 * (https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/control-the-concurrency-of-workflows-and-jobs).
 */

/** The group this plugin inserts: one group per workflow and branch. */
export const DEFAULT_CONCURRENCY_GROUP = "${{ github.workflow }}-${{ github.ref }}";

/** Contexts that tell workflows apart; `github.workflow_ref` names the workflow file and the ref. */
const WORKFLOW_CONTEXTS = ["github.workflow", "github.workflow_ref"];

/**
 * Contexts that tell branches or pull requests apart, directly or as a `||` fallback; a commit or a
 * run (`github.sha`, `github.run_id`) tells them apart too, only more finely.
 */
const REF_CONTEXTS = [
  "github.ref",
  "github.ref_name",
  "github.head_ref",
  "github.event.pull_request.number",
  "github.event.pull_request.id",
  "github.event.pull_request.head.ref",
  "github.event.pull_request.head.sha",
  "github.event.number",
  "github.workflow_ref",
  "github.sha",
  "github.run_id",
];

export interface GroupKeys {
  workflow: boolean;
  ref: boolean;
}

/** Results by group text: most workflows of a repository share one group (see docs/performance.md). */
const groupKeysCache = new Map<string, GroupKeys>();
const MAX_CACHED_GROUPS = 10_000;

/**
 * Whether a group string keys on the workflow and on the ref, read from its `${{ }}` expressions.
 * With `literalNamesWorkflow`, literal text with a letter in it (`lint-`) counts as naming the workflow.
 */
export function concurrencyGroupKeys(group: string, literalNamesWorkflow = false): GroupKeys {
  const cacheKey = `${literalNamesWorkflow ? 1 : 0}${group}`;
  let keys = groupKeysCache.get(cacheKey);
  if (keys === undefined) {
    keys = readGroupKeys(group, literalNamesWorkflow);
    if (groupKeysCache.size >= MAX_CACHED_GROUPS) groupKeysCache.clear();
    groupKeysCache.set(cacheKey, keys);
  }
  return { ...keys };
}

/**
 * Whether a group reads `github.workflow` or `github.workflow_ref`, which in a reusable workflow
 * (`workflow_call`) name the calling workflow, not the called one.
 */
export function readsWorkflowName(group: string): boolean {
  return templateContextPaths(group).some((path) => WORKFLOW_CONTEXTS.includes(path));
}

function readGroupKeys(group: string, literalNamesWorkflow: boolean): GroupKeys {
  const paths = templateContextPaths(group);
  const literalName = literalNamesWorkflow && splitTemplate(group).some((part) => part.kind === "text" && /\p{L}/u.test(part.text));
  return {
    workflow: literalName || paths.some((path) => WORKFLOW_CONTEXTS.includes(path)),
    ref: paths.some((path) => REF_CONTEXTS.includes(path)),
  };
}

/**
 * The group the fix writes in a workflow that `pull_request_target` triggers: there `github.ref` is
 * the base branch, shared by every pull request, so the pull request's number tells them apart.
 */
export const PULL_REQUEST_TARGET_GROUP = "${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}";

/**
 * The group written where only pull request runs may be cancelled: one group per pull request, and one
 * per run otherwise, so that pushes neither cancel each other nor queue (a queue keeps one pending run
 * and drops the older one).
 */
export const PULL_REQUEST_ONLY_GROUP = "${{ github.workflow }}-${{ github.event_name == 'pull_request' && github.ref || github.run_id }}";

/** Ref contexts that, on `pull_request_target`, name the base branch that all pull requests share. */
const BASE_REF_CONTEXTS = ["github.ref", "github.ref_name"];

/**
 * Whether a group keys on the ref only through `github.ref` or `github.ref_name`: under
 * `pull_request_target` those are the base branch, so every pull request's runs share the group.
 */
export function keysOnBaseRefOnly(group: string): boolean {
  const paths = templateContextPaths(group);
  const refs = paths.filter((path) => REF_CONTEXTS.includes(path));
  return refs.length > 0 && refs.every((path) => BASE_REF_CONTEXTS.includes(path));
}

/**
 * A group as a comparable shape: its literal text with each expression in a normalized spelling,
 * so that two workflows whose groups evaluate alike on the same ref compare equal.
 */
export function groupShape(group: string): string {
  return splitTemplate(group)
    .map((part) => (part.kind === "text" ? part.text : `\${{${part.source.replace(/\s+/g, "")}}}`))
    .join("");
}

/** Whether a group is literal text only, with no expression: a lock that all runs of its workflows share. */
export function isLiteralGroup(group: string): boolean {
  return splitTemplate(group).every((part) => part.kind === "text");
}

/** Events whose runs a newer commit on the same ref can supersede; see `supersedableEvents`. */
export type SupersedableEvent = "push" | "pull_request";

/** The settings of one event under `on:` (`branches`, `paths`, `types`); none when it has none. */
function eventSettings(workflow: Workflow, event: string): Map<string, AST.YAMLPair> {
  return pairsByKey(asMapping(pairsByKey(asMapping(workflow.topLevel.get("on")?.value)).get(event)?.value));
}

/**
 * The events of `workflow` whose runs a newer commit on the same ref supersedes: `push` when it can
 * run for branches (not a push filtered by `tags` or `tags-ignore` alone, which runs for tags only,
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#onpushbranchestagsbranches-ignoretags-ignore),
 * and `pull_request` when its activity types include `synchronize` (the default types do). Every
 * other event (schedule, release, workflow_dispatch, pull_request_target, merge_group, …) runs once
 * for something that no later commit replaces.
 */
export function supersedableEvents(workflow: Workflow): SupersedableEvent[] {
  const settings = (event: string): Map<string, AST.YAMLPair> => eventSettings(workflow, event);
  const events: SupersedableEvent[] = [];
  if (workflow.triggers.includes("push")) {
    const filters = settings("push");
    const tagsOnly = (filters.has("tags") || filters.has("tags-ignore")) && !filters.has("branches") && !filters.has("branches-ignore");
    if (!tagsOnly) events.push("push");
  }
  if (workflow.triggers.includes("pull_request")) {
    const types = settings("pull_request").get("types")?.value;
    const listed = asSequence(types)?.entries.map((entry) => scalarText(entry)) ?? [scalarText(types)];
    if (types === undefined || types === null || listed.includes("synchronize")) events.push("pull_request");
  }
  return events;
}

/**
 * Whether every event that can supersede a run of `workflow` is filtered to `paths` that name a few
 * files: each entry under `.github/` (the workflow's own file, an action of the repository) or a
 * file named without a wildcard (`scripts/download.bash`, one Dockerfile). It runs when one of them
 * is edited, which seldom happens twice while a run is going, so there is little to cancel.
 */
export function runsOnlyForNamedFiles(workflow: Workflow): boolean {
  const events = supersedableEvents(workflow);
  return (
    events.length > 0 &&
    events.every((event) => {
      const paths = eventSettings(workflow, event).get("paths")?.value;
      const entries = asSequence(paths)?.entries.map((entry) => scalarText(entry)?.trim() ?? null) ?? [];
      return entries.length > 0 && entries.every((entry) => entry !== null && !entry.startsWith("!") && (entry.startsWith(".github/") || !/[*?[]/.test(entry)));
    })
  );
}

/**
 * Whether runs of `workflow` happen on more than one ref, so that a group without the ref makes runs
 * on different refs cancel each other: any `pull_request`, or a `push` to more than one branch (no
 * `branches` filter, several entries, a glob, or `branches-ignore`).
 */
export function runsOnSeveralRefs(workflow: Workflow): boolean {
  const events = supersedableEvents(workflow);
  if (events.includes("pull_request")) return true;
  if (!events.includes("push")) return false;
  const push = eventSettings(workflow, "push");
  const branches = push.get("branches")?.value;
  if (!branches) return true;
  const names = asSequence(branches)?.entries.map((entry) => scalarText(entry)) ?? [scalarText(branches)];
  const [only] = names;
  return names.length !== 1 || only === null || only === undefined || /[*?[!+]/.test(only);
}

/** A `concurrency` setting as written: its group's text and whether it cancels runs in progress. */
export interface ConcurrencySetting {
  /** The group text; null when there is none or it is not a scalar. */
  readonly group: string | null;
  /** `cancel-in-progress` is `true` or an expression (which may be true). */
  readonly cancelling: boolean;
  /** `cancel-in-progress` as written (trimmed); null when there is none. */
  readonly cancel: string | null;
}

/** Reads a `concurrency` value: a string (a group that never cancels) or a mapping of `group` and `cancel-in-progress`. */
export function readConcurrency(node: AST.YAMLPair["value"] | undefined): ConcurrencySetting | null {
  const scalar = scalarText(asScalar(node));
  if (scalar !== null) return { group: scalar, cancelling: false, cancel: null };
  const mapping = asMapping(node);
  if (!mapping) return null;
  const keys = pairsByKey(mapping);
  const cancel = scalarText(keys.get("cancel-in-progress")?.value)?.trim() ?? null;
  return { group: scalarText(keys.get("group")?.value), cancelling: cancel === "true" || (cancel !== null && containsExpression(cancel)), cancel };
}

/** Every `concurrency` of a workflow: the workflow's own (`job` null) and each job's. */
export function concurrencySettings(workflow: Workflow): (ConcurrencySetting & { job: Job | null })[] {
  const owners = [null, ...workflow.jobs];
  return owners.flatMap((job) => {
    const setting = readConcurrency((job ? job.keys : workflow.topLevel).get("concurrency")?.value);
    return setting ? [{ ...setting, job }] : [];
  });
}

/**
 * Whether a `cancel-in-progress` expression never cancels a push to the default branch (`main` or
 * `master`, which the files do not name): `${{ github.event_name == 'pull_request' }}`,
 * `${{ github.ref != 'refs/heads/main' }}`. With a group per run for pushes, either cancels pull
 * request runs only.
 */
export function sparesDefaultBranchPushes(value: string): boolean {
  const expression = wholeExpression(value.trim())?.expression;
  if (!expression) return false;
  // The branch it names is taken to be the default one; one that names neither is asked about `main`.
  const named = ["main", "master"].filter((branch) => value.includes(`'${branch}'`) || value.includes(`/${branch}'`));
  return (named.length > 0 ? named : ["main"]).some((branch) => conditionWhen(expression, { "github.event_name": "push", "github.ref": `refs/heads/${branch}`, "github.ref_name": branch }) === false);
}

/**
 * Whether a group names the workflow and reads only `github`, in expressions that all parse, and
 * tells pull requests apart by more than their branch's name: another workflow can copy it as it is.
 * A group keyed on `github.head_ref` alone puts two pull requests from forks' branches of one name
 * (`main`, `patch-1`) in one group, where they cancel each other.
 */
export function isCopyableGroup(group: string): boolean {
  const paths = templateContextPaths(group);
  const byBranchName = paths.some((path) => BRANCH_NAME_CONTEXTS.includes(path)) && !paths.some((path) => PULL_REQUEST_IDENTITY_CONTEXTS.includes(path));
  return concurrencyGroupKeys(group).workflow && templateParses(group) && paths.every((path) => path.startsWith("github.")) && !byBranchName;
}

const BRANCH_NAME_CONTEXTS = ["github.head_ref", "github.event.pull_request.head.ref"];
const PULL_REQUEST_IDENTITY_CONTEXTS = ["github.ref", "github.event.pull_request.number", "github.event.pull_request.id", "github.event.number"];

/**
 * Whether a group gives every run outside a pull request a group of its own, so that cancelling only
 * ever stops pull request runs: a pull request context with the run as fallback
 * (`github.head_ref || github.sha`, `github.event.pull_request.number || github.run_id`), or our own
 * `PULL_REQUEST_ONLY_GROUP`.
 */
export function keysPushesPerRun(group: string): boolean {
  return splitTemplate(group).some((part) => part.kind === "expression" && (PULL_REQUEST_OR_RUN.test(part.source) || PULL_REQUEST_EVENT_OR_RUN.test(part.source)));
}

const PULL_REQUEST_OR_RUN = /^(?:github\.head_ref|github\.event\.pull_request\.(?:number|id|head\.ref))\s*\|\|\s*github\.(?:sha|run_id)$/;
const PULL_REQUEST_EVENT_OR_RUN = /^github\.event_name\s*==\s*'pull_request'\s*&&\s*github\.(?:ref|head_ref)\s*\|\|\s*github\.(?:sha|run_id)$/;

/**
 * Whether `workflow` is a release pipeline: pull requests do not start it, and its pushes name
 * version tags (`push.tags`) besides branches. Each branch commit's build may be what the release
 * tooling takes, so whether a newer commit may cancel it is the release process's call.
 */
export function buildsReleasesPerCommit(workflow: Workflow): boolean {
  const events = supersedableEvents(workflow);
  return events.length === 1 && events[0] === "push" && eventSettings(workflow, "push").has("tags");
}

/**
 * Whether `workflow` runs for pushes to one named branch only (no pull request): each run checks one
 * commit of that branch's history, and whether a newer one may cancel it is the maintainer's policy.
 */
export function pushesToOneBranchOnly(workflow: Workflow): boolean {
  const events = supersedableEvents(workflow);
  return events.length === 1 && events[0] === "push" && !runsOnSeveralRefs(workflow);
}

/**
 * Actions that finish in seconds: a checkout, a runner hardening, a spelling or workflow check that
 * reads the repository, or a check or label that reads the pull request through GitHub's API.
 */
const QUICK_ACTIONS = new Set([
  "actions/checkout",
  "step-security/harden-runner",
  "actions/dependency-review-action",
  "zizmorcore/zizmor-action",
  "codespell-project/actions-codespell",
  "crate-ci/typos",
  "actions/github-script",
  "actions/labeler",
  "eps1lon/actions-label-merge-conflict",
  "amannn/action-semantic-pull-request",
  "mheap/github-action-required-labels",
  "codelytv/pr-size-labeler",
  "dependabot/fetch-metadata",
  "release-drafter/release-drafter",
  "re-actors/alls-green",
]);

/** A job whose `timeout-minutes` is at most this says itself that it is short. */
const QUICK_TIMEOUT_MINUTES = 5;

/**
 * Commands that install dependencies, build or test, or run one of the repository's own scripts
 * (`./check.sh`, `helpers/x.ps1`), whose duration nothing here tells: a run that may hold its runner for minutes.
 */
const SLOW_COMMANDS =
  /(?:^|\s)\.\.?\/[\w.-]|\.(?:sh|ps1|py|js|mjs|ts|rb|pl)\b|\b(?:install|sync|build|test|tests|pytest|tox|nox|make|cmake|cargo|go|npm|npx|yarn|pnpm|uv|uvx|pip|pip3|poetry|pdm|hatch|conda|mamba|docker|podman|bazel|mvn|gradle|sphinx-build|mkdocs|pre-commit|python|python3)\b/;

/** A script without its comments and quoted text, so that `echo "No build required"` names no command. */
function commandsOnly(script: string): string {
  return script.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, "''").replace(/(?:^|\s)#[^\n]*/g, "");
}

/**
 * Commands that build or test for minutes: a test runner, a compiler's build, an image build, a docs
 * build, a type checker. A lint or a script of the repository says nothing about its duration.
 */
const LONG_COMMANDS =
  /\b(?:pytest|py\.test|tox|nox|cargo (?:build|test|nextest|bench|llvm-cov)|go (?:test|build)|(?:npm|yarn|pnpm) (?:run )?(?:test|build)|make|cmake|ctest|bazel|gradle|gradlew|mvn|docker (?:build|buildx|compose)|nix (?:build|flake check|develop)|sphinx-build|mkdocs build|uv build|python -m build|maturin|playwright|cypress|mypy|pyright|hatch (?:test|run)|cibuildwheel)\b/;

/** Actions that build or test for minutes, by `owner/repo` (lower case). */
const LONG_ACTIONS = new Set(["docker/build-push-action", "docker/bake-action", "pypa/cibuildwheel", "pyo3/maturin-action", "cypress-io/github-action", "cachix/install-nix-action"]);

/**
 * The header of a release workflow generated by cargo-dist (https://axodotdev.github.io/cargo-dist):
 * on a pull request it runs only its seconds-long `plan` job (dist's default `pr-run-mode = "plan"`),
 * and its other runs are tag pushes, which nothing supersedes.
 */
const DIST_RELEASE_HEADER = /^# This file was autogenerated by (?:cargo-)?dist\b/m;

/** Timeouts at or above this many minutes say a job runs long. */
const LONG_TIMEOUT_MINUTES = 30;

/** An `if:` that names tags: read as "only for tags" when nothing in it is negated (`!startsWith(github.ref, 'refs/tags/')`). */
const NAMES_TAGS = /refs\/tags/;
const NEGATION = /!(?!=)/;

/** Whether a job's `if:` keeps it off pushes to branches and pull requests: tags, releases, schedules or manual runs, which nothing supersedes. */
function runsOnlyWhereNothingSupersedes(job: Job): boolean {
  const condition = scalarText(job.keys.get("if")?.value);
  if (condition === null) return false;
  if (NAMES_TAGS.test(condition) && !NEGATION.test(condition)) return true;
  return (["push", "pull_request"] as const).every((event) => conditionOnEvent(condition, event) === false);
}

/**
 * Whether a run of `workflow` on a push or a pull request shows it holds runners for minutes, so that
 * cancelling a superseded run saves something: a job (one that runs on pushes or pull requests) with a
 * matrix, a call of a reusable workflow, a self-hosted or larger runner, a timeout of 30 minutes or more, a known build or test action,
 * or a build or test command. What takes seconds or is not known to take long is not reported: whether
 * a run is worth cancelling depends on what it costs, which the files only sometimes say.
 */
export function showsLongRuns(workflow: Workflow): boolean {
  if (DIST_RELEASE_HEADER.test(workflow.text.slice(0, 200))) return false;
  return workflow.jobs.some((job) => !runsOnlyWhereNothingSupersedes(job) && jobShowsLongRun(job));
}

/**
 * A job of `workflow` that runs on pushes or pull requests on a runner the repository provides or
 * pays for (self-hosted, larger, a runner group): a superseded run there keeps other runs waiting or
 * costs money. Null when every such job runs on standard GitHub-hosted runners, or on runners an
 * expression picks that the file does not show.
 */
export function jobOnProvidedRunner(workflow: Workflow): { job: string; runner: string } | null {
  for (const job of workflow.jobs) {
    if (runsOnlyWhereNothingSupersedes(job)) continue;
    const runner = providedRunnerOf(job);
    if (runner !== null) return { job: job.id, runner };
  }
  return null;
}

/**
 * The jobs a run of `workflow` on a push or a pull request starts that show they hold a runner for
 * minutes (see `showsLongRuns`), with how many legs each starts: Infinity where an expression builds
 * the matrix, whose size only the run knows.
 */
export function longRunningJobs(workflow: Workflow): { job: Job; legs: number }[] {
  return workflow.jobs
    .filter((job) => !runsOnlyWhereNothingSupersedes(job) && jobShowsLongRun(job))
    .map((job) => ({ job, legs: pairsByKey(asMapping(job.keys.get("strategy")?.value)).has("matrix") ? (matrixLegs(job)?.length ?? Number.POSITIVE_INFINITY) : 1 }));
}

/**
 * Whether a job's matrix makes more than one job: any list of two or more values, two or more
 * `include` entries, or a matrix an expression builds (`fromJson(…)`), whose size only the run knows.
 * A one-entry matrix (`language: [python]`) is one job.
 */
function runsSeveralLegs(job: Job): boolean {
  const strategy = job.keys.get("strategy");
  if (!strategy) return false;
  const matrixPair = pairsByKey(asMapping(strategy.value)).get("matrix");
  const matrix = asMapping(matrixPair?.value);
  if (!matrix) return matrixPair !== undefined;
  return [...pairsByKey(matrix).values()].some((pair) => {
    const list = asSequence(pair.value);
    const text = scalarText(asScalar(pair.value));
    return list ? list.entries.length > 1 : text !== null && containsExpression(text);
  });
}


/** A job's `timeout-minutes` as a number; NaN when it is absent or not a number. */
function timeoutMinutes(job: Job): number {
  return Number(scalarText(asScalar(job.keys.get("timeout-minutes")?.value)) ?? Number.NaN);
}

function jobShowsLongRun(job: Job): boolean {
  // A job that gives itself a few minutes at most says it is short, however many legs it has.
  const timeout = timeoutMinutes(job);
  if (timeout > 0 && timeout <= QUICK_TIMEOUT_MINUTES) return false;
  if (timeout >= LONG_TIMEOUT_MINUTES) return true;
  // Legs that only check out, label or echo are short, however many there are.
  if (runsOnStandardHostedRunners(job) && hasOnlyQuickSteps(job)) return false;
  // A matrix runs several jobs; a called reusable workflow is a test or build suite of its own.
  if (runsSeveralLegs(job) || job.keys.has("uses")) return true;
  if (!runsOnStandardHostedRunners(job)) return job.keys.has("runs-on");
  return job.steps.some((step) => {
    if (step.uses?.kind === "action") return LONG_ACTIONS.has(`${step.uses.owner}/${step.uses.repo}`.toLowerCase());
    const script = scalarText(step.keys.get("run")?.value);
    return script !== null && LONG_COMMANDS.test(commandsOnly(script));
  });
}


/**
 * Whether every job of `workflow` is done in seconds, so that cancelling a superseded run saves
 * almost nothing: at least one job, and each runs on a standard GitHub-hosted runner, has no
 * matrix, has steps (not a call of a reusable workflow), and either a `timeout-minutes` of at most 5 or only
 * known quick actions (`QUICK_ACTIONS`) and `run` scripts without an install, build or test command or a
 * script of the repository.
 */
export function isQuickWorkflow(workflow: Workflow): boolean {
  return workflow.jobs.length > 0 && workflow.jobs.every((job) => {
    if (!runsOnStandardHostedRunners(job) || job.keys.has("strategy") || job.steps.length === 0) return false;
    const timeout = timeoutMinutes(job);
    return (timeout > 0 && timeout <= QUICK_TIMEOUT_MINUTES) || hasOnlyQuickSteps(job);
  });
}

/** Whether a job has steps and each is a known quick action or a `run` script with no install, build or test command and no script of the repository. */
function hasOnlyQuickSteps(job: Job): boolean {
  return job.steps.length > 0 && job.steps.every((step) => {
    if (step.uses) return step.uses.kind === "action" && QUICK_ACTIONS.has(`${step.uses.owner}/${step.uses.repo}`.toLowerCase());
    const script = scalarText(step.keys.get("run")?.value);
    return script !== null && !SLOW_COMMANDS.test(commandsOnly(script));
  });
}
