import { basename } from "node:path";
import type { RuleFixer, SuggestedEdit } from "@eslint/core";
import type { AST } from "yaml-eslint-parser";
import { createWorkflowRule } from "../src/create-rule.js";
import { detectEol, insertionFix } from "../src/fix/text-edits.js";
import { appendPair, blankLinesAbove, detectIndentUnit, scalarSource, startOfLeadingComments } from "../src/fix/yaml-layout.js";
import { otherWorkflowFiles } from "../src/repository/workflows.js";
import {
  actsOnWholeRepositoryOnly,
  buildsReleasesPerCommit,
  commentSaysOneAtATime,
  concurrencyGroupKeys,
  DEFAULT_CONCURRENCY_GROUP,
  isLiteralGroup,
  keysOnBaseRefOnly,
  keysPushesPerRun,
  PULL_REQUEST_ONLY_GROUP,
  pullRequestTargetGroup,
  pushesToOneBranchOnly,
  readConcurrency,
  runsOnlyForNamedFiles,
  runsOnSeveralRefs,
  supersedableEvents,
  type SupersedableEvent,
} from "../src/workflow/concurrency.js";
import { deploymentSign, type DeploymentSign } from "../src/workflow/deployment.js";
import { isGeneratedWorkflow } from "../src/workflow/generated.js";
import { getWorkflow, type Workflow } from "../src/workflow/model.js";
import {
  groupByFileName,
  namesakeGroup,
  namesakeOf,
  namesWorkflowByName,
  repositoryConcurrency,
  sharedGroup,
  workflowsCancelledByAction,
  type OtherGroup,
  type PullRequestOnlyCancel,
  type RepositoryConcurrency,
} from "../src/workflow/repository-concurrency.js";
import { costSign, isQuickWorkflow, showsLongRuns } from "../src/workflow/run-cost.js";
import { asMapping, pairsByKey, scalarText, type YAMLValue } from "../src/workflow/yaml-nodes.js";

type Options = [{ triggers: string[]; group: string; assumeScarceRunners: boolean; allowLiteralWorkflowName: boolean }];
type MessageIds =
  | "missingConcurrency"
  | "missingConcurrencyDeploys"
  | "missingConcurrencyBesideOtherRuns"
  | "missingConcurrencyOnHostedRunners"
  | "missingConcurrencyConvention"
  | "missingConcurrencyGroupConvention"
  | "stringForm"
  | "missingGroup"
  | "groupMissingWorkflow"
  | "groupMissingRef"
  | "groupOnBaseRef"
  | "groupSharedByName"
  | "missingCancelInProgress"
  | "addPullRequestConcurrency"
  | "useMapping"
  | "useDefaultGroup"
  | "useFileNameGroup";

/** Cancels pull request runs only: a push or a release run of a deploying workflow always finishes. */
const CANCEL_PULL_REQUESTS_ONLY = "${{ github.event_name == 'pull_request' }}";

/** Triggers that start runs on the default branch besides pushes: scheduled, manual, and runs other events start. */
const DEFAULT_BRANCH_TRIGGERS = ["schedule", "workflow_dispatch", "repository_dispatch", "workflow_run"];

/** What the rule knows of a workflow before it reads its `concurrency`: whether it checks it, what a run costs, the group it writes. */
interface Scope {
  events: SupersedableEvent[];
  /** The workflow has a trigger the rule checks. */
  checked: boolean;
  /** Cancelling is worth asking for: the workflow shows what a superseded run costs, or an option asks everywhere. */
  asks: boolean;
  /** What a superseded run costs, as the messages say it (` (…)`), or nothing. */
  costText: string;
  /** The cost is only GitHub-hosted runner time, and no option says runners are scarce. */
  hostedRunnersOnly: boolean;
  deploys: DeploymentSign | null;
  /** The group the rule writes, before a namesake makes it name the file. */
  defaultGroup: string;
  /** The group the rule writes. */
  group: string;
  /** A group as the rule writes it here: named by the file where another workflow has the same `name`. */
  distinct: (group: string) => string;
  /** The path of another workflow with the same `name`, or null. */
  namesake: () => string | null;
  /** What the repository's other workflows do with `concurrency`, read on first use. */
  repository: () => RepositoryConcurrency;
}

