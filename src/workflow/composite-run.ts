import type { AST } from "yaml-eslint-parser";
import { conditionWhen, containsExpression, contextPaths, parseCondition, splitTemplate, templateContextPaths, templateParses } from "./expressions.js";
import type { Job, Step, Workflow } from "./model.js";
import { asMapping, asScalar, pairsByKey, scalarText, unwrap } from "./yaml-nodes.js";

/**
 * How a job runs a composite action that one of its steps calls
 * (https://docs.github.com/en/actions/sharing-automations/creating-actions/metadata-syntax-for-github-actions#runs-for-composite-actions):
 * the action's steps run in the job, in place of the calling step, on the job's runner, with the
 * job's and the calling step's `env`. `${{ inputs.NAME }}` in them is the caller's `with: NAME`,
 * else the input's `default`, else empty; `github.workflow` and `github.job` stay the caller's.
 * A step whose `if:` comes to false with the inputs known (`if: inputs.sync == 'true'`) does not
 * run. The job's and workflow's `defaults` do not reach them (actions/runner#605).
 */
export interface CompositeRun {
  /** The job's steps as it runs them: its own, with the action's (inputs filled in) in place of the calling step. */
  readonly steps: Step[];
  /** What the job runs for one of the action's own steps; undefined when its `if:` skips it. */
  runOf(actionStep: Step): Step | undefined;
}

/** The job of `caller` running `action`'s steps in place of `caller`. */
export function compositeRun(caller: Step, action: Workflow): CompositeRun {
  const inputs = callerInputs(caller, action);
  const fill = inputFiller(inputs);
  const job = new RunJob(caller);
  const known = Object.fromEntries([...inputs.names].flatMap((name) => {
    const text = inputs.text(name.toLowerCase());
    return text === null || containsExpression(text) ? [] : [[`inputs.${name}`, text]];
  }));
  const runs = action.steps.filter((step) => runsWith(step, known));
  const views = new Map<Step, Step>(runs.map((step) => [step, new RunStep(step, job, fill)]));
  const own = caller.job.steps;
  const index = own.indexOf(caller);
  job.steps = [...own.slice(0, index), ...views.values(), ...own.slice(index + 1)];
  return { steps: job.steps, runOf: (step) => views.get(step) };
}

/** A value no other text equals: what an action's expression over its inputs stands for when it cannot be worked out here. */
let unknownValues = 0;

/** The action's inputs as one caller sets them. */
interface CallerInputs {
  /** The input names the action declares and the caller passes, as each writes them. */
  names: Set<string>;
  /** The text of an input (by lowercased name): the caller's `with:`, else the `default`, else ""; null when not known (`knownInEveryJob`). */
  text(name: string): string | null;
}

function callerInputs(caller: Step, action: Workflow): CallerInputs {
  const declaredPairs = pairsByKey(asMapping(action.topLevel.get("inputs")?.value));
  const declared = new Map([...declaredPairs].map(([name, pair]) => [name.toLowerCase(), pair]));
  const given = new Map([...caller.withInputs].map(([name, pair]) => [name.toLowerCase(), pair]));
  return {
    names: new Set([...declaredPairs.keys(), ...caller.withInputs.keys()]),
    text(name) {
      const pair = given.get(name);
      const value = pair ? unwrap(pair.value) : unwrap(pairsByKey(asMapping(declared.get(name)?.value)).get("default")?.value);
      if (value === null) return "";
      const text = value.type === "YAMLScalar" ? (scalarText(value) ?? "") : null;
      return text !== null && knownInEveryJob(text) ? text : null;
    },
  };
}

/** Whether the action's step runs: not when its `if:` comes to false with the `inputs` in `known` (`conditionWhen`). */
function runsWith(step: Step, known: Record<string, string>): boolean {
  const condition = scalarText(step.keys.get("if")?.value);
  const expression = condition === null ? null : parseCondition(condition);
  return expression === null || conditionWhen(expression, known) !== false;
}

