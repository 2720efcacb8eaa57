import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RuleTester } from "eslint";
import { describe, it } from "vitest";
import rule, { LOCAL_STATE_HEADER } from "../../rules/dockerignore-excludes-local-state.js";
import { dockerignoreLanguage } from "../../src/languages/dockerignore/language.js";
import { writeFiles } from "../helpers/cli.js";

RuleTester.describe = describe;
RuleTester.it = it;

const ruleTester = new RuleTester({
  plugins: { "uv-ci": { languages: { dockerignore: dockerignoreLanguage } } },
  language: "uv-ci/dockerignore",
});

/** A `.dockerignore` beside a pyproject.toml whose version comes from Git (hatch-vcs). */
const gitVersioned = mkdtempSync(join(tmpdir(), "uv-ci-vcs-"));
const APP_DOCKERFILE = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install .\n";
writeFiles(gitVersioned, { "pyproject.toml": '[build-system]\nrequires = ["hatchling", "hatch-vcs>=0.4"]\nbuild-backend = "hatchling.build"\n', Dockerfile: APP_DOCKERFILE });
const plainProject = mkdtempSync(join(tmpdir(), "uv-ci-plain-"));
// Its own repository, whose `.gitignore` says developers keep a `.env` here.
writeFiles(plainProject, { "pyproject.toml": '[build-system]\nrequires = ["hatchling"]\n', Dockerfile: APP_DOCKERFILE, ".gitignore": ".env\n", ".git/HEAD": "ref: refs/heads/main\n" });

/** A tree holding `files`, with `.git` so that it is its own repository. */
function repository(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-local-state-"));
  writeFiles(dir, { ".git/HEAD": "ref: refs/heads/main\n", ...files });
  return dir;
}

/** A case linted as the `.dockerignore` of {@link plainProject}, whose Dockerfile copies the whole context. */
function inProject<Case extends { code: string; filename?: string }>(testCase: string | Case): Case {
  const withCode = typeof testCase === "string" ? ({ code: testCase } as Case) : testCase;
  return { filename: join(plainProject, ".dockerignore"), ...withCode };
}

/** A root ignore file lacking `.env`, in a repository that keeps one. */
const LACKS_ENV = ".venv\n.git\n.claude\n";
/** A nested Dockerfile that copies its whole context, and a `.env` at the root. */
const NESTED_WORKER = { "services/worker/Dockerfile": APP_DOCKERFILE, ".env": "TOKEN=x\n" };
const NESTED_WORKER_REPORT = {
  messageId: "missingPatterns" as const,
  data: { file: ".dockerignore", missing: "`.env` and `.env.*`", dockerfile: "services/worker/Dockerfile", line: "3", lines: "`.env`, `.env.*` and `!.env.example`" },
};

