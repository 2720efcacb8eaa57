import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import rule from "../../rules/uv-version-matches-pre-commit.js";
import { writeFiles } from "../helpers/cli.js";
import { crlf, workflowRuleTester } from "../helpers/rule-tester.js";

/** A uv.lock that a workflow checks with the uv its job runs, where the hooks' uv and CI's meet. */
const LOCKFILE_CHECKED_IN_CI = {
  "uv.lock": "version = 1\n",
  ".github/workflows/lockfile.yml": "on: pull_request\njobs:\n  lockfile:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - run: uv lock --check\n",
};

/**
 * A temporary Git repository holding `files` (and, unless told otherwise, a uv.lock that CI
 * checks); returns the path of its root `.pre-commit-config.yaml` (or `name`).
 */
function repoWith(files: Record<string, string>, name = ".pre-commit-config.yaml", ciChecksLockfile = true): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-pre-commit-"));
  mkdirSync(join(dir, ".git"));
  writeFiles(dir, { ...(ciChecksLockfile ? LOCKFILE_CHECKED_IN_CI : {}), ...files });
  return join(dir, name);
}

/** A CI runner image that installs uv `version` and bakes the project into its uv cache. */
const runnerImage = (version: string): string =>
  `FROM debian\nARG UV_VERSION=${version}\nRUN pip install uv==\${UV_VERSION}\nCOPY . /tmp/p\nRUN cd /tmp/p && uv sync --frozen\n`;

/** A workflow whose one setup-uv step asks for `version` (none when null). */
const workflow = (version: string | null): string =>
  `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: astral-sh/setup-uv@v7\n${version === null ? "" : `        with:\n          version: "${version}"\n`}      - run: uv sync --locked\n`;

const image = repoWith({ ".github/runners/Dockerfile": runnerImage("0.9.5") });
const imageYml = repoWith({ ".github/runners/Dockerfile": runnerImage("0.9.5") }, ".pre-commit-config.yml");
const imagesDisagree = repoWith({ ".github/runners/a.Dockerfile": runnerImage("0.9.5"), ".github/runners/b.Dockerfile": runnerImage("0.8.0") });
const oneStep = repoWith({ ".github/workflows/ci.yml": workflow("0.9.5") });
const twoSteps = repoWith({ ".github/workflows/ci.yml": workflow("0.9.5"), ".github/workflows/docs.yml": workflow("0.9.5") });
const stepsDisagree = repoWith({ ".github/workflows/ci.yml": workflow("0.9.5"), ".github/workflows/docs.yml": workflow("0.9.6") });
const oneStepFloats = repoWith({ ".github/workflows/ci.yml": workflow("0.9.5"), ".github/workflows/docs.yml": workflow(null) });
const nothingPinned = repoWith({ ".github/workflows/ci.yml": workflow(null), "pyproject.toml": '[project]\nname = "p"\n' });
const requiredExact = repoWith({ "pyproject.toml": '[tool.uv]\nrequired-version = "==0.9.5"\n' });
const requiredRange = repoWith({ "uv.toml": 'required-version = ">=0.9,<0.10"\n' });
const requiredRangeAndStep = repoWith({ "uv.toml": 'required-version = ">=0.9"\n', ".github/workflows/ci.yml": workflow("0.9.5") });

/** A configuration whose uv-pre-commit entry has `rev` as written, after another repository's entry. */
const config = (rev: string, url = "https://github.com/astral-sh/uv-pre-commit"): string =>
  `repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.6.9\n    hooks:\n      - id: ruff\n  - repo: ${url}\n    # uv version.\n    rev: ${rev}\n    hooks:\n      - id: uv-lock\n`;

const SHA = "6e2418c5521b7d606e72914dced3253f9ace1205";

