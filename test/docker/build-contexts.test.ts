import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildContextOf, copiesFromRepositoryRoot, isInVendoredTree } from "../../src/docker/build-contexts.js";
import { findDockerfileContextUse, pathsNamedByDockerfile, readsFromContext, shippingCopyOf } from "../../src/docker/context-use.js";
import { isGitIgnored } from "../../src/repository/git-ignored.js";
import { writeFiles } from "../helpers/cli.js";

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-build-contexts-"));
  mkdirSync(join(dir, ".git", "info"), { recursive: true });
  writeFiles(dir, files);
  return dir;
}

describe("buildContextOf", () => {
  it("gives a .dockerignore the Dockerfiles at or below its directory that have no ignore file of their own", () => {
    const root = tree({
      Dockerfile: "",
      "Dockerfile.dockerignore": "",
      ".github/runners/Dockerfile": "",
      "api/api.Dockerfile": "",
      "docs/Dockerfile": "",
    });
    expect(buildContextOf(join(root, ".dockerignore"), root)).toEqual({
      directory: root,
      // Shallowest first; `docs/` is not searched, and the plain Dockerfile has its own ignore file.
      dockerfiles: [join(root, "api/api.Dockerfile"), join(root, ".github/runners/Dockerfile")],
    });
  });

  it("gives a <name>.dockerignore only the Dockerfile <name> beside it", () => {
    const root = tree({ "build.Dockerfile": "", Dockerfile: "" });
    expect(buildContextOf(join(root, "build.Dockerfile.dockerignore"), root).dockerfiles).toEqual([join(root, "build.Dockerfile")]);
    expect(buildContextOf(join(root, "Dockerfile.dockerignore"), root).dockerfiles).toEqual([join(root, "Dockerfile")]);
    expect(buildContextOf(join(root, "missing.Dockerfile.dockerignore"), root).dockerfiles).toEqual([]);
  });
});

describe("isInVendoredTree", () => {
  it("knows dependency folders and virtual environments, never the root", () => {
    const root = tree({ "env/pyvenv.cfg": "", "env/lib/x/.dockerignore": "" });
    expect(isInVendoredTree(root, root)).toBe(false);
    expect(isInVendoredTree(root, join(root, "services/api"))).toBe(false);
    expect(isInVendoredTree(root, join(root, "vendor/github.com/x"))).toBe(true);
    expect(isInVendoredTree(root, join(root, "web/node_modules/pkg"))).toBe(true);
    expect(isInVendoredTree(root, join(root, "env/lib/x"))).toBe(true);
  });
});

describe("isGitIgnored", () => {
  it("reads Git's precedence: the deepest .gitignore decides, info/exclude comes last, an ignored directory stays ignored", () => {
    const root = tree({
      ".gitignore": ".python-version\nbuild/\n!build/keep\n*.log\n",
      ".git/info/exclude": "local-*\n",
      "app/.gitignore": "!.python-version\n",
      "lib/.gitignore": "!debug.log\n",
    });
    expect(isGitIgnored(root, join(root, ".python-version"))).toBe(true);
    expect(isGitIgnored(root, join(root, "app/.python-version"))).toBe(false);
    expect(isGitIgnored(root, join(root, "build/keep"))).toBe(true);
    expect(isGitIgnored(root, join(root, "lib/debug.log"))).toBe(false);
    expect(isGitIgnored(root, join(root, "lib/other.log"))).toBe(true);
    expect(isGitIgnored(root, join(root, "local-notes"))).toBe(true);
    expect(isGitIgnored(root, join(root, "pyproject.toml"))).toBe(false);
    expect(isGitIgnored(root, join(tmpdir(), "elsewhere"))).toBe(false);
  });

  it("matches a directory-only pattern against a parent directory, not a file of that name", () => {
    const root = tree({ ".gitignore": "cache/\n" });
    expect(isGitIgnored(root, join(root, "cache/.python-version"))).toBe(true);
    expect(isGitIgnored(root, join(root, "cache"))).toBe(false);
  });
});

