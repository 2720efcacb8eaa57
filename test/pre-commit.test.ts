import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT, writeFiles } from "./helpers/cli.js";

/**
 * The hook in .pre-commit-hooks.yaml, run by the real `pre-commit` (Debian's package) the way a
 * user's repository runs it: `repo:` is a git clone of this project at a commit, so pre-commit's
 * `language: node` runs `npm install` in the clone, `npm pack` (whose `prepack` builds dist/) and a
 * global install of the tarball into its own environment, then `uv-ci-lint` from there. The only
 * difference from a GitHub-hosted repo is the clone's URL, a local path. npm reads its cache first
 * (prefer-offline) but fetches what is missing from the registry.
 */

const IN_CI = process.env.CI === "true";
const PRE_COMMIT = findOnPath("pre-commit");
const SKIP_REASON = "pre-commit is not installed (apt-get install pre-commit; .ci/run installs it)";
if (!PRE_COMMIT && !IN_CI) console.warn(`pre-commit hook tests skipped: ${SKIP_REASON}.`);

const EXAMPLE = join(PROJECT_ROOT, "examples", "uv-project");
const GIT_IDENTITY = ["-c", "user.name=uv-ci test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"];

function findOnPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, command);
    if (spawnSync("test", ["-x", candidate]).status === 0) return candidate;
  }
  return null;
}

/** The environment of every command here: no GIT_* from an outer git, a private pre-commit home. */
function environment(preCommitHome: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("GIT_")) env[key] = value;
  return {
    ...env,
    PRE_COMMIT_HOME: preCommitHome,
    PRE_COMMIT_COLOR: "never",
    npm_config_prefer_offline: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
  };
}

function run(command: string, args: string[], options: SpawnSyncOptions): { status: number | null; output: string } {
  const result = spawnSync(command, args, { encoding: "utf8", ...options });
  if (result.error) throw result.error;
  return { status: result.status, output: `${String(result.stdout)}${String(result.stderr)}` };
}

