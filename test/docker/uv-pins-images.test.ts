import { describe, expect, it } from "vitest";
import { pinsOf, versionsOf } from "./pins-of.js";

describe("ARG UV_VERSION", () => {
  it.each([
    ["ARG UV_VERSION=0.11.8", "0.11.8"],
    ['ARG UV_VERSION="0.11.8"', "0.11.8"],
    ["ARG UV_VERSION='0.11.8'", "0.11.8"],
    ["ARG a=1 UV_VERSION=0.11.8 b=2", "0.11.8"],
    ["ARG UV_VERSION=0.11.17@sha256:03bdc89bb979", "0.11.17"],
  ])("reads %s", (line, version) => {
    expect(pinsOf(`FROM python:3.12\n${line}\n`)).toEqual([{ version, line: 2, source: "arg" }]);
  });

  it("reads a global ARG before FROM", () => {
    expect(pinsOf("ARG UV_VERSION=0.11.8\nFROM python:3.12\n")).toEqual([{ version: "0.11.8", line: 1, source: "arg" }]);
  });

  it.each(["ARG UV_VERSION", "ARG UV_VERSION=0.11", "ARG UV_VERSION=latest", "ARG UV_VERSION=", "ARG UV_VERSION=v0.11.8", "ARG OTHER_VERSION=0.11.8"])(
    "ignores %s",
    (line) => {
      expect(pinsOf(`FROM python:3.12\n${line}\n`)).toEqual([]);
    },
  );

  it("reads another ARG name when configured", () => {
    const content = "FROM python:3.12\nARG UV_VERSION=0.1.0 UV_PIN=0.11.8\n";
    expect(pinsOf(content, { argName: "UV_PIN" })).toEqual([{ version: "0.11.8", line: 2, source: "arg" }]);
  });

  it("does not count a stage's ARG redeclaration without value as a second pin", () => {
    expect(pinsOf("ARG UV_VERSION=0.11.8\nFROM python:3.12\nARG UV_VERSION\n")).toEqual([{ version: "0.11.8", line: 1, source: "arg" }]);
  });
});

describe("FROM a uv image", () => {
  it.each([
    ["FROM ghcr.io/astral-sh/uv:0.11.8", "0.11.8"],
    ["FROM ghcr.io/astral-sh/uv:0.11.32-python3.12-trixie-slim AS s6-overlay-base", "0.11.32"],
    ["FROM ghcr.io/astral-sh/uv:0.11.17@sha256:03bdc89bb9798628846e60c3a9ad19006c8c3c724ccd2985a33145c039a0577b", "0.11.17"],
    ["FROM --platform=$BUILDPLATFORM ghcr.io/astral-sh/uv:0.11.8-alpine AS uv", "0.11.8"],
    ["FROM docker.io/astral/uv:0.11.8-bookworm", "0.11.8"],
    ["FROM astral/uv:0.11.8", "0.11.8"],
  ])("reads %s", (line, version) => {
    expect(pinsOf(`${line}\n`)).toEqual([{ version, line: 1, source: "from" }]);
  });

  it.each([
    "FROM ghcr.io/astral-sh/uv:latest",
    "FROM ghcr.io/astral-sh/uv",
    "FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim AS uv",
    "FROM ghcr.io/astral-sh/uv:0.11",
    "FROM ghcr.io/astral-sh/uv@sha256:03bdc89bb9798628846e60c3a9ad19006c8c3c724ccd2985a33145c039a0577b",
    "FROM ghcr.io/astral-sh/uv:${UV_VERSION}",
    "FROM ghcr.io/astral-sh/uv:python${PYTHON_VERSION}-${DEBIAN_VERSION} AS builder",
    "FROM python:3.12.1",
    "FROM ghcr.io/astral-sh/uvx:0.11.8",
    "FROM example.com/astral-sh/uv:0.11.8",
  ])("ignores %s", (line) => {
    expect(pinsOf(`${line}\n`)).toEqual([]);
  });

  it("resolves the tag from a global ARG, in both variable syntaxes", () => {
    expect(pinsOf("ARG UV_VERSION=0.11.8\nFROM ghcr.io/astral-sh/uv:${UV_VERSION} AS uv\nFROM ghcr.io/astral-sh/uv:$UV_VERSION\n")).toEqual([
      { version: "0.11.8", line: 1, source: "arg" },
      { version: "0.11.8", line: 2, source: "from" },
      { version: "0.11.8", line: 3, source: "from" },
    ]);
  });

  it("resolves a whole image reference and a default modifier", () => {
    const content = 'ARG UV_IMAGE="ghcr.io/astral-sh/uv:0.9.1"\nFROM ${UV_IMAGE}\nFROM ghcr.io/astral-sh/uv:${UNSET:-0.9.2}\n';
    expect(versionsOf(content)).toEqual(["0.9.1", "0.9.2"]);
  });

  it("does not let FROM see an ARG declared inside a stage", () => {
    expect(pinsOf("FROM python:3.12\nARG UV_TAG=0.11.8\nFROM ghcr.io/astral-sh/uv:${UV_TAG}\n")).toEqual([]);
  });
});

