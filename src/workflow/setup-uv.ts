import type { AST } from "yaml-eslint-parser";
import { cacheLast } from "../repository/file-cache.js";
import { contextPaths, splitTemplate, wholeExpression } from "./expressions.js";
import { envPair, stepInput, type Step, type Workflow } from "./model.js";
import { usesAction } from "./uses.js";
import { asMapping, asScalar, asSequence, isSharedThroughAnchor, pairsByKey, scalarEditableAt, scalarText } from "./yaml-nodes.js";

/**
 * astral-sh/setup-uv's inputs (https://github.com/astral-sh/setup-uv/blob/main/action.yml)
 * and how a step's `version` resolves.
 */

export function isSetupUvStep(step: Step): boolean {
  return usesAction(step.uses, "astral-sh", "setup-uv");
}

/**
 * The workflow's setup-uv steps in document order. Only the steps whose text says `setup-uv` are
 * read (see `setupUvMentions`): most workflows have none, and reading every step's `uses` was the
 * larger part of the model's cost (docs/performance.md). For a workflow outside the current lint.
 */
export function findSetupUvSteps(workflow: Workflow): Step[] {
  const mentions = setupUvMentions(workflow);
  if (mentions === null) return workflow.steps.filter(isSetupUvStep);
  if (mentions.length === 0) return [];
  const mentioned = (range: AST.Range): boolean => mentions.some((offset) => range[0] <= offset && offset < range[1]);
  // Jobs without a mention are skipped whole, so their steps are never modelled.
  return workflow.jobs.flatMap((job) => (mentioned(job.pair.range) ? job.steps.filter((step) => mentioned(step.node.range) && isSetupUvStep(step)) : []));
}

/**
 * Whether a workflow's text can hold a setup-uv step, read with `yamlTextMayMatch`: it says
 * `setup-uv`, or it has a `\x`, `\u` or `\U` escape, with which a double-quoted scalar can spell
 * the name otherwise (an alias still points at text that says it). Other workflows that cannot are
 * not parsed to look for one.
 */
export const MAY_HOLD_SETUP_UV = /setup-uv|\\[xuU]/i;

/**
 * Whether a workflow's text can hold a setup-uv step that pins a version: as `MAY_HOLD_SETUP_UV`,
 * and it has a `version` key (or such an escape). A question only pinned steps answer (which exact
 * version the repository agrees on) does not parse the others.
 */
