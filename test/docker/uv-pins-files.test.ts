import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { clearDockerfileCaches } from "../../src/docker/dockerfiles.js";
import { findRepositoryUvVersion, readDockerfileUvPins } from "../../src/docker/uv-pins.js";
import { makeTree } from "./temp-tree.js";

const FLOWMESH_RUNNER = "/work/shared/corpus/flowmesh/after/.github/runners/Dockerfile";

beforeEach(() => {
  clearDockerfileCaches();
});

describe("readDockerfileUvPins on awkward files", () => {
  it("returns [] for a missing file and for a directory", () => {
    const root = makeTree({ "dir/x": "" });
    expect(readDockerfileUvPins(path.join(root, "missing"))).toEqual([]);
    expect(readDockerfileUvPins(path.join(root, "dir"))).toEqual([]);
  });

  it("returns [] for a binary file", () => {
    const content = Buffer.concat([Buffer.from("FROM ghcr.io/astral-sh/uv:0.11.8\n"), Buffer.from([0, 1, 2, 0])]);
    const root = makeTree({ Dockerfile: content });
    expect(readDockerfileUvPins(path.join(root, "Dockerfile"))).toEqual([]);
  });

  it("returns [] for a file that is not UTF-8", () => {
    const content = Buffer.concat([Buffer.from("# caf\xe9\n", "latin1"), Buffer.from("FROM ghcr.io/astral-sh/uv:0.11.8\n")]);
    const root = makeTree({ Dockerfile: content });
    expect(readDockerfileUvPins(path.join(root, "Dockerfile"))).toEqual([]);
  });

  it("returns [] for a file over 1 MB", () => {
    const content = `FROM ghcr.io/astral-sh/uv:0.11.8\n${"# padding\n".repeat(110_000)}`;
    const root = makeTree({ Dockerfile: content });
    expect(readDockerfileUvPins(path.join(root, "Dockerfile"))).toEqual([]);
  });

  it("never throws on malformed Dockerfiles", () => {
    const samples = ["", "\n\n", "FROM", "ARG", "ARG =", "RUN <<", "RUN [", 'RUN ["unterminated', "COPY --from=", "RUN --mount=", "FROM ${", "RUN pip install uv==${", "\\\n\\\n", "# escape=\n"];
    const root = makeTree(Object.fromEntries(samples.map((sample, index) => [`${index}.Dockerfile`, sample])));
    for (let index = 0; index < samples.length; index++) {
      expect(() => readDockerfileUvPins(path.join(root, `${index}.Dockerfile`))).not.toThrow();
    }
  });
});

describe("readDockerfileUvPins cache", () => {
  // Whole seconds, so that setting the time again restores exactly the same mtimeMs.
  const fixedTime = 1_700_000_000;

  it("reuses the result while mtime and size stay the same, and rereads when mtime changes", () => {
    const root = makeTree({ Dockerfile: "FROM ghcr.io/astral-sh/uv:0.11.8\n" });
    const file = path.join(root, "Dockerfile");
    fs.utimesSync(file, fixedTime, fixedTime);
    expect(readDockerfileUvPins(file).map((pin) => pin.version)).toEqual(["0.11.8"]);

    fs.writeFileSync(file, "FROM ghcr.io/astral-sh/uv:0.11.9\n");
    fs.utimesSync(file, fixedTime, fixedTime);
    expect(readDockerfileUvPins(file).map((pin) => pin.version)).toEqual(["0.11.8"]);

    fs.utimesSync(file, fixedTime, fixedTime + 5);
    expect(readDockerfileUvPins(file).map((pin) => pin.version)).toEqual(["0.11.9"]);
  });

  it("rereads when the size changes, even with the same mtime", () => {
    const root = makeTree({ Dockerfile: "FROM ghcr.io/astral-sh/uv:0.11.8\n" });
    const file = path.join(root, "Dockerfile");
    fs.utimesSync(file, fixedTime, fixedTime);
    expect(readDockerfileUvPins(file).map((pin) => pin.version)).toEqual(["0.11.8"]);
    fs.writeFileSync(file, "FROM ghcr.io/astral-sh/uv:0.11.10\n");
    fs.utimesSync(file, fixedTime, fixedTime);
    expect(readDockerfileUvPins(file).map((pin) => pin.version)).toEqual(["0.11.10"]);
  });

  it("keeps results for different ARG names apart", () => {
    const root = makeTree({ Dockerfile: "ARG UV_VERSION=0.11.8 UV_PIN=0.11.9\n" });
    const file = path.join(root, "Dockerfile");
    expect(readDockerfileUvPins(file).map((pin) => pin.version)).toEqual(["0.11.8"]);
    expect(readDockerfileUvPins(file, { argName: "UV_PIN" }).map((pin) => pin.version)).toEqual(["0.11.9"]);
  });

  it("returns a copy that callers cannot use to corrupt the cache", () => {
    const root = makeTree({ Dockerfile: "FROM ghcr.io/astral-sh/uv:0.11.8\n" });
    const file = path.join(root, "Dockerfile");
    readDockerfileUvPins(file).pop();
    expect(readDockerfileUvPins(file)).toHaveLength(1);
  });
});

