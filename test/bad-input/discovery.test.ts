import fs, { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Linter } from "eslint";
import { afterEach, describe, expect, it, vi } from "vitest";
import { clearDockerfileCaches, DOCKERFILE_WALK_LIMITS, findDockerfiles } from "../../src/docker/dockerfiles.js";
import { clearUvPinCache } from "../../src/docker/uv-pins.js";
import { workflowRules } from "../property/workflow-fix.js";
import { DOCKERFILE_VERSION, GOOD_WORKFLOW, runnerImage } from "./sandbox.js";

const roots: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Memory-backed temp space where there is one: 100,000 small files take a second there and can take a minute on disk. */
const FAST_TMP = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();

/** The repository's CI runner image, whose uv the workflows must pin. */
const RUNNER_IMAGE = (root: string): string => join(root, ".github", "Dockerfile");

function tempRoot(base = tmpdir()): string {
  const root = mkdtempSync(join(base, "uv-ci-discovery-"));
  roots.push(root);
  mkdirSync(join(root, ".github"));
  writeFileSync(RUNNER_IMAGE(root), runnerImage(DOCKERFILE_VERSION));
  return root;
}

/** Runs the walk with `fs.readdirSync` counted: how many directories it read and how many entries it saw. */
function countedWalk(root: string): { found: string[]; directories: number; entries: number } {
  clearDockerfileCaches();
  clearUvPinCache();
  const readdir = vi.spyOn(fs, "readdirSync");
  const found = findDockerfiles(root);
  const entries = readdir.mock.results.reduce((sum, result) => sum + (Array.isArray(result.value) ? result.value.length : 0), 0);
  return { found, directories: readdir.mock.calls.length, entries };
}

/** pin-setup-uv-version's message for an unpinned step in a workflow of `root`, through ESLint's Linter. */
function pinMessage(root: string): string | undefined {
  const linter = new Linter({ configType: "flat", cwd: root });
  const messages = linter.verify(GOOD_WORKFLOW, workflowRules({ "uv-ci/pin-setup-uv-version": "error" }), { filename: join(root, ".github", "workflows", "ci.yml") });
  return messages.find((message) => message.ruleId === "uv-ci/pin-setup-uv-version")?.message;
}

describe("bad input: Dockerfile discovery", () => {
  it("a repository with 100,000 files: the walk stops at its entry cap and still finds the runner image", () => {
    const root = tempRoot(FAST_TMP);
    const directories = 100;
    const filesPerDirectory = 1000;
    for (let d = 0; d < directories; d++) {
      const directory = join(root, "src", `pkg${String(d).padStart(3, "0")}`);
      mkdirSync(directory, { recursive: true });
      for (let f = 0; f < filesPerDirectory; f++) writeFileSync(join(directory, `module_${f}.py`), "");
    }
    // A pin the walk must never reach: in the last directory, past the cap.
    writeFileSync(join(root, "src", "pkg099", "Dockerfile"), "FROM python:3.12\nARG UV_VERSION=0.1.1\n");

    const walk = countedWalk(root);
    expect(walk.found).toEqual([RUNNER_IMAGE(root)]);
    // Bounded work: the walk reached the cap on entries and stopped there, past it only the one directory being read.
    expect(walk.entries).toBeGreaterThanOrEqual(DOCKERFILE_WALK_LIMITS.maxEntries);
    expect(walk.entries).toBeLessThanOrEqual(DOCKERFILE_WALK_LIMITS.maxEntries + filesPerDirectory + 1);
    expect(walk.directories).toBeLessThanOrEqual(DOCKERFILE_WALK_LIMITS.maxEntries / filesPerDirectory + 3);
    expect(pinMessage(root)).toContain(`"${DOCKERFILE_VERSION}"`);
  }, 120_000);

  it("a symlink loop: linked directories are never entered, so each real directory is read once", () => {
    const root = tempRoot();
    mkdirSync(join(root, "a", "b"), { recursive: true });
    symlinkSync(join(root, "a"), join(root, "a", "b", "loop"), "dir");
    symlinkSync(root, join(root, "a", "root"), "dir");
    symlinkSync(join(root, "self"), join(root, "self"));
    const walk = countedWalk(root);
    expect(walk.found).toEqual([RUNNER_IMAGE(root)]);
    expect(walk.directories).toBe(4); // root, .github, a, a/b
    expect(pinMessage(root)).toContain(`"${DOCKERFILE_VERSION}"`);
  });

  it("dangling and directory Dockerfiles are skipped, by the walk and in the `dockerfiles` option", () => {
    const root = tempRoot();
    mkdirSync(join(root, "docker", "Dockerfile.dev"), { recursive: true });
    symlinkSync(join(root, "missing", "Containerfile"), join(root, "Containerfile"));
    symlinkSync(join(root, "nowhere"), join(root, "docker", "api.Dockerfile"));
    expect(countedWalk(root).found).toEqual([RUNNER_IMAGE(root)]);
    expect(findDockerfiles(root, { dockerfiles: ["Containerfile", "docker/api.Dockerfile", "docker/Dockerfile.dev", ".github/Dockerfile"] })).toEqual([RUNNER_IMAGE(root)]);
    expect(pinMessage(root)).toContain(`"${DOCKERFILE_VERSION}"`);
  });
});
