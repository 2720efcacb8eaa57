import { mkdirSync, mkdtempSync, realpathSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ESLint, type Linter } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import { clearDockerfileCaches } from "../../src/docker/dockerfiles.js";
import { clearUvPinCache } from "../../src/docker/uv-pins.js";
import plugin from "../../src/index.js";
import { jobText, REF_CONCURRENCY, setupUvStep, step, workflowHeader } from "../../scripts/lib/synthetic-workflows.js";

/**
 * Structural checks behind the scaling numbers of `npm run bench` (docs/performance.md). Timing
 * belongs to the bench, not to tests: here the Dockerfile work is shown to happen once per process
 * by changing the tree behind the plugin's back, and a huge workflow is shown to get exactly the
 * findings and fixes of its parts.
 */

const trees: string[] = [];
afterAll(() => {
  for (const tree of trees) rmSync(tree, { recursive: true, force: true });
});

function makeRepository(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "uv-ci-scaling-")));
  trees.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const WORKFLOW_RULES = plugin.configs.recommended.filter((config) => config.language === "yml/yaml") as Linter.Config[];
const MATCHES_DOCKERFILE = "uv-ci/uv-version-matches-dockerfile";

describe("Dockerfile discovery and reading", () => {
  /** A fixed modification time, so that a rewrite of the same size looks unchanged to a stat. */
  const STAMP = 1_700_000_000;
  /** A CI runner image pinning uv `version` and baking a uv cache. */
  const pinning = (version: string): string => `FROM python:3.12-slim\nARG UV_VERSION=${version}\nRUN uv sync\n`;
  const RUNNER = ".github/runners/Dockerfile";

  /**
   * A rule that, once the first workflow has been checked, rewrites the runner image to pin
   * 0.9.6 (same size and mtime, so only a fresh read would see it) and adds a second runner image
   * pinning 0.9.7 (so only a fresh walk would find it).
   */
  function treeChanger(root: string): ESLint.Plugin {
    let changed = false;
    return {
      meta: { name: "test-tree-changer" },
      rules: {
        "change-tree": {
          meta: { type: "problem", languages: ["yml/yaml"], schema: [] },
          create: () => ({
            "Program:exit"() {
              if (changed) return;
              changed = true;
              writeFileSync(join(root, RUNNER), pinning("0.9.6"));
              utimesSync(join(root, RUNNER), STAMP, STAMP);
              mkdirSync(join(root, ".github", "docker"));
              writeFileSync(join(root, ".github", "docker", "Dockerfile"), pinning("0.9.7"));
            },
          }),
        },
      },
    };
  }

  function lintWorkflows(root: string, files: string[], extra: Linter.Config[] = []): Promise<ESLint.LintResult[]> {
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [...WORKFLOW_RULES, ...extra] });
    return eslint.lintFiles(files);
  }

  /** The uv-version-matches-dockerfile message of each workflow. */
  function dockerfileMessages(results: ESLint.LintResult[]): string[] {
    return results.map((result) => {
      const messages = result.messages.filter((message) => message.ruleId === MATCHES_DOCKERFILE);
      expect(messages, result.filePath).toHaveLength(1);
      return messages[0]!.message;
    });
  }

  it("happen once per process, however many workflows are linted", async () => {
    const files: Record<string, string> = { [RUNNER]: pinning("0.9.5") };
    for (let index = 0; index < 100; index++) {
      files[`.github/workflows/wf-${index}.yml`] =
        `on: push\njobs:\n  test-${index}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.9.0"\n`;
    }
    const root = makeRepository(files);
    utimesSync(join(root, RUNNER), STAMP, STAMP);
    const workflows = Object.keys(files).filter((path) => path.endsWith(".yml"));
    const changer = { plugins: { "test-tree-changer": treeChanger(root) }, rules: { "test-tree-changer/change-tree": "error" as const } };

    // The first workflow fills the caches, then the tree changes; the other 99 must not notice.
    const first = dockerfileMessages(await lintWorkflows(root, workflows, [{ files: ["**/*.yml"], ...changer }]));
    expect(first).toHaveLength(100);
    for (const message of first) {
      expect(message).toContain("0.9.5");
      expect(message).not.toMatch(/0\.9\.[67]/);
    }

    // A second lint of the 100 workflows, by a new ESLint instance, reads nothing again either.
    const second = dockerfileMessages(await lintWorkflows(root, workflows));
    expect(second).toEqual(first);

    // Control: with the caches cleared, the same lint does see the changed tree.
    clearDockerfileCaches();
    clearUvPinCache();
    const fresh = dockerfileMessages(await lintWorkflows(root, workflows));
    for (const message of fresh) expect(message).toMatch(/0\.9\.[67]/);
  });
});

