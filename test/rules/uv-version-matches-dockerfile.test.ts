import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import rule from "../../rules/uv-version-matches-dockerfile.js";
import { writeFiles } from "../helpers/cli.js";
import { ACTION_PATH, compositeAction } from "../helpers/composite-action.js";
import { workflowRuleTester } from "../helpers/rule-tester.js";

function repoWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-match-"));
  writeFiles(dir, files);
  return join(dir, ".github", "workflows", "ci.yml");
}

/** A runner image that installs uv `version` and bakes the project's dependencies into its uv cache. */
const runnerImage = (version: string, install = `RUN curl -LsSf "https://astral.sh/uv/\${UV_VERSION}/install.sh" | sh`): string =>
  `FROM debian\nARG UV_VERSION=${version}\n${install}\nCOPY . /tmp/p\nRUN cd /tmp/p && uv sync --frozen && rm -rf /tmp/p\n`;

const pinned = repoWith({ ".github/runners/Dockerfile": runnerImage("0.11.8") });
const viaImage = repoWith({ ".github/ci.Dockerfile": "FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:0.9.5 /uv /uvx /bin/\nRUN uv pip install --system -r requirements.txt\n" });
const customArg = repoWith({ "docker/ci.Dockerfile": "ARG UV=0.7.1\nFROM ghcr.io/astral-sh/uv:${UV}\n" });
const disagreeing = repoWith({ ".github/runners/a.Dockerfile": runnerImage("0.11.8"), ".github/runners/b.Dockerfile": runnerImage("0.10.0") });
const noDockerfile = repoWith({ "README.md": "no Dockerfile here\n" });
const tutorialOnly = repoWith({ "examples/tutorial/Dockerfile": "ARG UV_VERSION=0.1.0\n" });
// fastapi/full-stack-fastapi-template's shape: the application image keeps uv's cache in a cache mount.
const applicationImage = repoWith({
  "backend/Dockerfile": "FROM python:3.14\nCOPY --from=ghcr.io/astral-sh/uv:0.9.26 /uv /uvx /bin/\nRUN --mount=type=cache,target=/root/.cache/uv \\\n    uv sync --frozen --no-install-workspace\n",
});
const applicationImageBaking = repoWith({ Dockerfile: "FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:0.9.5 /uv /bin/\nRUN uv sync --frozen\n" });
const runnerWithoutCache = repoWith({ ".github/runners/Dockerfile": "FROM debian\nARG UV_VERSION=0.9.5\nENV UV_NO_CACHE=1\nRUN uv sync\n" });
const jobContainer = repoWith({
  "ci/Dockerfile": runnerImage("0.10.4"),
  ".github/workflows/image.yml":
    "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build -f ci/Dockerfile -t ghcr.io/o/ci:main .\n  test:\n    runs-on: ubuntu-latest\n    container: ghcr.io/o/ci:main\n    steps:\n      - run: uv sync\n",
});
const builtNotRun = repoWith({
  "ci/Dockerfile": runnerImage("0.10.4"),
  ".github/workflows/image.yml": "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build -f ci/Dockerfile -t ghcr.io/o/ci:main .\n",
});
const imageVsRequired = repoWith({ ".github/runners/Dockerfile": runnerImage("0.11.8"), "pyproject.toml": '[tool.uv]\nrequired-version = "==0.10.0"\n' });
const imageSatisfiesRange = repoWith({ ".github/runners/Dockerfile": runnerImage("0.11.8"), "pyproject.toml": '[tool.uv]\nrequired-version = ">=0.10"\n' });

const step = (version: string): string =>
  `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: ${version}\n`;

