// `npm run bench -- --cli`: what a pre-commit or CI user pays, the whole `uv-ci-lint` process,
// against a bare `eslint` process that only parses the same workflows with eslint-plugin-yml.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { seededRandom, shuffled } from "./seeded-random.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = path.join(HERE, "..", "..");
const CPU_HOOK = path.join(HERE, "bench-cpu-hook.js");
const BARE_CONFIG = path.join(HERE, "bench-bare.config.js");
const ESLINT_BIN = path.join(PROJECT_ROOT, "node_modules", "eslint", "bin", "eslint.js");
const CLI_BIN = path.join(PROJECT_ROOT, "dist", "src", "cli", "bin.js");

/** The repository the bench runs on: `wanted`, else the first (by name) with 20 workflows, else the one closest to 20. */
export function chooseCliRepository(repos, wanted) {
  if (wanted) {
    const found = repos.find((repo) => repo.name === wanted);
    if (!found) throw new Error(`No repository named ${wanted} with workflows in the corpus.`);
    return found;
  }
  return [...repos].sort((a, b) => Math.abs(a.files.length - 20) - Math.abs(b.files.length - 20) || (a.name < b.name ? -1 : 1))[0];
}

/**
 * The processes measured, each run from the repository's root. `--preset recommended` keeps a
 * repository's own eslint.config.* (a JavaScript project's) out of it; the bare process gets its
 * config with `-c`, so it looks none up either.
 */
function cliSubjects(repo, baseline) {
  return [
    ...(baseline ? [{ name: "baseline", label: `\`uv-ci-lint --preset recommended\` on the same workflows, built from \`${baseline.label}\` (before the change measured)`, args: [path.join(baseline.dir, "dist", "src", "cli", "bin.js"), "--preset", "recommended", ...repo.files] }] : []),
    { name: "node", label: "`node` starting and exiting (`-e ''`), for scale", args: ["-e", ""] },
    { name: "bare", label: "bare `eslint`: eslint-plugin-yml's language parses the workflows, no rule", args: [ESLINT_BIN, "-c", BARE_CONFIG, ...repo.files] },
    { name: "workflows", label: "`uv-ci-lint --preset recommended` on the same workflows", args: [CLI_BIN, "--preset", "recommended", ...repo.files] },
    { name: "repository", label: "`uv-ci-lint --preset recommended` on the whole repository (workflows, Dockerfiles, ignore files), as pre-commit runs it", args: [CLI_BIN, "--preset", "recommended"] },
  ];
}

/** Runs one process to its end: wall clock from the parent, CPU time (user + system) from the process itself. */
function runOnce(subject, cwd) {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", CPU_HOOK, ...subject.args], { cwd, stdio: ["ignore", "pipe", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${subject.name} exited ${result.status}: ${String(result.stderr).slice(0, 500)}`);
  const { user, system } = JSON.parse(String(result.output[3]));
  return { ms, cpuMs: (user + system) / 1000 };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * One warm-up alternation (untimed: the file cache, the compile cache), then `runs` alternations in
 * which every subject runs once, in an order shuffled for each alternation (seeded). Medians per
 * subject; the ratios are of medians.
 */
export function benchCli(repo, runs, baseline) {
  const subjects = cliSubjects(repo, baseline);
  const random = seededRandom(20261202);
  const samples = new Map(subjects.map((subject) => [subject.name, []]));
  const load = [os.loadavg()[0]];
  for (const subject of subjects) runOnce(subject, repo.dir);
  for (let run = 0; run < runs; run++) {
    for (const subject of shuffled(subjects, random)) samples.get(subject.name).push(runOnce(subject, repo.dir));
  }
  load.push(os.loadavg()[0]);
  // The baseline is listed last; every subject runs in a shuffled order all the same.
  const rows = [...subjects.filter((subject) => subject.name !== "baseline"), ...subjects.filter((subject) => subject.name === "baseline")].map((subject) => {
    const list = samples.get(subject.name);
    return { ...subject, ms: median(list.map((sample) => sample.ms)), cpuMs: median(list.map((sample) => sample.cpuMs)), minMs: Math.min(...list.map((sample) => sample.ms)), maxMs: Math.max(...list.map((sample) => sample.ms)) };
  });
  const byName = Object.fromEntries(rows.map((row) => [row.name, row]));
  const ratio = (a, b) => ({ name: `${a} / ${b}`, wall: byName[a].ms / byName[b].ms, cpu: byName[a].cpuMs / byName[b].cpuMs });
  const dockerfiles = countFiles(repo.dir, (name) => /^(docker|container)file(\..+)?$|\.(docker|container)file$|(^|\.)dockerignore$/i.test(name));
  return { repo: repo.name, workflows: repo.files.length, dockerfiles, runs, rows, ratios: [ratio("workflows", "bare"), ratio("repository", "bare"), ...(baseline ? [ratio("baseline", "bare"), ratio("workflows", "baseline")] : [])], load };
}

/** How many files below `dir` (outside node_modules and .git) have a name that `matches`. */
function countFiles(dir, matches) {
  let count = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const where = path.relative(dir, entry.parentPath ?? entry.path);
    if (entry.isFile() && matches(entry.name) && !/(^|\/)(node_modules|\.git)(\/|$)/.test(where)) count++;
  }
  return count;
}

/** The docs/performance.md section of a `benchCli` result. */
export function cliSection(result, { environmentLine, markdownTable, fixed, corpusLabel }) {
  const table = markdownTable(
    ["process", "wall ms, median", "min – max", "CPU ms, median"],
    result.rows.map((row) => [row.label, `**${fixed(row.ms, 0)}**`, `${fixed(row.minMs, 0)} – ${fixed(row.maxMs, 0)}`, fixed(row.cpuMs, 0)]),
  );
  const ratios = markdownTable(
    ["ratio", "CPU time", "wall clock"],
    result.ratios.map((ratio) => [ratio.name.replace("workflows", "uv-ci-lint, same workflows").replace("repository", "uv-ci-lint, whole repository").replace("baseline", "uv-ci-lint before").replace("bare", "bare eslint"), `**${fixed(ratio.cpu, 3)}**`, fixed(ratio.wall, 3)]),
  );
  return [
    environmentLine(),
    "",
    `Repository: \`${result.repo}\` of \`${corpusLabel}\`, ${result.workflows} workflows and ${result.dockerfiles} Dockerfiles and ignore files. ${result.runs} alternations after one warm-up alternation, each process in a fresh \`node\`, in an order shuffled for each alternation. Load average (1 min) ${fixed(result.load[0])} before and ${fixed(result.load[1])} after.`,
    "",
    table,
    "",
    ratios,
    "",
    "- *CPU ms* is the process's own user + system time from its start to its exit (reported by the process through a `--import` hook that both subjects load alike); *wall ms* is measured by the bench around the whole spawn. CPU time is what a busy machine disturbs least; read the ratios in CPU time.",
  ].join("\n");
}
