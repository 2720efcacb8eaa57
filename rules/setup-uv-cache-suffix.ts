import { basename, relative } from "node:path";
import type { SuggestedEdit } from "@eslint/core";
import { createWorkflowRule } from "../src/create-rule.js";
import { scalarInSameStyle, scalarSource } from "../src/fix/yaml-layout.js";
import { repositoryRootOf } from "../src/repository/root.js";
import { insertStepInput } from "../src/workflow/edits.js";
import { getWorkflow, stepInput, type Step, type Workflow } from "../src/workflow/model.js";
import { otherWorkflowFiles, type WorkflowFile } from "../src/repository/workflows.js";
import { findSetupUvSteps, isSetupUvStep, setupUvSteps } from "../src/workflow/setup-uv.js";
import {
  cacheKeyOf,
  cachingState,
  isCalledWorkflow,
  sameCacheKey,
  sharingMatters,
  sharingPlace,
  WORKFLOW_SCOPED,
  workflowIdentity,
  type CacheKey,
} from "../src/workflow/setup-uv-cache.js";
import { asMapping, scalarEditableAt } from "../src/workflow/yaml-nodes.js";
import { isGeneratedWorkflow } from "../src/workflow/generated.js";

type Options = [];
type MessageIds = "missingSuffix" | "sharedSuffix" | "sharedWorkflowName" | "callerWorkflowName" | "useSuffix";

const WORKFLOW_NAME = "${{ github.workflow }}";
const JOB_NAME = "${{ github.job }}";

/**
 * What names this workflow in a suffix: `${{ github.workflow }}`, except in a reusable workflow,
 * where that is the caller's name (the same for every workflow one caller calls): there the file's name.
 */
function workflowSuffix(filename: string, called: boolean): string {
  return called ? basename(filename).replace(/\.ya?ml$/, "") : WORKFLOW_NAME;
}

/** A setup-uv step that caches, with its key and where it is. */
interface CachingStep {
  step: Step;
  key: CacheKey;
  /** `this workflow`, or the other workflow's path. */
  where: string;
  sameWorkflow: boolean;
}

function cachingSteps(workflow: Workflow, workflowId: string, root: string, where: string, sameWorkflow: boolean): CachingStep[] {
  // The linted workflow's steps are shared with the other rules; another workflow's must not replace them.
  return (sameWorkflow ? setupUvSteps : findSetupUvSteps)(workflow)
    .filter((step) => cachingState(step, workflow) === "on")
    .map((step) => ({ step, key: cacheKeyOf(step, workflow, workflowId, root, isSetupUvStep), where, sameWorkflow }));
}

/**
 * Another workflow's caching steps, worked out once per version of its file: `otherWorkflowFiles`
 * keeps one `WorkflowFile` per version, and every workflow linted asks for all the others.
 */
const cachingStepsOfFile = new WeakMap<WorkflowFile, CachingStep[]>();

function otherCachingSteps(file: WorkflowFile, root: string): CachingStep[] {
  let steps = cachingStepsOfFile.get(file);
  if (steps === undefined) {
    steps = cachingSteps(file.workflow, workflowIdentity(file.workflow, file.relativePath), root, `\`${file.relativePath}\``, false);
    cachingStepsOfFile.set(file, steps);
  }
  return steps;
}

/** Other workflows' caching steps by `sharingPlace`: fields, then install, each list in the steps' order. */
type PlaceIndex = Map<string, Map<string, { order: number; step: CachingStep }[]>>;

function indexByPlace(steps: CachingStep[]): PlaceIndex {
  const index: PlaceIndex = new Map();
  steps.forEach((step, order) => {
    const place = sharingPlace(step.key);
    if (place === null) return;
    let byInstall = index.get(place.fields);
    if (byInstall === undefined) index.set(place.fields, (byInstall = new Map()));
    let entries = byInstall.get(place.install);
    if (entries === undefined) byInstall.set(place.install, (entries = []));
    entries.push({ order, step });
  });
  return index;
}

/** The first step, in the steps' order, with the same fields and another install that `shares` accepts. */
function firstInIndex(index: PlaceIndex, key: CacheKey, shares: (other: CachingStep) => boolean): CachingStep | undefined {
  const place = sharingPlace(key);
  if (place === null) return undefined;
  let first: { order: number; step: CachingStep } | undefined;
  for (const [install, entries] of index.get(place.fields) ?? []) {
    if (install === place.install) continue;
    const found = entries.find(({ order, step }) => (first === undefined || order < first.order) && shares(step));
    if (found) first = found;
  }
  return first?.step;
}

