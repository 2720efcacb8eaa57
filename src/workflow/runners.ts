import { containsExpression, contextPaths, splitTemplate, wholeExpression, type TemplatePart } from "./expressions.js";
import { legValue, matrixLegs, readsOtherThanMatrix } from "./matrix-legs.js";
import type { Job } from "./model.js";
import { asMapping, asScalar, asSequence, pairsByKey, scalarText, unwrap, type YAMLValue } from "./yaml-nodes.js";

/**
 * The standard GitHub-hosted runner labels, free for public repositories
 * (https://docs.github.com/en/actions/reference/runners/github-hosted-runners): `ubuntu-latest`,
 * `ubuntu-24.04-arm`, `ubuntu-slim`, `windows-2025`, `windows-11-arm`, `macos-15`, `macos-15-intel`.
 * Larger runners (`macos-14-xlarge`, `ubuntu-latest-16-cores`) are paid by the minute.
 */
const STANDARD_HOSTED_LABEL = /^(?:ubuntu-(?:latest|slim|\d\d\.\d\d)(?:-arm)?|windows-(?:latest|\d{4}|11)(?:-arm)?|macos-(?:latest|\d+)(?:-intel)?)$/;

/**
 * A runner the repository provides or pays for, where a run that holds it keeps others waiting or
 * costs money: the first label of a job that asks for one (`self-hosted`, a larger runner, a runner
 * group, a third-party runner such as `depot-ubuntu-24.04`), or null when every runner it can name is a
 * standard GitHub-hosted one or unknown (`${{ inputs.runner }}`).
 */
export function providedRunnerOf(job: Job): string | null {
  const value = unwrap(job.keys.get("runs-on")?.value);
  if (!value) return null;
  // A runner group (`runs-on: { group: gpu }`) is set up by the organisation, self-hosted or larger.
  if (value.type === "YAMLMapping") return pairsByKey(value).has("group") ? (scalarText(pairsByKey(value).get("group")?.value) ?? "a runner group") : null;
  return runnerChoices(job, value).find((labels) => !labels.every((label) => STANDARD_HOSTED_LABEL.test(label)))?.join(", ") ?? null;
}

/**
 * GitHub-hosted macOS and Windows runners: for private repositories their minutes cost ten and two
 * times Linux's, and a free organisation runs at most five macOS jobs at once
 * (https://docs.github.com/en/actions/reference/limits).
 */
const COSTLIER_HOSTED_LABEL = /^(?:macos|windows)-/;

/**
 * The first macOS or Windows runner label a job runs on (read through its matrix), or null. Not an
 * expression's `&& 'macos-latest' ||` choice, which no leg may take (camel's CodeQL picks macOS for
 * a `swift` its matrix does not list).
 */
export function costlierHostedRunnerOf(job: Job): string | null {
  const value = unwrap(job.keys.get("runs-on")?.value);
  if (!value || value.type === "YAMLMapping") return null;
  const text = scalarText(asScalar(value));
  const expression = text === null ? null : wholeExpression(text.trim());
  if (expression && !matrixListOf(job, expression)) return null;
  return runnerChoices(job, value).flat().find((label) => COSTLIER_HOSTED_LABEL.test(label)) ?? null;
}

function lowered(labels: string[]): string[] {
  return labels.map((label) => label.trim().toLowerCase());
}

/** Whether every runner a job may run on is a standard GitHub-hosted one, as far as the file shows (`${{ matrix.os }}` through its list). */
export function runsOnStandardHostedRunners(job: Job): boolean {
  const value = unwrap(job.keys.get("runs-on")?.value);
  if (!value || value.type === "YAMLMapping") return false;
  const choices = runnerChoices(job, value);
  return choices.length > 0 && choices.every((labels) => labels.every((label) => STANDARD_HOSTED_LABEL.test(label)));
}

/** The label lists a `runs-on` may pick: as written, from the job's matrix list, or the quoted labels of an expression. */
function runnerChoices(job: Job, value: YAMLValue): string[][] {
  const text = scalarText(asScalar(value));
  const expression = text === null ? null : wholeExpression(text.trim());
  // A label with expressions in it (`${{ matrix.os }}-latest`): one per matrix leg, where only the matrix fills it in.
  if (!expression && text !== null && containsExpression(text)) return labelsPerLeg(job, text);
  if (!expression) {
    const labels = labelsOf(value);
    return labels ? [lowered(labels)] : [];
  }
  // Listed values only: a label an `include` entry adds is not seen, so it is no sign either.
  const list = matrixListOf(job, expression);
  if (list) return list.entries.map((entry) => labelsOf(entry)).flatMap((labels) => (labels === null ? [] : [lowered(labels)]));
  // `github.repository_owner == 'org' && 'self-hosted' || 'ubuntu-latest'`: the labels after `&&` and `||`.
  return [...expression.source.matchAll(/(?:&&|\|\|)\s*'([^']+)'/g)].map((match) => [match[1]!.trim().toLowerCase()]).filter(([label]) => /^[a-z][\w.-]*$/.test(label!));
}

