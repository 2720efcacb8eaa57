import { cachePerObject } from "../repository/file-cache.js";
import { workflowFileStem, type WorkflowFile } from "../repository/workflows.js";
import {
  cancelSettings,
  concurrencyGroupKeys,
  concurrencySettings,
  groupShape,
  isCopyableGroup,
  keysDefaultBranchPushesPerRun,
  sparesDefaultBranchPushes,
  supersedableEvents,
  type SupersedableEvent,
} from "./concurrency.js";
import { conditionOnEvent } from "./expressions.js";
import { stepInput, type Workflow } from "./model.js";
import { parseUses, usesAction } from "./uses.js";
import { scalarText } from "./yaml-nodes.js";

/**
 * What the repository's other workflows do with `concurrency`: the groups they use, which tell a
 * group shared on purpose from one that should be unique, and the way they cancel pull request runs
 * only, which a workflow without `concurrency` should follow.
 */

/** A group another workflow of the repository uses as `concurrency`. */
export interface OtherGroup {
  shape: string;
  /** The group as written. */
  group: string;
  where: string;
  cancelling: boolean;
  events: SupersedableEvent[];
}

/**
 * How the repository's other workflows cancel pull request runs only, and where: by a
 * `cancel-in-progress` expression, or by a group that gives other runs one each (`group` is then that
 * group, when it can be copied: it names the workflow and reads only `github`).
 */
export interface PullRequestOnlyCancel {
  cancel: string;
  group: string | null;
  where: string;
}

/** What the repository's other workflows do with `concurrency`, and the workflows themselves by path. */
export interface RepositoryConcurrency {
  groups: OtherGroup[];
  workflows: Map<string, Workflow>;
  pullRequestOnlyCancel: PullRequestOnlyCancel | null;
  /** The workflow files (`unit-tests.yml`) whose superseded runs another workflow cancels with styfle/cancel-workflow-action. */
  cancelledByAction: Set<string>;
}

type CancelSetting = { cancel: string; group: string; where: string; onPush: boolean };

type ConcurrencyFacts = { settings: CancelSetting[]; groups: OtherGroup[]; cancelsWorkflows: string[] };

/** What the repository's other workflows (`otherWorkflowFiles`) do with `concurrency`. */
export function repositoryConcurrency(files: WorkflowFile[]): RepositoryConcurrency {
  const facts = files.map(concurrencyFactsOf);
  const settings = facts.flatMap((fact) => fact.settings);
  const pullRequestOnlyCancel = pullRequestOnlyConvention(settings);
  const groups = facts.flatMap((fact) => fact.groups);
  const cancelledByAction = new Set(facts.flatMap((fact) => fact.cancelsWorkflows));
  return { groups, workflows: new Map(files.map((file) => [file.relativePath, file.workflow])), pullRequestOnlyCancel, cancelledByAction };
}

/**
 * What is read in another workflow file: its cancelling settings and its groups. Read once per
 * parsed file (they stay parsed until they change), since every linted workflow asks it of all the
 * others.
 */
const concurrencyFactsOf = cachePerObject(({ relativePath, workflow }: WorkflowFile): ConcurrencyFacts => {
  const events = supersedableEvents(workflow);
  return {
    // A job's own setting says nothing about pushes where its `if:` keeps it off them, and a workflow
    // that no newer commit supersedes (pymilvus's backport on closed pull requests, field sample 11
    // review) nothing about cancelling superseded runs.
    settings: (events.length === 0 ? [] : cancelSettings(workflow)).map(({ cancel, group, job }) => ({
      cancel,
      group,
      where: relativePath,
      onPush: events.includes("push") && (job === null || conditionOnEvent(scalarText(job.keys.get("if")?.value), "push") !== false),
    })),
    groups: concurrencySettings(workflow).flatMap((setting) =>
      setting.group === null ? [] : [{ shape: groupShape(setting.group), group: setting.group, where: relativePath, cancelling: setting.cancelling, events }],
    ),
    cancelsWorkflows: workflowsCancelledByAction(workflow, relativePath.split("/").at(-1)!),
  };
});

