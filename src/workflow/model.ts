import type { AST } from "yaml-eslint-parser";
import { cacheLast } from "../repository/file-cache.js";
import { parseUses, type UsesReference } from "./uses.js";
import { asMapping, asScalar, asSequence, keyName, lastPairNamed, pairsByKey, scalarText, unwrap } from "./yaml-nodes.js";

/**
 * A GitHub Actions workflow as the rules see it
 * (https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions).
 * Built once per file from yaml-eslint-parser's AST; every node keeps its location for reports and fixes.
 * Each part is read on first use: most steps are only ever asked what they `uses`
 * (see docs/performance.md).
 *
 * A composite action (`runs.using: composite`,
 * https://docs.github.com/en/actions/sharing-automations/creating-actions/metadata-syntax-for-github-actions#runs-for-composite-actions)
 * looks the same to a rule: its `runs.steps` are the steps of one job, `runs`, with no `env`,
 * `strategy` or `runs-on` of its own, in a file without triggers or top-level `env`. Its `${{ inputs.* }}`
 * are unknown values, as `vars` or step outputs are in a workflow.
 */
export interface Workflow {
  /** The parsed file and its text. */
  readonly program: AST.YAMLProgram;
  readonly text: string;
  /** What the file's content is: a workflow (the default, whatever it holds), or a composite action's metadata. */
  readonly kind: "workflow" | "composite-action";
  /** The root mapping, or null when the document is empty, a list or a scalar. */
  readonly root: AST.YAMLMapping | null;
  /** Top-level pairs by key (`on`, `"on"` and `'on'` alike). */
  readonly topLevel: Map<string, AST.YAMLPair>;
  /** Event names from `on` as a string, a list or a mapping; empty when `on` is missing. */
  readonly triggers: string[];
  readonly env: Map<string, AST.YAMLPair>;
  readonly jobs: Job[];
  /** Every step of every job, in document order. */
  readonly steps: Step[];
}

export interface Job {
  readonly id: string;
  readonly pair: AST.YAMLPair;
  readonly mapping: AST.YAMLMapping | null;
  /** `pairsByKey` of the job: `concurrency`, `strategy`, `runs-on`, … */
  readonly keys: Map<string, AST.YAMLPair>;
  readonly env: Map<string, AST.YAMLPair>;
  readonly steps: Step[];
}

export interface Step {
  readonly node: AST.YAMLMapping;
  readonly job: Job;
  readonly keys: Map<string, AST.YAMLPair>;
  /** The `uses:` pair and what it names, when the step runs an action. */
  readonly usesPair: AST.YAMLPair | null;
  readonly uses: UsesReference | null;
  /** The `with:` pair and its inputs (block or flow style); no inputs for `with:` left empty. */
  readonly withPair: AST.YAMLPair | null;
  readonly withInputs: Map<string, AST.YAMLPair>;
  readonly env: Map<string, AST.YAMLPair>;
}

interface WorkflowSource {
  ast: AST.YAMLProgram;
  text: string;
}

/** A new model of a parsed file (its AST and text), for a file outside the current lint. */
export function buildWorkflow(source: WorkflowSource): Workflow {
  return new WorkflowModel(source.ast, source.text);
}

/**
 * The workflow of the file being linted (its source code); the rules of one lint share one model.
 * Files read beside it use `buildWorkflow`, so that they do not take the place of its model.
 */
export const getWorkflow: (source: WorkflowSource) => Workflow = cacheLast(buildWorkflow);

class WorkflowModel implements Workflow {
  readonly root: AST.YAMLMapping | null;
  readonly topLevel: Map<string, AST.YAMLPair>;
  readonly kind: "workflow" | "composite-action";
  #triggers?: string[];
  #env?: Map<string, AST.YAMLPair>;
  #jobs?: Job[];
  #steps?: Step[];

  constructor(
    readonly program: AST.YAMLProgram,
    readonly text: string,
  ) {
    // GitHub reads one document per workflow file; a second one makes it invalid anyway.
    this.root = asMapping(program.body[0]?.content);
    this.topLevel = pairsByKey(this.root);
    this.kind = isCompositeAction(this.topLevel) ? "composite-action" : "workflow";
  }