workflowRuleTester().run("uv-version-matches-pre-commit", rule, {
  valid: [
    { name: "the runner image's uv", code: config("0.9.5"), filename: image },
    { name: "the one setup-uv step's uv", code: config("0.9.5"), filename: oneStep },
    { name: "a commit frozen at the runner image's uv", code: config(`${SHA}  # frozen: 0.9.5`), filename: image },
    { name: "runner images that disagree state no one uv", code: config("0.9.0"), filename: imagesDisagree },
    { name: "setup-uv steps that disagree state no one uv", code: config("0.9.0"), filename: stepsDisagree },
    { name: "a step without `version` runs the newest uv beside the pinned one", code: config("0.9.0"), filename: oneStepFloats },
    { name: "nothing pins uv", code: config("0.9.0"), filename: nothingPinned },
    { name: "a commit without a frozen comment says no version", code: config(SHA), filename: image },
    { name: "a frozen comment on another line does not name the rev's tag", code: config(`${SHA}\n    # frozen: 0.9.0`), filename: image },
    { name: "a branch is no version", code: config("main"), filename: image },
    { name: "a range `required-version` that the rev satisfies, and no other source", code: config("0.9.17"), filename: requiredRange },
    { name: "other hook repositories", code: config("0.9.0", "https://github.com/astral-sh/ruff-pre-commit"), filename: image },
    { name: "a local hook runs the uv on PATH", code: "repos:\n  - repo: local\n    hooks:\n      - id: uv-lock\n        name: uv lock\n        entry: uv lock\n        language: system\n", filename: image },
    { name: "no `repos:`", code: "default_stages: [pre-commit]\n", filename: image },
    {
      name: "a YAML file that is no pre-commit configuration, even with the rule on for it",
      code: config("0.9.0"),
      filename: join(image, "..", ".github", "workflows", "pre-commit.yml"),
    },
    {
      name: "CI never checks the lockfile: the hooks' uv and CI's never meet on it",
      code: config("0.9.0"),
      filename: repoWith({ ".github/runners/Dockerfile": runnerImage("0.9.5"), "uv.lock": "version = 1\n", ".github/workflows/ci.yml": workflow(null).replace("--locked", "") }, undefined, false),
    },
    {
      name: "CI checks it only by running the hooks, with their own uv",
      code: config("0.9.0"),
      filename: repoWith(
        {
          ".github/runners/Dockerfile": runnerImage("0.9.5"),
          "uv.lock": "version = 1\n",
          "pyproject.toml": '[project]\nname = "p"\n',
          ".pre-commit-config.yaml": config("0.9.0"),
          ".github/workflows/lint.yml": "on: pull_request\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - run: pre-commit run --all-files\n",
        },
        undefined,
        false,
      ),
    },
    { name: "the runner image named in `dockerfiles`", code: config("0.7.1"), filename: repoWith({ "docker/ci.Dockerfile": "ARG UV=0.7.1\nFROM ghcr.io/astral-sh/uv:${UV}\n" }), options: [{ dockerfiles: ["docker/ci.Dockerfile"], argName: "UV" }] },
  ],
  invalid: [
    {
      name: "an older rev than the runner image's uv is moved to it, keeping the comments",
      code: config("0.9.0  # renovate: keep"),
      filename: image,
      output: config("0.9.5  # renovate: keep"),
      errors: [
        {
          messageId: "mismatch",
          data: { version: "0.9.0", target: "0.9.5", ciSource: "the runner image `.github/runners/Dockerfile` pins it", newRev: "`rev: 0.9.5`" },
          line: 8,
          column: 10,
          endLine: 8,
          endColumn: 15,
        },
      ],
    },
    {
      name: "quotes and CRLF are kept",
      code: crlf(config("'0.9.0'")),
      filename: image,
      output: crlf(config("'0.9.5'")),
      errors: [{ messageId: "mismatch", line: 8, column: 10, endLine: 8, endColumn: 17 }],
    },
    {
      name: "a dev container that pins the hooks' uv: moving the hooks alone would split them, so a suggestion",
      code: config("0.9.0"),
      filename: repoWith({ ".github/runners/Dockerfile": runnerImage("0.9.5"), ".devcontainer/Dockerfile": "FROM python:3.12\nARG UV_VERSION=0.9.0\nRUN pip install uv==${UV_VERSION}\n" }),
      output: null,
      errors: [{ messageId: "mismatch", line: 8, column: 10, endLine: 8, endColumn: 15, suggestions: [{ messageId: "setRev", output: config("0.9.5") }] }],
    },
    { name: "double quotes and the .yml name", code: config('"0.8.24"'), filename: imageYml, output: config('"0.9.5"'), errors: [{ messageId: "mismatch", line: 8, column: 10, endLine: 8, endColumn: 18 }] },
    { name: "a `.git` URL", code: config("0.9.0", "https://github.com/astral-sh/uv-pre-commit.git"), filename: image, output: config("0.9.5", "https://github.com/astral-sh/uv-pre-commit.git"), errors: [{ messageId: "mismatch", line: 8, column: 10, endLine: 8, endColumn: 15 }] },
    {
      name: "a newer rev than CI's uv is reported with a suggestion: CI may be the stale side",
      code: config("0.9.16"),
      filename: image,
      output: null,
      errors: [
        {
          messageId: "mismatchNewer",
          data: { version: "0.9.16", target: "0.9.5", ciSource: "the runner image `.github/runners/Dockerfile` pins it", newRev: "`rev: 0.9.5`" },
          line: 8,
          column: 10,
          endLine: 8,
          endColumn: 16,
          suggestions: [{ messageId: "setRev", data: { target: "0.9.5" }, output: config("0.9.5") }],
        },
      ],
    },
    {
      name: "a frozen commit is reported without a fix: the tag's commit is git's to know",
      code: config(`${SHA}  # frozen: 0.9.0`),
      filename: image,
      output: null,
      errors: [
        {
          messageId: "mismatch",
          data: { version: "0.9.0", target: "0.9.5", ciSource: "the runner image `.github/runners/Dockerfile` pins it", newRev: "`rev:` the commit of its tag 0.9.5, with `# frozen: 0.9.5`" },
          line: 8,
          column: 10,
          endLine: 8,
          endColumn: 50,
          suggestions: [],
        },
      ],
    },
    {
      name: "the one setup-uv step of the repository",
      code: config("0.9.0"),
      filename: oneStep,
      output: config("0.9.5"),
      errors: [{ messageId: "mismatch", data: { version: "0.9.0", target: "0.9.5", ciSource: "the repository's setup-uv step pins it", newRev: "`rev: 0.9.5`" }, line: 8, column: 10, endLine: 8, endColumn: 15 }],
    },
    {
      name: "every setup-uv step of the repository",
      code: config("0.9.0"),
      filename: twoSteps,
      output: config("0.9.5"),
      errors: [{ messageId: "mismatch", data: { version: "0.9.0", target: "0.9.5", ciSource: "all 2 setup-uv steps of the repository pin it", newRev: "`rev: 0.9.5`" }, line: 8, column: 10, endLine: 8, endColumn: 15 }],
    },
    {
      name: "an exact `required-version` the rev misses: uv refuses to run the hooks",
      code: config("0.9.0"),
      filename: requiredExact,
      output: config("0.9.5"),
      errors: [{ messageId: "unsatisfiedPinnable", data: { version: "0.9.0", file: "pyproject.toml", specifier: "==0.9.5", target: "0.9.5", newRev: "`rev: 0.9.5`" }, line: 8, column: 10, endLine: 8, endColumn: 15 }],
    },
    {
      name: "an exact `required-version` older than the rev: a suggestion only",
      code: config("0.10.0"),
      filename: requiredExact,
      output: null,
      errors: [{ messageId: "unsatisfiedOlder", line: 8, column: 10, endLine: 8, endColumn: 16, suggestions: [{ messageId: "setRev", output: config("0.9.5") }] }],
    },
    {
      name: "a range `required-version` the rev misses, without a fix",
      code: config("0.10.2"),
      filename: requiredRange,
      output: null,
      errors: [{ messageId: "unsatisfied", data: { version: "0.10.2", file: "uv.toml", specifier: ">=0.9,<0.10" }, line: 8, column: 10, endLine: 8, endColumn: 16, suggestions: [] }],
    },
    {
      name: "a range `required-version` that the steps' pin satisfies",
      code: config("0.9.7"),
      filename: requiredRangeAndStep,
      output: null,
      errors: [{ messageId: "mismatchNewer", line: 8, column: 10, endLine: 8, endColumn: 15, suggestions: [{ messageId: "setRev", output: config("0.9.5") }] }],
    },
    {
      name: "a rev behind an alias is reported where it is used, and not rewritten there",
      code: `x-uv: &uv 0.9.0\nrepos:\n  - repo: https://github.com/astral-sh/uv-pre-commit\n    rev: *uv\n    hooks:\n      - id: uv-export\n`,
      filename: image,
      output: null,
      errors: [{ messageId: "mismatch", line: 4, column: 10, endLine: 4, endColumn: 13, suggestions: [] }],
    },
    {
      name: "a flow mapping",
      code: "repos:\n  - {repo: https://github.com/astral-sh/uv-pre-commit, rev: 0.9.0, hooks: [{id: uv-lock}]}\n",
      filename: image,
      output: "repos:\n  - {repo: https://github.com/astral-sh/uv-pre-commit, rev: 0.9.5, hooks: [{id: uv-lock}]}\n",
      errors: [{ messageId: "mismatch", line: 2, column: 61, endLine: 2, endColumn: 66 }],
    },
  ],
});
