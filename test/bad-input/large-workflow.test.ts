import { afterAll, describe, expect, it } from "vitest";
import { DOCKERFILE_VERSION, expectGoodFilesLinted, expectNoCrash, GOOD_WORKFLOW, lint, messagesOf, removeSandboxes, sandbox } from "./sandbox.js";

afterAll(removeSandboxes);

/** About `bytes` of workflow: many jobs with multi-line scripts, and an unpinned setup-uv step in the last one. */
function largeWorkflow(bytes: number): { text: string; lastStepLine: number } {
  const parts = ["name: Big ✓\non: push\njobs:\n"];
  let size = parts[0]!.length;
  for (let index = 0; size < bytes; index++) {
    const job = `  job${index}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - name: Step ${index} ü\n        run: |\n          echo ${"x".repeat(200)}\n          uv run pytest -k test_${index}\n`;
    parts.push(job);
    size += job.length;
  }
  const text = parts.join("");
  parts.push("  uv:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: astral-sh/setup-uv@v7\n");
  return { text: parts.join(""), lastStepLine: text.split("\n").length + 3 };
}

describe("bad input: a 10 MB workflow", () => {
  it("is linted to its last line without a crash, and the other files are still linted", () => {
    const { text, lastStepLine } = largeWorkflow(10 * 1024 * 1024);
    expect(text.length).toBeGreaterThan(10 * 1024 * 1024);
    const run = lint(sandbox({ ".github/workflows/large.yml": text, ".github/workflows/good.yml": GOOD_WORKFLOW }));
    expectNoCrash(run);
    const messages = messagesOf(run, ".github/workflows/large.yml");
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    expect(messages.find((message) => message.ruleId === "uv-ci/require-concurrency-per-ref")?.line).toBe(3);
    const pin = messages.find((message) => message.ruleId === "uv-ci/pin-setup-uv-version");
    expect(pin?.line).toBe(lastStepLine);
    expect(pin?.message).toContain(`"${DOCKERFILE_VERSION}"`);
    expectGoodFilesLinted(run);
  }, 120_000);
});
