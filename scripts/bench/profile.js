// @ts-check
// `--profile`: a CPU profile of the "ours" pass (`node --cpu-prof` on the bench itself), summarised
// by self time per function and per owner (our plugin, a package, Node/V8).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BENCH_ENTRY, PROJECT_ROOT } from "./paths.js";

/**
 * What V8's `.cpuprofile` holds, as far as the summary reads it.
 * @typedef {{ id: number, callFrame: { functionName: string, url: string, lineNumber: number } }} ProfileNode
 * @typedef {{ nodes: ProfileNode[], samples: number[], timeDeltas: number[] }} CpuProfile
 */

/**
 * @typedef {object} ProfileSummary
 * @property {number} total ms sampled
 * @property {{ name: string, owner: string, where: string, ms: number, share: number }[]} top the 25 functions of most self time
 * @property {{ owner: string, ms: number, share: number }[]} owners self time by owner, largest first
 * @property {number} runs the measured alternations of the profiled run
 */

/**
 * Where a profiled function lives: our plugin, a package, or Node/V8 itself.
 * @param {string} url
 */
function ownerOf(url) {
  if (!url) return "(V8/Node internals)";
  const file = url.startsWith("file://") ? fileURLToPath(url) : url;
  if (file.startsWith("node:")) return "(Node core)";
  if (file.startsWith(path.join(PROJECT_ROOT, "dist"))) return "eslint-plugin-uv-ci";
  const match = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
  return match?.[1] ? match[1].replace("\\", "/") : path.relative(PROJECT_ROOT, file);
}

/**
 * Self time per function and per owner, summed over the profile's samples.
 * @param {CpuProfile} profile
 */
function summariseProfile(profile) {
  const nodesById = new Map(profile.nodes.map((node) => [node.id, node]));
  /** @type {Map<number, number>} */
  const selfMs = new Map();
  for (let index = 0; index < profile.samples.length; index++) {
    const id = /** @type {number} */ (profile.samples[index]);
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  }
  /** @type {Map<string, number>} */
  const byFunction = new Map();
  /** @type {Map<string, number>} */
  const byOwner = new Map();
  let total = 0;
  for (const [id, ms] of selfMs) {
    const node = nodesById.get(id);
    if (!node) continue;
    const { callFrame } = node;
    const owner = ownerOf(callFrame.url);
    const file = callFrame.url ? path.basename(callFrame.url) : "";
    const key = `${callFrame.functionName || "(anonymous)"}\u0000${owner}\u0000${file}:${callFrame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + ms);
    total += ms;
  }
  const top = [...byFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([key, ms]) => {
      const [name = "", owner = "", where = ""] = key.split("\u0000");
      return { name, owner, where, ms, share: ms / total };
    });
  const owners = [...byOwner].sort((a, b) => b[1] - a[1]).map(([owner, ms]) => ({ owner, ms, share: ms / total }));
  return { total, top, owners };
}

/**
 * Runs the bench's "ours" pass `runs` times (after its warm-up) in a profiled child process.
 * @param {string} corpusArgument
 * @param {number | undefined} reposWanted
 * @param {number} runs
 * @returns {ProfileSummary}
 */
export function profileOurs(corpusArgument, reposWanted, runs) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uv-ci-profile-"));
  const args = ["--cpu-prof", "--cpu-prof-dir", dir, BENCH_ENTRY, corpusArgument, "--only", "ours", "--runs", String(runs), "--no-cold", "--no-scaling", "--no-write"];
  if (reposWanted) args.push("--repos", String(reposWanted));
  const child = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
  if (child.status !== 0) throw new Error("the profiled run failed");
  const [file] = fs.readdirSync(dir).filter((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error("the profiled run wrote no profile");
  const summary = summariseProfile(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")));
  fs.rmSync(dir, { recursive: true, force: true });
  return { ...summary, runs };
}
