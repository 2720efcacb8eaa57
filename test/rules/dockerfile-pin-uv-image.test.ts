import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RuleTester } from "eslint";
import { describe, it } from "vitest";
import rule from "../../rules/dockerfile-pin-uv-image.js";
import { dockerfileLanguage } from "../../src/languages/dockerfile/language.js";
import { writeFiles } from "../helpers/cli.js";
import { crlf } from "../helpers/rule-tester.js";

RuleTester.describe = describe;
RuleTester.it = it;

const ruleTester = new RuleTester({
  plugins: { "uv-ci": { languages: { dockerfile: dockerfileLanguage } } },
  language: "uv-ci/dockerfile",
});

/** A Dockerfile path in a fresh repository holding `files`. */
function dockerfileIn(files: Record<string, string>, name = "Dockerfile"): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-pin-image-"));
  writeFiles(dir, { ".git/HEAD": "ref: refs/heads/main\n", ...files });
  return join(dir, name);
}

/** The runner image of this repository pins uv 0.9.5; suggestions take it from there. */
const inPinnedRepo = dockerfileIn({ ".github/runners/Dockerfile": "FROM debian\nARG UV_VERSION=0.9.5\n" });
/** No Dockerfile pins uv: suggestions need the `version` option. */
const inBareRepo = dockerfileIn({});
const VERSION = [{ version: "0.11.8" }];
/** A repository whose root folder is itself named as an example, as uv's own `uv-docker-example`. */
const exampleRoot = join(mkdtempSync(join(tmpdir(), "uv-ci-pin-image-")), "uv-docker-example");
writeFiles(exampleRoot, { ".git/HEAD": "ref: refs/heads/main\n" });
const bareRoot = join(inBareRepo, "..");
/** A template repository is a project its users deploy as it is: its images are its own. */
const templateRoot = join(mkdtempSync(join(tmpdir(), "uv-ci-pin-image-")), "full-stack-template");
/** CI pins uv in this repository, which is a reason to pin it in images too. */
const CI_PINS_UV = { ".github/workflows/ci.yml": 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.11.8"\n' };
writeFiles(templateRoot, { ".git/HEAD": "ref: refs/heads/main\n", ...CI_PINS_UV });
/** The repository pins uv only in CI: a reason to pin, but no Dockerfile version to suggest. */
const inCiPinnedRepo = dockerfileIn(CI_PINS_UV);
const ciPinnedRoot = join(inCiPinnedRepo, "..");

const unpinned = (line: number, column: number, endColumn: number, suggestions: { messageId: string; output: string }[] = []) => ({
  messageId: "unpinned" as const,
  line,
  column,
  endLine: line,
  endColumn,
  suggestions,
});

/**
 * The cases below judge moving tags too (`movingTags: true`, off by default); a case's own options
 * are kept. `defaults` further down runs the rule as both configs do.
 */
function withMovingTags<T extends { options?: unknown[] }>(cases: T[]): T[] {
  return cases.map((testCase) => ({ ...testCase, options: [{ movingTags: true, ...(testCase.options?.[0] as object | undefined) }] }));
}

const cases: { valid: RuleTester.ValidTestCase[]; invalid: RuleTester.InvalidTestCase[] } = {
  valid: [
    // A repository that pins uv nowhere (no Dockerfile pin, no setup-uv version, no option) floats it on purpose.
    { filename: inBareRepo, code: "FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/\n" },
    { filename: join(bareRoot, "src", "fetch", "Dockerfile"), code: "FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim\n" },
    { filename: inBareRepo, code: "FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.11.8 /uv /uvx /bin/\n" },
    { filename: inBareRepo, code: "FROM ghcr.io/astral-sh/uv:0.11.8-python3.12-bookworm-slim\n" },
    { filename: inBareRepo, code: "FROM docker.io/astral/uv:0.11.8-alpine\n" },
    // A digest pins whatever the tag says; a minor tag stays on one cache layout.
    { filename: inBareRepo, code: "FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:latest@sha256:0123abcd /uv /bin/\n" },
    { filename: inBareRepo, code: "FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv@sha256:0123abcd /uv /bin/\n" },
    { filename: inBareRepo, code: "FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:0.11 /uv /bin/\n" },
    // The pattern the messages suggest: a global ARG, a uv stage, COPY --from the stage.
    {
      filename: inBareRepo,
      code: "ARG UV_VERSION=0.11.8\nFROM ghcr.io/astral-sh/uv:${UV_VERSION} AS uv\n\nFROM python:3.12\nARG UV_VERSION\nCOPY --from=uv /uv /bin/\nRUN --mount=from=uv,source=/uv,target=/bin/uv uv --version\n",
    },
    { filename: inBareRepo, code: "from ghcr.io/astral-sh/uv:0.11.8 as uv\nfrom python:3.12\ncopy --from=uv /uv /bin/\n" },
    // Not uv: other images, stages and variables are other rules' business.
    { filename: inBareRepo, code: "FROM python:latest\nCOPY --from=builder /app /app\nCOPY --from=$BUILDER /a /b\nARG OTHER\n" },
    { filename: inBareRepo, code: "FROM ghcr.io/astral-sh/uv-fork:latest\nFROM ghcr.io/astral-sh/uvx\n" },
    // Triggers run in downstream images; an unresolved tag is known only at build time.
    { filename: inBareRepo, code: "FROM python:3.12\nONBUILD COPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/\n" },
    { filename: inBareRepo, code: "FROM ghcr.io/astral-sh/uv:${UV_TAG}\n" },
    // A stage built on a moving base (no tag, `latest`, also through an earlier stage) is not reproducible whatever uv it copies.
    { filename: inPinnedRepo, code: "FROM python:latest\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/uv\n" },
    { filename: inPinnedRepo, code: "FROM python\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/uv\n" },
    { filename: inPinnedRepo, code: "FROM python:latest AS base\nFROM base\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/uv\n" },
    // A channel's tag moves as `latest` does (run-llama's MITM test image, field review of sample 6).
    { filename: inPinnedRepo, code: "FROM debian:stable-slim\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/\n" },
    // An image that clones a repository's default branch moves with its commits, whatever uv it has (earth2studio's eval sandboxes).
    {
      filename: inPinnedRepo,
      code: "FROM ghcr.io/astral-sh/uv:python3.13-bookworm-slim\nRUN git clone --depth 1 https://github.com/o/r.git /w && \\\n    cd /w && uv sync\n",
    },
    // A stage's `ARG UV_VERSION` takes the global default.
    { filename: inBareRepo, code: "ARG UV_VERSION=0.11.8\nFROM python:3.12\nARG UV_VERSION\nRUN pip install uv==${UV_VERSION}\n" },
    { name: "a version variable under another name is not the uv version", filename: inBareRepo, code: "ARG UV_VERSION\n", options: [{ argName: "UV_RELEASE" }] },
    // Examples, templates, documentation and dev containers: their readers choose the uv to pin.
    ...["docker-example/app", "examples", "example", "my-examples", "templates", "template/app", "docs", "doc", "{{cookiecutter.project_slug}}", ".devcontainer"].map((folder) => ({
      code: "FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/\n",
      filename: join(bareRoot, folder, "Dockerfile"),
    })),
    { filename: join(bareRoot, "Dockerfile.template"), code: "FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim\n" },
    { filename: join(exampleRoot, "Dockerfile"), code: "FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim\n" },
    { filename: join(exampleRoot, "standalone.Dockerfile"), code: "FROM ghcr.io/astral-sh/uv:bookworm-slim AS builder\n" },
    // uv that only builds in a stage the image does not keep: the image holds what it installed from the lockfile, not uv.
    { filename: inCiPinnedRepo, code: "FROM python:3.12\nRUN --mount=from=ghcr.io/astral-sh/uv,source=/uv,target=/bin/uv \\\n    uv sync --locked\n" },
    {
      filename: inCiPinnedRepo,
      code: "FROM ghcr.io/astral-sh/uv:python3.13-alpine AS uv\nRUN uv sync --frozen\n\nFROM python:3.13-alpine\nCOPY --from=uv /app/.venv /app/.venv\n",
    },
    { filename: inCiPinnedRepo, code: "FROM rust AS build\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /usr/local/bin/uv\nRUN uv sync --locked\n\nFROM scratch\nCOPY --from=build /target/app /app\n" },
  ],
  invalid: [
    {
      name: "a clone of a named branch or tag, or one checked out at a commit, is as reproducible as the uv it gets",
      filename: inPinnedRepo,
      code: "FROM ghcr.io/astral-sh/uv:python3.13-bookworm-slim\nRUN git clone -b v1.2 https://github.com/o/r.git /w\nRUN git clone https://github.com/o/s.git /s && git -C /s checkout 0123abcd\n",
      errors: [{ messageId: "unpinned", suggestions: [{ messageId: "pinVersion", output: "FROM ghcr.io/astral-sh/uv:0.9.5-python3.13-bookworm-slim\nRUN git clone -b v1.2 https://github.com/o/r.git /w\nRUN git clone https://github.com/o/s.git /s && git -C /s checkout 0123abcd\n" }] }],
    },
    {
      name: "COPY --from the latest tag, version from the option",
      filename: inBareRepo,
      code: "FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/\n",
      options: VERSION,
      errors: [
        {
          ...unpinned(2, 6, 40, [
            { messageId: "pinVersion", output: "FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.11.8 /uv /uvx /bin/\n" },
          ]),
          data: {
            reference: "`ghcr.io/astral-sh/uv:latest`",
            reason: "uses the `latest` tag",
            name: "ghcr.io/astral-sh/uv",
            example: "0.11.8",
          },
        },
      ],
    },
    {
      name: "an untagged stage, version from the repository's other Dockerfile",
      filename: inPinnedRepo,
      code: "FROM ghcr.io/astral-sh/uv AS uv\nFROM python:3.12\nCOPY --from=uv /uv /bin/\n",
      errors: [unpinned(1, 6, 26, [{ messageId: "pinVersion", output: "FROM ghcr.io/astral-sh/uv:0.9.5 AS uv\nFROM python:3.12\nCOPY --from=uv /uv /bin/\n" }])],
    },
    {
      name: "a tag without a version keeps its variant",
      filename: inBareRepo,
      code: "FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim\n",
      options: VERSION,
      errors: [unpinned(1, 6, 51, [{ messageId: "pinVersion", output: "FROM ghcr.io/astral-sh/uv:0.11.8-python3.12-bookworm-slim\n" }])],
    },
    {
      name: "Docker Hub's mirror, no version known: no suggestion",
      filename: inCiPinnedRepo,
      code: "FROM python:3.12\nCOPY --from=docker.io/astral/uv:latest /uv /bin/\n",
      errors: [{ ...unpinned(2, 6, 39), data: { reference: "`docker.io/astral/uv:latest`", reason: "uses the `latest` tag", name: "docker.io/astral/uv", example: "X.Y.Z" } }],
    },
    {
      name: "a builder stage's uv copied on into the image",
      filename: inBareRepo,
      code: "FROM python:3.12 AS builder\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/uv\nRUN uv build\n\nFROM python:3.12-slim\nCOPY --from=builder /bin/uv /bin/uv\n",
      options: VERSION,
      errors: [
        unpinned(2, 6, 40, [
          {
            messageId: "pinVersion",
            output: "FROM python:3.12 AS builder\nCOPY --from=ghcr.io/astral-sh/uv:0.11.8 /uv /bin/uv\nRUN uv build\n\nFROM python:3.12-slim\nCOPY --from=builder /bin/uv /bin/uv\n",
          },
        ]),
      ],
    },
    {
      name: "the image is built FROM the uv stage, named by number in a later copy",
      filename: inBareRepo,
      code: "FROM ghcr.io/astral-sh/uv:python3.12-bookworm AS base\nFROM base AS app\nFROM debian:12-slim\nCOPY --from=1 /usr/local/bin/ /usr/local/bin/\n",
      options: VERSION,
      errors: [
        unpinned(1, 6, 46, [
          {
            messageId: "pinVersion",
            output: "FROM ghcr.io/astral-sh/uv:0.11.8-python3.12-bookworm AS base\nFROM base AS app\nFROM debian:12-slim\nCOPY --from=1 /usr/local/bin/ /usr/local/bin/\n",
          },
        ]),
      ],
    },
    {
      name: "an image named through an ARG: reported with its value, not rewritten",
      filename: inBareRepo,
      code: "ARG UV_IMAGE=ghcr.io/astral-sh/uv:latest\nFROM ${UV_IMAGE} AS uv\n",
      options: VERSION,
      errors: [{ ...unpinned(2, 6, 17), data: { reference: "`${UV_IMAGE}` (`ghcr.io/astral-sh/uv:latest`)", reason: "uses the `latest` tag", name: "ghcr.io/astral-sh/uv", example: "0.11.8" } }],
    },
    {
      name: "a variable in COPY --from, global ARG: add a stage",
      filename: inBareRepo,
      code: "ARG UV_VERSION=0.11.8\n\n# Runtime image.\nFROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:${UV_VERSION} /uv /bin/\n",
      errors: [
        {
          messageId: "variableInFrom",
          data: { flag: "COPY --from", value: "ghcr.io/astral-sh/uv:${UV_VERSION}", replacement: "--from=uv" },
          line: 5,
          column: 6,
          endLine: 5,
          endColumn: 47,
          suggestions: [
            {
              messageId: "addStage",
              data: { stage: "uv", value: "ghcr.io/astral-sh/uv:${UV_VERSION}" },
              output: "ARG UV_VERSION=0.11.8\n\nFROM ghcr.io/astral-sh/uv:${UV_VERSION} AS uv\n\n# Runtime image.\nFROM python:3.12\nCOPY --from=uv /uv /bin/\n",
            },
          ],
        },
      ],
    },
    {
      name: "a variable in COPY --from, CRLF, the name `uv` taken",
      filename: inBareRepo,
      code: crlf("ARG UV_VERSION=0.11.8\nFROM node:22 AS uv\nFROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:$UV_VERSION /uv /bin/\n"),
      errors: [
        {
          messageId: "variableInFrom",
          line: 4,
          column: 6,
          endColumn: 45,
          suggestions: [
            {
              messageId: "addStage",
              data: { stage: "uv-2", value: "ghcr.io/astral-sh/uv:$UV_VERSION" },
              output: crlf("ARG UV_VERSION=0.11.8\nFROM node:22 AS uv\nFROM ghcr.io/astral-sh/uv:$UV_VERSION AS uv-2\n\nFROM python:3.12\nCOPY --from=uv-2 /uv /bin/\n"),
            },
          ],
        },
      ],
    },
    {
      name: "a variable in COPY --from that a stage already builds from",
      filename: inBareRepo,
      code: "ARG UV_VERSION=0.11.8\nFROM ghcr.io/astral-sh/uv:${UV_VERSION} AS uv-bin\nFROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:${UV_VERSION} /uv /bin/\n",
      errors: [
        {
          messageId: "variableInFrom",
          line: 4,
          column: 6,
          suggestions: [
            {
              messageId: "useStage",
              data: { stage: "uv-bin", value: "ghcr.io/astral-sh/uv:${UV_VERSION}" },
              output: "ARG UV_VERSION=0.11.8\nFROM ghcr.io/astral-sh/uv:${UV_VERSION} AS uv-bin\nFROM python:3.12\nCOPY --from=uv-bin /uv /bin/\n",
            },
          ],
        },
      ],
    },
    {
      name: "a variable in RUN --mount from=, ARG in the stage: no edit can keep it",
      filename: inBareRepo,
      code: "FROM python:3.12\nARG UV_VERSION=0.11.8\nRUN --mount=type=bind,from=ghcr.io/astral-sh/uv:${UV_VERSION},source=/uv,target=/bin/uv uv sync\n",
      errors: [
        {
          messageId: "variableInFrom",
          data: { flag: "RUN --mount=…,from=", value: "ghcr.io/astral-sh/uv:${UV_VERSION}", replacement: "from=uv" },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 62,
          suggestions: [],
        },
      ],
    },
    {
      name: "an image ARG in COPY --from",
      filename: inBareRepo,
      code: "FROM python:3.12\nARG UV_IMAGE=ghcr.io/astral-sh/uv:0.11.8\nCOPY --from=${UV_IMAGE} /uv /bin/\n",
      errors: [{ messageId: "variableInFrom", line: 3, column: 6, endColumn: 24, suggestions: [] }],
    },
    {
      name: "ARG UV_VERSION without a default",
      filename: inBareRepo,
      code: "ARG UV_VERSION\nFROM ghcr.io/astral-sh/uv:${UV_VERSION} AS uv\n",
      options: VERSION,
      errors: [
        {
          messageId: "argWithoutDefault",
          data: { name: "UV_VERSION", example: "0.11.8" },
          line: 1,
          column: 5,
          endLine: 1,
          endColumn: 15,
          suggestions: [{ messageId: "addDefault", data: { version: "0.11.8" }, output: "ARG UV_VERSION=0.11.8\nFROM ghcr.io/astral-sh/uv:${UV_VERSION} AS uv\n" }],
        },
      ],
    },
    {
      name: "an empty default, second name of the ARG, version from the repository",
      filename: inPinnedRepo,
      code: "FROM python:3.12\nARG PYTHON=3.12 UV_VERSION=\n",
      errors: [
        {
          messageId: "argWithoutDefault",
          line: 2,
          column: 17,
          endColumn: 28,
          suggestions: [{ messageId: "addDefault", output: "FROM python:3.12\nARG PYTHON=3.12 UV_VERSION=0.9.5\n" }],
        },
      ],
    },
    {
      name: "an empty quoted default",
      filename: inBareRepo,
      code: 'ARG UV_VERSION=""\n',
      options: VERSION,
      errors: [{ messageId: "argWithoutDefault", line: 1, column: 5, endColumn: 18, suggestions: [{ messageId: "addDefault", output: "ARG UV_VERSION=0.11.8\n" }] }],
    },
    {
      name: "a stage ARG without a global default, custom name, no version known",
      filename: inBareRepo,
      code: "FROM python:3.12\nARG UV\n",
      options: [{ argName: "UV" }],
      errors: [{ messageId: "argWithoutDefault", data: { name: "UV", example: "X.Y.Z" }, line: 2, column: 5, endColumn: 7, suggestions: [] }],
    },
    {
      name: "a reference split over lines with the `# escape=` character is reported, not rewritten",
      filename: inBareRepo,
      code: "# escape=`\nFROM python:3.12\nCOPY --from=ghcr.io/astral-sh/`\nuv:latest /uv /bin/\n",
      options: VERSION,
      errors: [{ messageId: "unpinned", line: 3, column: 6, endLine: 4, endColumn: 10, suggestions: [] }],
    },
    {
      name: "the project's own CI image, under a comment that asks for a pin",
      filename: join(bareRoot, ".github", "docker", "old.Dockerfile"),
      code: "FROM python:3.12\n# Copy uv from official image - pin to specific version for build caching\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/uv\n",
      options: VERSION,
      errors: [
        unpinned(3, 6, 40, [
          { messageId: "pinVersion", output: "FROM python:3.12\n# Copy uv from official image - pin to specific version for build caching\nCOPY --from=ghcr.io/astral-sh/uv:0.11.8 /uv /bin/uv\n" },
        ]),
      ],
    },
    {
      name: "the image of a template repository",
      filename: join(templateRoot, "backend", "Dockerfile"),
      code: "FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/\n",
      errors: [unpinned(2, 6, 40)],
    },
    {
      name: "a tag without a uv version in a service's image: the message's example keeps the variant, whose Python the stage needs",
      filename: join(ciPinnedRoot, "src", "fetch", "Dockerfile"),
      code: "FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim AS uv\n",
      errors: [{ ...unpinned(1, 6, 51), data: { reference: "`ghcr.io/astral-sh/uv:python3.12-bookworm-slim`", reason: "has a tag without a uv version, which moves with every uv release", name: "ghcr.io/astral-sh/uv", example: "X.Y.Z-python3.12-bookworm-slim" } }],
    },
    {
      name: "a variant written with variables: the example keeps them as written",
      filename: join(ciPinnedRoot, "src", "fetch", "Dockerfile"),
      code: "ARG PYTHON_VERSION=3.13\nARG DEBIAN_VERSION=trixie\nFROM ghcr.io/astral-sh/uv:python${PYTHON_VERSION}-${DEBIAN_VERSION} AS uv\n",
      errors: [{ messageId: "unpinned", line: 3, data: { reference: "`ghcr.io/astral-sh/uv:python${PYTHON_VERSION}-${DEBIAN_VERSION}` (`ghcr.io/astral-sh/uv:python3.13-trixie`)", reason: "has a tag without a uv version, which moves with every uv release", name: "ghcr.io/astral-sh/uv", example: "X.Y.Z-python${PYTHON_VERSION}-${DEBIAN_VERSION}" } }],
    },
    {
      name: "an example still breaks its readers' builds with a variable in --from",
      filename: join(bareRoot, "examples", "Dockerfile"),
      code: "FROM python:3.12\nARG UV_VERSION=0.11.8\nCOPY --from=ghcr.io/astral-sh/uv:${UV_VERSION} /uv /bin/\n",
      errors: [{ messageId: "variableInFrom", line: 3, column: 6, endLine: 3, endColumn: 47, suggestions: [] }],
    },
    {
      name: "a dev container with an ARG that has no default",
      filename: join(bareRoot, ".devcontainer", "Dockerfile"),
      code: "ARG UV_VERSION\nFROM ghcr.io/astral-sh/uv:${UV_VERSION} AS uv\n",
      errors: [{ messageId: "argWithoutDefault", line: 1, column: 5, endLine: 1, endColumn: 15, suggestions: [] }],
    },
  ],
};

ruleTester.run("dockerfile-pin-uv-image", rule, { valid: withMovingTags(cases.valid), invalid: withMovingTags(cases.invalid) });

ruleTester.run("dockerfile-pin-uv-image, defaults (both configs)", rule, {
  valid: [
    { name: "a moving tag is not reported", filename: inPinnedRepo, code: "FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/\n" },
    { name: "nor a tag without a uv version", filename: join(ciPinnedRoot, "src", "fetch", "Dockerfile"), code: "FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim AS uv\n" },
  ],
  invalid: [
    {
      name: "a variable in --from still is: BuildKit cannot resolve it",
      filename: inPinnedRepo,
      code: "FROM python:3.12\nARG UV_VERSION=0.11.8\nCOPY --from=ghcr.io/astral-sh/uv:${UV_VERSION} /uv /bin/\n",
      errors: [{ messageId: "variableInFrom", line: 3, column: 6, endLine: 3, endColumn: 47, suggestions: [] }],
    },
  ],
});
