import { contextPaths, wholeExpression } from "./expressions.js";
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
  if (!expression) {
    const labels = labelsOf(value);
    return labels ? [labels] : [];
  }
  const [path] = expression.expression ? contextPaths(expression.expression) : [];
  if (path !== undefined && path === expression.source.trim() && path.startsWith("matrix.")) {
    const matrix = asMapping(pairsByKey(asMapping(job.keys.get("strategy")?.value)).get("matrix")?.value);
    const entries = asSequence(pairsByKey(matrix).get(path.slice("matrix.".length))?.value)?.entries ?? [];
    return entries.map((entry) => labelsOf(entry)).filter((labels): labels is string[] => labels !== null);
  }
  // `github.repository_owner == 'org' && 'self-hosted' || 'ubuntu-latest'`: the labels after `&&` and `||`.
  return [...expression.source.matchAll(/(?:&&|\|\|)\s*'([^']+)'/g)].map((match) => [match[1]!.trim().toLowerCase()]).filter(([label]) => /^[a-z][\w.-]*$/.test(label!));
}

function labelsOf(node: YAMLValue): string[] | null {
  const scalar = scalarText(asScalar(node));
  if (scalar !== null) return [scalar.trim().toLowerCase()];
  const entries = asSequence(node)?.entries.map((entry) => scalarText(asScalar(entry))?.trim().toLowerCase() ?? null);
  return entries && entries.length > 0 && entries.every((label): label is string => label !== null) ? entries : null;
}
