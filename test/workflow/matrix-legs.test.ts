// Unit table for the matrix expansion setup-uv-matrix-cache-suffix compares legs with.
import { parseForESLint } from "yaml-eslint-parser";
import { describe, expect, it } from "vitest";
import { legValue, matrixLegs, matrixPathsIn } from "../../src/workflow/matrix-legs.js";
import { buildWorkflow } from "../../src/workflow/model.js";

/** The legs of a one-job workflow whose matrix is `matrix` (lines at 6 spaces), as plain objects. */
function legsOf(matrix: string): Record<string, string>[] | null {
  const text = `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n${matrix}    steps:\n      - run: true\n`;
  const legs = matrixLegs(buildWorkflow({ ast: parseForESLint(text).ast, text }).jobs[0]!);
  return legs && legs.map((leg) => Object.fromEntries(leg));
}

describe("matrixLegs", () => {
  it("multiplies the listed keys", () => {
    expect(legsOf("        os: [ubuntu, macos]\n        python: ['3.12', '3.13']\n")).toEqual([
      { os: "ubuntu", python: "3.12" },
      { os: "ubuntu", python: "3.13" },
      { os: "macos", python: "3.12" },
      { os: "macos", python: "3.13" },
    ]);
  });

  it("removes the legs an `exclude` entry matches, in part or whole", () => {
    expect(legsOf("        os: [ubuntu, macos]\n        python: ['3.12', '3.13']\n        exclude:\n          - os: macos\n            python: '3.12'\n")).toEqual([
      { os: "ubuntu", python: "3.12" },
      { os: "ubuntu", python: "3.13" },
      { os: "macos", python: "3.13" },
    ]);
  });

  it("adds an `include` entry to the legs whose original values it keeps, else as a leg of its own", () => {
    // `tox: all` overwrites nothing, so every leg gets it; `python: '3.14'` would overwrite both, so it is a leg of its own.
    expect(legsOf("        python: ['3.12', '3.13']\n        include:\n          - tox: all\n          - python: '3.13'\n            extra: free\n          - python: '3.14'\n")).toEqual([
      { python: "3.12", tox: "all" },
      { python: "3.13", tox: "all", extra: "free" },
      { python: "3.14" },
    ]);
  });

  it("reads GitHub's 3.10 as YAML does: the number 3.1", () => {
    expect(legsOf("        python: [3.10, '3.10']\n")).toEqual([{ python: "3.1" }, { python: "3.10" }]);
  });

  it("keeps a mapping value as JSON, readable at a nested path", () => {
    const legs = legsOf("        config:\n          - { python: '3.13', os: windows-latest }\n");
    expect(legs).toEqual([{ config: '{"python":"3.13","os":"windows-latest"}' }]);
    expect(legValue(new Map(Object.entries(legs![0]!)), "matrix.config.python")).toBe("3.13");
    expect(legValue(new Map(Object.entries(legs![0]!)), "matrix.config.arch")).toBeUndefined();
  });

  it("does not expand more legs than GitHub runs (256)", () => {
    const values = `[${Array.from({ length: 17 }, (_, index) => index).join(", ")}]`;
    expect(legsOf(`        a: ${values}\n        b: ${values}\n`)).toBeNull();
    expect(legsOf(`        a: ${values}\n        b: [1]\n`)).toHaveLength(17);
  });

  it.each([
    ["        python: ${{ fromJson(inputs.pythons) }}\n"],
    ["        python: ['3.12']\n        include: ${{ fromJson(inputs.extra) }}\n"],
  ])("does not know the legs an expression builds: %s", (matrix) => {
    expect(legsOf(matrix)).toBeNull();
  });
});

describe("matrixPathsIn", () => {
  it.each([
    ["${{ matrix.python }}", ["matrix.python"]],
    ["py${{ matrix.config.python }}-${{ github.job }}", ["matrix.config.python"]],
    ["${{ matrix.os || 'ubuntu-latest' }}", ["matrix.os"]],
    ["3.12", []],
  ])("%s reads %j", (text, paths) => {
    expect(matrixPathsIn(text)).toEqual(paths);
  });
});