/** Files no build reads, vendored code, and builds that need what the list names. */
const SILENT = [
  {
    name: "a file that keeps out `.git` and `.venv` lacks only `.env`, and nothing shows a `.env` is kept here",
    code: ".git\n.venv\n",
    dir: repository({ Dockerfile: APP_DOCKERFILE }),
  },
  { name: "no Dockerfile is built from the context", code: "", dir: repository({ "pyproject.toml": "" }) },
  {
    name: "a context below the repository root holds no `.git`: with it off the list, only an agent's `.claude` is left, not worth a report alone",
    code: ".env\n.env.*\n.venv\n",
    dir: repository({ "services/app/Dockerfile": APP_DOCKERFILE }),
    file: "services/app/.dockerignore",
  },
  {
    name: "a sample's Dockerfile is built from the maintainers' clean tree until a reader copies it out",
    code: "",
    dir: repository({ "python/samples/hosting/agent/Dockerfile": APP_DOCKERFILE, "python/samples/hosting/agent/.env": "KEY=x\n" }),
    file: "python/samples/hosting/agent/.dockerignore",
  },
  { name: "so is a template's", code: "", dir: repository({ "templates/service/Dockerfile": APP_DOCKERFILE }), file: "templates/service/.dockerignore" },
  { name: "a dev container ships no image", code: "", dir: repository({ ".devcontainer/Dockerfile": APP_DOCKERFILE }), file: ".devcontainer/.dockerignore" },
  { name: "nor does a Binder environment, which mybinder.org builds from a fresh clone with the root as its context (sktime)", code: "", dir: repository({ ".binder/Dockerfile": APP_DOCKERFILE, ".env": "KEY=x\n" }) },
  { name: "the only Dockerfile has an ignore file of its own", code: "", dir: repository({ Dockerfile: APP_DOCKERFILE, "Dockerfile.dockerignore": ".git\n" }) },
  { name: "vendored code", code: "", dir: repository({ "vendor/github.com/x/y/Dockerfile": APP_DOCKERFILE }), file: "vendor/github.com/x/y/.dockerignore" },
  { name: "node_modules", code: "", dir: repository({ "web/node_modules/pkg/Dockerfile": APP_DOCKERFILE }), file: "web/node_modules/pkg/.dockerignore" },
  { name: "a virtual environment", code: "", dir: repository({ "env/pyvenv.cfg": "home = /usr/bin\n", "env/lib/pkg/Dockerfile": APP_DOCKERFILE }), file: "env/lib/pkg/.dockerignore" },
  {
    name: "a build that runs git needs .git",
    code: ".env\n.env.*\n.venv\n.claude\n",
    dir: repository({ Dockerfile: "FROM python:3.12\nCOPY . /src\nRUN cd /src && git describe --tags > VERSION\n" }),
  },
  {
    name: "a build that bind-mounts the context needs .git",
    code: ".env\n.env.*\n.venv\n.claude\n",
    dir: repository({ Dockerfile: "FROM python:3.12\nRUN --mount=type=bind,target=/src,rw pip install /src\n" }),
  },
  {
    name: "the Dockerfile copies only named files, so nothing else reaches an image",
    code: "",
    dir: repository({ Dockerfile: "FROM python:3.12\nCOPY pyproject.toml uv.lock ./\nCOPY src/ ./src/\nRUN pip install .\n" }),
  },
  {
    name: "a file the Dockerfile copies by name",
    code: ".env.*\n.venv\n.git\n.claude\n",
    dir: repository({ Dockerfile: "FROM python:3.12\nCOPY .env /app/.env\nCOPY .git /app/.git\nCOPY . /app\n" }),
  },
  {
    name: "a Go build whose final stage gets only the binary",
    code: "",
    dir: repository({ Dockerfile: "FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n" }),
  },
  {
    name: "a Python builder stage whose results alone reach the final stage",
    code: "",
    dir: repository({ Dockerfile: "FROM python:3.12 AS build\nWORKDIR /src\nCOPY . .\nRUN uv build\nFROM python:3.12-slim\nCOPY --from=build /src/dist /dist\nRUN pip install /dist/*.whl\n" }),
  },
  {
    name: "a build with no Python tooling (a Node image)",
    code: "",
    dir: repository({ Dockerfile: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n" }),
  },
  {
    name: "a Dockerfile whose COPY names folders of the repository root is built from the root, not from this folder",
    code: "",
    dir: repository({ "services/api/Dockerfile": "FROM python:3.12\nCOPY services/api/ /app\nCOPY . /src\n" }),
    file: "services/api/.dockerignore",
  },
  {
    name: "a nested Dockerfile that a compose file builds from its own folder (`context: worker`) is not built with the root's ignore file",
    code: LACKS_ENV,
    dir: repository({ ...NESTED_WORKER, "services/docker-compose.yml": "services:\n  worker:\n    build:\n      context: worker\n" }),
  },
  {
    name: "the same with the string form of `build` in a compose.yaml at the root",
    code: LACKS_ENV,
    dir: repository({ ...NESTED_WORKER, "compose.yaml": "services:\n  worker:\n    build: ./services/worker\n" }),
  },
].map(({ dir, file, ...testCase }) => ({ ...testCase, filename: join(dir, file ?? ".dockerignore") }));

/** A nested Dockerfile that nothing shows to be built from another context than the root: reported as before. */
const NESTED_WORKER_FROM_ROOT: { name: string; files: Record<string, string> }[] = [
  { name: "a nested Dockerfile that no compose file builds is taken to be built from the root, as before", files: {} },
  {
    name: "a compose file that builds the nested Dockerfile from the root context",
    files: { "docker-compose.yml": "services:\n  worker:\n    build:\n      context: .\n      dockerfile: services/worker/Dockerfile\n" },
  },
  {
    name: "compose files that build it from its own folder and from the root: the root build still reads this file",
    files: {
      "services/docker-compose.yml": "services:\n  worker:\n    build:\n      context: worker\n",
      "docker-compose.ci.yml": "services:\n  worker:\n    build:\n      dockerfile: services/worker/Dockerfile\n",
    },
  },
  {
    name: "a context given by a variable says nothing, nor does a compose file that cannot be parsed",
    files: {
      "services/docker-compose.yml": "services:\n  worker:\n    build:\n      context: ${WORKER_CONTEXT:-worker}\n",
      "services/compose.yaml": "services:\n  worker:\n    build: [worker\n",
    },
  },
];

/** Builds that need one path under a pattern: the pattern is still asked for, with an exception. */
const REPORTED = [
  {
    name: "a copied `.env.production` stays in the context through an exception",
    code: ".venv\n.git\n.claude\n",
    output: `.venv\n.git\n.claude\n\n${LOCAL_STATE_HEADER}\n.env\n.env.*\n!.env.example\n!.env.production\n`,
    dir: repository({ Dockerfile: "FROM python:3.12\nCOPY .env.production ./\nCOPY . .\n", ".gitignore": ".env\n" }),
    errors: [
      {
        messageId: "missingPatterns" as const,
        data: { file: ".dockerignore", missing: "`.env` and `.env.*`", dockerfile: "Dockerfile", line: "3", lines: "`.env`, `.env.*`, `!.env.example` and `!.env.production`" },
      },
    ],
  },
  {
    name: "a multi-stage build that copies the builder's whole /app into the final stage ships the context",
    code: ".venv\n.git\n",
    output: `.venv\n.git\n\n${LOCAL_STATE_HEADER}\n.env\n.env.*\n.claude\n!.env.example\n`,
    dir: repository({
      Dockerfile:
        "FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim AS builder\nWORKDIR /app\nCOPY . /app\nRUN uv sync --locked\n\nFROM python:3.12-slim\nCOPY --from=builder /app /app\n",
      ".env": "TOKEN=x\n",
    }),
    errors: [
      {
        messageId: "missingPatterns" as const,
        data: { file: ".dockerignore", missing: "`.env`, `.env.*` and `.claude`", dockerfile: "Dockerfile", line: "3", lines: "`.env`, `.env.*`, `.claude` and `!.env.example`" },
      },
    ],
  },
  {
    name: "a final stage built FROM the stage that copies the context ships it, and the message names the Dockerfile below the context",
    code: ".env\n.venv\n.claude\n",
    output: `.env\n.venv\n.claude\n\n${LOCAL_STATE_HEADER}\n.env.*\n.git\n!.env.example\n`,
    dir: repository({ "docker/app.Dockerfile": "FROM python:3.12 AS base\nCOPY . /srv\nFROM base\nCMD [\"python\", \"/srv/main.py\"]\n" }),
    errors: [
      {
        messageId: "missingPatterns" as const,
        data: { file: ".dockerignore", missing: "`.env.*` and `.git`", dockerfile: "docker/app.Dockerfile", line: "2", lines: "`.env.*`, `.git` and `!.env.example`" },
      },
    ],
  },
  {
    name: "a context below the root that is a repository of its own does hold a `.git`",
    code: ".env\n.env.*\n.venv\n",
    output: `.env\n.env.*\n.venv\n\n${LOCAL_STATE_HEADER}\n.git\n.claude\n`,
    dir: join(repository({ "vendored-app/Dockerfile": APP_DOCKERFILE, "vendored-app/.git": "gitdir: ../.git/modules/vendored-app\n" }), "vendored-app"),
    errors: [{ messageId: "missingPatterns" as const, data: { file: ".dockerignore", missing: "`.git` and `.claude`", dockerfile: "Dockerfile", line: "3", lines: "`.git` and `.claude`" } }],
  },
  ...NESTED_WORKER_FROM_ROOT.map(({ name, files }) => ({
    name,
    code: LACKS_ENV,
    output: `${LACKS_ENV}\n${LOCAL_STATE_HEADER}\n.env\n.env.*\n!.env.example\n`,
    dir: repository({ ...NESTED_WORKER, ...files }),
    errors: [NESTED_WORKER_REPORT],
  })),
].map(({ dir, ...testCase }) => ({ ...testCase, filename: join(dir, ".dockerignore") }));

const ALL = ".env\n.env.*\n!.env.example\n.venv\n.git\n.claude/\n";
const header = LOCAL_STATE_HEADER;

const missing = (endColumn: number, data?: Record<string, string>) => ({
  messageId: "missingPatterns" as const,
  line: 1,
  column: 1,
  endLine: 1,
  endColumn,
  ...(data ? { data } : {}),
});

ruleTester.run("dockerignore-excludes-local-state", rule, {
  valid: [
    ...SILENT,
    ...[
      ALL,
      // The seed PR's file after its change, plus the secrets and the Git history.
      "# Virtual environments\n.venv\nvenv/\n\n# Agent state\n.claude/\n\n.git\n.env\n.env.*\n!.env.example\n",
      // Deny by default: everything is out already.
      "*\n!src\n!pyproject.toml\n!uv.lock\n",
      // Wider patterns cover the list; `**/` and leading `/` or `./` spellings count.
      ".*\n",
      ".env*\n.venv/\n/.git\n./.claude\n",
      "**/.env\n**/.env.*\n**/.venv\n**/.git\n**/.claude\n",
      // A file Docker refuses is left to other checks.
      "[\n",
      // The list is configurable.
      { code: ".env\n", options: [{ patterns: [".env"], keep: [] }] },
      // `.git` is not asked for when the project takes its version from Git.
      { code: ".env\n.env.*\n.venv\n.claude\n", filename: join(gitVersioned, ".dockerignore") },
      // An excluded `.env.example` that the file itself excludes stays the file's choice.
      ".env*\n.venv\n.git\n.claude\n",
      // `.env` variants listed one by one are a deliberate list: `.env.*` would also take out those the build reads.
      ".env\n.env.local\n.env.test\n.venv\n.git\n.claude\n",
      // With `.env` out, its variants `.env.*` alone are not worth a report, nor an agent's `.claude`.
      ".env\n.venv\n.git\n.claude\n",
      ".env\n.venv\n.git\n",
      ".env\n.env.*\n.venv\n.git\n",
      ".env.local\n.env\n.venv/\n.git\n.claude\n",
    ].map(inProject),
  ],
  invalid: [
    ...REPORTED,
    ...[
      {
        name: "the seed PR's .dockerignore: the agent state was added, the secrets and the Git history were not",
        code: "# Virtual environments\n.venv\nvenv/\n\n# Agent state\n.claude/\n",
        output: `# Virtual environments\n.venv\nvenv/\n\n# Agent state\n.claude/\n\n${header}\n.env\n.env.*\n.git\n!.env.example\n`,
        errors: [missing(23, { file: ".dockerignore", missing: "`.env`, `.env.*` and `.git`", dockerfile: "Dockerfile", line: "3", lines: "`.env`, `.env.*`, `.git` and `!.env.example`" })],
      },
      {
        name: "empty file",
        code: "",
        output: `${header}\n.env\n.env.*\n.venv\n.git\n.claude\n!.env.example\n`,
        errors: [missing(1)],
      },
      {
        name: "no final newline: the file still ends without one",
        code: "node_modules",
        output: `node_modules\n\n${header}\n.env\n.env.*\n.venv\n.git\n.claude\n!.env.example`,
        errors: [missing(13)],
      },
      {
        name: "CRLF, ending with a blank line: no second blank line",
        code: "__pycache__/\r\n.env\r\n.env.*\r\n\r\n",
        output: `__pycache__/\r\n.env\r\n.env.*\r\n\r\n${header}\r\n.venv\r\n.git\r\n.claude\r\n`,
        errors: [missing(13, { file: ".dockerignore", missing: "`.venv`, `.git` and `.claude`", dockerfile: "Dockerfile", line: "3", lines: "`.venv`, `.git` and `.claude`" })],
      },
      {
        name: "a later exception lets a path back in: the appended pattern wins, being last",
        code: "*\n!.venv\n!src\n",
        output: `*\n!.venv\n!src\n\n${header}\n.venv\n`,
        errors: [missing(2)],
      },
      {
        name: "`.env` variants listed one by one: `.env.*` is not added, what else is missing is",
        code: ".env.local\n.venv\n.git\n.claude\n",
        output: `.env.local\n.venv\n.git\n.claude\n\n${header}\n.env\n`,
        errors: [missing(11, { file: ".dockerignore", missing: "`.env`", dockerfile: "Dockerfile", line: "3", lines: "`.env`" })],
      },
      {
        name: "variants of an excluded `.env`, and `.claude`, are asked for beside another missing path",
        code: ".env\n.git\n",
        output: `.env\n.git\n\n${header}\n.env.*\n.venv\n.claude\n!.env.example\n`,
        errors: [missing(5, { file: ".dockerignore", missing: "`.env.*`, `.venv` and `.claude`", dockerfile: "Dockerfile", line: "3", lines: "`.env.*`, `.venv`, `.claude` and `!.env.example`" })],
      },
      {
        name: "a `.env.example` that the file already brings back after `.env.*` needs no exception from us",
        code: ".env.*\n!.env.example\n.venv\n.git\n.claude\n",
        output: `.env.*\n!.env.example\n.venv\n.git\n.claude\n\n${header}\n.env\n`,
        errors: [missing(7)],
      },
      {
        name: "`.git` is asked for when the project's version does not come from Git",
        code: ".env\n.env.*\n.venv\n.claude\n",
        filename: join(plainProject, ".dockerignore"),
        output: `.env\n.env.*\n.venv\n.claude\n\n${header}\n.git\n`,
        errors: [missing(5, { file: ".dockerignore", missing: "`.git`", dockerfile: "Dockerfile", line: "3", lines: "`.git`" })],
      },
      {
        name: "options: `**/` patterns are probed one directory down too, and kept paths get exceptions",
        code: ".env\n",
        options: [{ patterns: ["**/.env", "secrets/*"], keep: ["secrets/README.md"] }],
        output: `.env\n\n${header}\n**/.env\nsecrets/*\n!secrets/README.md\n`,
        errors: [missing(5, { file: ".dockerignore", missing: "`**/.env` and `secrets/*`", dockerfile: "Dockerfile", line: "3", lines: "`**/.env`, `secrets/*` and `!secrets/README.md`" })],
      },
    ].map(inProject),
  ],
});