workflowRuleTester().run("uv-version-matches-dockerfile", rule, {
  valid: [
    { code: step(`"0.11.8"`), filename: pinned },
    { code: step(`"0.9.5"`), filename: viaImage },
    { code: step(`"0.1.0"`), filename: noDockerfile },
    // A tutorial's Dockerfile is not the project's toolchain.
    { code: step(`"0.11.8"`), filename: tutorialOnly },
    // Application images are not CI's: their uv may differ on purpose, and CI reads no cache of theirs.
    { code: step(`"0.11.18"`), filename: applicationImage },
    { code: step(`"0.11.18"`), filename: applicationImageBaking },
    { code: step(`"0.7.2"`), filename: customArg, options: [{ argName: "UV" }] },
    // A runner image that keeps no uv cache has nothing for CI to read.
    { code: step(`"0.11.8"`), filename: runnerWithoutCache },
    // A workflow builds the image, but no job runs in it.
    { code: step(`"0.11.8"`), filename: builtNotRun },
    { code: step(`"0.11.8"`), filename: imageSatisfiesRange },
    // Unpinned or inexact versions are pin-setup-uv-version's business.
    { code: step(`latest`), filename: pinned },
    { code: `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n`, filename: pinned },
    // A matrix over several uv versions tests them on purpose.
    {
      code: `on: push\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix:\n        uv: ["0.10.0", "0.11.8"]\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: \${{ matrix.uv }}\n`,
      filename: pinned,
    },
    // The explicit Dockerfile list names the runner images.
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
    { code: step(`'0.9.0'`), filename: viaImage, output: step(`'0.9.5'`), errors: [{ messageId: "mismatch", data: { actual: "0.9.0", expected: "0.9.5", dockerfile: ".github/ci.Dockerfile:2" }, line: 8, column: 20 }] },
    { code: step(`0.9.0`), filename: viaImage, output: step(`0.9.5`), errors: [{ messageId: "mismatch", line: 8, column: 20 }] },
    {
      name: "a CI pin newer than the runner image is reported without a fix: CI never moves to an older uv",
      code: step(`"0.12.0"`),
      filename: pinned,
      output: null,
      errors: [{ messageId: "mismatchNewer", data: { actual: "0.12.0", expected: "0.11.8", dockerfile: ".github/runners/Dockerfile:2" }, line: 8, column: 20, endColumn: 28 }],
    },
    {
      name: "an env value is fixed where it is written",
      code: `on: push\nenv:\n  UV_VERSION: "0.10.2"\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: \${{ env.UV_VERSION }}\n`,
      filename: pinned,
      output: `on: push\nenv:\n  UV_VERSION: "0.11.8"\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: \${{ env.UV_VERSION }}\n`,
      errors: [{ messageId: "mismatch", line: 3, column: 15 }],
    },
    {
      name: "an image that a workflow builds and a job runs in as its container",
      code: step(`"0.10.0"`),
      filename: jobContainer,
      output: step(`"0.10.4"`),
      errors: [{ messageId: "mismatch", data: { actual: "0.10.0", expected: "0.10.4", dockerfile: "ci/Dockerfile:2" }, line: 8, column: 20 }],
    },
    {
      name: "a Dockerfile named in `dockerfiles` counts, wherever it is",
      code: step(`"0.7.0"`),
      filename: customArg,
      options: [{ dockerfiles: ["docker/ci.Dockerfile"], argName: "UV" }],
      output: step(`"0.7.1"`),
      errors: [{ messageId: "mismatch", data: { actual: "0.7.0", expected: "0.7.1", dockerfile: "docker/ci.Dockerfile:1" }, line: 8, column: 20 }],
    },
    {
      name: "runner images that disagree are named, without a fix",
      code: step(`"0.11.8"`),
      filename: disagreeing,
      output: null,
      errors: [
        {
          messageId: "dockerfilesDisagree",
          data: { first: ".github/runners/a.Dockerfile:2", firstVersion: "0.11.8", second: ".github/runners/b.Dockerfile:2", secondVersion: "0.10.0" },
          line: 8,
          column: 20,
        },
      ],
    },
    {
      name: "a runner image that required-version refuses: the disagreement is reported once, without a fix",
      code: step(`"0.9.0"`),
      filename: imageVsRequired,
      output: null,
      errors: [
        {
          messageId: "requiredVersionDisagrees",
          data: { dockerfile: ".github/runners/Dockerfile:2", imageVersion: "0.11.8", file: "pyproject.toml", specifier: "==0.10.0" },
          line: 8,
          column: 20,
        },
      ],
    },
  ],
});

/** The composite action of the repository whose workflow is `workflow`. */
const actionBeside = (workflow: string): string => join(workflow, "..", "..", "..", ACTION_PATH);
const actionPin = (version: string): string => compositeAction(`    - uses: astral-sh/setup-uv@v7\n      with:\n        version: ${version}\n`);

workflowRuleTester().run("uv-version-matches-dockerfile in composite actions", rule, {
  valid: [
    { name: "the action pins the runner image's uv", code: actionPin('"0.11.8"'), filename: actionBeside(pinned) },
    { name: "a version an input gives is unknown", code: actionPin("${{ inputs.uv-version }}"), filename: actionBeside(pinned) },
  ],
  invalid: [
    {
      name: "the action pins another uv than the runner image",
      code: actionPin('"0.10.2"'),
      filename: actionBeside(pinned),
      output: actionPin('"0.11.8"'),
      errors: [{ messageId: "mismatch", data: { actual: "0.10.2", expected: "0.11.8", dockerfile: ".github/runners/Dockerfile:2" }, line: 12, column: 18, endLine: 12, endColumn: 26 }],
    },
  ],
});
