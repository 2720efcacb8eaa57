import { describe, expect, it } from "vitest";
import { yamlDiff } from "../property/workflow-fix.js";

/** The corpus run's check of what a fix may change (scripts/lib/yaml-diff.js), on a composite action's steps. */
describe("the corpus run's intended changes in a composite action", () => {
  const action = (setupUv: object, other: object): unknown[] => [{ runs: { using: "composite", steps: [setupUv, other] } }];
  const before = action({ uses: "astral-sh/setup-uv@v7" }, { run: "uv sync", shell: "bash" });

  it("accepts a suffix added to the action's setup-uv step, as in a workflow's", () => {
    const after = action({ uses: "astral-sh/setup-uv@v7", with: { "cache-suffix": "${{ github.workflow }}" } }, { run: "uv sync", shell: "bash" });
    const paths = yamlDiff.changedPaths(before, after);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((path) => !yamlDiff.isIntendedChange(path, before, after))).toEqual([]);
  });

  it("counts an edit of another step as a changed meaning", () => {
    const after = action({ uses: "astral-sh/setup-uv@v7" }, { run: "uv sync --all-extras", shell: "bash" });
    expect(yamlDiff.changedPaths(before, after).filter((path) => !yamlDiff.isIntendedChange(path, before, after))).toHaveLength(1);
  });
});
