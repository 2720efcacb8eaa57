import { rmSync } from "node:fs";
import { relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REF_CONCURRENCY, setupUvStep, step, workflowText } from "../../scripts/lib/synthetic-workflows.js";
import { makeSandbox, readTree, runEslint, SCARCE_RUNNERS_CONFIG } from "../helpers/cli.js";

/**
 * ESLint's multithreaded mode (`--concurrency`, ESLint 9.34+) lints files in worker threads, each
 * with its own copy of the plugin and of its per-process Dockerfile caches. These tests show that
 * findings and fixes do not depend on it. `auto` starts no worker below 51 files or on a machine
 * with fewer than 4 cores, so the comparison uses an explicit thread count.
 */

const sandboxes: string[] = [];
afterAll(() => {
  for (const dir of sandboxes) rmSync(dir, { recursive: true, force: true });
});

const DOCKERFILE = "FROM python:3.12-slim\nARG UV_VERSION=0.9.5\nRUN pip install uv==${UV_VERSION}\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/\n";

const CONCURRENCY_BLOCKS = ["", REF_CONCURRENCY, "concurrency: ci\n", "concurrency:\n  group: ${{ github.ref }}\n"];

const SETUP_UV_STEPS = [
  setupUvStep(),
  setupUvStep(['version: "0.9.0"']),
  setupUvStep(['version: "0.9.5"', "enable-cache: true"]),
  setupUvStep(["version: latest"]),
  setupUvStep(["version-file: pyproject.toml"]),
  setupUvStep([], "main"),
];

/** Workflow `index` of the generated repository: a different mix of findings in each. */
function workflow(index: number): string {
  const steps = [step("uses: actions/checkout@v4"), SETUP_UV_STEPS[index % SETUP_UV_STEPS.length]!, step("run: uv run pytest")];
  if (index % 5 === 0) steps.push(SETUP_UV_STEPS[(index + 1) % SETUP_UV_STEPS.length]!);
  const eol = index % 7 === 3 ? "\r\n" : "\n";
  const text = workflowText({ name: `wf-${index}`, concurrency: CONCURRENCY_BLOCKS[index % CONCURRENCY_BLOCKS.length] }, [{ id: "test", steps }]);
  return text.replace(/\n/g, eol);
}

/** A repository of 30 workflows, one Dockerfile, a .dockerignore and a pyproject.toml. */
function repositoryFiles(): Record<string, string> {
  const files: Record<string, string> = {
    Dockerfile: DOCKERFILE,
    ".dockerignore": ".venv\n*.pyc\n",
    "pyproject.toml": '[project]\nname = "demo"\nversion = "0.1.0"\n\n[tool.uv]\nrequired-version = ">=0.9.5"\n',
  };
  for (let index = 0; index < 30; index++) files[`.github/workflows/wf-${String(index).padStart(2, "0")}.yml`] = workflow(index);
  return files;
}

function sandbox(): string {
  const dir = makeSandbox(repositoryFiles(), SCARCE_RUNNERS_CONFIG);
  sandboxes.push(dir);
  return dir;
}

interface JsonResult {
  filePath: string;
  [key: string]: unknown;
}

/** The JSON formatter's results with paths relative to the sandbox, sorted by path. */
function normalisedResults(dir: string, stdout: string): JsonResult[] {
  return (JSON.parse(stdout) as JsonResult[])
    .map((result) => ({ ...result, filePath: relative(dir, result.filePath) }))
    .sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
}

describe("eslint --concurrency", () => {
  it("reports the same findings with worker threads as in one thread", () => {
    const dir = sandbox();
    const single = runEslint(dir, ["--format", "json", "--concurrency", "off", "."]);
    const threaded = runEslint(dir, ["--format", "json", "--concurrency", "2", "."]);
    const auto = runEslint(dir, ["--format", "json", "--concurrency", "auto", "."]);
    expect(single.status).toBe(1);
    const expected = normalisedResults(dir, single.stdout);
    expect(expected.length).toBeGreaterThanOrEqual(32);
    expect(expected.flatMap((result) => result.messages as unknown[]).length).toBeGreaterThan(10);
    expect(threaded.status).toBe(single.status);
    expect(normalisedResults(dir, threaded.stdout)).toEqual(expected);
    expect(auto.status).toBe(single.status);
    expect(normalisedResults(dir, auto.stdout)).toEqual(expected);
  });

  it("writes the same fixes with worker threads as in one thread", () => {
    const singleDir = sandbox();
    const threadedDir = sandbox();
    const before = readTree(singleDir);
    const single = runEslint(singleDir, ["--fix", "--format", "json", "--concurrency", "off", "."]);
    const threaded = runEslint(threadedDir, ["--fix", "--format", "json", "--concurrency", "2", "."]);
    const fixed = readTree(singleDir);
    // Enough files change for a difference between threads to show (fewer than before the precision work: schedule- and tag-only workflows get no concurrency fix now).
    expect(Object.keys(fixed).filter((path) => fixed[path] !== before[path]).length).toBeGreaterThan(5);
    expect(readTree(threadedDir)).toEqual(fixed);
    expect(threaded.status).toBe(single.status);
    expect(normalisedResults(threadedDir, threaded.stdout)).toEqual(normalisedResults(singleDir, single.stdout));
  });
});