describe("COPY --from and RUN --mount=from", () => {
  it.each([
    ["COPY --from=ghcr.io/astral-sh/uv:0.11.8 /uv /uvx /bin/", "0.11.8"],
    ["COPY --from=ghcr.io/astral-sh/uv:0.11.7@sha256:240fb85ab0f263ef12f492d8476aa3a2e4e1e333f7d67fbdd923d00a506a516a /uv /bin/uv", "0.11.7"],
    ["COPY --chown=1000 --from=astral/uv:0.10.9-debian /uv /bin/", "0.10.9"],
  ])("reads %s", (line, version) => {
    expect(pinsOf(`FROM python:3.12\n${line}\n`)).toEqual([{ version, line: 2, source: "copy-from" }]);
  });

  it("resolves COPY --from through a stage ARG that inherits the global default", () => {
    const content = "ARG UV_VERSION=0.11.8\nFROM python:3.12\nARG UV_VERSION\nCOPY --from=ghcr.io/astral-sh/uv:${UV_VERSION} /uv /bin/\n";
    expect(pinsOf(content)).toEqual([
      { version: "0.11.8", line: 1, source: "arg" },
      { version: "0.11.8", line: 4, source: "copy-from" },
    ]);
  });

  it.each([
    "COPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/",
    "COPY --from=uv /uv /bin/uv",
    "COPY --from=ghcr.io/astral-sh/uv:${UV_VERSION} /uv /bin/",
    "COPY . /app",
    "ADD --from=ghcr.io/astral-sh/uv:0.11.8 /uv /bin/",
  ])("ignores %s", (line) => {
    expect(pinsOf(`ARG UV_VERSION=0.11.8\nFROM python:3.12\n${line}\n`).filter((pin) => pin.source !== "arg")).toEqual([]);
  });

  it("reads RUN --mount=from in any option order", () => {
    const content = [
      "FROM python:3.12",
      "RUN --mount=from=ghcr.io/astral-sh/uv:0.11.8,source=/uv,target=/bin/uv uv sync",
      "RUN --mount=type=cache,target=/root/.cache --mount=type=bind,source=/uv,from=ghcr.io/astral-sh/uv:0.11.9,target=/bin/uv uv sync",
      "RUN --mount=type=bind,from=ghcr.io/astral-sh/uv:latest,source=/uv,target=/bin/uv uv sync",
      "RUN --mount=type=bind,from=builder,source=/uv,target=/bin/uv uv sync",
    ].join("\n");
    expect(pinsOf(content)).toEqual([
      { version: "0.11.8", line: 2, source: "mount-from" },
      { version: "0.11.9", line: 3, source: "mount-from" },
    ]);
  });
});
