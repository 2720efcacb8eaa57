import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintJson, makeSandbox, PROJECT_ROOT, readTree, runEslint, SCARCE_RUNNERS_CONFIG } from "./helpers/cli.js";

const FIXTURES = join(PROJECT_ROOT, "test", "fixtures");

function ruleCounts(results: ReturnType<typeof lintJson>["results"]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const messages of results.values()) {
    for (const message of messages) counts[message.ruleId ?? "fatal"] = (counts[message.ruleId ?? "fatal"] ?? 0) + 1;
  }
  return counts;
}

function toCrlf(dir: string, paths: string[]): void {
  for (const path of paths) writeFileSync(join(dir, path), readFileSync(join(dir, path), "utf8").replace(/\n/g, "\r\n"));
}

describe("the eslint CLI on the bundled example", () => {
  it("reports every drift and exits 1", () => {
    const dir = makeSandbox(join(PROJECT_ROOT, "examples", "uv-project"));
    const { status, results, stderr } = lintJson(dir);
    expect(stderr).toBe("");
    expect(status).toBe(1);
    expect(ruleCounts(results)).toEqual({
      "uv-ci/require-concurrency-per-ref": 2,
      "uv-ci/pin-setup-uv-version": 2,
      "uv-ci/uv-version-matches-dockerfile": 1,
      "uv-ci/dockerignore-keeps-python-version": 1,
    });
  });

  it("fixes every finding, exits 0, and a second --fix changes nothing", () => {
    const dir = makeSandbox(join(PROJECT_ROOT, "examples", "uv-project"));
    const first = runEslint(dir, ["--fix", "."]);
    expect(first.stdout).toBe("");
    expect(first.status).toBe(0);
    const tests = readFileSync(join(dir, ".github/workflows/tests.yml"), "utf8");
    expect(tests).toContain("\nconcurrency:\n  group: ${{ github.workflow }}-${{ github.ref }}\n  cancel-in-progress: true\n\njobs:\n");
    expect(tests).toContain("        uses: astral-sh/setup-uv@v8.2.0\n        with:\n          version: \"0.11.8\"\n");
    const afterFirst = readTree(dir);
    expect(readFileSync(join(dir, ".dockerignore"), "utf8")).not.toContain(".python-version");
    const second = runEslint(dir, ["--fix", "."]);
    expect(second.status).toBe(0);
    expect(readTree(dir)).toEqual(afterFirst);
  });
});

describe("the eslint CLI on a repository in another style", () => {
  for (const lineEnding of ["LF", "CRLF"] as const) {
    it(`finds and fixes 4-space, quoted, SHA-pinned and flow-style workflows (${lineEnding})`, () => {
      const dir = makeSandbox(join(FIXTURES, "styled-repo", "input"), SCARCE_RUNNERS_CONFIG);
      const expectedDir = makeSandbox(join(FIXTURES, "styled-repo", "expected"));
      const workflows = [".github/workflows/build.yaml", ".github/workflows/reusable.yml"];
      if (lineEnding === "CRLF") {
        toCrlf(dir, workflows);
        toCrlf(expectedDir, workflows);
      }
      const before = lintJson(dir);
      expect(before.status).toBe(1);
      expect(ruleCounts(before.results)).toEqual({
        "uv-ci/require-concurrency-per-ref": 1,
        "uv-ci/pin-setup-uv-version": 2,
        "uv-ci/uv-version-matches-dockerfile": 1,
      });
      expect(runEslint(dir, ["--fix", "."]).status).toBe(0);
      for (const workflow of workflows) {
        expect(readFileSync(join(dir, workflow), "utf8"), workflow).toBe(readFileSync(join(expectedDir, workflow), "utf8"));
      }
      const afterFirst = readTree(dir);
      expect(runEslint(dir, ["--fix", "."]).status).toBe(0);
      expect(readTree(dir)).toEqual(afterFirst);
    });
  }
});

describe("the eslint CLI on bad input", () => {
  it("reports malformed YAML as a parse error, still lints and fixes the other files, and never prints a stack trace", () => {
    const dir = makeSandbox(join(FIXTURES, "bad-input"));
    // A binary Dockerfile is skipped; the runner image's Containerfile still pins uv.
    writeFileSync(join(dir, ".github/runners/Dockerfile"), Buffer.from([0, 1, 2, 0xff, 0xfe, 10, 0x41, 0x52, 0x47, 0]));
    const { status, results, stderr } = lintJson(dir, ["--fix"]);
    expect(stderr).toBe("");
    expect(status).toBe(1);
    const malformed = results.get(".github/workflows/malformed.yml") ?? [];
    expect(malformed).toHaveLength(1);
    expect(malformed[0]).toMatchObject({ fatal: true, ruleId: null, line: 4 });
    expect(malformed[0]!.message).toMatch(/^Parsing error: /);
    for (const file of ["empty.yml", "list.yml", "scalar.yml"]) {
      expect(results.get(`.github/workflows/${file}`), file).toEqual([]);
    }
    expect(readFileSync(join(dir, ".github/workflows/good.yml"), "utf8")).toContain('version: "0.9.5"');
    const output = JSON.stringify([...results.values()]);
    expect(output).not.toMatch(/\n\s+at /);
  });
});