describe("findRepositoryUvVersion", () => {
  it("is none without Dockerfiles or without exact pins", () => {
    expect(findRepositoryUvVersion(makeTree())).toEqual({ kind: "none" });
    expect(findRepositoryUvVersion(makeTree({ Dockerfile: "COPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/\n" }))).toEqual({ kind: "none" });
  });

  it("is pinned when every pin agrees", () => {
    const root = makeTree({
      ".github/runners/Dockerfile": "FROM debian\nARG UV_VERSION=0.11.8\nRUN curl -LsSf https://astral.sh/uv/${UV_VERSION}/install.sh | sh\n",
      Dockerfile: "FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:0.11.8 /uv /bin/\n",
    });
    const result = findRepositoryUvVersion(root);
    expect(result.kind).toBe("pinned");
    if (result.kind !== "pinned") return;
    expect(result.version).toBe("0.11.8");
    expect(result.pins.map((pin) => [path.relative(root, pin.file), pin.line, pin.source])).toEqual([
      ["Dockerfile", 2, "copy-from"],
      [path.join(".github", "runners", "Dockerfile"), 2, "arg"],
      [path.join(".github", "runners", "Dockerfile"), 3, "installer"],
    ]);
  });

  it("is a conflict when pins disagree, across files or within one", () => {
    const acrossFiles = makeTree({
      Dockerfile: "FROM ghcr.io/astral-sh/uv:0.11.8\n",
      "ci/Dockerfile": "FROM python:3.12\nRUN pip install uv==0.11.9\n",
      "docs/Dockerfile": "FROM ghcr.io/astral-sh/uv:0.1.0\n",
    });
    const result = findRepositoryUvVersion(acrossFiles);
    expect(result.kind).toBe("conflict");
    expect(new Set(result.kind === "conflict" ? result.pins.map((pin) => pin.version) : [])).toEqual(new Set(["0.11.8", "0.11.9"]));

    const withinOne = makeTree({ Dockerfile: "ARG UV_VERSION=0.11.8\nFROM ghcr.io/astral-sh/uv:0.11.7\n" });
    expect(findRepositoryUvVersion(withinOne).kind).toBe("conflict");
  });

  it("reads only the configured Dockerfiles, inside the root, with the configured ARG name", () => {
    const outside = makeTree({ Dockerfile: "ARG UV_PIN=0.1.0\n" });
    const root = makeTree({
      Dockerfile: "FROM ghcr.io/astral-sh/uv:0.11.9\n",
      "docs/runner.Dockerfile": "FROM debian\nARG UV_PIN=0.11.8\n",
    });
    const escaping = path.relative(root, path.join(outside, "Dockerfile"));
    const result = findRepositoryUvVersion(root, { dockerfiles: ["docs/runner.Dockerfile", escaping], argName: "UV_PIN" });
    expect(result).toEqual({
      kind: "pinned",
      version: "0.11.8",
      pins: [{ file: path.join(root, "docs/runner.Dockerfile"), version: "0.11.8", line: 2, source: "arg" }],
    });
  });

  it.skipIf(!fs.existsSync(FLOWMESH_RUNNER))("reads 0.11.8 from the real flowmesh runner Dockerfile", () => {
    const pins = readDockerfileUvPins(FLOWMESH_RUNNER);
    expect(pins.length).toBeGreaterThan(0);
    expect(new Set(pins.map((pin) => pin.version))).toEqual(new Set(["0.11.8"]));
    expect(pins.map((pin) => pin.source)).toEqual(["arg", "installer"]);
    const repository = findRepositoryUvVersion(path.resolve(FLOWMESH_RUNNER, "../../.."));
    expect(repository.kind === "pinned" ? repository.version : repository.kind).toBe("0.11.8");
  });
});