export default createWorkflowRule<Options, MessageIds>({
  name: "require-concurrency-per-ref",
  meta: {
    type: "problem",
    docs: {
      description: "Require a workflow-level `concurrency` group per workflow and ref that cancels superseded runs",
      recommended: false,
    },
    fixable: "code",
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          triggers: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description:
              "Check workflows with at least one of these events under `on`; empty checks those that a newer commit can supersede (`push` to branches, `pull_request` with `synchronize`).",
          },
          group: {
            type: "string",
            minLength: 1,
            description: "The `group` that the fix inserts.",
          },
          assumeScarceRunners: {
            type: "boolean",
            description:
              "Ask for cancelling in every repository, as where runners are scarce. By default the rule asks only where the workflow shows that a superseded run costs something: a job on a self-hosted, larger or third-party runner, ten or more jobs that build or test per run (three or more with one on macOS or Windows), or a job that already cancels its superseded runs.",
          },
          allowLiteralWorkflowName: {
            type: "boolean",
            description:
              "Deprecated, no effect: literal text in the group is accepted whenever no other workflow of the repository uses the same group.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ triggers: [], group: DEFAULT_CONCURRENCY_GROUP, assumeScarceRunners: false, allowLiteralWorkflowName: false }],
    messages: {
      missingConcurrency:
        "Workflow has no `concurrency`, so {{superseded}}{{cost}}. Add `concurrency` with a per-workflow, per-ref `group` and `cancel-in-progress: true`.",
      missingConcurrencyDeploys:
        "Workflow has no `concurrency`, so a new commit on a pull request leaves the superseded run holding a runner{{cost}}. Its other runs may need to finish ({{sign}}): cancel pull request runs only, with a `group` per pull request (and per run for other events, so that they neither cancel nor queue) and `cancel-in-progress: {{cancel}}`.",
      missingConcurrencyGroupConvention:
        "Workflow has no `concurrency`, so a new commit on a pull request leaves the superseded run holding a runner{{cost}}. Add `concurrency` with `group: {{group}}` and `cancel-in-progress: true`, as in {{where}}: the runs of one pull request share that group and cancel each other, and each run on the default branch has a group of its own.",
      missingConcurrencyConvention:
        "Workflow has no `concurrency`, so a new commit on a pull request leaves the superseded run holding a runner{{cost}}. Add `concurrency` with `cancel-in-progress: {{cancel}}`, which cancels pull request runs only, as in {{where}}, and a `group` per pull request (and per run for other events, so that they do not queue).",
      stringForm:
        "`concurrency` as a string only queues runs and cannot cancel them, so {{superseded}}{{cost}}. Use a mapping with `group` and `cancel-in-progress: true`.",
      missingGroup: "`concurrency` has no `group`, which GitHub requires. Add `group: {{group}}`.",
      groupMissingWorkflow:
        "Concurrency group is the same as in {{other}} and does not include `github.workflow`, so a {{event}} that starts both workflows cancels one of them. Key it on the workflow and the ref.",
      groupMissingRef:
        "Concurrency group does not include the ref (`github.ref`, `github.head_ref`, …), so runs on different branches or pull requests share it and cancel each other. Key it on the workflow and the ref.",
      groupOnBaseRef:
        "Concurrency group keys on the ref through `github.ref` only, which under `pull_request_target` is the base branch: runs for different pull requests share it and cancel each other. Add the pull request number (`github.event.pull_request.number || github.ref`), and the event's name where `pull_request` starts the workflow too.",
      groupSharedByName:
        "This workflow's `name` is also the name of {{other}}, so `github.workflow` is the same in both and their runs share this group: a {{event}} that starts both cancels one of them. Key the group on this file's name instead.",
      missingCancelInProgress:
        "`concurrency` has no `cancel-in-progress`, so a new run waits for the superseded one instead of cancelling it{{cost}}. Add `cancel-in-progress: true`.",
      missingConcurrencyOnHostedRunners:
        "Workflow has no `concurrency`, so a new commit on a pull request leaves the superseded run holding a runner{{cost}}. Cancel pull request runs only: a `group` per pull request (and per run for other events) and `cancel-in-progress: {{cancel}}`. On GitHub-hosted runners a superseded push costs a few minutes, and its run gives that commit a status; where runners are scarce, set `assumeScarceRunners` to cancel superseded pushes too.",
      missingConcurrencyBesideOtherRuns:
        "Workflow has no `concurrency`, so a new commit on a pull request leaves the superseded run holding a runner{{cost}}. It also runs on {{others}}, on the default branch, where a group per ref would let a push cancel those runs: cancel pull request runs only, with a `group` per pull request (and per run for other events, so that they neither cancel nor queue) and `cancel-in-progress: {{cancel}}`.",
      addPullRequestConcurrency: "Add `concurrency` that cancels superseded pull request runs only.",
      useMapping: "Replace with a mapping: `group: {{group}}`, `cancel-in-progress: true`.",
      useDefaultGroup: "Use `group: {{group}}`.",
      useFileNameGroup: "Use `group: {{group}}`.",
    },
    languages: ["yml/yaml"],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const text = sourceCode.text;
    // A generated file is rewritten by its generator: the report stands, an edit by hand would not.
    const fixable = !isGeneratedWorkflow(text, context.filename);

    return {
      Program() {
        const workflow = getWorkflow(sourceCode);
        // A workflow that others call runs under its caller's name and ref: `github.workflow` there is the
        // caller's, so a group keyed on it makes parallel calls of one caller cancel each other.
        if (!workflow.root || workflow.triggers.includes("workflow_call")) return;
        const scope = scopeOf(workflow);
        const concurrencyPair = workflow.topLevel.get("concurrency");
        if (!concurrencyPair) return checkMissing(workflow, scope);
        // Through an alias, or under an anchor, an edit here would change every place that uses the node.
        const editable = isPlainNode(concurrencyPair.value);
        const mapping = asMapping(concurrencyPair.value);
        if (mapping) return checkMapping(workflow, mapping, scope, editable);
        checkStringForm(workflow, concurrencyPair, scope, editable);
      },
    };

    function scopeOf(workflow: Workflow): Scope {
      const events = supersedableEvents(workflow);
      const checked = options.triggers.length > 0 ? workflow.triggers.some((trigger) => options.triggers.includes(trigger)) : events.length > 0;
      // The other workflows are read only when a group or a reusable workflow of this one needs them.
      let others: RepositoryConcurrency | undefined;
      const repository = (): RepositoryConcurrency => (others ??= repositoryConcurrency(otherWorkflowFiles(context)));
      const deploys = deploymentSign(workflow, (path) => repository().workflows.get(path) ?? null);
      const defaultGroup = workflow.triggers.includes("pull_request_target") && options.group === DEFAULT_CONCURRENCY_GROUP ? pullRequestTargetGroup(workflow.triggers) : options.group;
      // Another workflow with the same `name` has the same `github.workflow`: the file's name tells them apart.
      const namesake = (): string | null => namesakeOf(workflow, repository().workflows);
      const distinct = (group: string): string => (namesWorkflowByName(group) && namesake() ? groupByFileName(group, context.filename) : group);
      // Cancelling is asked for where the workflow shows what a superseded run costs, or an option asks everywhere.
      const cost = costSign(workflow);
      const asks = options.triggers.length > 0 || options.assumeScarceRunners || cost !== null;
      const costText = cost === null ? "" : ` (${cost.text})`;
      const hostedRunnersOnly = cost !== null && cost.hostedJobs && !options.assumeScarceRunners && options.triggers.length === 0;
      return { events, checked, asks, costText, hostedRunnersOnly, deploys, defaultGroup, group: distinct(defaultGroup), distinct, namesake, repository };
    }

    /** A workflow without `concurrency`: reported where cancelling saves something, in the repository's way of cancelling. */
    function checkMissing(workflow: Workflow, scope: Scope): void {
      if (!scope.checked || everyJobHasConcurrency(workflow)) return;
      if (options.triggers.length === 0 && leavesCancellingToTheMaintainer(workflow)) return;
      // The repository cancels its superseded runs already, with an action (DefectDojo's unit tests, field sample 8 review).
      const fileName = basename(context.filename);
      if (workflowsCancelledByAction(workflow, fileName).includes(fileName) || scope.repository().cancelledByAction.has(fileName)) return;
      // Whether a few minutes of a free hosted runner per superseded commit matter is the repository's policy.
      if (!scope.asks) return;
      const { events, deploys, costText } = scope;
      const convention = scope.repository().pullRequestOnlyCancel;
      const pullRequestGroup = pullRequestOnlyGroup(scope, convention);
      if (deploys) return reportMissingInDeployment(workflow, events, deploys, pullRequestGroup, convention?.cancel ?? CANCEL_PULL_REQUESTS_ONLY, costText);
      if (convention) return reportMissingByConvention(workflow, events, pullRequestGroup, convention, costText);
      // Unless the `triggers` option asks for cancelling on those events too.
      const alsoOnDefaultBranch = options.triggers.length > 0 ? [] : workflow.triggers.filter((trigger) => DEFAULT_BRANCH_TRIGGERS.includes(trigger));
      if (alsoOnDefaultBranch.length > 0) return reportMissingBesideOtherRuns(workflow, events, alsoOnDefaultBranch, pullRequestGroup, costText);
      // On GitHub-hosted runners only, cancelling a superseded push saves a few free minutes and takes
      // the commit's status (datasette's and ihatemoney's pushes to main and release branches, field
      // samples 9 and 10 reviews: debatable); the seed's scarce self-hosted runners are what the
      // per-ref group that cancels pushes is for.
      if (scope.hostedRunnersOnly && events.includes("pull_request") && events.includes("push")) {
        return reportCancellingPullRequestsOnly(workflow, "missingConcurrencyOnHostedRunners", { cost: costText, cancel: CANCEL_PULL_REQUESTS_ONLY }, pullRequestGroup);
      }
      reportMissing(workflow, supersededText(events), scope.group, costText);
    }

    /** Reports the missing `concurrency` at `jobs:`, with a fix that inserts a block cancelling pull request runs only. */
    function reportCancellingPullRequestsOnly(
      workflow: Workflow,
      messageId: "missingConcurrencyOnHostedRunners" | "missingConcurrencyBesideOtherRuns",
      data: Record<string, string>,
      group: string,
    ): void {
      const jobs = workflow.topLevel.get("jobs");
      context.report({
        loc: (jobs?.key ?? workflow.root!).loc,
        messageId,
        data,
        fix: fixable && !workflow.triggers.includes("workflow_call") ? insertConcurrency(workflow, group, CANCEL_PULL_REQUESTS_ONLY) : null,
      });
    }

    /**
     * A workflow that also runs on a schedule or by hand, on the default branch, where a group per ref
     * would let a push cancel those runs (guidance's daily run and its manual runs for a chosen commit,
     * field sample 8 review): cancel superseded pull request runs only; without pull requests, nothing.
     */
    function reportMissingBesideOtherRuns(workflow: Workflow, events: SupersedableEvent[], others: string[], group: string, cost: string): void {
      if (!events.includes("pull_request")) return;
      const data = { cost, others: others.map((trigger) => `\`${trigger}\``).join(", "), cancel: CANCEL_PULL_REQUESTS_ONLY };
      reportCancellingPullRequestsOnly(workflow, "missingConcurrencyBesideOtherRuns", data, group);
    }

    function reportMissing(workflow: Workflow, superseded: string, group: string, cost: string): void {
      const jobs = workflow.topLevel.get("jobs");
      context.report({
        loc: (jobs?.key ?? workflow.root!).loc,
        messageId: "missingConcurrency",
        data: { superseded, cost },
        // Called from another workflow, `github.workflow` is the caller's: the group could deadlock with the caller's own.
        fix: fixable && !workflow.triggers.includes("workflow_call") ? insertConcurrency(workflow, group, "true") : null,
      });
    }

    /** The repository cancels pull request runs only: a push-only workflow has nothing to cancel, the others follow suit. */
    function reportMissingByConvention(workflow: Workflow, events: SupersedableEvent[], group: string, convention: PullRequestOnlyCancel, cost: string): void {
      if (!events.includes("pull_request")) return;
      const jobs = workflow.topLevel.get("jobs");
      context.report({
        loc: (jobs?.key ?? workflow.root!).loc,
        ...(convention.group === null
          ? { messageId: "missingConcurrencyConvention", data: { cancel: convention.cancel, where: convention.where, cost } }
          : { messageId: "missingConcurrencyGroupConvention", data: { group, where: convention.where, cost } }),
        fix: fixable && !workflow.triggers.includes("workflow_call") ? insertConcurrency(workflow, group, convention.cancel) : null,
      });
    }

    function reportMissingInDeployment(workflow: Workflow, events: SupersedableEvent[], sign: DeploymentSign, group: string, cancel: string, cost: string): void {
      // Only pull request runs can be cancelled safely: without them, there is nothing to ask for.
      if (!events.includes("pull_request")) return;
      const jobs = workflow.topLevel.get("jobs");
      const insert = insertConcurrency(workflow, group, cancel);
      context.report({
        loc: (jobs?.key ?? workflow.root!).loc,
        messageId: "missingConcurrencyDeploys",
        data: { sign: sign.description, cancel, cost },
        suggest: insert ? [{ messageId: "addPullRequestConcurrency", fix: insert }] : [],
      });
    }

    /** `concurrency` as a mapping: its `group` first (missing, on the base ref, shared, without the ref), then `cancel-in-progress`. */
    function checkMapping(workflow: Workflow, concurrency: AST.YAMLMapping, scope: Scope, editable: boolean): void {
      const keys = pairsByKey(concurrency);
      const groupPair = keys.get("group");
      const cancelling = readConcurrency(concurrency)?.cancelling ?? false;

      if (!groupPair) {
        // GitHub rejects the workflow: worth saying whatever its triggers.
        const insertion = appendPair(text, concurrency, "group", scalarSource(scope.group, concurrency.style === "flow"));
        context.report({
          loc: concurrency.loc,
          messageId: "missingGroup",
          data: { group: scope.group },
          fix: fixable && editable ? insertionFix(insertion) : null,
        });
        return;
      }
      const group = scalarText(groupPair.value);
      if (group === null) return;
      const groupValue = groupPair.value ?? groupPair;
      const replaceGroup = (messageId: "useDefaultGroup" | "useFileNameGroup", replacement: string): SuggestedEdit<MessageIds>[] =>
        editable && isPlainNode(groupPair.value)
          ? [{ messageId, data: { group: replacement }, fix: (fixer) => fixer.replaceTextRange(groupValue.range, scalarSource(replacement, concurrency.style === "flow")) }]
          : [];

      if (cancelling && workflow.triggers.includes("pull_request_target") && keysOnBaseRefOnly(group) && !actsOnWholeRepositoryOnly(workflow)) {
        context.report({ loc: groupValue.loc, messageId: "groupOnBaseRef", suggest: replaceGroup("useDefaultGroup", pullRequestTargetGroup(workflow.triggers)) });
        return;
      }
      if (!scope.checked) return;

      const shared = group ? sharedGroup(group, () => scope.repository().groups) : undefined;
      if (shared) {
        // One group in several workflows is a lock they share on purpose, unless both cancel and one event starts both.
        const event = eventStartingBoth(scope.events, shared);
        if (cancelling && shared.cancelling && event) {
          context.report({ loc: groupValue.loc, messageId: "groupMissingWorkflow", data: { other: shared.where, event }, suggest: replaceGroup("useDefaultGroup", scope.group) });
        }
        return;
      }
      // Literal text alone is a lock by name: all runs queue for it, or the newest wins, by the author's choice.
      if (isLiteralGroup(group)) return;
      if (cancelling && namesWorkflowByName(group)) {
        const namesake = scope.namesake();
        const twin = namesake === null ? undefined : namesakeGroup(group, namesake, scope.repository().groups);
        const event = twin && eventStartingBoth(scope.events, twin);
        if (twin && event) {
          const replacement = groupByFileName(group, context.filename);
          context.report({ loc: groupValue.loc, messageId: "groupSharedByName", data: { other: twin.where, event }, suggest: replaceGroup("useFileNameGroup", replacement) });
          return;
        }
      }
      if (!concurrencyGroupKeys(group).ref) {
        // Without cancelling, a group without the ref is a lock that runs queue for; with it, refs cancel
        // each other, which matters little where pushes and pull requests run only for a few named files.
        if (cancelling && runsOnSeveralRefs(workflow) && !runsOnlyForNamedFiles(workflow) && !commentSaysOneAtATime(text, concurrency)) {
          context.report({ loc: groupValue.loc, messageId: "groupMissingRef", suggest: replaceGroup("useDefaultGroup", scope.group) });
        }
        return;
      }
      // Queueing a deployment instead of cancelling it is deliberate.
      if (scope.deploys) return;
      checkCancelInProgress(workflow, concurrency, group, scope, editable);
    }

    /**
     * A group per workflow and ref without `cancel-in-progress`. An explicit `cancel-in-progress: false` is the
     * author's choice: runs of this workflow finish. A group per run outside pull requests makes nothing wait
     * where no pull request runs, and whether one branch's pushes queue or cancel is the maintainer's policy.
     */
    function checkCancelInProgress(workflow: Workflow, concurrency: AST.YAMLMapping, group: string, scope: Scope, editable: boolean): void {
      if (pairsByKey(concurrency).has("cancel-in-progress") || !scope.asks) return;
      const nothingWaits = !scope.events.includes("pull_request") && (keysPushesPerRun(group) || pushesToOneBranchOnly(workflow));
      if (nothingWaits) return;
      const insertion = appendPair(text, concurrency, "cancel-in-progress", "true");
      context.report({ loc: concurrency.loc, messageId: "missingCancelInProgress", data: { cost: scope.costText }, fix: fixable && editable ? insertionFix(insertion) : null });
    }

    /** `concurrency` as a string: a group that queues runs and never cancels them. */
    function checkStringForm(workflow: Workflow, concurrencyPair: AST.YAMLPair, scope: Scope, editable: boolean): void {
      const setting = readConcurrency(concurrencyPair.value);
      if (!scope.checked || scope.deploys || !setting?.group || isLiteralGroup(setting.group) || !scope.asks) return;
      if (sharedGroup(setting.group, () => scope.repository().groups)) return;
      const value = concurrencyPair.value;
      const current = scalarText(value);
      const canRewrite = editable && value && current !== null && workflow.root?.style === "block";
      context.report({
        loc: (value ?? concurrencyPair).loc,
        messageId: "stringForm",
        data: { superseded: supersededText(scope.events), cost: scope.costText },
        suggest: canRewrite
          ? [
              {
                messageId: "useMapping",
                data: { group: scope.group },
                fix: rewriteAsMapping(workflow, concurrencyPair, value, current, scope.group),
              },
            ]
          : [],
      });
    }
  },
});