/**
 * Fills `${{ inputs.NAME }}` into a text of the action. A whole `inputs.NAME` expression becomes
 * the caller's text for it (its `github` expressions kept as written: they are evaluated in the
 * caller's context, see `knownInEveryJob`); any other expression that reads `inputs`
 * (`inputs.a || 'x'`), or an input whose value is not known, is kept as written and made unlike
 * every other value, since what it gives is not known here.
 */
function inputFiller(inputs: CallerInputs): (text: string) => string {
  return (text) => {
    if (!/\binputs\b/i.test(text)) return text;
    return splitTemplate(text)
      .map((part) => {
        if (part.kind === "text") return part.text;
        const paths = part.expression ? contextPaths(part.expression) : null;
        const readsInputs = paths === null || paths.some((path) => /^inputs(\.|$)/i.test(path));
        if (!readsInputs) return `\${{ ${part.source} }}`;
        const whole = paths?.length === 1 && paths[0] === part.source && /^inputs\./i.test(part.source) ? inputs.text(part.source.slice("inputs.".length).toLowerCase()) : null;
        return whole ?? `\${{ ${part.source} }}\0unknown:${++unknownValues}`;
      })
      .join("");
  };
}

/**
 * Whether a caller's input reads only the `github` context (the workflow, the job, the run), which
 * the rules resolve for the calling job: a `matrix`, `env`, `vars`, `inputs` or step output passed to
 * the action may differ between two jobs that write the same expression, so it counts as unknown.
 */
function knownInEveryJob(text: string): boolean {
  return templateParses(text) && templateContextPaths(text).every((path) => path.startsWith("github."));
}

/** The pairs with their scalar values filled; a pair whose value changes is a copy, over a copy of its scalar. */
function filledPairs(pairs: Map<string, AST.YAMLPair>, fill: (text: string) => string): Map<string, AST.YAMLPair> {
  const filled = new Map<string, AST.YAMLPair>();
  for (const [name, pair] of pairs) {
    const scalar = asScalar(pair.value);
    const text = typeof scalar?.value === "string" ? fill(scalar.value) : null;
    filled.set(name, text === null || text === scalar!.value ? pair : ({ ...pair, value: { ...scalar!, value: text } } as AST.YAMLPair));
  }
  return filled;
}

class RunJob implements Job {
  readonly id: string;
  readonly pair: AST.YAMLPair;
  readonly mapping: AST.YAMLMapping | null;
  readonly keys: Map<string, AST.YAMLPair>;
  readonly env: Map<string, AST.YAMLPair>;
  steps: Step[] = [];

  constructor(caller: Step) {
    const { job } = caller;
    this.id = job.id;
    this.pair = job.pair;
    this.mapping = job.mapping;
    // The job's `runs-on`, `strategy` and the rest hold for the action's steps; its `defaults` do not.
    this.keys = new Map([...job.keys].filter(([name]) => name !== "defaults"));
    this.env = new Map([...job.env, ...caller.env]);
  }
}

class RunStep implements Step {
  #keys?: Map<string, AST.YAMLPair>;
  #withInputs?: Map<string, AST.YAMLPair>;
  #env?: Map<string, AST.YAMLPair>;

  constructor(
    readonly original: Step,
    readonly job: Job,
    readonly fill: (text: string) => string,
  ) {}

  get node(): AST.YAMLMapping {
    return this.original.node;
  }

  get keys(): Map<string, AST.YAMLPair> {
    return (this.#keys ??= filledPairs(this.original.keys, this.fill));
  }

  get usesPair(): AST.YAMLPair | null {
    return this.original.usesPair;
  }

  get uses(): Step["uses"] {
    return this.original.uses;
  }

  get withPair(): AST.YAMLPair | null {
    return this.original.withPair;
  }

  get withInputs(): Map<string, AST.YAMLPair> {
    return (this.#withInputs ??= filledPairs(this.original.withInputs, this.fill));
  }

  get env(): Map<string, AST.YAMLPair> {
    return (this.#env ??= filledPairs(this.original.env, this.fill));
  }
}

