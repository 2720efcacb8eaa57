// @ts-check
// `npm run bench -- --cli`: what a pre-commit or CI user pays, the whole `uv-ci-lint` process,
// against a bare `eslint` process that only parses the same workflows with eslint-plugin-yml.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { seededRandom, shuffled } from "../lib/seeded-random.js";
import { BARE_CONFIG, CLI_BIN, CPU_HOOK, ESLINT_BIN } from "./paths.js";
import { median } from "./statistics.js";

/** @typedef {import("./corpus.js").Repository} Repository */
/** @typedef {import("./statistics.js").Timing} Timing */

/**
 * A uv-ci-lint built in another checkout: its folder, and how the report names it.
 * @typedef {{ dir: string, label: string }} Baseline
 */

/**
 * A process measured: its name, its line in the report, node's arguments and what it adds to the environment.
 * @typedef {{ name: string, label: string, args: string[], env?: Record<string, string> }} CliSubject
 */

/**
 * A process's medians over the alternations (ms), and its fastest and slowest wall clock.
 * @typedef {CliSubject & { ms: number, cpuMs: number, minMs: number, maxMs: number }} CliRow
 */

/**
 * @typedef {object} CliResult
 * @property {string} repo
 * @property {number} workflows
 * @property {number} dockerfiles Dockerfiles and ignore files of the repository
 * @property {number} runs
 * @property {CliRow[]} rows
 * @property {import("./corpus-bench.js").Ratio[]} ratios
 * @property {number[]} load the 1-minute load average before and after
 */

/**
 * The repository the bench runs on: `wanted`, else the first (by name) with 20 workflows, else the one closest to 20.
 * @param {Repository[]} repos
 * @param {string | undefined} wanted
 * @returns {Repository}
 */
export function chooseCliRepository(repos, wanted) {
  if (wanted) {
    const found = repos.find((repo) => repo.name === wanted);
    if (!found) throw new Error(`No repository named ${wanted} with workflows in the corpus.`);
    return found;
  }
  const closest = [...repos].sort((a, b) => Math.abs(a.files.length - 20) - Math.abs(b.files.length - 20) || (a.name < b.name ? -1 : 1))[0];
  if (!closest) throw new Error("No repository with workflows in the corpus.");
  return closest;
}

/**
 * The processes measured, each run from the repository's root. `--preset recommended` keeps a
 * repository's own eslint.config.* (a JavaScript project's) out of it; the bare process gets its
 * config with `-c`, so it looks none up either.
 * @param {Repository} repo
 * @param {Baseline | undefined} baseline
 * @returns {CliSubject[]}
 */
function cliSubjects(repo, baseline) {
  return [
    ...(baseline ? [{ name: "baseline", label: `\`uv-ci-lint --preset recommended\` on the same workflows, built from \`${baseline.label}\` (before the change measured)`, args: [path.join(baseline.dir, "dist", "src", "cli", "bin.js"), "--preset", "recommended", ...repo.files] }] : []),
    { name: "node", label: "`node` starting and exiting (`-e ''`), for scale", args: ["-e", ""] },
    { name: "bare", label: "bare `eslint`: eslint-plugin-yml's language parses the workflows, no rule", args: [ESLINT_BIN, "-c", BARE_CONFIG, ...repo.files] },
    { name: "one-rule", label: "the bare `eslint` with one rule that does nothing (`Program() {}`, no options): what ESLint adds for any rule", args: [ESLINT_BIN, "-c", BARE_CONFIG, ...repo.files], env: { UV_CI_BENCH_ONE_RULE: "1" } },
    { name: "workflows", label: "`uv-ci-lint --preset recommended` on the same workflows", args: [CLI_BIN, "--preset", "recommended", ...repo.files] },
    { name: "repository", label: "`uv-ci-lint --preset recommended` on the whole repository (workflows, Dockerfiles, ignore files), as pre-commit runs it", args: [CLI_BIN, "--preset", "recommended"] },
  ];
}

/**
 * Runs one process to its end: wall clock from the parent, CPU time (user + system) from the process itself.
 * @param {CliSubject} subject
 * @param {string} cwd
 * @returns {Timing}
 */
function runOnce(subject, cwd) {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", CPU_HOOK, ...subject.args], { cwd, env: { ...process.env, ...subject.env }, stdio: ["ignore", "pipe", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${subject.name} exited ${result.status}: ${String(result.stderr).slice(0, 500)}`);
  const { user, system } = JSON.parse(String(result.output[3]));
  return { ms, cpuMs: (user + system) / 1000 };
}

/**
 * One warm-up alternation (untimed: the file cache, the compile cache), then `runs` alternations in
 * which every subject runs once, in an order shuffled for each alternation (seeded). Medians per
 * subject; the ratios are of medians.
 * @param {Repository} repo
 * @param {number} runs
 * @param {Baseline | undefined} baseline
 * @returns {CliResult}
 */
export function benchCli(repo, runs, baseline) {
  const subjects = cliSubjects(repo, baseline);
  const random = seededRandom(20261202);
  /** @type {Map<string, Timing[]>} */
  const samples = new Map(subjects.map((subject) => [subject.name, []]));
  const load = [os.loadavg()[0] ?? Number.NaN];
  for (const subject of subjects) runOnce(subject, repo.dir);
  for (let run = 0; run < runs; run++) {
    for (const subject of shuffled(subjects, random)) samples.get(subject.name)?.push(runOnce(subject, repo.dir));
  }
  load.push(os.loadavg()[0] ?? Number.NaN);
  // The baseline is listed last; every subject runs in a shuffled order all the same.
  const rows = [...subjects.filter((subject) => subject.name !== "baseline"), ...subjects.filter((subject) => subject.name === "baseline")].map((subject) => {
    const list = samples.get(subject.name) ?? [];
    return { ...subject, ms: median(list.map((sample) => sample.ms)), cpuMs: median(list.map((sample) => sample.cpuMs)), minMs: Math.min(...list.map((sample) => sample.ms)), maxMs: Math.max(...list.map((sample) => sample.ms)) };
  });
  const byName = new Map(rows.map((row) => [row.name, row]));
  /**
   * @param {string} a
   * @param {string} b
   */
  const ratio = (a, b) => {
    const [rowA, rowB] = [byName.get(a), byName.get(b)];
    if (!rowA || !rowB) throw new Error(`no subject ${rowA ? b : a}`);
    return { name: `${a} / ${b}`, wall: rowA.ms / rowB.ms, cpu: rowA.cpuMs / rowB.cpuMs };
  };
  const dockerfiles = countFiles(repo.dir, (name) => /^(docker|container)file(\..+)?$|\.(docker|container)file$|(^|\.)dockerignore$/i.test(name));
  return { repo: repo.name, workflows: repo.files.length, dockerfiles, runs, rows, ratios: [ratio("workflows", "bare"), ratio("repository", "bare"), ratio("one-rule", "bare"), ratio("workflows", "one-rule"), ...(baseline ? [ratio("baseline", "bare"), ratio("workflows", "baseline")] : [])], load };
}

/**
 * How many files below `dir` (outside node_modules and .git) have a name that `matches`.
 * @param {string} dir
 * @param {(name: string) => boolean} matches
 */
function countFiles(dir, matches) {
  let count = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const where = path.relative(dir, entry.parentPath ?? entry.path);
    if (entry.isFile() && matches(entry.name) && !/(^|\/)(node_modules|\.git)(\/|$)/.test(where)) count++;
  }
  return count;
}
