// @ts-check
// The corpus: where it is, and which of its repositories have workflows to lint.
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./paths.js";

const WORKFLOW_FILE = /\.ya?ml$/;

/**
 * A repository of the corpus: its folder and its workflows, relative to it.
 * @typedef {{ name: string, dir: string, files: string[] }} Repository
 */

/**
 * The corpus folder (`argument`, else $UV_CI_CORPUS, else ../shared/corpus beside the project) and
 * the folder of its repositories (`repos/` if it has one).
 * @param {string | undefined} argument
 */
export function resolveCorpus(argument) {
  const corpus = path.resolve(argument ?? process.env.UV_CI_CORPUS ?? path.join(PROJECT_ROOT, "..", "shared", "corpus"));
  const reposDir = fs.existsSync(path.join(corpus, "repos")) ? path.join(corpus, "repos") : corpus;
  return { corpus, reposDir };
}

/**
 * Every repository with workflows, by name; with `wanted`, every k-th of them so that about
 * `wanted` remain.
 * @param {string} reposDir
 * @param {number | undefined} wanted
 * @returns {{ repos: Repository[], subsampled: boolean, total: number }}
 */
export function loadRepositories(reposDir, wanted) {
  /** @type {Repository[]} */
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
  const repos = Array.from({ length: wanted }, (_, index) => /** @type {Repository} */ (all[Math.floor(index * step)]));
  return { repos, subsampled: true, total: all.length };
}