/**
 * The group written where only pull request runs may be cancelled: the repository's own, else one that
 * gives pushes a group of their own run (a queue would drop pending runs), unless an option names the group.
 */
function pullRequestOnlyGroup(scope: Scope, convention: PullRequestOnlyCancel | null): string {
  if (convention?.group) return scope.distinct(convention.group);
  return scope.defaultGroup === DEFAULT_CONCURRENCY_GROUP ? scope.distinct(PULL_REQUEST_ONLY_GROUP) : scope.group;
}

/** Inserts a `concurrency` block right before `jobs:`, in the file's own layout; null where it cannot. */
function insertConcurrency(workflow: Workflow, group: string, cancel: string): RuleFixer | null {
  const jobs = workflow.topLevel.get("jobs");
  if (!jobs || workflow.root?.style !== "block") return null;
  const { text, program } = workflow;
  return (fixer) => {
    const at = startOfLeadingComments(text, jobs);
    const eol = detectEol(text);
    const indent = " ".repeat(jobs.loc.start.column);
    const unit = " ".repeat(detectIndentUnit(program));
    const block = [
      `${indent}concurrency:`,
      `${indent}${unit}group: ${scalarSource(group, false)}`,
      `${indent}${unit}cancel-in-progress: ${cancel}`,
      ...Array<string>(blankLinesAbove(text, at)).fill(""),
    ];
    return fixer.insertTextBeforeRange([at, at], block.map((line) => line + eol).join(""));
  };
}

