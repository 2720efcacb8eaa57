import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/cli.js";
import { CORPUS_DIR, HAS_CORPUS } from "../helpers/corpus.js";

describe.skipIf(!HAS_CORPUS)("the corpus reliability run (scripts/corpus.js)", () => {
  it("fixes every real repository with 0 in every bad column", () => {
    const run = spawnSync(process.execPath, [join(PROJECT_ROOT, "scripts", "corpus.js"), CORPUS_DIR], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.stdout).not.toMatch(/^BAD /m);
    expect(run.stdout).toMatch(/\| repositories \| [1-9]\d* \|/);
    expect(run.stdout).toMatch(/corpus: every bad count is 0/);
    expect(run.status).toBe(0);
  }, 300_000);
});