export default createWorkflowRule<Options, MessageIds>({
  name: "setup-uv-cache-suffix",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require a `cache-suffix` on setup-uv steps that would share a cache key with another workflow or job that installs other packages",
      recommended: false,
    },
    fixable: "code",
    hasSuggestions: true,
    schema: [],
    messages: {
      missingSuffix:
        "This setup-uv step caches under the same key as the setup-uv step of job `{{otherJob}}` in {{otherWorkflow}}, which installs other packages: whichever saves first decides what the other restores, and a step that restores an exact hit never saves. Add `cache-suffix: {{suffix}}`.",
      sharedSuffix:
        "`cache-suffix: {{value}}` gives the same cache key as the setup-uv step of job `{{otherJob}}` in {{otherWorkflow}}, which installs other packages: whichever saves first decides what the other restores, and a step that restores an exact hit never saves. Make the suffix differ per {{scope}}.",
      sharedWorkflowName:
        "`cache-suffix: {{value}}` names the workflow, but {{otherWorkflow}} has the same `name`, so its job `{{otherJob}}`, which installs other packages, caches under the same key: whichever saves first decides what the other restores. Give the two workflows different names.",
      callerWorkflowName:
        "`cache-suffix: {{value}}` reads `github.workflow`, which in a reusable workflow is the calling workflow's name, the same in {{otherWorkflow}}, so its job `{{otherJob}}`, which installs other packages, caches under the same key: whichever saves first decides what the other restores. Name this file in the suffix instead: `{{suffix}}`.",
      useSuffix: "Use `cache-suffix: {{suffix}}`.",
    },
    languages: ["yml/yaml"],
  },
  create(context) {
    const { sourceCode } = context;
    // A generated file is rewritten by its generator: the report stands, an edit by hand would not.
    const fixable = !isGeneratedWorkflow(sourceCode.text, context.filename);
    let perWorkflow = WORKFLOW_NAME;

    return {
      Program() {
        const workflow = getWorkflow(sourceCode);
        perWorkflow = workflowSuffix(context.filename, isCalledWorkflow(workflow));
        const root = repositoryRootOf(context);
        const ownPath = relative(root, context.filename).split("\\").join("/");
        const own = cachingSteps(workflow, workflowIdentity(workflow, ownPath), root, "this workflow", true);
        if (own.length === 0) return;
        const others = indexByPlace(otherWorkflowFiles(context).flatMap((file) => otherCachingSteps(file, root)));

        for (const current of own) {
          const shares = (other: CachingStep): boolean => sameCacheKey(current.key, other.key) && sharingMatters(current.key, other.key);
          const sharer = own.find((other) => other.step.job !== current.step.job && shares(other)) ?? firstInIndex(others, current.key, shares);
          if (!sharer) continue;
          // Another job here that would share once both get the same per-workflow suffix needs the job in it too.
          const jobsShare = own.some((other) => other.step.job !== current.step.job && sameCacheKey(current.key, other.key, true) && sharingMatters(current.key, other.key));
          report(current.step, current.key, sharer, jobsShare);
        }
      },
    };

    function report(step: Step, key: CacheKey, sharer: CachingStep, jobsShare: boolean): void {
      const otherJob = sharer.step.job.id;
      const otherWorkflow = sharer.where;
      const suffixPair = step.withInputs.get("cache-suffix");
      const suffixNode = stepInput(step, "cache-suffix");
      // An edit through an alias would change the value where it is written, too.
      const editable = suffixPair !== undefined && scalarEditableAt(suffixPair) === suffixNode;
      const inFlow = step.withPair ? asMapping(step.withPair.value)?.style === "flow" : step.node.style === "flow";
      if (!suffixNode || suffixNode.value === null || String(suffixNode.value).trim() === "") {
        const suffix = jobsShare ? `${perWorkflow}-${JOB_NAME}` : perWorkflow;
        const source = scalarSource(suffix, inFlow);
        const insertion = suffixPair ? null : insertStepInput(sourceCode.text, sourceCode.ast, step, "cache-suffix", suffix);
        context.report({
          loc: (step.usesPair?.value ?? step.node).loc,
          messageId: "missingSuffix",
          data: { otherJob, otherWorkflow, suffix },
          fix: !fixable
            ? null
            : suffixNode
              ? editable
                ? (fixer) => fixer.replaceTextRange(suffixNode.range, source)
                : null
              : insertion
                ? (fixer) => fixer.insertTextAfterRange([insertion.offset, insertion.offset], insertion.text)
                : null,
        });
        return;
      }
      const value = String(suffixNode.value);
      if (!sharer.sameWorkflow && key.suffix.includes(WORKFLOW_SCOPED)) {
        if (perWorkflow === WORKFLOW_NAME) context.report({ loc: suffixNode.loc, messageId: "sharedWorkflowName", data: { otherJob, otherWorkflow, value } });
        else context.report({ loc: suffixNode.loc, messageId: "callerWorkflowName", data: { otherJob, otherWorkflow, value, suffix: `${perWorkflow}-${JOB_NAME}` } });
        return;
      }
      // Across workflows the workflow has to be in it; between jobs of this workflow, the job.
      const suffix = sharer.sameWorkflow ? `${value}-${JOB_NAME}` : `${perWorkflow}-${value}`;
      const source = suffixNode.style === "plain" ? scalarSource(suffix, inFlow) : scalarInSameStyle(suffixNode, suffix);
      const suggest: SuggestedEdit<MessageIds>[] = editable
        ? [{ messageId: "useSuffix", data: { suffix }, fix: (fixer) => fixer.replaceTextRange(suffixNode.range, source) }]
        : [];
      context.report({ loc: suffixNode.loc, messageId: "sharedSuffix", data: { otherJob, otherWorkflow, value, scope: sharer.sameWorkflow ? "job" : "workflow" }, suggest });
    }
  },
});