function git(cwd: string, env: NodeJS.ProcessEnv, args: string[]): string {
  const result = run("git", [...GIT_IDENTITY, ...args], { cwd, env });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed in ${cwd}:\n${result.output}`);
  return result.output.trim();
}

/** A git repository holding this project's files as `git clone` would give them, committed. */
function hookRepository(env: NodeJS.ProcessEnv): { path: string; rev: string } {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-hook-repo-"));
  // Tracked files and new ones not ignored: what the next commit of this working tree would hold.
  const files = git(PROJECT_ROOT, env, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]).split("\0").filter(Boolean);
  for (const file of files) {
    try {
      cpSync(join(PROJECT_ROOT, file), join(dir, file), { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error; // deleted but not yet staged
    }
  }
  git(dir, env, ["init", "--quiet"]);
  git(dir, env, ["add", "--all"]);
  git(dir, env, ["commit", "--quiet", "--message", "hook repository"]);
  return { path: dir, rev: git(dir, env, ["rev-parse", "HEAD"]) };
}

/** The seed's situation in a Python repository: tests.yml installs the newest uv and cancels nothing. */
function drifted(): Record<string, string> {
  return {
    ".github/workflows/tests.yml": readFileSync(join(EXAMPLE, ".github/workflows/tests.yml"), "utf8"),
    ".github/runners/Dockerfile": readFileSync(join(EXAMPLE, ".github/runners/Dockerfile"), "utf8"),
    "pyproject.toml": readFileSync(join(EXAMPLE, "pyproject.toml"), "utf8"),
    ".dockerignore": ".venv\n__pycache__/\n",
    "README.md": "# A Python project\n",
  };
}

/** The seed's repository runs CI on scarce runners: it turns on require-concurrency-per-ref (configs.strict) through the hook's args. */
const CONCURRENCY_ARGS = ["--rule", "'uv-ci/require-concurrency-per-ref: error'"];

function remoteHookConfig(repo: { path: string; rev: string }, args: string[] = []): string {
  const argsLine = args.length > 0 ? `\n        args: [${args.join(", ")}]` : "";
  return `repos:\n  - repo: ${repo.path}\n    rev: ${repo.rev}\n    hooks:\n      - id: uv-ci-lint${argsLine}\n`;
}

const describeWithPreCommit = PRE_COMMIT || IN_CI ? describe : describe.skip;

describeWithPreCommit(`the pre-commit hook${PRE_COMMIT || IN_CI ? "" : ` (skipped: ${SKIP_REASON})`}`, () => {
  let env: NodeJS.ProcessEnv;
  let target: string;
  let repo: { path: string; rev: string };
  let preCommitHome: string | undefined;

  function preCommit(args: string[]): { status: number | null; output: string } {
    return run("pre-commit", args, { cwd: target, env });
  }

  beforeAll(() => {
    if (!PRE_COMMIT) throw new Error(`CI=true but ${SKIP_REASON}: the hook cannot be tested.`);
    preCommitHome = mkdtempSync(join(tmpdir(), "uv-ci-pre-commit-home-"));
    env = environment(preCommitHome);
    repo = hookRepository(env);
    target = mkdtempSync(join(tmpdir(), "uv-ci-pre-commit-target-"));
    writeFiles(target, { ...drifted(), ".pre-commit-config.yaml": remoteHookConfig(repo, CONCURRENCY_ARGS) });
    git(target, env, ["init", "--quiet"]);
    git(target, env, ["add", "--all"]);
    // Clones the hook repository and builds its node environment: the slow part, done once.
    const install = preCommit(["install-hooks"]);
    if (install.status !== 0) throw new Error(`pre-commit install-hooks failed:\n${install.output}`);
  }, 240_000);

  // The hook's node environment is some 70 MB.
  afterAll(() => {
    if (preCommitHome) rmSync(preCommitHome, { recursive: true, force: true });
  });

  it("fails on the drifted workflow and prints the findings", () => {
    const result = preCommit(["run", "--all-files"]);
    expect(result.status, result.output).toBe(1);
    expect(result.output).toMatch(/uv-ci-lint\.+Failed/);
    expect(result.output).toContain("uv-ci/require-concurrency-per-ref");
    expect(result.output).toContain("uv-ci/pin-setup-uv-version");
    expect(result.output).toContain('Pin `version: "0.11.8"`');
  });

  it("runs when only a Dockerfile is staged, and checks the workflows against it; skips unrelated files", () => {
    const dockerfileOnly = preCommit(["run", "--files", ".github/runners/Dockerfile"]);
    expect(dockerfileOnly.status, dockerfileOnly.output).toBe(1);
    expect(dockerfileOnly.output).toContain(".github/workflows/tests.yml");
    const readmeOnly = preCommit(["run", "--files", "README.md"]);
    expect(readmeOnly.status, readmeOnly.output).toBe(0);
    expect(readmeOnly.output).toMatch(/uv-ci-lint\.+\(no files to check\)Skipped/);
  });

  it("with args: [--fix] writes the fixes (pre-commit fails because files changed), and then passes", () => {
    writeFileSync(join(target, ".pre-commit-config.yaml"), remoteHookConfig(repo, ["--fix", ...CONCURRENCY_ARGS]));
    git(target, env, ["add", "--all"]);
    const fixing = preCommit(["run", "--all-files"]);
    expect(fixing.status, fixing.output).toBe(1);
    expect(fixing.output).toContain("files were modified by this hook");
    const tests = readFileSync(join(target, ".github/workflows/tests.yml"), "utf8");
    expect(tests).toContain("concurrency:\n  group: ${{ github.workflow }}-${{ github.ref }}\n  cancel-in-progress: true\n");
    expect(tests).toContain('        uses: astral-sh/setup-uv@v8.2.0\n        with:\n          version: "0.11.8"\n');

    writeFileSync(join(target, ".pre-commit-config.yaml"), remoteHookConfig(repo, CONCURRENCY_ARGS));
    git(target, env, ["add", "--all"]);
    const clean = preCommit(["run", "--all-files"]);
    expect(clean.status, clean.output).toBe(0);
    expect(clean.output).toMatch(/uv-ci-lint\.+Passed/);
  });

  it("works as a `repo: local` hook of a project that installs the plugin with npm (docs/ci.md)", () => {
    const local = mkdtempSync(join(tmpdir(), "uv-ci-pre-commit-local-"));
    const hooks = readFileSync(join(PROJECT_ROOT, ".pre-commit-hooks.yaml"), "utf8");
    const files = /^\s*files: (.+)$/m.exec(hooks)?.[1];
    expect(files).toBeDefined();
    writeFiles(local, {
      ...drifted(),
      ".pre-commit-config.yaml": [
        "repos:",
        "  - repo: local",
        "    hooks:",
        "      - id: uv-ci-lint",
        "        name: uv-ci-lint",
        "        entry: npx --no-install uv-ci-lint",
        "        language: system",
        "        pass_filenames: false",
        `        files: ${files}`,
        "",
      ].join("\n"),
    });
    // What `npm install -D eslint-plugin-uv-ci` leaves: the package and its bin shim.
    mkdirSync(join(local, "node_modules", ".bin"), { recursive: true });
    symlinkSync(PROJECT_ROOT, join(local, "node_modules", "eslint-plugin-uv-ci"), "dir");
    const shim = join(local, "node_modules", ".bin", "uv-ci-lint");
    writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${join(PROJECT_ROOT, "dist", "src", "cli", "bin.js")}" "$@"\n`);
    chmodSync(shim, 0o755);
    writeFileSync(join(local, "package.json"), `{ "private": true }\n`);
    git(local, env, ["init", "--quiet"]);
    git(local, env, ["add", "--all", ":!node_modules"]);
    const before = run("pre-commit", ["run", "--all-files"], { cwd: local, env });
    expect(before.status, before.output).toBe(1);
    expect(before.output).toContain("uv-ci/pin-setup-uv-version");
  });
});
