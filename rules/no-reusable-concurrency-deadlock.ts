import { basename } from "node:path";
import type { AST } from "yaml-eslint-parser";
import { createWorkflowRule } from "../src/create-rule.js";
import { scalarInSameStyle, scalarSource } from "../src/fix/yaml-layout.js";
import { readConcurrency, readsWorkflowName } from "../src/workflow/concurrency.js";
import { templateContextPaths } from "../src/workflow/expressions.js";
import { isGeneratedWorkflow } from "../src/workflow/generated.js";
import { getWorkflow, type Job, type Workflow } from "../src/workflow/model.js";
import { otherWorkflowFiles, workflowFileStem, type WorkflowFile } from "../src/repository/workflows.js";
import { asMapping, pairsByKey, scalarEditableAt, scalarText } from "../src/workflow/yaml-nodes.js";

type Options = [];
type MessageIds = "sameGroupAsCaller" | "parallelCalls" | "jobSameAsWorkflow";

/** A job of another workflow that calls this one, and the concurrency group its run holds, if any. */
interface Call {
  where: string;
  job: Job;
  callerGroup: string | null;
}

export default createWorkflowRule<Options, MessageIds>({
  name: "no-reusable-concurrency-deadlock",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow concurrency groups that a run waits for while it holds them (a reusable workflow keyed on its caller, a job on its workflow) or that parallel calls share",
      recommended: false,
    },
    fixable: "code",
    schema: [],
    messages: {
      sameGroupAsCaller:
        "In a workflow that {{where}} calls, `github.workflow` is the caller's name, so this group is the one the caller's run already holds: GitHub detects the deadlock and cancels the run. Put this workflow's own name in the group, such as `{{group}}`.",
      jobSameAsWorkflow:
        "Job `{{job}}` asks for the concurrency group that the workflow's run already holds, so the job never starts: GitHub detects the deadlock and cancels it. Give the job a group of its own, or drop one of the two.",
      parallelCalls:
        "{{where}} calls this workflow from {{calls}} at once, and `github.workflow` is the caller's name in all of them, so the calls share this group and {{effect}}. Add what tells the calls apart (an input) to the group.",
    },
    languages: ["yml/yaml"],
  },
  create(context) {
    const { sourceCode } = context;
    const fixable = !isGeneratedWorkflow(sourceCode.text, context.filename);

    return {
      Program() {
        const workflow = getWorkflow(sourceCode);
        checkJobsAgainstWorkflow(workflow);
        if (!workflow.triggers.includes("workflow_call")) return;
        const groups = concurrencyPairs(workflow).filter(({ group }) => readsWorkflowName(group.value));
        if (groups.length === 0) return;
        const calls = callsOf(otherWorkflowFiles(context), context.filename);
        for (const { pair, group, cancelling, job } of groups) checkGroup(pair, group, cancelling, calls, job);
      },
    };

    /** A job-level group equal to the workflow-level one waits for a lock its own run holds. */
    function checkJobsAgainstWorkflow(workflow: Workflow): void {
      const workflowGroup = readConcurrency(workflow.topLevel.get("concurrency")?.value)?.group?.trim();
      if (!workflowGroup) return;
      for (const job of workflow.jobs) {
        const pair = job.keys.get("concurrency");
        if (pair && readConcurrency(pair.value)?.group?.trim() === workflowGroup) {
          context.report({ loc: (pair.value ?? pair).loc, messageId: "jobSameAsWorkflow", data: { job: job.id } });
        }
      }
    }

    function checkGroup(pair: AST.YAMLPair, group: { value: string; node: AST.YAMLScalar | null }, cancelling: boolean, calls: Call[], job: Job | null): void {
      const loc = (pair.value ?? pair).loc;
      const deadlocked = calls.find((call) => call.callerGroup?.trim() === group.value.trim());
      // Whether parallel calls share the group, or all run the job, depends on what each call passes.
      const perCall = readsPerCallValue(group.value) || (job !== null && readsPerCallValue(scalarText(job.keys.get("if")?.value) ?? ""));
      const parallel = perCall ? null : parallelCallers(calls);
      if (deadlocked) {
        const replacement = `${workflowFileStem(context.filename)}-${group.value.trim()}`;
        const node = group.node;
        const fix = node && node.style !== "literal" && node.style !== "folded" ? (node.style === "plain" ? scalarSource(replacement, asMapping(pair.value)?.style === "flow") : scalarInSameStyle(node, replacement)) : null;
        context.report({
          loc,
          messageId: "sameGroupAsCaller",
          data: { where: deadlocked.where, group: replacement },
          // Calls in parallel would still share the renamed group: what tells them apart is the author's to add.
          fix: fix !== null && fixable && !parallel ? (fixer) => fixer.replaceTextRange(node!.range, fix) : null,
        });
        return;
      }
      if (parallel) {
        context.report({
          loc,
          messageId: "parallelCalls",
          data: { where: parallel.where, calls: parallel.calls, effect: cancelling ? "each call cancels the others" : "all but one call wait, and a waiting one is dropped when another comes" },
        });
      }
    }
  },
});

