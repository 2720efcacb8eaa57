// @ts-check
// Synthetic GitHub workflows, written as text: the bench's scaling inputs (scripts/bench/scaling.js)
// and the generated repositories of test/performance/ are built from these pieces, so that what the
// bench times and what the tests check are the same kind of file. Every piece ends with a newline
// and is indented as in a hand-written workflow (two spaces a level, steps at six).

/** The concurrency block most workflows of the corpus write: one group per workflow and ref. */
export const REF_CONCURRENCY = "concurrency:\n  group: ${{ github.workflow }}-${{ github.ref }}\n  cancel-in-progress: true\n";

/**
 * One step, from its keys' lines as they read at the step's own level: the first opens the step
 * (`- `), the others follow it, indented by two more spaces per level they carry.
 * @param {...string} lines e.g. `"uses: actions/checkout@v4"`, or `"run: |"`, `"  uv sync"`
 * @returns {string}
 */
export function step(...lines) {
  return lines.map((line, index) => `${index === 0 ? "      - " : "        "}${line}\n`).join("");
}

/**
 * A `uses: astral-sh/setup-uv@<ref>` step; `withLines` are the lines of its `with:` block, or one
 * line that starts with `{` for a flow mapping on the `with:` line.
 * @param {string[]} [withLines]
 * @param {string} [ref]
 * @returns {string}
 */
export function setupUvStep(withLines = [], ref = "v7") {
  const uses = `uses: astral-sh/setup-uv@${ref}`;
  if (withLines.length === 0) return step(uses);
  if (withLines.length === 1 && withLines[0]?.startsWith("{")) return step(uses, `with: ${withLines[0]}`);
  return step(uses, "with:", ...withLines.map((line) => `  ${line}`));
}

/**
 * @typedef {object} WorkflowHeader
 * @property {string} name the workflow's `name`
 * @property {string[]} [pushBranches] `on.push.branches`, written as a flow sequence (else `push:` alone)
 * @property {Record<string, string>} [env] the workflow's `env`, values double-quoted
 * @property {string} [concurrency] a whole `concurrency:` block (e.g. REF_CONCURRENCY), or none
 */

/**
 * A workflow's text up to and including `jobs:`: triggered on push and pull_request.
 * @param {WorkflowHeader} header
 * @returns {string}
 */
export function workflowHeader({ name, pushBranches, env, concurrency = "" }) {
  let text = `name: ${name}\non:\n  push:\n`;
  if (pushBranches) text += `    branches: [${pushBranches.join(", ")}]\n`;
  text += "  pull_request:\n";
  if (env) text += `env:\n${mappingLines(env, "  ")}`;
  return `${text}${concurrency}jobs:\n`;
}

/**
 * @typedef {object} SyntheticJob
 * @property {string} id the job's key under `jobs`
 * @property {Record<string, string[]>} [matrix] `strategy.matrix`, each value a flow sequence of double-quoted strings
 * @property {Record<string, string>} [env] the job's `env`, values double-quoted
 * @property {string[]} steps the steps, as `step` and `setupUvStep` write them
 */

/**
 * One job on `ubuntu-latest`, to follow `workflowHeader` or another job.
 * @param {SyntheticJob} job
 * @returns {string}
 */
export function jobText({ id, matrix, env, steps }) {
  let text = `  ${id}:\n    runs-on: ubuntu-latest\n`;
  if (matrix) {
    const rows = Object.entries(matrix).map(([key, values]) => `        ${key}: [${values.map((value) => JSON.stringify(value)).join(", ")}]\n`);
    text += `    strategy:\n      matrix:\n${rows.join("")}`;
  }
  if (env) text += `    env:\n${mappingLines(env, "      ")}`;
  return `${text}    steps:\n${steps.join("")}`;
}

/**
 * A whole workflow: its header, then its jobs.
 * @param {WorkflowHeader} header
 * @param {SyntheticJob[]} jobs
 * @returns {string}
 */
export function workflowText(header, jobs) {
  return workflowHeader(header) + jobs.map(jobText).join("");
}

/**
 * @param {Record<string, string>} values
 * @param {string} indent
 */
function mappingLines(values, indent) {
  return Object.entries(values)
    .map(([key, value]) => `${indent}${key}: ${JSON.stringify(value)}\n`)
    .join("");
}
