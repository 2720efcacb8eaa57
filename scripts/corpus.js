#!/usr/bin/env node
// Reliability run over the shared corpus of real CI files: are the findings right, are the fixes safe.
//
//   node scripts/corpus.js [corpus-dir] [--write]
//   node scripts/corpus.js [corpus-dir] --review [--per-rule N] [--per-repo N] [--seed S]
//
// corpus-dir defaults to $UV_CI_CORPUS, else ../shared/corpus beside the project. The corpus is
// copied to a temporary folder; each repository is linted from its own root with
// configs.strict and the opt-in rules (every rule), fixed, and fixed again. --write puts the table into docs/reliability.md.
// Exits 1 when any bad count is not 0.
//
// --review prints a review sheet instead: a stratified random sample of the findings (up to N per
// rule, default 10, at most two per repository; the same seed gives the same sample) with the lines
// around each and what its fix or suggestions would write, to be judged as each repository's
// maintainer would (verdicts go to docs/reliability.md).
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import plugin from "../dist/src/index.js";
import { changedPaths, isIntendedChange, keptLineEndings, lostComments, parseYaml } from "./lib/yaml-diff.js";
import { dockerignoreChangeIsIntended, dockerignoreComments } from "./lib/dockerignore-diff.js";
import { isGeneratedWorkflow, movedToOlderVersion, workflowCanBeSuperseded, workflowDeploys } from "./lib/harm.js";
import { printReviewSheet } from "./lib/review.js";
import { EVERY_RULE } from "./lib/every-rule.js";

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const review = args.includes("--review");
const write = args.includes("--write") && !review;
const optionValue = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? Number(args[at + 1]) : fallback;
};
const positional = args.filter((arg, index) => !arg.startsWith("--") && !["--per-rule", "--per-repo", "--seed"].includes(args[index - 1]));
const corpusDir = resolve(positional[0] ?? process.env.UV_CI_CORPUS ?? join(projectRoot, "..", "shared", "corpus"));
const reposDir = join(corpusDir, "repos");
if (!existsSync(reposDir)) {
  console.log(`No corpus at ${reposDir}: nothing to check. Pass its path as the first argument or set UV_CI_CORPUS.`);
  process.exit(0);
}

const PATTERNS = [
  ".github/workflows/*.yml",
  ".github/workflows/*.yaml",
  "**/.dockerignore",
  "**/*.dockerignore",
  "**/Dockerfile",
  "**/*.Dockerfile",
  "**/Dockerfile.*",
  "**/Containerfile",
  "**/Containerfile.*",
  "**/action.yml",
  "**/action.yaml",
  "**/.pre-commit-config.yaml",
  "**/.pre-commit-config.yml",
];
const kindOf = (file) =>
  /\.github\/workflows\/[^/]+$/.test(file)
    ? "workflow"
    : /(^|\/)action\.ya?ml$/.test(file)
      ? "action"
      : /(^|\/)\.pre-commit-config\.ya?ml$/.test(file)
        ? "pre-commit"
        : file.endsWith("dockerignore")
          ? "ignore"
          : "dockerfile";
const BAD = [
  "lint crashes",
  "outputs that do not parse",
  "meaning changed",
  "comments lost",
  "line endings changed",
  "changed by a second --fix",
  "cancel-in-progress: true added where it can cancel a deployment or nothing supersedes a run",
  "uv pin moved to an older version",
  "generated file edited",
  "rules fixing the same text in opposite directions",
];

if (review) {
  await printReviewSheet({ reposDir, patterns: PATTERNS, perRule: optionValue("--per-rule", 10), perRepo: optionValue("--per-repo", 2), seed: optionValue("--seed", 1) });
  process.exit(0);
}

// ESLint warns, and stops fixing a file, when fixes undo each other (two rules rewriting one scalar).
const circularFixes = [];
process.on("warning", (warning) => {
  if (warning.name === "ESLintCircularFixesWarning") circularFixes.push(warning.message);
});

const workDir = mkdtempSync(join(tmpdir(), "uv-ci-corpus-"));
cpSync(reposDir, workDir, { recursive: true });

