// @ts-check
// The scaling check: synthetic workflows of growing size and repositories of growing numbers of
// workflows, timed with the floor and with ours; time per step and per workflow should stay flat.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ESLint } from "eslint";
import { REF_CONCURRENCY, setupUvStep, step, workflowText } from "../lib/synthetic-workflows.js";
import { median, spread } from "./statistics.js";
import { eslintConfigFor } from "./subjects.js";

/**
 * One size: time per unit (step or workflow) of the floor and of ours, in ms.
 * @typedef {{ size: number, runs: number, floor: number, ours: number, findings: number }} ScalingRow
 */

/**
 * @typedef {object} ScalingResult
 * @property {ScalingRow[]} steps single workflows of growing numbers of steps
 * @property {ScalingRow[]} workflows repositories of growing numbers of workflows
 * @property {number} stepSpread ours, largest over smallest time per step
 * @property {number} workflowSpread ours, largest over smallest time per workflow
 */

const SCALING_DOCKERFILE = "FROM python:3.12-slim\nARG UV_VERSION=0.9.5\nRUN pip install uv==${UV_VERSION}\n";
const STEPS_PER_JOB = 50;
/** The single workflows' numbers of steps, each with its number of measured runs. */
const STEP_COUNTS = /** @type {const} */ ([
  [100, 40],
  [1_000, 8],
  [10_000, 3],
]);
/** The repositories' numbers of workflows (24 steps each), each with its number of measured runs. */
const WORKFLOW_COUNTS = /** @type {const} */ ([
  [10, 40],
  [100, 8],
  [1_000, 3],
]);

/**
 * Step `index` of a synthetic job: a mix of checkout, setup-uv (pinned, drifting, unpinned, via env) and run steps.
 * @param {number} index
 */
function syntheticStep(index) {
  switch (index % 8) {
    case 0:
      return step("uses: actions/checkout@v4");
    case 1:
      return setupUvStep(['version: "0.9.5"', "enable-cache: true"]);
    case 3:
      return setupUvStep([`version: "0.9.${index % 5}"`]);
    case 5:
      return setupUvStep(["version: ${{ env.UV_VERSION }}"]);
    case 7:
      return setupUvStep();
    default:
      return step(`name: Step ${index}`, "run: |", "  uv sync --locked", `  uv run pytest -k "part${index}"`, "env:", `  PART: "${index}"`);
  }
}

/**
 * A workflow of `steps` steps in jobs of at most 50; every job but the first has a Python matrix.
 * @param {number} steps
 * @param {{ concurrency?: boolean }} [options]
 */
function syntheticWorkflow(steps, { concurrency = true } = {}) {
  const jobs = [];
  for (let job = 0; job * STEPS_PER_JOB < steps; job++) {
    const indices = Array.from({ length: Math.min(steps, (job + 1) * STEPS_PER_JOB) - job * STEPS_PER_JOB }, (_, offset) => job * STEPS_PER_JOB + offset);
    jobs.push({ id: `job-${job}`, ...(job > 0 ? { matrix: { python: ["3.11", "3.12"] } } : {}), steps: indices.map(syntheticStep) });
  }
  return workflowText({ name: "Synthetic", pushBranches: ["main"], env: { UV_VERSION: "0.9.5" }, concurrency: concurrency ? REF_CONCURRENCY : "" }, jobs);
}

/**
 * @param {string} root
 * @param {Record<string, string>} files
 */
function writeTree(root, files) {
  for (const [relative, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
  }
}

/**
 * Times the floor and ours alternately on one repository: a warm-up pass each, then `runs` passes
 * each, medians in ms, and the findings of ours. Fresh Dockerfile caches do not matter here: the
 * warm-up fills them.
 * @param {string} root
 * @param {string[]} files
 * @param {number} runs
 */
async function timeRepository(root, files, runs) {
  const subjectNames = /** @type {const} */ (["floor", "ours"]);
  const instances = subjectNames.map((name) => new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: eslintConfigFor(name) }));
  /** @type {number[][]} */
  const times = subjectNames.map(() => []);
  let findings = 0;
  for (let round = 0; round <= runs; round++) {
    for (const [index, name] of subjectNames.entries()) {
      const start = performance.now();
      const results = await /** @type {ESLint} */ (instances[index]).lintFiles(files);
      const ms = performance.now() - start;
      if (round > 0) times[index]?.push(ms);
      if (name === "ours") findings = results.reduce((sum, result) => sum + result.messages.length, 0);
    }
  }
  return { floor: median(times[0] ?? []), ours: median(times[1] ?? []), findings };
}

/**
 * Single workflows of 100, 1,000 and 10,000 steps, then repositories of 10, 100 and 1,000
 * workflows of 24 steps, each with one Dockerfile, in a temporary folder.
 * @returns {Promise<ScalingResult>}
 */
export async function benchScaling() {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "uv-ci-bench-")));
  try {
    /** @type {ScalingRow[]} */
    const steps = [];
    for (const [count, runs] of STEP_COUNTS) {
      const dir = path.join(root, `steps-${count}`);
      writeTree(dir, { Dockerfile: SCALING_DOCKERFILE, ".github/workflows/ci.yml": syntheticWorkflow(count) });
      const timed = await timeRepository(dir, [".github/workflows/ci.yml"], runs);
      steps.push({ size: count, runs, floor: timed.floor / count, ours: timed.ours / count, findings: timed.findings });
      process.stdout.write(`steps ${count} `);
    }
    /** @type {ScalingRow[]} */
    const workflows = [];
    for (const [count, runs] of WORKFLOW_COUNTS) {
      const dir = path.join(root, `workflows-${count}`);
      /** @type {Record<string, string>} */
      const files = {};
      for (let index = 0; index < count; index++) files[`.github/workflows/wf-${index}.yml`] = syntheticWorkflow(24, { concurrency: index % 2 === 0 });
      writeTree(dir, { Dockerfile: SCALING_DOCKERFILE, ...files });
      const timed = await timeRepository(dir, Object.keys(files), runs);
      workflows.push({ size: count, runs, floor: timed.floor / count, ours: timed.ours / count, findings: timed.findings });
      process.stdout.write(`workflows ${count} `);
    }
    process.stdout.write("\n");
    return { steps, workflows, stepSpread: spread(steps.map((row) => row.ours)), workflowSpread: spread(workflows.map((row) => row.ours)) };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
