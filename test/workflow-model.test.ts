import { parseForESLint } from "yaml-eslint-parser";
import { describe, expect, it } from "vitest";
import { buildWorkflow, getWorkflow } from "../src/workflow/model.js";
import { findSetupUvSteps, setupUvSteps } from "../src/workflow/setup-uv.js";

const source = (text: string) => ({ ast: parseForESLint(text).ast, text });

describe("getWorkflow", () => {
  it("keeps the linted file's model while other workflow files are read beside it", () => {
    const linted = source("on: push\njobs:\n  a:\n    steps:\n      - uses: astral-sh/setup-uv@v7\n");
    const model = getWorkflow(linted);
    const other = buildWorkflow(source("on: pull_request\njobs: {}\n"));
    expect(other.triggers).toEqual(["pull_request"]);
    expect(getWorkflow(linted)).toBe(model);
    expect(model.steps.map((step) => step.uses)).toEqual([{ kind: "action", owner: "astral-sh", repo: "setup-uv", path: "", ref: "v7" }]);
  });
});

describe("setupUvSteps", () => {
  it("keeps the linted file's setup-uv steps while other workflows' steps are found beside them", () => {
    const linted = getWorkflow(source("on: push\njobs:\n  a:\n    steps:\n      - uses: astral-sh/setup-uv@v7\n"));
    const steps = setupUvSteps(linted);
    const other = buildWorkflow(source("on: push\njobs:\n  b:\n    steps:\n      - uses: astral-sh/setup-uv@v6\n"));
    expect(findSetupUvSteps(other).map((step) => step.uses)).toEqual([{ kind: "action", owner: "astral-sh", repo: "setup-uv", path: "", ref: "v6" }]);
    expect(setupUvSteps(linted)).toBe(steps);
  });
});
