// The review sheet of `npm run corpus -- --review`: a stratified random sample of the findings on
// the corpus, each with the lines around it and what its fix would write, for a maintainer's verdict.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ESLint } from "eslint";
import { seededRandom, shuffled } from "./seeded-random.js";
import { EVERY_RULE } from "./every-rule.js";

/** Up to `perRule` findings of each rule, at most `perRepo` from one repository, in random order. */
function stratifiedSample(findings, perRule, perRepo, seed) {
  const next = seededRandom(seed);
  const byRule = new Map();
  for (const finding of findings) byRule.set(finding.ruleId, [...(byRule.get(finding.ruleId) ?? []), finding]);
  const sample = new Map();
  for (const [ruleId, ofRule] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
    const takenFrom = new Map();
    const picked = [];
    for (const finding of shuffled(ofRule, next)) {
      if (picked.length >= perRule) break;
      if ((takenFrom.get(finding.repo) ?? 0) >= perRepo) continue;
      takenFrom.set(finding.repo, (takenFrom.get(finding.repo) ?? 0) + 1);
      picked.push(finding);
    }
    sample.set(ruleId, { total: ofRule.length, picked });
  }
  return sample;
}

const lineStartAt = (text, offset) => text.lastIndexOf("\n", offset - 1) + 1;
const lineEndAt = (text, offset) => {
  const newline = text.indexOf("\n", offset);
  return newline < 0 ? text.length : newline;
};
const visible = (text) => text.replace(/\r/g, "");

/**
 * The lines an edit touches, before and after it: unchanged lines around the change as context
 * (`  `), the rest as `-`/`+` lines, so that a pure insertion shows only `+` lines.
 */
export function describeEdit(text, { range: [start, end], text: replacement }) {
  const from = lineStartAt(text, start);
  const oldTo = lineEndAt(text, Math.max(start, end - 1));
  const edited = text.slice(0, start) + replacement + text.slice(end);
  // The same original line end, moved by what the edit added or removed.
  const newTo = oldTo + replacement.length - (end - start);
  const removed = visible(text.slice(from, oldTo)).split("\n");
  const added = visible(edited.slice(from, newTo)).split("\n");
  let prefix = 0;
  while (prefix < removed.length && prefix < added.length && removed[prefix] === added[prefix]) prefix++;
  let suffix = 0;
  while (suffix < removed.length - prefix && suffix < added.length - prefix && removed.at(-1 - suffix) === added.at(-1 - suffix)) suffix++;
  return [
    ...removed.slice(0, prefix).map((line) => `  ${line}`),
    ...removed.slice(prefix, removed.length - suffix).map((line) => `- ${line}`),
    ...added.slice(prefix, added.length - suffix).map((line) => `+ ${line}`),
    ...removed.slice(removed.length - suffix).map((line) => `  ${line}`),
  ].join("\n");
}

/** Lines `line - around` to `line + around` of `text`, numbered, the finding's line marked. */
function excerpt(text, line, endLine, around = 3) {
  const lines = visible(text).split("\n");
  const first = Math.max(1, line - around);
  const last = Math.min(lines.length, Math.max(line, endLine) + around);
  const shown = [];
  for (let number = first; number <= last; number++) {
    const mark = number >= line && number <= endLine ? ">" : " ";
    shown.push(`${mark}${String(number).padStart(5)} | ${lines[number - 1]}`);
  }
  return shown.join("\n");
}

async function collectFindings(reposDir, patterns) {
  const findings = [];
  for (const repo of readdirSync(reposDir).sort()) {
    const cwd = join(reposDir, repo);
    const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: EVERY_RULE, errorOnUnmatchedPattern: false });
    for (const result of await eslint.lintFiles(patterns)) {
      const text = readFileSync(result.filePath, "utf8");
      for (const message of result.messages) {
        if (!message.ruleId) continue;
        findings.push({ repo, file: relative(cwd, result.filePath), text, ...message });
      }
    }
  }
  return findings;
}

/** Prints the review sheet for the corpus at `reposDir`. */
export async function printReviewSheet({ reposDir, patterns, perRule, perRepo = 2, seed }) {
  const findings = await collectFindings(reposDir, patterns);
  const sample = stratifiedSample(findings, perRule, perRepo, seed);
  const out = [
    `# Review sheet: ${findings.length} findings of configs.strict and the opt-in rules on ${readdirSync(reposDir).length} repositories`,
    `Sample: up to ${perRule} per rule, at most ${perRepo} per repository, seed ${seed}. Judge each as its repository's maintainer would: right, wrong or debatable.`,
    "",
  ];
  let number = 0;
  for (const [ruleId, { total, picked }] of sample) {
    out.push(`## ${ruleId} (${picked.length} of ${total})`, "");
    for (const finding of picked) {
      number++;
      out.push(`### ${number}. ${finding.repo}/${finding.file}:${finding.line}:${finding.column}`);
      out.push(finding.message, "", "```text", excerpt(finding.text, finding.line, finding.endLine ?? finding.line), "```");
      if (finding.fix) out.push("fix (--fix writes):", "```diff", describeEdit(finding.text, finding.fix), "```");
      else out.push("fix: none");
      for (const suggestion of finding.suggestions ?? []) out.push(`suggestion: ${suggestion.desc}`, "```diff", describeEdit(finding.text, suggestion.fix), "```");
      out.push("verdict: ", "");
    }
  }
  console.log(out.join("\n"));
}
