import type { Expr } from "@actions/expressions";
import { contextPaths, splitTemplate } from "./expressions.js";

/**
 * What a workflow-level `concurrency.group` keys on
 * (https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/control-the-concurrency-of-workflows-and-jobs).
 */

/** The group this plugin inserts: one group per workflow and branch. */
export const DEFAULT_CONCURRENCY_GROUP = "${{ github.workflow }}-${{ github.ref }}";

/** Contexts that tell workflows apart; `github.workflow_ref` names the workflow file and the ref. */
export const WORKFLOW_CONTEXTS = ["github.workflow", "github.workflow_ref"];

/** Contexts that tell branches or pull requests apart, directly or as a `||` fallback. */
export const REF_CONTEXTS = [
  "github.ref",
  "github.ref_name",
  "github.head_ref",
  "github.event.pull_request.number",
  "github.workflow_ref",
];

export interface GroupKeys {
  workflow: boolean;
  ref: boolean;
}

/** Results by group text: most workflows of a repository share one group (see docs/performance.md). */
const groupKeysCache = new Map<string, GroupKeys>();
const MAX_CACHED_GROUPS = 10_000;

/**
 * Whether a group string keys on the workflow and on the ref, read from its `${{ }}` expressions.
 * With `literalNamesWorkflow`, literal text with a letter in it (`lint-`) counts as naming the workflow.
 */
export function concurrencyGroupKeys(group: string, literalNamesWorkflow = false): GroupKeys {
  const cacheKey = `${literalNamesWorkflow ? 1 : 0}${group}`;
  let keys = groupKeysCache.get(cacheKey);
  if (keys === undefined) {
    keys = readGroupKeys(group, literalNamesWorkflow);
    if (groupKeysCache.size >= MAX_CACHED_GROUPS) groupKeysCache.clear();
    groupKeysCache.set(cacheKey, keys);
  }
  return { ...keys };
}

function readGroupKeys(group: string, literalNamesWorkflow: boolean): GroupKeys {
  const parts = splitTemplate(group);
  const paths = parts.flatMap((part) => (part.kind === "expression" && part.expression ? contextPaths(part.expression as Expr) : []));
  const literalName = literalNamesWorkflow && parts.some((part) => part.kind === "text" && /\p{L}/u.test(part.text));
  return {
    workflow: literalName || paths.some((path) => WORKFLOW_CONTEXTS.includes(path)),
    ref: paths.some((path) => REF_CONTEXTS.includes(path)),
  };
}
