import { getStaticYAMLValue, type AST } from "yaml-eslint-parser";
import { templateContextPaths, templateParses } from "./expressions.js";
import type { Job } from "./model.js";
import { asMapping, asSequence, keyName, pairsByKey, unwrap, type YAMLValue } from "./yaml-nodes.js";

/**
 * The legs of a job's `strategy.matrix`, expanded as GitHub does
 * (https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/running-variations-of-jobs-in-a-workflow):
 * the product of the listed keys, minus the `exclude` entries, with each `include` entry added to
 * every leg whose original values it does not overwrite, or as a leg of its own when it fits none.
 */

/** The most jobs a matrix may generate per workflow run. */
const MAX_LEGS = 256;

/** One leg: each matrix key's value, as comparable text (a scalar's text, else its JSON). */
export type MatrixLeg = ReadonlyMap<string, string>;

/** A job's `strategy.matrix` mapping, or null when it has none or an expression builds it. */
function jobMatrix(job: Job): AST.YAMLMapping | null {
  return asMapping(pairsByKey(asMapping(job.keys.get("strategy")?.value)).get("matrix")?.value);
}

/** A value as comparable text: a string as itself, anything else (a number, a mapping) as JSON. */
function comparable(node: YAMLValue): string {
  const value = getStaticYAMLValue(unwrap(node) as AST.YAMLContent);
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A mapping's entries as comparable text, or null when it is not a mapping. */
function entriesOf(node: YAMLValue): Map<string, string> | null {
  const mapping = asMapping(node);
  if (!mapping) return null;
  const entries = new Map<string, string>();
  for (const pair of mapping.pairs) {
    const key = keyName(pair);
    if (key !== null) entries.set(key, comparable(pair.value));
  }
  return entries;
}

/** The legs of a job's matrix; null when the workflow does not show them (an expression builds a list, `include` or the matrix). */
export function matrixLegs(job: Job): MatrixLeg[] | null {
  const matrix = jobMatrix(job);
  if (!matrix) return null;
  let legs: Map<string, string>[] = [new Map()];
  const originalKeys = new Set<string>();
  let include: Map<string, string>[] = [];
  let exclude: Map<string, string>[] = [];
  for (const pair of matrix.pairs) {
    const key = keyName(pair);
    if (key === null) return null;
    const list = asSequence(pair.value);
    if (!list) return null;
    if (key === "include" || key === "exclude") {
      const entries = list.entries.map((entry) => entriesOf(entry));
      if (entries.some((entry) => entry === null)) return null;
      if (key === "include") include = entries as Map<string, string>[];
      else exclude = entries as Map<string, string>[];
      continue;
    }
    originalKeys.add(key);
    legs = legs.flatMap((leg) => list.entries.map((entry) => new Map([...leg, [key, comparable(entry)]])));
    // GitHub refuses a matrix of more legs; a file that asks for more is not expanded.
    if (legs.length > MAX_LEGS) return null;
  }
  if (originalKeys.size === 0) legs = [];
  legs = legs.filter((leg) => !exclude.some((entry) => [...entry].every(([key, value]) => leg.get(key) === value)));
  const originalCount = legs.length;
  for (const entry of include) {
    let added = false;
    for (const leg of legs.slice(0, originalCount)) {
      const keepsOriginals = [...entry].every(([key, value]) => !originalKeys.has(key) || leg.get(key) === value);
      if (!keepsOriginals) continue;
      for (const [key, value] of entry) leg.set(key, value);
      added = true;
    }
    if (!added) legs.push(new Map(entry));
  }
  return legs;
}

/** The `matrix.…` paths the expressions of `text` read (`matrix.python`, `matrix.config.python`). */
export function matrixPathsIn(text: string): string[] {
  return templateContextPaths(text).filter((path) => path.startsWith("matrix."));
}

/** Whether `text` holds an expression that reads something other than the matrix (a step output, an input). */
export function readsOtherThanMatrix(text: string): boolean {
  return !templateParses(text) || templateContextPaths(text).some((path) => !path.startsWith("matrix."));
}

/** A leg's value at a `matrix.…` path, as comparable text; undefined when the leg has none. */
export function legValue(leg: MatrixLeg, path: string): string | undefined {
  const [, key, ...rest] = path.split(".");
  let value: string | undefined = leg.get(key!);
  for (const name of rest) {
    if (value === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
    const inner = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>)[name] : undefined;
    value = inner === undefined ? undefined : typeof inner === "string" ? inner : JSON.stringify(inner);
  }
  return value;
}
