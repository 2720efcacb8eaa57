// Unit tables for the helpers that decide what require-concurrency-per-ref, no-reusable-concurrency-deadlock
// and valid-ref-comparison report and write.
import { parseForESLint } from "yaml-eslint-parser";
import { describe, expect, it } from "vitest";
import {
  cancelsPullRequestsOnly,
  concurrencyGroupKeys,
  isLiteralGroup,
  keysOnBaseRefOnly,
  PULL_REQUEST_ONLY_GROUP,
  readsWorkflowName,
  showsLongRuns,
} from "../../src/workflow/concurrency.js";
import { contextPaths, literalComparisons, parseCondition, splitTemplate } from "../../src/workflow/expressions.js";
import { buildWorkflow } from "../../src/workflow/model.js";

const workflowOf = (text: string) => buildWorkflow({ ast: parseForESLint(text).ast, text });

describe("concurrencyGroupKeys", () => {
  it.each([
    ["${{ github.workflow }}-${{ github.ref }}", { workflow: true, ref: true }],
    ["${{ github.workflow }}-${{ github.head_ref || github.run_id }}", { workflow: true, ref: true }],
    ["${{ github.workflow_ref }}", { workflow: true, ref: true }],
    ["lint-${{ github.ref }}", { workflow: false, ref: true }],
    ["${{ github.workflow }}", { workflow: true, ref: false }],
    ["deploy", { workflow: false, ref: false }],
    [PULL_REQUEST_ONLY_GROUP, { workflow: true, ref: true }],
  ])("%s keys on %j", (group, keys) => {
    expect(concurrencyGroupKeys(group)).toEqual(keys);
  });

  it("counts literal text as naming the workflow only when asked", () => {
    expect(concurrencyGroupKeys("lint-${{ github.ref }}", true).workflow).toBe(true);
  });
});

describe("group helpers", () => {
  it.each([
    ["docs-deploy", true],
    ["${{ github.workflow }}", false],
    ["pages", true],
  ])("isLiteralGroup(%j) is %s", (group, literal) => {
    expect(isLiteralGroup(group)).toBe(literal);
  });

  it.each([
    ["${{ github.workflow }}-${{ github.ref }}", true],
    ["${{ github.workflow_ref }}", true],
    ["build-${{ github.ref }}", false],
    ["${{ inputs.workflow }}", false],
  ])("readsWorkflowName(%j) is %s", (group, reads) => {
    expect(readsWorkflowName(group)).toBe(reads);
  });

  it.each([
    ["${{ github.workflow }}-${{ github.ref }}", true],
    ["${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}", false],
  ])("keysOnBaseRefOnly(%j) is %s", (group, baseOnly) => {
    expect(keysOnBaseRefOnly(group)).toBe(baseOnly);
  });

  it.each([
    ["${{ github.event_name == 'pull_request' }}", true],
    ["${{github.event_name=='pull_request'}}", true],
    ["${{ github.event_name != 'push' || github.ref != 'refs/heads/main' }}", false],
    ["true", false],
  ])("cancelsPullRequestsOnly(%j) is %s", (value, only) => {
    expect(cancelsPullRequestsOnly(value)).toBe(only);
  });
});

describe("showsLongRuns", () => {
  const job = (lines: string[]): string => `on: [push, pull_request]\njobs:\n  a:\n${lines.map((line) => `    ${line}\n`).join("")}`;
  it.each([
    ["a matrix", job(["runs-on: ubuntu-latest", "strategy:", "  matrix:", "    py: [a, b]", "steps:", "  - run: echo"]), true],
    ["a self-hosted runner", job(["runs-on: [self-hosted, gpu]", "steps:", "  - run: echo"]), true],
    ["a 60-minute timeout", job(["runs-on: ubuntu-latest", "timeout-minutes: 60", "steps:", "  - run: echo"]), true],
    ["a test command", job(["runs-on: ubuntu-latest", "steps:", "  - run: uv run pytest -x"]), true],
    ["a reusable workflow call", job(["uses: ./.github/workflows/tests.yml"]), true],
    ["an image build action", job(["runs-on: ubuntu-latest", "steps:", "  - uses: docker/build-push-action@v6"]), true],
    ["a lint", job(["runs-on: ubuntu-latest", "steps:", "  - run: uvx ruff check"]), false],
    ["a test command only in a comment or a string", job(["runs-on: ubuntu-latest", "steps:", '  - run: echo "run pytest" # pytest']), false],
    ["a matrix job that runs only for tags", job(["if: startsWith(github.ref, 'refs/tags/')", "runs-on: ubuntu-latest", "strategy:", "  matrix:", "    os: [a, b]", "steps:", "  - run: cargo build"]), false],
  ])("%s: %s", (_name, text, long) => {
    expect(showsLongRuns(workflowOf(text))).toBe(long);
  });
});

describe("expressions", () => {
  it("splits text and expressions, a }} inside a quoted string included", () => {
    expect(splitTemplate("a-${{ format('{0}}}', github.ref) }}-b").map((part) => part.kind)).toEqual(["text", "expression", "text"]);
  });

  it("lists the context paths an expression reads, through indexes and functions", () => {
    const [part] = splitTemplate("${{ format('{0}', github['ref']) || github.event.pull_request.number }}");
    expect(part?.kind === "expression" && part.expression ? contextPaths(part.expression) : []).toEqual(["github.ref", "github.event.pull_request.number"]);
  });

  it.each([
    ["github.ref == 'main'", [{ path: "github.ref", operator: "==", value: "main", lexeme: "'main'" }]],
    ["${{ 'main' != github.ref_name }}", [{ path: "github.ref_name", operator: "!=", value: "main", lexeme: "'main'" }]],
    ["contains(github.ref, 'main')", []],
    ["github.ref == github.base_ref", []],
  ])("literalComparisons(parseCondition(%j))", (condition, comparisons) => {
    const expression = parseCondition(condition);
    expect(expression && literalComparisons(expression)).toEqual(comparisons);
  });

  it("parses an if: with or without ${{ }}, and not one that mixes text and expressions", () => {
    expect(parseCondition("github.ref == 'main'")).not.toBeNull();
    expect(parseCondition("${{ github.ref == 'main' }}")).not.toBeNull();
    expect(parseCondition("x ${{ github.ref }}")).toBeNull();
  });
});
