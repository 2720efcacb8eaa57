/**
 * The bad-input matrix runs the real `eslint` CLI on a sandbox repository that holds one bad thing
 * beside files that must still be linted as usual: a workflow with an unpinned setup-uv step and no
 * concurrency, a runner image (`.github/runners/Dockerfile`) pinning uv 0.9.5, built from the
 * repository root, and a `.dockerignore` that leaves the committed `.python-version` out of its build.
 * Its config turns on require-concurrency-per-ref too, so that every workflow rule meets the bad input.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join, relative } from "node:path";
import { expect } from "vitest";
import { makeSandbox, PROJECT_ROOT, SCARCE_RUNNERS_CONFIG } from "../helpers/cli.js";

export const DOCKERFILE_VERSION = "0.9.5";

/** A CI runner image pinning `version` and baking a uv cache, so that it is the workflows' source of truth. */
export const runnerImage = (version: string): string => `FROM python:3.12-slim\nARG UV_VERSION=${version}\nCOPY . /app\nRUN pip install uv==\${UV_VERSION} && cd /app && uv sync --frozen\n`;

export const GOOD_WORKFLOW = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: astral-sh/setup-uv@v7\n      - run: uv run pytest\n";

/** Files every sandbox holds unless a test replaces them. */
const GOOD_FILES: Record<string, string> = {
  ".github/workflows/good.yml": GOOD_WORKFLOW,
  ".github/runners/Dockerfile": runnerImage(DOCKERFILE_VERSION),
  ".python-version": "3.12\n",
  ".dockerignore": ".venv\n.python-version\n",
};

/** A second build context, `service/`, whose `.dockerignore` leaves its committed `.python-version` out of a uv build. */
export const SERVICE_FILES: Record<string, string> = {
  "service/Dockerfile": `FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:${DOCKERFILE_VERSION} /uv /bin/\nCOPY . /app\nRUN cd /app && uv sync\n`,
  "service/.python-version": "3.12\n",
  "service/.dockerignore": ".python-version\n",
};

export interface LintMessage {
  ruleId: string | null;
  message: string;
  line: number;
  fatal?: boolean;
}

export interface SandboxRun {
  dir: string;
  status: number | null;
  stdout: string;
  stderr: string;
  /** Messages per file, by path relative to the sandbox. */
  results: Map<string, LintMessage[]>;
}

const ESLINT_BIN = join(PROJECT_ROOT, "node_modules", "eslint", "bin", "eslint.js");
const sandboxes: string[] = [];

/** A sandbox with the good files plus `files` (a file set to null is left out); `prepare` adds what text cannot say. */
export function sandbox(files: Record<string, string | null>, prepare?: (dir: string) => void): string {
  const merged = Object.fromEntries(Object.entries({ ...GOOD_FILES, ...files }).filter((entry): entry is [string, string] => entry[1] !== null));
  const dir = makeSandbox(merged, SCARCE_RUNNERS_CONFIG);
  sandboxes.push(dir);
  prepare?.(dir);
  return dir;
}

/** Removes every sandbox made so far (for `afterAll`). */
export function removeSandboxes(): void {
  for (const dir of sandboxes.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs `eslint --format json [...args] <targets>` in the sandbox; a hung walk would fail the time limit, not block forever. */
export function lint(dir: string, args: string[] = [], targets: string[] = ["."]): SandboxRun {
  const run = spawnSync(process.execPath, [ESLINT_BIN, "--format", "json", ...args, ...targets], { cwd: dir, encoding: "utf8", timeout: 100_000, maxBuffer: 256 * 1024 * 1024 });
  const results = new Map<string, LintMessage[]>();
  if (run.stdout.startsWith("[")) {
    for (const result of JSON.parse(run.stdout) as { filePath: string; messages: LintMessage[] }[]) results.set(relative(dir, result.filePath), result.messages);
  }
  return { dir, status: run.status, stdout: run.stdout, stderr: run.stderr, results };
}

/** ESLint finished (exit 0 or 1, never 2 or a signal), said nothing on stderr and nowhere printed a stack trace. */
export function expectNoCrash(run: SandboxRun): void {
  expect(run.stderr).toBe("");
  expect([0, 1]).toContain(run.status);
  expect(run.stdout).not.toMatch(/\n\s+at |Oops! Something went wrong/);
  for (const messages of run.results.values()) {
    for (const message of messages) expect(message.message, "a one-line message").not.toMatch(/\n/);
  }
}

/** The messages of one file, which must have been linted. */
export function messagesOf(run: SandboxRun, path: string): LintMessage[] {
  const messages = run.results.get(path);
  expect(messages, `${path} was linted`).toBeDefined();
  return messages!;
}

/** The one fatal message of a file that does not parse: a single `Parsing error:` line, no rule. */
export function expectParseError(run: SandboxRun, path: string, text: RegExp): void {
  const messages = messagesOf(run, path);
  expect(messages).toHaveLength(1);
  expect(messages[0]).toMatchObject({ fatal: true, ruleId: null });
  expect(messages[0]!.message).toMatch(/^Parsing error: /);
  expect(messages[0]!.message).toMatch(text);
}

/** The good workflow and a good `.dockerignore` were linted as usual, the workflow against the Dockerfile's pin. */
export function expectGoodFilesLinted(run: SandboxRun, dockerignore = ".dockerignore", version: string | null = DOCKERFILE_VERSION): void {
  const workflow = messagesOf(run, ".github/workflows/good.yml");
  expect(workflow.map((message) => message.ruleId)).toEqual(expect.arrayContaining(["uv-ci/require-concurrency-per-ref", "uv-ci/pin-setup-uv-version"]));
  const pin = workflow.find((message) => message.ruleId === "uv-ci/pin-setup-uv-version")!;
  if (version) expect(pin.message).toContain(`"${version}"`);
  else expect(pin.message).toMatch(/this rule's `version` option/);
  expect(messagesOf(run, dockerignore).map((message) => message.ruleId)).toContain("uv-ci/dockerignore-keeps-python-version");
}
