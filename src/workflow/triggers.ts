import type { AST } from "yaml-eslint-parser";
import type { WorkflowCall } from "../repository/workflows.js";
import { conditionWhen, parseCondition } from "./expressions.js";
import type { Workflow } from "./model.js";
import { asMapping, pairsByKey, scalarText } from "./yaml-nodes.js";

/**
 * Which events a workflow runs for, as far as a rule needs to tell a workflow that checks changes
 * (pull requests, pushes to branches, schedules) from one that only publishes a release.
 */

/** Events that run a workflow for a release, by hand or for a tag, never for a change under review. */
const RELEASE_EVENTS = new Set(["workflow_dispatch", "release"]);

/**
 * Whether a workflow runs only for releases: on `workflow_dispatch`, `release` or pushes of tags
 * (`on.push` with `tags` or `tags-ignore` and no branch filter), and, for `workflow_call`, only
 * when each workflow that calls it does so too; a reusable workflow that no workflow calls never
 * runs for it. `calls` (see `localWorkflowCalls`) is null when the callers cannot be read: a called
 * workflow then counts as one that may run for any change. `path` is the workflow's path from the
 * repository root.
 */
export function runsOnlyForReleases(workflow: Workflow, path: string, calls: Map<string, WorkflowCall[]> | null, seen = new Set<string>()): boolean {
  if (workflow.triggers.length === 0) return false;
  seen.add(path);
  return workflow.triggers.every((event) => {
    if (RELEASE_EVENTS.has(event)) return true;
    if (event === "push") return pushesTagsOnly(workflow);
    if (event !== "workflow_call") return false;
    if (calls === null) return false;
    return (calls.get(path) ?? []).every(({ caller }) => seen.has(caller.relativePath) || runsOnlyForReleases(caller.workflow, caller.relativePath, calls, seen));
  });
}

/**
 * Whether a workflow runs on pull requests: on `pull_request`, or as a reusable workflow that a
 * job of such a workflow calls; `mayBeSkipped` tells a calling job that may not run on them.
 */
export function runsOnPullRequests(workflow: Workflow, path: string, calls: Map<string, WorkflowCall[]> | null, mayBeSkipped: (call: WorkflowCall) => boolean): boolean {
  if (workflow.triggers.includes("pull_request")) return true;
  if (!workflow.triggers.includes("workflow_call") || calls === null) return false;
  return (calls.get(path) ?? []).some((call) => call.caller.workflow.triggers.includes("pull_request") && !mayBeSkipped(call));
}

/** Whether `on.push` filters tags and not branches, so that only tag pushes run the workflow. */
function pushesTagsOnly(workflow: Workflow): boolean {
  const push = pairsByKey(asMapping(pairsByKey(asMapping(workflow.topLevel.get("on")?.value)).get("push")?.value));
  return (push.has("tags") || push.has("tags-ignore")) && !push.has("branches") && !push.has("branches-ignore");
}

/**
 * Whether a job or a step is switched off: its `if:` is false whatever the run (`false`,
 * `${{ false }}`, semantic-kernel's `if: false && …`), as the expression model evaluates it with
 * nothing known.
 */
export function neverRuns(keys: Map<string, AST.YAMLPair>): boolean {
  const condition = scalarText(keys.get("if")?.value);
  const expression = condition === null ? null : parseCondition(condition);
  return expression !== null && conditionWhen(expression, {}) === false;
}