/**
 * The workflow files whose superseded runs `workflow` cancels with styfle/cancel-workflow-action:
 * those its `workflow_id` input lists (`unit-tests.yml,lint.yml`), or its own file (`fileName`)
 * without one, which is how the action cancels its own workflow's older runs.
 */
export function workflowsCancelledByAction(workflow: Workflow, fileName: string): string[] {
  return workflow.jobs.flatMap((job) =>
    job.steps.flatMap((step) => {
      if (!usesAction(parseUses(scalarText(step.keys.get("uses")?.value) ?? ""), "styfle", "cancel-workflow-action")) return [];
      const listed = stepInput(step, "workflow_id");
      if (listed === null) return [fileName];
      return String(listed.value ?? "").split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
    }),
  );
}

/** The repository's way of cancelling pull request runs only, when every cancelling workflow keeps to one. */
function pullRequestOnlyConvention(settings: CancelSetting[]): PullRequestOnlyCancel | null {
  // A workflow that cancels superseded pushes breaks the convention; one that no push starts says nothing about pushes.
  if (settings.some(({ cancel, group, onPush }) => onPush && cancel === "true" && !keysDefaultBranchPushesPerRun(group))) return null;
  const byCancel = settings.find(({ cancel }) => sparesDefaultBranchPushes(cancel));
  if (byCancel) return { cancel: byCancel.cancel, group: null, where: byCancel.where };
  const byGroup = settings.find(({ cancel, group }) => cancel === "true" && keysDefaultBranchPushesPerRun(group));
  if (!byGroup) return null;
  return { cancel: "true", group: isCopyableGroup(byGroup.group) ? withoutLiteralPrefix(byGroup.group) : null, where: byGroup.where };
}

/**
 * A group without the literal text before its `${{ github.workflow }}`, which names the workflow it
 * was written for (pytorch/ao's `regression_test-${{ github.workflow }}-…`): the workflow's name tells
 * the groups apart already.
 */
function withoutLiteralPrefix(group: string): string {
  const at = group.indexOf("${{ github.workflow }}");
  return at > 0 && !group.slice(0, at).includes("${{") ? group.slice(at) : group;
}

/**
 * Another workflow whose group has the same text, unless an expression names the workflow and so
 * tells them apart. The other workflows are read only when the group needs them.
 */
export function sharedGroup(group: string, groups: () => OtherGroup[]): OtherGroup | undefined {
  if (concurrencyGroupKeys(group).workflow) return undefined;
  const shape = groupShape(group);
  return groups().find((other) => other.shape === shape);
}

/** How the default group names the workflow; the same in two workflows that have the same `name`. */
const WORKFLOW_NAME_EXPRESSION = "${{ github.workflow }}";

/** Whether a group names its workflow by `name` (`github.workflow`), which a namesake shares. */
export function namesWorkflowByName(group: string): boolean {
  return group.includes(WORKFLOW_NAME_EXPRESSION);
}

/** `group` with the workflow named by the file's name (`filename`'s stem) instead of its `name`. */
export function groupByFileName(group: string, filename: string): string {
  return group.replaceAll(WORKFLOW_NAME_EXPRESSION, workflowFileStem(filename));
}

/** The path of another workflow of the repository with the same `name` as `workflow`, or null. */
export function namesakeOf(workflow: Workflow, others: Map<string, Workflow>): string | null {
  const name = scalarText(workflow.topLevel.get("name")?.value)?.trim();
  if (!name) return null;
  for (const [path, other] of others) {
    if (scalarText(other.topLevel.get("name")?.value)?.trim() === name) return path;
  }
  return null;
}

/** The cancelling group of the workflow at `namesake` that is the same text as `group`, so that their runs cancel each other. */
export function namesakeGroup(group: string, namesake: string, groups: OtherGroup[]): OtherGroup | undefined {
  return groups.find((other) => other.where === namesake && other.group === group && other.cancelling);
}