  get triggers(): string[] {
    return (this.#triggers ??= this.kind === "workflow" ? readTriggers(this.topLevel.get("on")?.value) : []);
  }

  get env(): Map<string, AST.YAMLPair> {
    return (this.#env ??= pairsByKey(this.kind === "workflow" ? asMapping(this.topLevel.get("env")?.value) : null));
  }

  get jobs(): Job[] {
    if (!this.#jobs && this.kind === "composite-action") this.#jobs = [new JobModel(COMPOSITE_ACTION_JOB, this.topLevel.get("runs")!)];
    if (!this.#jobs) {
      this.#jobs = [];
      for (const pair of asMapping(this.topLevel.get("jobs")?.value)?.pairs ?? []) {
        const id = keyName(pair);
        if (id !== null) this.#jobs.push(new JobModel(id, pair));
      }
    }
    return this.#jobs;
  }

  get steps(): Step[] {
    return (this.#steps ??= this.jobs.flatMap((job) => job.steps));
  }
}

/** The id of the one job a composite action's model has: its `runs` mapping, whose `steps` it runs. */
const COMPOSITE_ACTION_JOB = "runs";

/** Whether top-level pairs are a composite action's metadata: `runs.using: composite` and no `jobs`. */
function isCompositeAction(topLevel: Map<string, AST.YAMLPair>): boolean {
  if (topLevel.has("jobs")) return false;
  const using = scalarText(asScalar(pairsByKey(asMapping(topLevel.get("runs")?.value)).get("using")?.value));
  return using?.toLowerCase() === "composite";
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

class JobModel implements Job {
  readonly mapping: AST.YAMLMapping | null;
  #keys?: Map<string, AST.YAMLPair>;
  #env?: Map<string, AST.YAMLPair>;
  #steps?: Step[];

  constructor(
    readonly id: string,
    readonly pair: AST.YAMLPair,
  ) {
    this.mapping = asMapping(pair.value);
  }

  get keys(): Map<string, AST.YAMLPair> {
    return (this.#keys ??= pairsByKey(this.mapping));
  }

  get env(): Map<string, AST.YAMLPair> {
    return (this.#env ??= pairsByKey(asMapping(this.keys.get("env")?.value)));
  }

  get steps(): Step[] {
    if (!this.#steps) {
      this.#steps = [];
      for (const entry of asSequence(lastPairNamed(this.mapping, "steps")?.value)?.entries ?? []) {
        const node = asMapping(entry);
        if (node) this.#steps.push(new StepModel(node, this));
      }
    }
    return this.#steps;
  }
}

class StepModel implements Step {
  #keys?: Map<string, AST.YAMLPair>;
  #usesPair?: AST.YAMLPair | null;
  #uses?: UsesReference | null;
  #withPair?: AST.YAMLPair | null;
  #withInputs?: Map<string, AST.YAMLPair>;
  #env?: Map<string, AST.YAMLPair>;

  constructor(
    readonly node: AST.YAMLMapping,
    readonly job: Job,
  ) {}

  get keys(): Map<string, AST.YAMLPair> {
    return (this.#keys ??= pairsByKey(this.node));
  }

  get usesPair(): AST.YAMLPair | null {
    if (this.#usesPair === undefined) this.#usesPair = lastPairNamed(this.node, "uses");
    return this.#usesPair;
  }

  get uses(): UsesReference | null {
    if (this.#uses === undefined) {
      const usesText = scalarText(this.usesPair?.value);
      this.#uses = usesText === null ? null : parseUses(usesText);
    }
    return this.#uses;
  }

  get withPair(): AST.YAMLPair | null {
    if (this.#withPair === undefined) this.#withPair = lastPairNamed(this.node, "with");
    return this.#withPair;
  }

  get withInputs(): Map<string, AST.YAMLPair> {
    return (this.#withInputs ??= pairsByKey(asMapping(this.withPair?.value)));
  }

  get env(): Map<string, AST.YAMLPair> {
    return (this.#env ??= pairsByKey(asMapping(lastPairNamed(this.node, "env")?.value)));
  }
}

/** The scalar node of a `with:` input, or null when it is absent or not a scalar. */
export function stepInput(step: Step, name: string): AST.YAMLScalar | null {
  return asScalar(step.withInputs.get(name)?.value);
}

/** Whether an environment variable's value turns its option on, as uv reads one (not `0`, `false`, `no`, `off` or empty). */
export function envFlagOn(pair: AST.YAMLPair | undefined): boolean {
  const value = scalarText(asScalar(pair?.value))?.trim();
  return value !== undefined && !/^(0|false|no|off|)$/i.test(value);
}

/** The `env.NAME` pair a step sees: the step's, else the job's, else the workflow's, as GitHub scopes it. */
export function envPair(step: Step, workflow: Workflow, name: string): AST.YAMLPair | undefined {
  return step.env.get(name) ?? step.job.env.get(name) ?? workflow.env.get(name);
}
