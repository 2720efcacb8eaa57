import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { bakesUvCache } from "../../src/docker/baked-uv-cache.js";
import { clearDockerfileCaches } from "../../src/docker/dockerfiles.js";
import { dockerBuildCommands, findCiRunnerImages, findRunnerImageUvVersion } from "../../src/docker/runner-images.js";
import { makeTree } from "./temp-tree.js";

const FLOWMESH_RUNNER = "/work/shared/corpus/flowmesh/after/.github/runners/Dockerfile";

beforeEach(() => {
  clearDockerfileCaches();
});

/** A runner image that installs uv `version` and bakes the project's dependencies into its cache. */
const bakingImage = (version: string): string => `FROM debian\nARG UV_VERSION=${version}\nRUN curl -LsSf "https://astral.sh/uv/\${UV_VERSION}/install.sh" | sh\nCOPY . /tmp/p\nRUN cd /tmp/p && uv sync --frozen && rm -rf /tmp/p\n`;

describe("bakesUvCache", () => {
  it.each([
    ["uv sync in the image", "FROM python:3.12\nRUN uv sync --frozen\n"],
    ["uv pip install --system", "FROM python:3.12\nRUN pip install uv==0.9.5 && uv pip install --system -r requirements.txt\n"],
    ["uvx", "FROM python:3.12\nRUN uvx ruff --version\n"],
    ["a cache mount for pip only", "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip uv sync\n"],
    ["a uv sync in the stage the final stage is built FROM", "FROM python:3.12 AS base\nRUN uv sync\nFROM base\nRUN echo done\n"],
    ["UV_NO_CACHE=0", "FROM python:3.12\nENV UV_NO_CACHE=0\nRUN uv sync\n"],
  ])("bakes: %s", (_name, text) => {
    expect(bakesUvCache(text)).toBe(true);
  });

  it.each([
    ["no uv command", "FROM debian\nARG UV_VERSION=0.11.8\n"],
    ["only uv --version", "FROM debian\nRUN curl -LsSf https://astral.sh/uv/0.11.8/install.sh | sh && uv --version\n"],
    ["a cache mount on uv's cache", "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen\n"],
    ["a cache mount on UV_CACHE_DIR", "FROM python:3.12\nENV UV_CACHE_DIR=/opt/uv-cache\nRUN --mount=type=cache,target=/opt/uv-cache uv sync\n"],
    ["--no-cache", "FROM python:3.12\nRUN uv pip install --system --no-cache -r requirements.txt\n"],
    ["pip's spelling --no-cache-dir, which uv accepts", "FROM python:3.12\nRUN uv pip install --no-cache-dir marimo\n"],
    ["uv pip uninstall after a cache mount", "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv uv pip install --system x\nRUN uv pip uninstall setuptools\n"],
    ["ENV UV_NO_CACHE=1", "FROM python:3.12\nENV UV_NO_CACHE=1\nRUN uv sync\n"],
    ["an inline UV_NO_CACHE=true", "FROM python:3.12\nRUN UV_NO_CACHE=true uv sync\n"],
    ["uv cache clean afterwards", "FROM python:3.12\nRUN uv sync\nRUN uv cache clean\n"],
    ["rm of the cache in the same RUN", "FROM python:3.12\nRUN uv sync && rm -rf /root/.cache/uv\n"],
    ["a builder stage the final stage only copies from", "FROM python:3.12 AS build\nRUN uv sync\nFROM python:3.12-slim\nCOPY --from=build /app /app\n"],
    ["text that is no Dockerfile", "RUN ["],
  ])("bakes nothing: %s", (_name, text) => {
    expect(bakesUvCache(text)).toBe(false);
  });
});

describe("dockerBuildCommands", () => {
  it("reads -f, --file=, -t, --tag and the context through continuations", () => {
    expect(dockerBuildCommands("docker build \\\n  -f ci/Dockerfile \\\n  -t ghcr.io/o/ci:main --tag=ci:latest .\n")).toEqual([{ file: "ci/Dockerfile", context: ".", tags: ["ghcr.io/o/ci:main", "ci:latest"] }]);
    expect(dockerBuildCommands("set -e; docker buildx build --platform linux/amd64 --push -t ci ci && echo ok")).toEqual([{ file: null, context: "ci", tags: ["ci"] }]);
  });

  it("gives no context after an option it does not know, which may take the next word", () => {
    expect(dockerBuildCommands("docker build --frobnicate x -t ci .")).toEqual([{ file: null, context: null, tags: ["ci"] }]);
  });

  it("ignores other docker commands", () => {
    expect(dockerBuildCommands("docker run -t ci uv sync\ndocker push ci\n")).toEqual([]);
  });
});

