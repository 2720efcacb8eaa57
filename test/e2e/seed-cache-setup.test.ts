import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import { lintJson, makeSandbox, PROJECT_ROOT, readTree, runEslint } from "../helpers/cli.js";

/**
 * The setup-uv cache-key, setup-uv ref, required-version and local-state rules through the real
 * `eslint` CLI, on a repository laid out like the seed PR's at the commit that turned the uv cache
 * on: two workflows on the self-hosted pool with `enable-cache: true` and no `cache-suffix`, here
 * with `prune-cache: false` (the seed's v7 pruned by default, which leaves a shared key harmless).
 * The local-state rule stays silent: the seed's `.dockerignore` keeps `.env`, `.venv`, `.git` and
 * `.claude` out, and `.env.*` alone, variants of an excluded `.env`, is not worth a report.
 */

const FIXTURE = join(PROJECT_ROOT, "test", "fixtures", "seed-cache-setup");
const FILES = [".dockerignore", ".github/workflows/check-pr-title.yml", ".github/workflows/unit-tests.yml", ".github/workflows/docs.yml", ".github/workflows/release.yml"];
const RULES = ["setup-uv-cache-suffix", "valid-setup-uv-ref", "no-unverified-uv-download", "dockerignore-excludes-local-state", "uv-version-matches-pyproject"];

function ruleCounts(results: ReturnType<typeof lintJson>["results"]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const messages of results.values()) {
    for (const message of messages) counts[message.ruleId ?? "fatal"] = (counts[message.ruleId ?? "fatal"] ?? 0) + 1;
  }
  return counts;
}

describe("configs", () => {
  // A rule for workflows and composite actions is on in both entries: counted once.
  const enabled = (preset: "recommended" | "strict"): string[] => [
    ...new Set(plugin.configs[preset].flatMap((config) => Object.keys(config.rules ?? {})).filter((name) => RULES.includes(name.slice("uv-ci/".length)))),
  ];

  it("recommended turns on the rules for refs that cannot resolve and versions uv refuses", () => {
    expect(enabled("recommended").sort()).toEqual(["uv-ci/uv-version-matches-pyproject", "uv-ci/valid-setup-uv-ref"]);
  });

  it("strict adds no-unverified-uv-download; setup-uv-cache-suffix and dockerignore-excludes-local-state are opt-in, and the fixture turns them on by name", () => {
    expect(enabled("strict").sort()).toEqual(["uv-ci/no-unverified-uv-download", "uv-ci/uv-version-matches-pyproject", "uv-ci/valid-setup-uv-ref"]);
  });
});

describe("the eslint CLI on the seed PR's cache setup", () => {
  for (const lineEnding of ["LF", "CRLF"] as const) {
    it(`reports each rule, fixes what is safe, and a second --fix changes nothing (${lineEnding})`, () => {
      const dir = makeSandbox(join(FIXTURE, "input"));
      const expectedDir = makeSandbox(join(FIXTURE, "expected"));
      if (lineEnding === "CRLF") {
        for (const root of [dir, expectedDir]) {
          for (const file of FILES) writeFileSync(join(root, file), readFileSync(join(root, file), "utf8").replace(/\n/g, "\r\n"));
        }
      }
      const before = lintJson(dir);
      expect(before.stderr).toBe("");
      expect(before.status).toBe(1);
      expect(ruleCounts(before.results)).toEqual({
        // unit-tests lacks torch and transformers in the cache check-title saves; check-title lacks nothing.
        "uv-ci/setup-uv-cache-suffix": 1,
        "uv-ci/uv-version-matches-pyproject": 1,
        // `@v9` does not exist; the seed's v7 (v7.6.0, checksums up to uv 0.10.10) installs uv 0.11.8 unverified, twice.
        "uv-ci/valid-setup-uv-ref": 1,
        "uv-ci/no-unverified-uv-download": 2,
      });
      const suffix = before.results.get(join(".github", "workflows", "unit-tests.yml"))?.[0];
      expect(suffix).toMatchObject({ ruleId: "uv-ci/setup-uv-cache-suffix", line: 17, column: 15 });
      expect(suffix?.message).toContain("job `check-title` in `.github/workflows/check-pr-title.yml`");

      // valid-setup-uv-ref only suggests and no-unverified-uv-download only reports: which release to pin is the user's call.
      expect(runEslint(dir, ["--fix", "."]).status).toBe(1);
      for (const file of FILES) expect(readFileSync(join(dir, file), "utf8"), file).toBe(readFileSync(join(expectedDir, file), "utf8"));
      const after = lintJson(dir);
      // The required-version fix moves check-pr-title's uv to 0.11.8 as well: one more uv that v7 cannot verify.
      expect(ruleCounts(after.results)).toEqual({ "uv-ci/valid-setup-uv-ref": 1, "uv-ci/no-unverified-uv-download": 3 });

      const afterFirst = readTree(dir);
      expect(runEslint(dir, ["--fix", "."]).status).toBe(1);
      expect(readTree(dir)).toEqual(afterFirst);
    });
  }

  it("needs no suffix on the one workflow whose key nothing else shares any more", () => {
    const dir = makeSandbox(join(FIXTURE, "expected"));
    const docs = join(dir, ".github", "workflows", "docs.yml");
    writeFileSync(docs, readFileSync(docs, "utf8").replace("          cache-suffix: docs\n", ""));
    const counts = ruleCounts(lintJson(dir).results);
    // docs.yml shares with nobody: both others now carry `${{ github.workflow }}`.
    expect(counts["uv-ci/setup-uv-cache-suffix"]).toBeUndefined();
  });
});
