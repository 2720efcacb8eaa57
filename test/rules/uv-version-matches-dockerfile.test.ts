import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import rule from "../../rules/uv-version-matches-dockerfile.js";
import { writeFiles } from "../helpers/cli.js";
import { workflowRuleTester } from "../helpers/rule-tester.js";

function repoWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-match-"));
  writeFiles(dir, files);
  return join(dir, ".github", "workflows", "ci.yml");
}

const pinned = repoWith({ ".github/runners/Dockerfile": "FROM debian\nARG UV_VERSION=0.11.8\n" });
const viaImage = repoWith({ "Dockerfile": "FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:0.9.5 /uv /uvx /bin/\n" });
const customArg = repoWith({ "docker/ci.Dockerfile": "ARG UV=0.7.1\nFROM ghcr.io/astral-sh/uv:${UV}\n" });
const disagreeing = repoWith({
  "Dockerfile": "FROM ghcr.io/astral-sh/uv:0.11.8-python3.12-bookworm-slim\n",
  "runner/Dockerfile": "FROM debian\nRUN pip install uv==0.10.0\n",
});
const noDockerfile = repoWith({ "README.md": "no Dockerfile here\n" });
const tutorialOnly = repoWith({ "examples/tutorial/Dockerfile": "ARG UV_VERSION=0.1.0\n" });

const step = (version: string): string =>
  `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: ${version}\n`;

workflowRuleTester().run("uv-version-matches-dockerfile", rule as never, {
  valid: [
    { code: step(`"0.11.8"`), filename: pinned },
    { code: step(`"0.9.5"`), filename: viaImage },
    { code: step(`"0.7.1"`), filename: customArg, options: [{ argName: "UV" }] },
    { code: step(`"0.1.0"`), filename: noDockerfile },
    // A tutorial's Dockerfile is not the project's toolchain.
    { code: step(`"0.11.8"`), filename: tutorialOnly },
    // Unpinned or inexact versions are pin-setup-uv-version's business.
    { code: step(`latest`), filename: pinned },
    { code: `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n`, filename: pinned },
    // A matrix over several uv versions tests them on purpose.
    {
      code: `on: push\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix:\n        uv: ["0.10.0", "0.11.8"]\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: \${{ matrix.uv }}\n`,
      filename: pinned,
    },
    // The explicit Dockerfile list replaces discovery.
    { code: step(`"0.7.1"`), filename: customArg, options: [{ dockerfiles: ["docker/ci.Dockerfile"], argName: "UV" }] },
  ],
  invalid: [
    {
      code: step(`"0.10.2"  # keep in sync with the runner image`),
      filename: pinned,
      output: step(`"0.11.8"  # keep in sync with the runner image`),
      errors: [
        {
          messageId: "mismatch",
          data: { actual: "0.10.2", expected: "0.11.8", dockerfile: ".github/runners/Dockerfile:2" },
          line: 8,
          column: 20,
          endColumn: 28,
        },
      ],
    },
    { code: step(`'0.10.2'`), filename: viaImage, output: step(`'0.9.5'`), errors: [{ messageId: "mismatch", line: 8, column: 20 }] },
    { code: step(`0.10.2`), filename: viaImage, output: step(`0.9.5`), errors: [{ messageId: "mismatch", line: 8, column: 20 }] },
    {
      name: "an env value is fixed where it is written",
      code: `on: push\nenv:\n  UV_VERSION: "0.10.2"\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: \${{ env.UV_VERSION }}\n`,
      filename: pinned,
      output: `on: push\nenv:\n  UV_VERSION: "0.11.8"\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: \${{ env.UV_VERSION }}\n`,
      errors: [{ messageId: "mismatch", line: 3, column: 15 }],
    },
    {
      name: "Dockerfiles that disagree are named, without a fix",
      code: step(`"0.11.8"`),
      filename: disagreeing,
      output: null,
      errors: [
        {
          messageId: "dockerfilesDisagree",
          data: { first: "Dockerfile:1", firstVersion: "0.11.8", second: "runner/Dockerfile:2", secondVersion: "0.10.0" },
          line: 8,
          column: 20,
        },
      ],
    },
  ],
});