/** The workflow's and its jobs' `concurrency` with a scalar group, with the job it is set on (null for the workflow's). */
function concurrencyPairs(workflow: Workflow): { pair: AST.YAMLPair; group: { value: string; node: AST.YAMLScalar | null }; cancelling: boolean; job: Job | null }[] {
  const pairs = [{ pair: workflow.topLevel.get("concurrency"), job: null }, ...workflow.jobs.map((job) => ({ pair: job.keys.get("concurrency"), job }))];
  return pairs.flatMap(({ pair, job }) => {
    const setting = pair ? readConcurrency(pair.value) : null;
    if (!pair || !setting?.group) return [];
    const mapping = asMapping(pair.value);
    const node = mapping ? scalarEditableAt(pairsByKey(mapping).get("group")) : null;
    return [{ pair, group: { value: setting.group, node }, cancelling: setting.cancelling, job }];
  });
}

/** Contexts whose value a caller may set apart for each call: its inputs, a matrix leg, an earlier job's outputs. */
const PER_CALL_CONTEXT = /^(?:inputs|matrix|needs|strategy)\./;

/** Whether an expression text (a group, an `if:`) reads a value that may differ from one call to the next. */
function readsPerCallValue(text: string): boolean {
  return templateContextPaths(text.includes("${{") ? text : `\${{ ${text} }}`).some((path) => PER_CALL_CONTEXT.test(path));
}

/** The jobs of the repository's other workflows that call `filename` (`uses: ./.github/workflows/<file>`). */
function callsOf(files: WorkflowFile[], filename: string): Call[] {
  const target = `./.github/workflows/${basename(filename)}`;
  return files.flatMap(({ relativePath, workflow }) =>
    workflow.jobs
      .filter((job) => scalarText(job.keys.get("uses")?.value)?.trim() === target)
      .map((job) => ({ where: relativePath, job, callerGroup: readConcurrency(job.keys.get("concurrency")?.value ?? workflow.topLevel.get("concurrency")?.value)?.group ?? null })),
  );
}

/** A caller whose run calls this workflow from several jobs, or from a job with a matrix. */
function parallelCallers(calls: Call[]): { where: string; calls: string } | null {
  const byCaller = new Map<string, Call[]>();
  for (const call of calls) byCaller.set(call.where, [...(byCaller.get(call.where) ?? []), call]);
  for (const [where, callerCalls] of byCaller) {
    if (callerCalls.length > 1) return { where, calls: `${callerCalls.length} jobs` };
    if (callerCalls[0]!.job.keys.has("strategy")) return { where, calls: `the matrix of job \`${callerCalls[0]!.job.id}\`` };
  }
  return null;
}