describe("a workflow of 10,000 steps", () => {
  const HEADER = workflowHeader({ name: "scale", env: { UV_VERSION: "0.9.5" }, concurrency: REF_CONCURRENCY });

  /** Step templates that cover every workflow rule's findings, fixes and suggestions. */
  const STEPS = [
    step("uses: actions/checkout@v4"),
    setupUvStep(),
    setupUvStep(['version: "0.9.0"']),
    setupUvStep(['version: "0.9.5"', "enable-cache: true"]),
    setupUvStep(["version: latest"]),
    setupUvStep(["version: 0.9"]),
    setupUvStep(["version: ${{ env.UV_VERSION }}"]),
    setupUvStep(["version: ${{ matrix.uv }}"]),
    setupUvStep(["version-file: missing/uv.toml"]),
    step("name: Test", "run: |", "  uv sync --locked", "  uv run pytest"),
    setupUvStep(['{ version: "0.8.0", enable-cache: true }']),
    setupUvStep([], "main"),
    setupUvStep(["version: '>=0.9'"]),
  ];

  /** Job `index` with 100 steps; a third of the jobs run a uv matrix, a quarter override `env`. */
  function job(index: number): string {
    return jobText({
      id: `job-${index}`,
      matrix: index % 3 === 0 ? { uv: ["0.9.5", "0.9.1"] } : undefined,
      env: index % 4 === 1 ? { UV_VERSION: "0.9.2" } : undefined,
      steps: Array.from({ length: 100 }, (_, position) => STEPS[(index * 7 + position * 5 + ((position * position) % 11)) % STEPS.length]!),
    });
  }

  const lineCount = (text: string): number => text.split("\n").length - 1;

  /** A message as a comparable string, its lines and offsets moved by the given amounts. */
  function shifted(message: Linter.LintMessage, lines: number, offset: number): string {
    const move = (fix: { range: [number, number]; text: string } | undefined) =>
      fix && { range: [fix.range[0] + offset, fix.range[1] + offset], text: fix.text };
    return JSON.stringify({
      ruleId: message.ruleId,
      messageId: message.messageId,
      message: message.message,
      line: message.line + lines,
      column: message.column,
      endLine: message.endLine === undefined ? undefined : message.endLine + lines,
      endColumn: message.endColumn,
      fix: move(message.fix),
      suggestions: message.suggestions?.map((suggestion) => ({ desc: suggestion.desc, fix: move(suggestion.fix) })),
    });
  }

  it("gets exactly the findings and fixes of its 100 jobs linted one by one", async () => {
    const root = makeRepository({ ".github/runners/Dockerfile": "FROM python:3.12-slim\nARG UV_VERSION=0.9.5\nRUN uv sync\n" });
    const jobs = Array.from({ length: 100 }, (_, index) => job(index));
    const whole = HEADER + jobs.join("");
    expect(whole.split("\n      - ").length - 1).toBe(10_000);

    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: WORKFLOW_RULES });
    const fixing = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: WORKFLOW_RULES, fix: true });
    const lint = async (instance: ESLint, text: string, name: string) =>
      (await instance.lintText(text, { filePath: join(root, ".github", "workflows", name) }))[0]!;

    const wholeResult = await lint(eslint, whole, "whole.yml");
    expect(wholeResult.fatalErrorCount).toBe(0);
    const headerLines = lineCount(HEADER);
    const expected: string[] = [];
    const fixedParts: string[] = [];
    let linesBefore = 0;
    let offsetBefore = 0;
    for (const [index, text] of jobs.entries()) {
      const part = await lint(eslint, HEADER + text, `part-${index}.yml`);
      for (const message of part.messages) {
        // Findings on the shared header would appear once in the whole and once per part.
        if (message.line <= headerLines) continue;
        expected.push(shifted(message, linesBefore, offsetBefore));
      }
      const fixed = (await lint(fixing, HEADER + text, `part-${index}.yml`)).output ?? HEADER + text;
      expect(fixed.startsWith(HEADER)).toBe(true);
      fixedParts.push(fixed.slice(HEADER.length));
      linesBefore += lineCount(text);
      offsetBefore += text.length;
    }
    const actual = wholeResult.messages.filter((message) => message.line > headerLines).map((message) => shifted(message, 0, 0));
    expect(actual.length).toBeGreaterThan(5_000);
    expect(actual.sort()).toEqual(expected.sort());

    const fixedWhole = (await lint(fixing, whole, "whole.yml")).output;
    expect(fixedWhole).toBeDefined();
    expect(fixedWhole).not.toBe(whole);
    expect(fixedWhole).toBe(HEADER + fixedParts.join(""));
  }, 240_000);
});
