import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import { lintJson, makeSandbox, PROJECT_ROOT, readTree, RECOMMENDED_CONFIG, runEslint } from "../helpers/cli.js";

/**
 * The Dockerfile language and its two rules through the real `eslint` CLI, on a repository laid
 * out like the seed PR's after `.python-version` moved to 3.13: the runner image still pins 3.12
 * and copies uv with a variable in `COPY --from`, and the workflow asks setup-uv and setup-python
 * for 3.12. The fixture's own eslint.config.js uses configs.strict with `movingTags: true`. The worker's application image
 * on `python:3.12-slim` is not held to `.python-version`: CI does not run in it.
 */

const FIXTURE = join(PROJECT_ROOT, "test", "fixtures", "seed-dockerfiles");
const RULES = ["uv-ci/dockerfile-pin-uv-image", "uv-ci/python-version-single-source"];

/** `file:line:column rule` for each message of the two rules, and every fatal message. */
function findings(results: ReturnType<typeof lintJson>["results"]): string[] {
  const found: string[] = [];
  for (const [file, messages] of results) {
    for (const message of messages) {
      if (message.fatal || RULES.includes(message.ruleId ?? "")) found.push(`${file}:${message.line}:${message.column} ${message.ruleId ?? "fatal"}`);
    }
  }
  return found.sort();
}

const EXPECTED = [
  ".github/runners/Dockerfile:10:6 uv-ci/dockerfile-pin-uv-image",
  ".github/runners/Dockerfile:7:5 uv-ci/python-version-single-source",
  ".github/workflows/unit-tests.yml:21:27 uv-ci/python-version-single-source",
  ".github/workflows/unit-tests.yml:25:27 uv-ci/python-version-single-source",
  "Containerfile:13:6 uv-ci/dockerfile-pin-uv-image",
  "docker/worker.Dockerfile:1:5 uv-ci/dockerfile-pin-uv-image",
  "src/server/Dockerfile:2:6 uv-ci/dockerfile-pin-uv-image",
];

describe("configs", () => {
  // A rule for workflows and composite actions is on in both YAML entries: counted once.
  const enabled = (preset: "recommended" | "strict", language: string): string[] =>
    [
      ...new Set(
        plugin.configs[preset]
          .filter((config) => config.language === language)
          .flatMap((config) => Object.keys(config.rules ?? {}))
          .filter((name) => RULES.includes(name)),
      ),
    ].sort();

  it("recommended pins the uv image; strict also holds Dockerfiles and workflows to .python-version", () => {
    expect(enabled("recommended", "uv-ci/dockerfile")).toEqual(["uv-ci/dockerfile-pin-uv-image"]);
    expect(enabled("recommended", "yml/yaml")).toEqual([]);
    expect(enabled("strict", "uv-ci/dockerfile")).toEqual(RULES);
    expect(enabled("strict", "yml/yaml")).toEqual(["uv-ci/python-version-single-source"]);
  });
});

describe("the eslint CLI on the seed PR's Dockerfiles", () => {
  it("reports each problem at its place, honours the Containerfile's disable comment and exits 1", () => {
    const dir = makeSandbox(FIXTURE);
    const { status, results, stderr } = lintJson(dir);
    expect(stderr).toBe("");
    expect(status).toBe(1);
    expect(findings(results)).toEqual(EXPECTED);
    // `worker.Dockerfile.dockerignore` is an ignore file, linted by the `.dockerignore` language.
    expect(results.has("docker/worker.Dockerfile.dockerignore")).toBe(true);
    expect(results.get("docker/worker.Dockerfile.dockerignore")!.filter((message) => message.fatal || RULES.includes(message.ruleId ?? ""))).toEqual([]);
  });

  it("says what to do in each message", () => {
    const { results } = lintJson(makeSandbox(FIXTURE));
    const messages = (file: string) => results.get(file)!.filter((message) => RULES.includes(message.ruleId ?? "")).map((message) => message.message);
    expect(messages(".github/runners/Dockerfile")).toEqual([
      "`ARG PYTHON_VERSION` asks for Python 3.12, but `.python-version` pins 3.13, so the image runs another Python than the project. Take the version from `.python-version`.",
      "BuildKit does not expand variables in `COPY --from`, so `ghcr.io/astral-sh/uv:${UV_VERSION}` fails the build. Declare the `ARG` before the first `FROM`, add a stage `FROM ghcr.io/astral-sh/uv:${UV_VERSION} AS uv` and use `--from=uv`.",
    ]);
    // The repository's Dockerfiles pin 0.11.8, so the example is concrete.
    expect(messages("src/server/Dockerfile")[0]).toContain("Pin an exact version, such as `ghcr.io/astral-sh/uv:0.11.8`.");
  });

  it("changes nothing with --fix: every edit these rules know is a suggestion", () => {
    const dir = makeSandbox(FIXTURE);
    const before = readTree(dir);
    runEslint(dir, ["--fix", "."]);
    const after = readTree(dir);
    for (const file of Object.keys(before).filter((name) => /Dockerfile$|Containerfile$|\.python-version$/.test(name))) {
      expect(after[file], file).toBe(before[file]);
    }
  });

  it("runs only the uv image rule with configs.recommended, and there only for what fails the build (not the moving tags)", () => {
    const dir = makeSandbox(FIXTURE);
    writeFileSync(join(dir, "eslint.config.js"), RECOMMENDED_CONFIG);
    const { results } = lintJson(dir);
    const failingBuilds = [".github/runners/Dockerfile:10:6 uv-ci/dockerfile-pin-uv-image", "docker/worker.Dockerfile:1:5 uv-ci/dockerfile-pin-uv-image"];
    expect(findings(results)).toEqual(failingBuilds);
    expect(EXPECTED).toEqual(expect.arrayContaining(failingBuilds));
  });

  it("reads CRLF Dockerfiles at the same places, and skips binary files named like Dockerfiles", () => {
    const dir = makeSandbox(FIXTURE);
    for (const file of [".github/runners/Dockerfile", "docker/worker.Dockerfile", "src/server/Dockerfile", "Containerfile"]) {
      writeFileSync(join(dir, file), readFileSync(join(dir, file), "utf8").replace(/\n/g, "\r\n"));
    }
    writeFileSync(join(dir, "Dockerfile.tar.gz"), Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xfe, 10, 0x46, 0x52, 0x4f, 0x4d, 0x20, 0]));
    const { status, results, stderr } = lintJson(dir);
    expect(stderr).toBe("");
    expect(status).toBe(1);
    expect(findings(results)).toEqual(EXPECTED);
    expect(results.get("Dockerfile.tar.gz")).toEqual([]);
  });
});
