import type { AST } from "yaml-eslint-parser";
import { parseUses, type UsesReference } from "./uses.js";
import { asMapping, asScalar, asSequence, keyName, pairsByKey, scalarText, unwrap } from "./yaml-nodes.js";

/**
 * A GitHub Actions workflow as the rules see it
 * (https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions).
 * Built once per file from yaml-eslint-parser's AST; every node keeps its location for reports and fixes.
 */
export interface Workflow {
  /** The root mapping, or null when the document is empty, a list or a scalar. */
  root: AST.YAMLMapping | null;
  /** Top-level pairs by key (`on`, `"on"` and `'on'` alike). */
  topLevel: Map<string, AST.YAMLPair>;
  /** Event names from `on` as a string, a list or a mapping; empty when `on` is missing. */
  triggers: string[];
  env: Map<string, AST.YAMLPair>;
  jobs: Job[];
}

export interface Job {
  id: string;
  pair: AST.YAMLPair;
  mapping: AST.YAMLMapping | null;
  /** `pairsByKey` of the job: `concurrency`, `strategy`, `runs-on`, … */
  keys: Map<string, AST.YAMLPair>;
  env: Map<string, AST.YAMLPair>;
  steps: Step[];
}

export interface Step {
  node: AST.YAMLMapping;
  job: Job;
  keys: Map<string, AST.YAMLPair>;
  /** The `uses:` pair and what it names, when the step runs an action. */
  usesPair: AST.YAMLPair | null;
  uses: UsesReference | null;
  /** The `with:` pair and its mapping (block or flow style); mapping is null for `with:` left empty. */
  withPair: AST.YAMLPair | null;
  withInputs: Map<string, AST.YAMLPair>;
  env: Map<string, AST.YAMLPair>;
}

const cache = new WeakMap<AST.YAMLProgram, Workflow>();

/** The workflow of a parsed file; rules share one model per file. */
export function getWorkflow(program: AST.YAMLProgram): Workflow {
  let workflow = cache.get(program);
  if (!workflow) {
    workflow = buildWorkflow(program);
    cache.set(program, workflow);
  }
  return workflow;
}

function buildWorkflow(program: AST.YAMLProgram): Workflow {
  // GitHub reads one document per workflow file; a second one makes it invalid anyway.
  const root = asMapping(program.body[0]?.content);
  const topLevel = pairsByKey(root);
  const jobs: Job[] = [];
  for (const pair of asMapping(topLevel.get("jobs")?.value)?.pairs ?? []) {
    const id = keyName(pair);
    if (id !== null) jobs.push(buildJob(id, pair));
  }
  return {
    root,
    topLevel,
    triggers: readTriggers(topLevel.get("on")?.value),
    env: pairsByKey(asMapping(topLevel.get("env")?.value)),
    jobs,
  };
}

function readTriggers(node: AST.YAMLPair["value"] | undefined): string[] {
  const value = unwrap(node);
  if (value?.type === "YAMLScalar") return scalarText(value) === null ? [] : [scalarText(value) as string];
  if (value?.type === "YAMLSequence") {
    return value.entries.map((entry) => scalarText(entry)).filter((name): name is string => name !== null);
  }
  if (value?.type === "YAMLMapping") return [...pairsByKey(value).keys()];
  return [];
}

function buildJob(id: string, pair: AST.YAMLPair): Job {
  const mapping = asMapping(pair.value);
  const keys = pairsByKey(mapping);
  const job: Job = { id, pair, mapping, keys, env: pairsByKey(asMapping(keys.get("env")?.value)), steps: [] };
  for (const entry of asSequence(keys.get("steps")?.value)?.entries ?? []) {
    const node = asMapping(entry);
    if (node) job.steps.push(buildStep(node, job));
  }
  return job;
}

function buildStep(node: AST.YAMLMapping, job: Job): Step {
  const keys = pairsByKey(node);
  const usesPair = keys.get("uses") ?? null;
  const usesText = scalarText(usesPair?.value);
  const withPair = keys.get("with") ?? null;
  return {
    node,
    job,
    keys,
    usesPair,
    uses: usesText === null ? null : parseUses(usesText),
    withPair,
    withInputs: pairsByKey(asMapping(withPair?.value)),
    env: pairsByKey(asMapping(keys.get("env")?.value)),
  };
}

/** The scalar node of a `with:` input, or null when it is absent or not a scalar. */
export function stepInput(step: Step, name: string): AST.YAMLScalar | null {
  return asScalar(step.withInputs.get(name)?.value);
}

/** The `env.NAME` pair a step sees: the step's, else the job's, else the workflow's, as GitHub scopes it. */
export function envPair(step: Step, workflow: Workflow, name: string): AST.YAMLPair | undefined {
  return step.env.get(name) ?? step.job.env.get(name) ?? workflow.env.get(name);
}
