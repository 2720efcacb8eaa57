import { cpSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONCURRENCY_CONFIG, lintJson, makeSandbox, readTree, runEslint } from "../helpers/cli.js";
import { CORPUS_DIR, HAS_CORPUS } from "../helpers/corpus.js";

/**
 * The seed pull request, replayed: its "before" workflows plus the runner Dockerfile it added.
 * --fix must write exactly the lines the PR added by hand.
 */
describe.skipIf(!HAS_CORPUS)("the seed pull request (corpus flowmesh/)", () => {
  const flowmesh = join(CORPUS_DIR, "flowmesh");
  const workflowNames = HAS_CORPUS ? readdirSync(join(flowmesh, "before/.github/workflows")) : [];

  /** The seed repository runs on scarce self-hosted runners: it turns on require-concurrency-per-ref. */
  function sandbox(): string {
    const dir = makeSandbox(join(flowmesh, "before"), CONCURRENCY_CONFIG);
    cpSync(join(flowmesh, "after/.github/runners"), join(dir, ".github/runners"), { recursive: true });
    return dir;
  }

  /** The PR's result without its unrelated edits (`runs-on` labels and a reworded comment). */
  function expectedAfter(name: string): string {
    const before = readFileSync(join(flowmesh, "before/.github/workflows", name), "utf8");
    let after = readFileSync(join(flowmesh, "after/.github/workflows", name), "utf8");
    after = after.replaceAll("runs-on: [self-hosted, cuda]", "runs-on: self-hosted");
    const commentBefore = before.match(/ *# Skip the multiprocessing[^\n]*\n[^\n]*\n/)?.[0];
    const commentAfter = after.match(/ *# Skip the multiprocessing[^\n]*\n[^\n]*\n/)?.[0];
    if (commentBefore && commentAfter) after = after.replace(commentAfter, commentBefore);
    return after;
  }

  it("reports 5 missing concurrency blocks and 5 unpinned setup-uv steps", () => {
    const { status, results } = lintJson(sandbox());
    expect(status).toBe(1);
    const messages = [...results.values()].flat();
    expect(messages.filter((m) => m.ruleId === "uv-ci/require-concurrency-per-ref")).toHaveLength(5);
    expect(messages.filter((m) => m.ruleId === "uv-ci/pin-setup-uv-version")).toHaveLength(5);
    expect(messages).toHaveLength(10);
  });

  it("--fix writes exactly the lines the PR added, and a second --fix changes nothing", () => {
    const dir = sandbox();
    // Nothing is left with the recommended config. What the PR also left, setup-uv v7 (v7.6.0, checksums
    // up to uv 0.10.10) installing the pinned uv 0.11.8 unverified, is no-unverified-uv-download's, in strict.
    const leftOver = (): string[] =>
      [...lintJson(dir).results.values()].flat().map((message) => `${message.ruleId} ${message.message.split(",")[0]}`);
    expect(runEslint(dir, ["--fix", "."]).status).toBe(0);
    expect(leftOver()).toEqual([]);
    expect(workflowNames).toHaveLength(5);
    for (const name of workflowNames) {
      expect(readFileSync(join(dir, ".github/workflows", name), "utf8"), name).toBe(expectedAfter(name));
    }
    const afterFirst = readTree(dir);
    expect(runEslint(dir, ["--fix", "."]).status).toBe(0);
    expect(readTree(dir)).toEqual(afterFirst);
  });
});