const totals = { repositories: 0, workflows: 0, actions: 0, preCommitConfigs: 0, ignoreFiles: 0, dockerfiles: 0, filesChanged: 0, unparseableOriginals: 0 };
const bad = Object.fromEntries(BAD.map((name) => [name, []]));
const findingsByRule = new Map(); // rule -> Map(repo -> count)

function eslintFor(cwd, fix) {
  return new ESLint({ cwd, fix, overrideConfigFile: true, overrideConfig: EVERY_RULE, errorOnUnmatchedPattern: false });
}

/** Lints a repository; when ESLint throws, lints file by file so that one crash names its file. */
async function lintRepository(cwd, fix, repo) {
  const eslint = eslintFor(cwd, fix);
  try {
    return await eslint.lintFiles(PATTERNS);
  } catch {
    const results = [];
    const files = await eslintFor(cwd, false).lintFiles(PATTERNS).catch(() => []);
    for (const file of files.map((result) => result.filePath)) {
      try {
        results.push(...(await eslint.lintFiles([file])));
      } catch (error) {
        bad["lint crashes"].push(`${repo}/${relative(cwd, file)}: ${String(error.message).split("\n")[0]}`);
      }
    }
    return results;
  }
}

function checkOutput(repo, file, before, after) {
  const where = `${repo}/${file}`;
  if (!keptLineEndings(before, after)) bad["line endings changed"].push(where);
  if (kindOf(file) === "dockerfile") {
    // No rule fixes Dockerfiles: any change is one nobody asked for.
    bad["meaning changed"].push(where);
    return;
  }
  if (kindOf(file) === "ignore") {
    if (lostComments(dockerignoreComments(before), dockerignoreComments(after)) > 0) bad["comments lost"].push(where);
    if (!dockerignoreChangeIsIntended(before, after)) bad["meaning changed"].push(where);
    return;
  }
  const parsedBefore = parseYaml(before);
  const parsedAfter = parseYaml(after);
  if (isGeneratedWorkflow(file, before)) bad["generated file edited"].push(where);
  if (!parsedAfter) {
    bad["outputs that do not parse"].push(where);
    return;
  }
  if (parsedBefore) checkHarm(where, parsedBefore.value[0], parsedAfter.value[0]);
  if (parsedBefore && lostComments(parsedBefore.comments, parsedAfter.comments) > 0) bad["comments lost"].push(where);
  const unintended = parsedBefore
    ? changedPaths(parsedBefore.value, parsedAfter.value).filter((path) => !isIntendedChange(path, parsedBefore.value, parsedAfter.value))
    : [];
  if (unintended.length > 0) bad["meaning changed"].push(`${where} (${unintended.map((path) => path.join(".")).join(", ")})`);
}

/** Fixes that parse and keep their layout but make the workflow worse. */
function checkHarm(where, before, after) {
  const cancelBefore = before?.concurrency?.["cancel-in-progress"];
  const cancelAfter = after?.concurrency?.["cancel-in-progress"];
  const cancels = (value) => value === true || value === "true";
  if (cancels(cancelAfter) && !cancels(cancelBefore) && (workflowDeploys(before) || !workflowCanBeSuperseded(before))) {
    bad["cancel-in-progress: true added where it can cancel a deployment or nothing supersedes a run"].push(where);
  }
  const older = changedPaths([before], [after]).filter((path) => {
    const valueAt = (document) => path.reduce((value, key) => value?.[key], [document]);
    return movedToOlderVersion(valueAt(before), valueAt(after));
  });
  if (older.length > 0) bad["uv pin moved to an older version"].push(`${where} (${older.map((path) => path.slice(1).join(".")).join(", ")})`);
}