describe("findCiRunnerImages", () => {
  it("counts an image under .github/ that bakes a uv cache (the seed's runner image)", () => {
    const root = makeTree({ ".github/runners/Dockerfile": bakingImage("0.11.8"), "backend/Dockerfile": bakingImage("0.9.26") });
    expect(findCiRunnerImages(root)).toEqual([{ file: path.join(root, ".github/runners/Dockerfile"), reason: "github-directory" }]);
  });

  it("does not count application images, nor an image under .github/ that bakes nothing", () => {
    const root = makeTree({
      ".github/runners/Dockerfile": "FROM debian\nARG UV_VERSION=0.11.8\n",
      Dockerfile: "FROM python:3.14\nCOPY --from=ghcr.io/astral-sh/uv:0.9.26 /uv /uvx /bin/\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen\n",
    });
    expect(findCiRunnerImages(root)).toEqual([]);
    expect(findRunnerImageUvVersion(root)).toEqual({ kind: "none" });
  });

  it("counts an image a workflow builds and a job runs in as its container", () => {
    const root = makeTree({
      "ci/Dockerfile": bakingImage("0.10.4"),
      "release/Dockerfile": bakingImage("0.9.0"),
      ".github/workflows/image.yml": [
        "on: push",
        "jobs:",
        "  image:",
        "    runs-on: ubuntu-latest",
        "    steps:",
        "      - run: docker build -f ci/Dockerfile -t ghcr.io/o/ci .",
        "      - run: docker build -f release/Dockerfile -t ghcr.io/o/app .",
        "  test:",
        "    runs-on: ubuntu-latest",
        "    container:",
        "      image: ghcr.io/o/ci:latest",
        "    steps:",
        "      - run: uv sync",
        "",
      ].join("\n"),
    });
    expect(findCiRunnerImages(root)).toEqual([{ file: path.join(root, "ci/Dockerfile"), reason: "job-container" }]);
  });

  it("reads docker/build-push-action's file and tags", () => {
    const root = makeTree({
      "docker/ci.Dockerfile": bakingImage("0.10.4"),
      ".github/workflows/image.yml":
        "on: push\njobs:\n  image:\n    runs-on: x\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          file: docker/ci.Dockerfile\n          tags: |\n            ghcr.io/o/ci:1\n            ghcr.io/o/ci:main\n",
      ".github/workflows/test.yml": "on: push\njobs:\n  test:\n    runs-on: x\n    container: ghcr.io/o/ci:main\n    steps:\n      - run: uv sync\n",
    });
    expect(findCiRunnerImages(root)).toEqual([{ file: path.join(root, "docker/ci.Dockerfile"), reason: "job-container" }]);
  });

  it("does not count an image a workflow builds when no job runs in it", () => {
    const root = makeTree({
      "ci/Dockerfile": bakingImage("0.10.4"),
      ".github/workflows/image.yml": "on: push\njobs:\n  image:\n    runs-on: x\n    steps:\n      - run: docker build -f ci/Dockerfile -t ci .\n",
    });
    expect(findCiRunnerImages(root)).toEqual([]);
  });

  it("takes the configured Dockerfiles as they are, baking or not", () => {
    const root = makeTree({ "docker/ci.Dockerfile": "ARG UV=0.7.1\nFROM ghcr.io/astral-sh/uv:${UV}\n", ".github/runners/Dockerfile": bakingImage("0.11.8") });
    expect(findCiRunnerImages(root, { dockerfiles: ["docker/ci.Dockerfile"] })).toEqual([{ file: path.join(root, "docker/ci.Dockerfile"), reason: "configured" }]);
    expect(findRunnerImageUvVersion(root, { dockerfiles: ["docker/ci.Dockerfile"], argName: "UV" })).toMatchObject({ kind: "pinned", version: "0.7.1" });
  });

  it("answers conflict when the runner images pin different versions", () => {
    const root = makeTree({ ".github/runners/a.Dockerfile": bakingImage("0.11.8"), ".github/runners/b.Dockerfile": bakingImage("0.10.0") });
    expect(findRunnerImageUvVersion(root).kind).toBe("conflict");
  });

  it.skipIf(!fs.existsSync(FLOWMESH_RUNNER))("counts the seed's runner image", () => {
    expect(bakesUvCache(fs.readFileSync(FLOWMESH_RUNNER, "utf8"))).toBe(true);
  });
});