export const MAY_PIN_SETUP_UV = /^(?=[\s\S]*?(?:setup-uv|\\[xuU]))(?=[\s\S]*?(?:(?:^|[\s{,])["']?version["']?\s*:|\\[xuU]))/i;

/**
 * The setup-uv steps of the workflow being linted, found once per lint for every rule that asks.
 * Other workflows use `findSetupUvSteps`, so that they do not take the place of its answer.
 */
export const setupUvSteps: (workflow: Workflow) => Step[] = cacheLast(findSetupUvSteps);

/**
 * Where the text spells `setup-uv` (in any case: GitHub compares action names case-insensitively),
 * so that a setup-uv step's own text holds one of these offsets. Null when the step's text need not:
 * the document has anchors (a `uses` can be an alias of a scalar written elsewhere), or a
 * double-quoted scalar has a `\` escape, which can spell the name otherwise.
 */
function setupUvMentions({ text, program }: Workflow): number[] | null {
  if (Object.keys(program.body[0]?.anchors ?? {}).length > 0) return null;
  if (hasDoubleQuotedEscape(text, program.tokens)) return null;
  return Array.from(text.matchAll(/setup-uv/gi), (match) => match.index);
}

/**
 * Whether a double-quoted scalar holds a `\` escape. Most workflows' backslashes sit in `run`
 * block scalars or comments, so each `\` found in the text is looked up among the tokens (by
 * binary search) and the rest of its token is skipped, instead of reading every token.
 */
function hasDoubleQuotedEscape(text: string, tokens: readonly AST.Token[]): boolean {
  let backslash = text.indexOf("\\");
  while (backslash !== -1) {
    const token = tokenAt(tokens, backslash);
    if (token?.type === "String" && text[token.range[0]] === '"') return true;
    backslash = text.indexOf("\\", token ? token.range[1] : backslash + 1);
  }
  return false;
}

/** The token whose range holds `offset`, if any; `tokens` are in document order. */
function tokenAt(tokens: readonly AST.Token[], offset: number): AST.Token | undefined {
  let low = 0;
  let high = tokens.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = tokens[middle]!.range;
    if (offset < start) high = middle - 1;
    else if (offset >= end) low = middle + 1;
    else return tokens[middle];
  }
  return undefined;
}

/** Where a version that setup-uv will read is written, and what it is. */
export interface VersionSite {
  node: AST.YAMLScalar;
  /** The value as YAML reads it: `0.10` is the number 0.1. */
  value: string | number | boolean;
  via: "literal" | "env" | "matrix";
  /** Whether `node` can be rewritten in place without changing another place through an anchor or alias. */
  editable: boolean;
}

export type SetupUvVersion =
  | { kind: "missing" }
  | { kind: "version-file"; node: AST.YAMLScalar; path: string }
  /** One site for a literal or an `env` value, one per entry for a static matrix list. */
  | { kind: "static"; sites: VersionSite[] }
  /** An expression whose value is only known at run time (`inputs`, `vars`, step outputs, functions). */
  | { kind: "dynamic"; node: AST.YAMLScalar };

/** What the step's `version` input resolves to, following `env` and static `matrix` values in the same file. */
export function resolveSetupUvVersion(step: Step, workflow: Workflow): SetupUvVersion {
  const node = stepInput(step, "version");
  if (!node || node.value === null || node.value === "") {
    const file = stepInput(step, "version-file");
    const path = scalarText(file);
    return file && path ? { kind: "version-file", node: file, path } : { kind: "missing" };
  }
  const editable = scalarEditableAt(step.withInputs.get("version")) === node;
  if (typeof node.value !== "string") return { kind: "static", sites: [{ node, value: node.value, via: "literal", editable }] };
  const expression = wholeExpression(node.value);
  if (!expression) {
    const dynamic = splitTemplate(node.value).some((part) => part.kind === "expression");
    return dynamic ? { kind: "dynamic", node } : { kind: "static", sites: [{ node, value: node.value, via: "literal", editable }] };
  }
  const paths = expression.expression ? contextPaths(expression.expression) : [];
  const [path] = paths;
  if (paths.length !== 1 || expression.source !== path) return { kind: "dynamic", node };
  const [context, name] = splitContextPath(path);
  const sites = context === "env" ? envSites(step, workflow, name) : context === "matrix" ? matrixSites(step, name) : null;
  return sites && sites.length > 0 ? { kind: "static", sites } : { kind: "dynamic", node };
}

function splitContextPath(path: string): [string, string] {
  const dot = path.indexOf(".");
  return dot < 0 ? [path, ""] : [path.slice(0, dot), path.slice(dot + 1)];
}

/** `env.NAME` from the step, else the job, else the workflow, as GitHub scopes it. */
function envSites(step: Step, workflow: Workflow, name: string): VersionSite[] | null {
  const pair = envPair(step, workflow, name);
  const node = asScalar(pair?.value);
  if (!node || node.value === null || (typeof node.value === "string" && splitTemplate(node.value).some((part) => part.kind === "expression"))) return null;
  return [{ node, value: node.value, via: "env", editable: scalarEditableAt(pair) === node }];
}

/** `matrix.NAME` when the job's matrix lists it statically; null when `include` or an expression may change it. */
function matrixSites(step: Step, name: string): VersionSite[] | null {
  const strategy = pairsByKey(asMapping(step.job.keys.get("strategy")?.value));
  const matrix = asMapping(strategy.get("matrix")?.value);
  const keys = pairsByKey(matrix);
  if (!matrix || keys.has("include")) return null;
  const value = keys.get(name)?.value;
  const entries = asSequence(value)?.entries ?? (asScalar(value) ? [value] : []);
  const sites: VersionSite[] = [];
  for (const entry of entries) {
    const scalar = asScalar(entry);
    if (!scalar || scalar.value === null) return null;
    if (typeof scalar.value === "string" && splitTemplate(scalar.value).some((part) => part.kind === "expression")) return null;
    const writtenHere = entry === scalar || (entry?.type === "YAMLWithMeta" && entry.value === scalar);
    sites.push({ node: scalar, value: scalar.value, via: "matrix", editable: writtenHere && !isSharedThroughAnchor(scalar) });
  }
  return sites;
}