/**
 * Rewrites `concurrency: <group>` as a mapping that cancels: the group as written where it keys on the
 * workflow and the ref, else `group`, and `cancel-in-progress: true`.
 */
function rewriteAsMapping(workflow: Workflow, concurrencyPair: AST.YAMLPair, value: NonNullable<AST.YAMLPair["value"]>, current: string, group: string): RuleFixer {
  const { text, program } = workflow;
  return (fixer) => {
    const eol = detectEol(text);
    const indent = " ".repeat(concurrencyPair.loc.start.column + detectIndentUnit(program));
    const keys = concurrencyGroupKeys(current);
    const groupText = keys.workflow && keys.ref ? text.slice(...value.range) : scalarSource(group, false);
    const key = concurrencyPair.key ?? concurrencyPair;
    const mapping = `:${eol}${indent}group: ${groupText}${eol}${indent}cancel-in-progress: true`;
    return fixer.replaceTextRange([key.range[1], value.range[1]], mapping);
  };
}

/** The event that starts both this workflow and the other one, as the messages say it; undefined when none does. */
function eventStartingBoth(events: SupersedableEvent[], other: OtherGroup): string | undefined {
  const event = events.find((candidate) => other.events.includes(candidate));
  if (event === undefined) return undefined;
  return event === "push" ? "push" : "pull request commit";
}

