import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findRepositoryRoot, resolveInsideRoot } from "../../src/repository/root.js";
import { makeTree } from "./temp-tree.js";

describe("findRepositoryRoot", () => {
  it("returns the folder above .github/workflows for a workflow, without needing .git", () => {
    const root = makeTree({ "repo/.github/workflows/ci.yml": "on: push\n" });
    const workflow = path.join(root, "repo/.github/workflows/ci.yml");
    expect(findRepositoryRoot(workflow, "/")).toBe(path.join(root, "repo"));
  });

  it("prefers the workflow rule over a nearer .git", () => {
    const root = makeTree({ "outer/.git/HEAD": "", "outer/inner/.github/workflows/ci.yml": "" });
    expect(findRepositoryRoot(path.join(root, "outer/inner/.github/workflows/ci.yml"), "/")).toBe(path.join(root, "outer/inner"));
  });

  it("does not treat a subfolder of .github/workflows as a workflow folder", () => {
    const root = makeTree({ ".git/HEAD": "", ".github/workflows/nested/ci.yml": "" });
    expect(findRepositoryRoot(path.join(root, ".github/workflows/nested/ci.yml"), "/")).toBe(root);
  });

  it("finds the nearest ancestor holding a .git directory", () => {
    const root = makeTree({ ".git/HEAD": "", "sub/.git/HEAD": "", "sub/deep/Dockerfile": "" });
    expect(findRepositoryRoot(path.join(root, "sub/deep/Dockerfile"), "/")).toBe(path.join(root, "sub"));
    expect(findRepositoryRoot(path.join(root, "other.txt"), "/")).toBe(root);
  });

  it("accepts a .git file (worktree or submodule)", () => {
    const root = makeTree({ "wt/.git": "gitdir: /elsewhere\n", "wt/a/b.yml": "" });
    expect(findRepositoryRoot(path.join(root, "wt/a/b.yml"), "/")).toBe(path.join(root, "wt"));
  });

  it("falls back to cwd when there is no repository", () => {
    const root = makeTree({ "a/b.yml": "" });
    const cwd = path.join(root, "a");
    expect(findRepositoryRoot(path.join(root, "a/b.yml"), cwd)).toBe(cwd);
  });

  it("resolves a relative file path against cwd", () => {
    const root = makeTree({ ".github/workflows/ci.yml": "" });
    expect(findRepositoryRoot(".github/workflows/ci.yml", root)).toBe(root);
  });
});

describe("resolveInsideRoot", () => {
  it("resolves paths inside the root, also through ..", () => {
    const root = makeTree({ "a/Dockerfile": "" });
    expect(resolveInsideRoot(root, "a/Dockerfile")).toBe(path.join(root, "a/Dockerfile"));
    expect(resolveInsideRoot(root, "a/../a/Dockerfile")).toBe(path.join(root, "a/Dockerfile"));
    expect(resolveInsideRoot(root, "./missing/Dockerfile")).toBe(path.join(root, "missing/Dockerfile"));
  });

  it("rejects paths that escape the root", () => {
    const root = makeTree({ "inner/Dockerfile": "" });
    const inner = path.join(root, "inner");
    expect(resolveInsideRoot(inner, "../Dockerfile")).toBeNull();
    expect(resolveInsideRoot(inner, "a/../../inner-sibling")).toBeNull();
    expect(resolveInsideRoot(inner, "/etc/passwd")).toBeNull();
    expect(resolveInsideRoot(inner, "..")).toBeNull();
  });

  it("accepts an absolute path inside the root", () => {
    const root = makeTree({ "Dockerfile": "" });
    expect(resolveInsideRoot(root, path.join(root, "Dockerfile"))).toBe(path.join(root, "Dockerfile"));
  });

  it("rejects a symlink whose target is outside the root", () => {
    const outside = makeTree({ "Dockerfile": "FROM scratch\n" });
    const root = makeTree({});
    fs.symlinkSync(path.join(outside, "Dockerfile"), path.join(root, "Dockerfile"));
    fs.symlinkSync(outside, path.join(root, "linked-dir"));
    expect(resolveInsideRoot(root, "Dockerfile")).toBeNull();
    expect(resolveInsideRoot(root, "linked-dir/Dockerfile")).toBeNull();
  });

  it("accepts a symlink whose target is inside the root", () => {
    const root = makeTree({ "real/Dockerfile": "" });
    fs.symlinkSync(path.join(root, "real/Dockerfile"), path.join(root, "Dockerfile"));
    expect(resolveInsideRoot(root, "Dockerfile")).toBe(path.join(root, "Dockerfile"));
  });
});