for (const repo of readdirSync(workDir).sort()) {
  const cwd = join(workDir, repo);
  totals.repositories++;
  const original = await lintRepository(cwd, false, repo);
  const texts = new Map();
  for (const result of original) {
    const file = relative(cwd, result.filePath);
    texts.set(file, readFileSync(result.filePath, "utf8"));
    const kind = kindOf(file);
    if (kind === "ignore") totals.ignoreFiles++;
    else if (kind === "dockerfile") totals.dockerfiles++;
    else if (kind === "action") totals.actions++;
    else if (kind === "pre-commit") totals.preCommitConfigs++;
    else totals.workflows++;
    if (result.messages.some((message) => message.fatal)) totals.unparseableOriginals++;
    for (const message of result.messages) {
      if (!message.ruleId) continue;
      const byRepo = findingsByRule.get(message.ruleId) ?? new Map();
      byRepo.set(repo, (byRepo.get(repo) ?? 0) + 1);
      findingsByRule.set(message.ruleId, byRepo);
    }
  }
  const fixed = await lintRepository(cwd, true, repo);
  await ESLint.outputFixes(fixed);
  for (const result of fixed) {
    if (result.output === undefined) continue;
    totals.filesChanged++;
    const file = relative(cwd, result.filePath);
    checkOutput(repo, file, texts.get(file) ?? "", result.output);
  }
  for (const result of await lintRepository(cwd, true, repo)) {
    if (result.output !== undefined) bad["changed by a second --fix"].push(`${repo}/${relative(cwd, result.filePath)}`);
  }
}
rmSync(workDir, { recursive: true, force: true });
await new Promise((resolveWarnings) => setImmediate(resolveWarnings));
for (const message of circularFixes) bad["rules fixing the same text in opposite directions"].push(message.split(". ")[0].replace(workDir, ""));

const ruleNames = Object.keys(plugin.rules).map((name) => `uv-ci/${name}`);
const count = (rule) => [...(findingsByRule.get(rule)?.values() ?? [])].reduce((sum, n) => sum + n, 0);
const lines = [
  `Run on ${new Date().toISOString().slice(0, 10)} with eslint-plugin-uv-ci ${plugin.meta.version}, ESLint ${ESLint.version}, Node ${process.version}.`,
  "",
  "| what | count |",
  "| --- | --- |",
  `| repositories | ${totals.repositories} |`,
  `| workflows | ${totals.workflows} |`,
  `| action.yml files (composite actions are linted) | ${totals.actions} |`,
  `| pre-commit configs | ${totals.preCommitConfigs} |`,
  `| .dockerignore files | ${totals.ignoreFiles} |`,
  `| Dockerfiles | ${totals.dockerfiles} |`,
  `| files that do not parse before any fix (reported by ESLint, not ours) | ${totals.unparseableOriginals} |`,
  ...ruleNames.map((rule) => `| findings: ${rule} | ${count(rule)} |`),
  `| files changed by --fix | ${totals.filesChanged} |`,
  ...BAD.map((name) => `| **bad: ${name}** | ${bad[name].length} |`),
  "",
  "Repositories with the most findings, per rule:",
  "",
  ...ruleNames.map((rule) => {
    const top = [...(findingsByRule.get(rule) ?? new Map())].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5);
    return `- ${rule}: ${top.map(([repo, n]) => `${repo} (${n})`).join(", ") || "none"}`;
  }),
];
const table = lines.join("\n");
console.log(table);
for (const name of BAD) for (const where of bad[name]) console.log(`BAD ${name}: ${where}`);

if (write) {
  const docPath = join(projectRoot, "docs", "reliability.md");
  const start = "<!-- corpus-table:start -->";
  const end = "<!-- corpus-table:end -->";
  const doc = existsSync(docPath) ? readFileSync(docPath, "utf8") : `# Reliability on real repositories\n\n${start}\n${end}\n`;
  const before = doc.slice(0, doc.indexOf(start) + start.length);
  const after = doc.slice(doc.indexOf(end));
  writeFileSync(docPath, `${before}\n${table}\n${after}`);
  console.log(`Wrote the table to ${relative(projectRoot, docPath)}.`);
}
const badTotal = BAD.reduce((sum, name) => sum + bad[name].length, 0);
console.log(`corpus: ${badTotal === 0 ? "every bad count is 0" : `${badTotal} bad`}`);
process.exitCode = badTotal === 0 ? 0 : 1;
