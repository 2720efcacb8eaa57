import type { LocalAction } from "../repository/local-actions.js";
import { compositeRun } from "./composite-run.js";
import type { Job, Step, Workflow } from "./model.js";
import { cacheKeyOf, cachingState, defaultRunDirectory, workflowIdentity, type CacheKey } from "./setup-uv-cache.js";
import { findSetupUvSteps, isSetupUvStep, MAY_HOLD_SETUP_UV, setupUvSteps } from "./setup-uv.js";
import { cachePerObject } from "../repository/file-cache.js";
import { yamlTextMayMatch } from "./yaml-nodes.js";

/**
 * The setup-uv steps that cache in a workflow's jobs, each with its key as the job runs it: the
 * workflow's own steps, and those of the repository's composite actions that a step of a job calls
 * (`uses: ./.github/actions/setup`), which run on the job's runner, with the caller's inputs, after
 * the job's earlier steps and before its later ones (composite-run.ts).
 */
export interface CachingStep {
  /** The setup-uv step as written: in the workflow, or in the composite action. */
  step: Step;
  /** The workflow's job that runs it. */
  job: Job;
  key: CacheKey;
  /** The workflow's path from the repository root (`.github/workflows/ci.yml`). */
  workflowPath: string;
  /** What `github.workflow` is in the workflow (see `workflowIdentity`). */
  workflowId: string;
  /** The path of the composite action the job runs the step through; null for the workflow's own step. */
  actionPath: string | null;
}

/**
 * The workflow's own caching setup-uv steps. `linted` for the workflow being linted, whose setup-uv
 * steps the other rules share; another workflow's are worked out once per version of its file.
 */
export function ownCachingSteps(workflow: Workflow, workflowPath: string, root: string, linted: boolean): CachingStep[] {
  const compute = (): CachingStep[] => {
    const workflowId = workflowIdentity(workflow, workflowPath);
    return (linted ? setupUvSteps : findSetupUvSteps)(workflow)
      .filter((step) => cachingState(step, workflow) === "on")
      .map((step) => ({ step, job: step.job, key: cacheKeyOf(step, workflow, workflowId, root, isSetupUvStep), workflowPath, workflowId, actionPath: null }));
  };
  if (linted) return compute();
  let steps = ownStepsOf.get(workflow);
  if (steps === undefined) ownStepsOf.set(workflow, (steps = compute()));
  return steps;
}

const ownStepsOf = new WeakMap<Workflow, CachingStep[]>();

/** The workflow's steps that call a local action (`uses: ./path`), read once per model. */
export const localActionCalls = cachePerObject((workflow: Workflow): Step[] =>
  // A local action's path starts with `./` or `../`; most workflows call none, and their steps' `uses` need no reading.
  workflow.text.includes("./") ? workflow.steps.filter((step) => step.uses?.kind === "local") : [],
);

/**
 * The caching setup-uv steps that `call`'s job runs through `action`, the composite action it calls
 * (read from `actionPath`), each with its key in that job. None when the workflow sets
 * `defaults.run.working-directory`: it holds for the job's own `run:` steps and not for the action's,
 * and what the job installs is read with one default for both.
 */
export function actionCachingSteps(call: Step, action: Workflow, actionPath: string, workflow: Workflow, workflowPath: string, root: string): CachingStep[] {
  if (!yamlTextMayMatch(action.text, MAY_HOLD_SETUP_UV) || defaultRunDirectory(workflow) !== "") return [];
  const setupUvs = findSetupUvSteps(action);
  if (setupUvs.length === 0) return [];
  const run = compositeRun(call, action);
  const workflowId = workflowIdentity(workflow, workflowPath);
  return setupUvs.flatMap((step) => {
    const asRun = run.runOf(step);
    if (asRun === undefined || cachingState(asRun, workflow, action.program) !== "on") return [];
    return [{ step, job: call.job, key: cacheKeyOf(asRun, workflow, workflowId, root, isSetupUvStep, action.program), workflowPath, workflowId, actionPath }];
  });
}

/**
 * The caching setup-uv steps the workflow's jobs run through the repository's composite actions,
 * each found by `actionAt` from the path a step's `uses:` names (read from disk by local-actions.ts).
 * Worked out again only when the workflow or one of the actions it calls has changed.
 */
export function calledActionsCachingSteps(workflow: Workflow, workflowPath: string, root: string, actionAt: (usesPath: string) => LocalAction | null): CachingStep[] {
  const calls = localActionCalls(workflow);
  if (calls.length === 0) return [];
  const actions = calls.map((call) => (call.uses?.kind === "local" ? actionAt(call.uses.path) : null));
  const cached = actionStepsOf.get(workflow);
  if (cached && cached.actions.every((action, index) => action === actions[index])) return cached.steps;
  const steps = calls.flatMap((call, index) => {
    const action = actions[index];
    return action ? actionCachingSteps(call, action.action, action.relativePath, workflow, workflowPath, root) : [];
  });
  actionStepsOf.set(workflow, { actions, steps });
  return steps;
}

const actionStepsOf = new WeakMap<Workflow, { actions: unknown[]; steps: CachingStep[] }>();
