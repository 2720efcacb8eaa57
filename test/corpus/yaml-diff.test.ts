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

/** The same check on a pre-commit configuration: uv-version-matches-pre-commit moves uv-pre-commit's `rev`. */
describe("the corpus run's intended changes in a pre-commit configuration", () => {
  const config = (uvRev: string, ruffRev = "v0.9.6"): unknown[] => [
    {
      repos: [
        { repo: "https://github.com/astral-sh/ruff-pre-commit", rev: ruffRev, hooks: [{ id: "ruff" }] },
        { repo: "https://github.com/astral-sh/uv-pre-commit", rev: uvRev, hooks: [{ id: "uv-lock" }] },
      ],
    },
  ];
  const unintended = (before: unknown[], after: unknown[]) => yamlDiff.changedPaths(before, after).filter((path) => !yamlDiff.isIntendedChange(path, before, after));

  it("accepts uv-pre-commit's rev moved to an exact uv version", () => {
    expect(unintended(config("0.8.11"), config("0.9.4"))).toEqual([]);
  });

  it("counts another hook's rev, or a rev that is no version, as a changed meaning", () => {
    expect(unintended(config("0.8.11"), config("0.8.11", "v0.10.0"))).toHaveLength(1);
    expect(unintended(config("0.8.11"), config("main"))).toHaveLength(1);
  });
});

/** valid-ref-comparison's edit: a bare branch name beside `github.ref` completed to its ref. */
describe("the corpus run's intended changes in a ref comparison", () => {
  const workflow = (exclude: string): unknown[] => [{ jobs: { test: { strategy: { matrix: { runner: ["a", "b"], exclude: [{ runner: exclude }] } } } } }];
  const unintended = (before: unknown[], after: unknown[]) => yamlDiff.changedPaths(before, after).filter((path) => !yamlDiff.isIntendedChange(path, before, after));
  const expression = (ref: string, other = "'b'"): string => `\${{ (github.ref != 'refs/heads/main' && github.ref != ${ref}) && ${other} || '' }}`;

  it("accepts a branch name completed beside a ref already written in full", () => {
    expect(unintended(workflow(expression("'deps'")), workflow(expression("'refs/heads/deps'")))).toEqual([]);
  });

  it("counts any other change of the expression as a changed meaning", () => {
    expect(unintended(workflow(expression("'deps'")), workflow(expression("'refs/heads/deps'", "'a'")))).toHaveLength(1);
    expect(unintended(workflow(expression("'deps'")), workflow(expression("'refs/tags/deps'")))).toHaveLength(1);
  });
});