/**
 * The list a whole `${{ matrix.<key> }}` expression picks from, and whether the matrix has
 * `include` entries, which may add values the list does not show; null when the expression is not
 * such a path or the matrix lists no such key.
 */
function matrixListOf(job: Job, expression: TemplatePart & { kind: "expression" }): { entries: YAMLValue[]; hasInclude: boolean } | null {
  const [path] = expression.expression ? contextPaths(expression.expression) : [];
  if (path === undefined || path !== expression.source || !path.startsWith("matrix.")) return null;
  const matrix = pairsByKey(asMapping(pairsByKey(asMapping(job.keys.get("strategy")?.value)).get("matrix")?.value));
  const list = asSequence(matrix.get(path.slice("matrix.".length))?.value);
  return list ? { entries: list.entries, hasInclude: matrix.has("include") } : null;
}

/** The label `text` makes on each leg of the job's matrix; none when anything but the matrix fills it in, or the matrix is not known. */
function labelsPerLeg(job: Job, text: string): string[][] {
  if (readsOtherThanMatrix(text)) return [];
  const legs = matrixLegs(job) ?? [];
  const labels = legs.map((leg) => {
    let label: string | null = "";
    for (const part of splitTemplate(text)) {
      const path = part.kind === "expression" ? part.source : "";
      const value = part.kind === "text" ? part.text : /^matrix(?:\.[\w-]+)+$/.test(path) ? legValue(leg, path) : undefined;
      label = label === null || value === undefined ? null : label + value;
    }
    return label;
  });
  return labels.every((label): label is string => label !== null) ? labels.map((label) => [label.trim().toLowerCase()]) : [];
}

/** GitHub-hosted runner labels, larger ones included (https://docs.github.com/en/actions/reference/runners/github-hosted-runners). */
const GITHUB_HOSTED_LABEL = /^(ubuntu|windows|macos)-[a-z0-9][a-z0-9.-]*$/;

/** A runner a job may run on, as setup-uv's cache key sees it. */
export interface Runner {
  /** Comparable identity: a lowercased label, or labels joined with `,`. */
  identity: string;
  kind: "github-hosted" | "self-hosted" | "unknown";
}

function runnerOf(labels: string[]): Runner {
  const lowered = labels.map((label) => label.trim().toLowerCase());
  const identity = [...lowered].sort().join(",");
  if (lowered.includes("self-hosted")) return { identity, kind: "self-hosted" };
  if (lowered.length === 1 && GITHUB_HOSTED_LABEL.test(lowered[0]!)) return { identity, kind: "github-hosted" };
  return { identity, kind: "unknown" };
}

/** A `runs-on` label or list of labels as written; null when it is neither or holds something else. */
function labelsOf(node: YAMLValue): string[] | null {
  const scalar = asScalar(node);
  if (scalar) return scalarText(scalar) === null ? null : [scalarText(scalar)!];
  const sequence = asSequence(node);
  if (!sequence) return null;
  const labels = sequence.entries.map((entry) => scalarText(entry));
  return labels.every((label): label is string => label !== null) ? labels : null;
}

/** The runners a job may run on: a label, a list of labels, or a static `matrix` list of either. */
export function jobRunners(job: Job): Runner[] {
  const value = unwrap(job.keys.get("runs-on")?.value);
  const text = value?.type === "YAMLScalar" ? scalarText(value) : null;
  const expression = text === null ? null : wholeExpression(text);
  if (expression) {
    // A key's runners are its list only where no `include` entry may add others.
    const list = matrixListOf(job, expression);
    const runners = list && !list.hasInclude ? list.entries.map((entry) => labelsOf(entry)) : undefined;
    if (runners && runners.length > 0 && runners.every((labels) => labels !== null)) return runners.map((labels) => runnerOf(labels!));
    return [{ identity: text!, kind: "unknown" }];
  }
  const labels = labelsOf(value);
  return labels ? [runnerOf(labels)] : [{ identity: "?", kind: "unknown" }];
}
