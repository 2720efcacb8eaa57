import type { AST } from "yaml-eslint-parser";
import { conditionWhen, containsExpression, splitTemplate, templateContextPaths, templateParses, valueWhen, wholeExpression } from "./expressions.js";
import { startOfLeadingComments } from "../fix/yaml-layout.js";
import type { Job, Workflow } from "./model.js";
import { actionName } from "./uses.js";
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
 * Where `pull_request` starts it too, both events run for each pull request with the same number,
 * and one would cancel the other (earthaccess, field review of sample 6): the event's name goes in.
 */
export function pullRequestTargetGroup(triggers: readonly string[]): string {
  const event = triggers.includes("pull_request") ? "${{ github.event_name }}-" : "";
  return `\${{ github.workflow }}-${event}\${{ github.event.pull_request.number || github.ref }}`;
}

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
  return defaultBranchesIn(value).some((branch) => conditionWhen(expression, pushTo(branch)) === false);
}

/** The default branch as `text` names it, `main` or `master`; one that names neither is asked about `main`. */
function defaultBranchesIn(text: string): string[] {
  const named = ["main", "master"].filter((branch) => text.includes(`'${branch}'`) || text.includes(`/${branch}'`));
  return named.length > 0 ? named : ["main"];
}

function pushTo(branch: string): Record<string, string> {
  return { "github.event_name": "push", "github.ref": `refs/heads/${branch}`, "github.ref_name": branch };
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

/**
 * Whether a group gives each push to the default branch a group of its own, so that cancelling never
 * stops a run there: any group `keysPushesPerRun` accepts, and one that keys other refs on the ref
 * (pytorch/ao's `github.ref == 'refs/heads/main' && github.run_number || github.ref`, field sample 9
 * review).
 */
export function keysDefaultBranchPushesPerRun(group: string): boolean {
  if (keysPushesPerRun(group)) return true;
  return defaultBranchesIn(group).some((branch) =>
    splitTemplate(group).some((part) => part.kind === "expression" && part.expression !== null && valueWhen(part.expression, { ...pushTo(branch), ...PER_RUN_VALUES }) === PER_RUN),
  );
}

/** A value that stands for the contexts that differ from run to run (a commit's `sha`, for pushes). */
const PER_RUN = "\u0000per-run";
const PER_RUN_VALUES: Readonly<Record<string, string>> = { "github.run_id": PER_RUN, "github.run_number": PER_RUN, "github.sha": PER_RUN };

const PULL_REQUEST_OR_RUN = /^(?:github\.head_ref|github\.event\.pull_request\.(?:number|id|head\.ref))\s*\|\|\s*github\.(?:sha|run_id)$/;
const PULL_REQUEST_EVENT_OR_RUN = /^github\.event_name\s*==\s*'pull_request'\s*&&\s*github\.(?:ref|head_ref)\s*\|\|\s*github\.(?:sha|run_id)$/;

/**
 * Actions that act on every open pull request or issue of the repository, whichever event started
 * the run: a run cancelled for a newer one loses nothing, since the newer run does the same work.
 */
const REPOSITORY_WIDE_ACTIONS = new Set(["eps1lon/actions-label-merge-conflict", "actions/stale"]);

/**
 * Whether every step of every job of `workflow` is such an action (or a checkout): then runs that
 * share one group, even across pull requests, cancel nothing that the newer run does not redo
 * (qbit_manage's conflict labels under `pull_request_target`, field sample 10 review).
 */
export function actsOnWholeRepositoryOnly(workflow: Workflow): boolean {
  return workflow.jobs.length > 0 && workflow.jobs.every((job) => {
    const actions = job.steps.map((step) => actionName(step.uses));
    return actions.some((name) => name !== null && REPOSITORY_WIDE_ACTIONS.has(name)) && actions.every((name) => name !== null && (REPOSITORY_WIDE_ACTIONS.has(name) || name === "actions/checkout"));
  });
}

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
 * The cancelling settings of a workflow, its own and its jobs', as written, where the group keys on
 * something: a fixed-name group is a lock (a bot that must not run twice), which says nothing about
 * how the repository treats superseded runs.
 */
export function cancelSettings(workflow: Workflow): { cancel: string; group: string; job: Job | null }[] {
  return concurrencySettings(workflow).flatMap(({ cancel, group, job }) => (cancel === null || group === null || isLiteralGroup(group) ? [] : [{ cancel, group, job }]));
}

/** What a comment says of a group kept to one run at a time on purpose ("Only ever run one of this test at a time"). */
const ONE_AT_A_TIME = /\bone\b.*\bat a time\b|\bonly (?:ever )?(?:run )?one\b|\bseriali[sz]e|\bmutex\b|\bmutually exclusive\b|\bnever in parallel\b/i;

/** Whether a comment above or inside the `concurrency` block says its runs are kept to one at a time on purpose. */
export function commentSaysOneAtATime(text: string, concurrency: AST.YAMLMapping): boolean {
  const pair = concurrency.parent;
  const from = pair?.type === "YAMLPair" ? startOfLeadingComments(text, pair) : concurrency.range[0];
  return text
    .slice(from, concurrency.range[1])
    .split("\n")
    .some((line) => ONE_AT_A_TIME.test(/(?:^|\s)#(.*)$/.exec(line)?.[1] ?? ""));
}