/**
 * Whether the workflow gives no reason to cancel its superseded runs: runs of a few seconds save
 * nothing by cancelling, nothing says an unknown run is long, and a branch's own history (one branch,
 * release builds per commit, a few named files) is the maintainer's policy.
 */
function leavesCancellingToTheMaintainer(workflow: Workflow): boolean {
  return isQuickWorkflow(workflow) || !showsLongRuns(workflow) || pushesToOneBranchOnly(workflow) || buildsReleasesPerCommit(workflow) || runsOnlyForNamedFiles(workflow);
}

/** Whether each job sets its own `concurrency`: the author manages it per job. */
function everyJobHasConcurrency(workflow: Workflow): boolean {
  return workflow.jobs.length > 0 && workflow.jobs.every((job) => job.keys.has("concurrency"));
}

/** What a missing group lets happen, for the events that start this workflow. */
function supersededText(events: SupersedableEvent[]): string {
  if (events.includes("push")) return "a new push leaves the superseded run holding a runner";
  if (events.includes("pull_request")) return "a new commit on a pull request leaves the superseded run holding a runner";
  return "a newer run for the same ref does not cancel the one before it";
}

/** A node written in place: not an alias, and not carrying an anchor that an alias may repeat elsewhere. */
function isPlainNode(node: YAMLValue): boolean {
  return !!node && node.type !== "YAMLAlias" && !(node.type === "YAMLWithMeta" && node.anchor !== null);
}