describe("findDockerfileContextUse", () => {
  it.each([
    ["RUN uv sync --frozen", true],
    ["RUN --mount=type=cache,target=/root/.cache/uv /root/.local/bin/uv pip install -r req.txt", true],
    ["RUN cd /app && UV_COMPILE_BYTECODE=1 uvx ruff check", true],
    ["RUN python3 -m pip install --no-cache-dir 'uv>=0.5'", true],
    ["RUN pip install uv==0.11.8", true],
    ["RUN curl -LsSf https://astral.sh/uv/install.sh | sh", true],
    ["COPY --from=ghcr.io/astral-sh/uv:0.11.8 /uv /uvx /bin/", true],
    ["RUN --mount=from=ghcr.io/astral-sh/uv,source=/uv,target=/bin/uv true", true],
    ["RUN pip install uvicorn", false],
    ["RUN rm -rf /root/.cache/uv", false],
    ["RUN echo building", false],
  ])("%s uses uv: %s", (line, usesUv) => {
    expect(findDockerfileContextUse(`FROM python:3.12\n${line}\n`).usesUv).toBe(usesUv);
  });

  it("counts a uv image in FROM, and reads ONBUILD as nothing", () => {
    expect(findDockerfileContextUse("FROM ghcr.io/astral-sh/uv:python3.12-bookworm\n").usesUv).toBe(true);
    expect(findDockerfileContextUse("FROM python:3.12\nONBUILD RUN uv sync\n").usesUv).toBe(false);
  });

  it("lists what comes from the context, and what is needed by name", () => {
    const use = findDockerfileContextUse(
      'FROM python:3.12\nCOPY --chown=app pyproject.toml uv.lock ./\nCOPY --from=builder /app /app\nADD https://example.com/x.tgz /x\nCOPY ["src/", "/app/src/"]\nCOPY $APP /app\nRUN --mount=type=bind,target=/src make\nRUN git describe --tags\n',
    );
    expect(use.copiedSources).toEqual(["pyproject.toml", "uv.lock", "src/"]);
    expect(use.boundSources).toEqual(["."]);
    expect(use.runsGit).toBe(true);
    expect(pathsNamedByDockerfile(use)).toEqual(["pyproject.toml", "uv.lock", "src", ".git"]);
    expect(readsFromContext(use, ".python-version")).toBe(true);
  });

  it("decides whether a copy takes a path: the whole context, the name, a glob, or a directory above it", () => {
    const reads = (dockerfile: string, path: string) => readsFromContext(findDockerfileContextUse(`FROM python:3.12\n${dockerfile}\n`), path);
    expect(reads("COPY . /app", ".python-version")).toBe(true);
    expect(reads("COPY ./ /app", ".python-version")).toBe(true);
    expect(reads("COPY .python-version pyproject.toml ./", ".python-version")).toBe(true);
    expect(reads("COPY .python* ./", ".python-version")).toBe(true);
    expect(reads("COPY * ./", ".python-version")).toBe(true);
    expect(reads("COPY config /app/config", "config/uv.toml")).toBe(true);
    expect(reads("COPY pyproject.toml uv.lock ./", ".python-version")).toBe(false);
    expect(reads("COPY src/ /app/src/", ".python-version")).toBe(false);
    expect(reads("COPY --from=build . /app", ".python-version")).toBe(false);
  });
});

describe("shippingCopyOf", () => {
  const shipped = (dockerfile: string) => shippingCopyOf(findDockerfileContextUse(dockerfile), ".env")?.line ?? null;

  it("follows the last stage, the stages it is built FROM and what it copies wholesale from a stage", () => {
    expect(shipped("FROM python:3.12\nWORKDIR /app\nCOPY . .\n")).toBe(3);
    expect(shipped("FROM python:3.12 AS base\nCOPY . /src\nFROM base\nRUN true\n")).toBe(2);
    expect(shipped("FROM python:3.12 AS build\nWORKDIR /app\nCOPY . .\nFROM python:3.12-slim\nCOPY --from=build /app /app\n")).toBe(3);
    expect(shipped("FROM python:3.12 AS build\nCOPY . /app\nFROM python:3.12-slim\nCOPY --from=0 / /\n")).toBe(2);
  });

  it("does not count a builder whose results alone go on, a bind mount, or a stage other than the last", () => {
    expect(shipped("FROM python:3.12 AS build\nWORKDIR /src\nCOPY . .\nFROM python:3.12-slim\nCOPY --from=build /src/dist /dist\n")).toBeNull();
    expect(shipped("FROM python:3.12\nRUN --mount=type=bind,target=/src pip install /src\n")).toBeNull();
    expect(shipped("FROM python:3.12 AS app\nCOPY . /app\nFROM python:3.12 AS lint\nCOPY requirements.txt /\n")).toBeNull();
  });

  it("tells Python builds from others", () => {
    expect(findDockerfileContextUse("FROM debian:12\nRUN pip3 install -r requirements.txt\n").usesPython).toBe(true);
    expect(findDockerfileContextUse("FROM golang:1.23\nRUN go build ./...\n").usesPython).toBe(false);
  });
});

describe("copiesFromRepositoryRoot", () => {
  it("sees sources that name root folders missing from the context folder", () => {
    const root = tree({ "services/api/Dockerfile": "", "services/api/src/main.py": "" });
    const context = join(root, "services", "api");
    expect(copiesFromRepositoryRoot(root, context, ["services/api/", "."])).toBe(true);
    expect(copiesFromRepositoryRoot(root, context, ["src/", "*.txt"])).toBe(false);
    expect(copiesFromRepositoryRoot(root, root, ["services/api/"])).toBe(false);
  });
});
