import { describe } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import rule from "../../rules/pin-setup-uv-version.js";
import { writeFiles } from "../helpers/cli.js";
import { actionInRepo, compositeAction } from "../helpers/composite-action.js";
import { dedent } from "../helpers/dedent.js";
import { crlf, workflowRuleTester } from "../helpers/rule-tester.js";

const PIN = [{ version: "0.11.8" }];
/** The other setup-uv steps' one exact version as a reason to pin: off by default, in both configs. */
const FOLLOW_OTHER_STEPS = [{ followOtherSteps: true }];

/** A runner image that installs uv `version` and bakes the project's dependencies into its uv cache. */
const runnerImage = (version: string): string => `FROM debian\nARG UV_VERSION=${version}\nRUN pip install uv==\${UV_VERSION}\nCOPY . /p\nRUN cd /p && uv sync --frozen\n`;

/** A repository with these files; returns the path of its `.github/workflows/ci.yml`. */
function repoWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-pin-"));
  writeFiles(dir, files);
  return join(dir, ".github", "workflows", "ci.yml");
}

/** A real repository on disk whose runner image pins uv 0.9.5. */
const repo = mkdtempSync(join(tmpdir(), "uv-ci-pin-"));
writeFiles(repo, {
  ".github/runners/Dockerfile": runnerImage("0.9.5"),
  "uv.toml": 'required-version = "==0.9.5"\n',
  "pyproject.toml": '[tool.uv]\nrequired-version = ">=0.9"\n',
  ".tool-versions": "python 3.12.1\nuv 0.9.5\n",
  "requirements-tests.txt": "uvicorn==0.30.0\nuv==0.9.5 \\\n    --hash=sha256:abc\n",
  "requirements-range.txt": "uv>=0.9\n",
  "tools/pyproject.toml": '[project]\nname = "x"\ndependencies = ["uv==0.9.5"]\n',
});
const workflowInRepo = join(repo, ".github", "workflows", "ci.yml");
/** A repository with no Dockerfile: no source of truth. */
const bareRepo = mkdtempSync(join(tmpdir(), "uv-ci-bare-"));
const workflowInBareRepo = join(bareRepo, ".github", "workflows", "ci.yml");

// saleor's and marimo's shape: only an application image pins uv, which says nothing about CI's uv.
const applicationImageOnly = repoWith({ Dockerfile: "FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:0.12.1 /uv /uvx /bin/\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen\n" });
const requiredExact = repoWith({ Dockerfile: "FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:0.12.1 /uv /bin/\n", "uv.toml": 'required-version = "==0.10.4"\n' });
const runnerOverRequired = repoWith({ ".github/runners/Dockerfile": runnerImage("0.11.8"), "pyproject.toml": '[tool.uv]\nrequired-version = ">=0.10"\n' });
const runnerVsRequired = repoWith({ ".github/runners/Dockerfile": runnerImage("0.11.8"), "pyproject.toml": '[tool.uv]\nrequired-version = "==0.10.4"\n' });
const runnerOnly = repoWith({ ".github/runners/Dockerfile": runnerImage("0.11.8") });
const requiredFloor = repoWith({ "pyproject.toml": '[tool.uv]\nrequired-version = ">=0.9"\n' });
const pinnedLint = (version: string): string => dedent`
  on: push
  jobs:
    lint:
      runs-on: x
      steps:
        - uses: astral-sh/setup-uv@v7
          with:
            version: "${version}"
`;
/** Two other workflows pin 0.10.9 and one step floats: a convention (two pins, more than the one unpinned step here). */
const convention = repoWith({ ".github/workflows/lint.yml": pinnedLint("0.10.9"), ".github/workflows/docs.yml": pinnedLint("0.10.9") });
/** The same convention, with the action's name spelt through a double-quoted escape in both other workflows. */
const escapedConvention = repoWith({
  ".github/workflows/lint.yml": pinnedLint("0.10.9").replace("uses: astral-sh/setup-uv@v7", 'uses: "astral-sh/setup\\x2duv@v7"'),
  ".github/workflows/docs.yml": pinnedLint("0.10.9").replace("uses: astral-sh/setup-uv@v7", 'uses: "astral-sh/setup\\x2duv@v7"'),
});
/** dspy's shape: one special-purpose workflow pins an old uv, the main tests float. */
const onePin = repoWith({ ".github/workflows/weekly.yml": pinnedLint("0.10.9") });
/** Two pins, but another step asks for `latest` on purpose. */
const conventionAndLatest = repoWith({ ".github/workflows/lint.yml": pinnedLint("0.10.9"), ".github/workflows/docs.yml": pinnedLint("0.10.9"), ".github/workflows/tools.yml": pinnedLint("latest") });
/** Two pins outnumbered by unpinned steps. */
const fewPins = repoWith({
  ".github/workflows/lint.yml": pinnedLint("0.10.9"),
  ".github/workflows/docs.yml": pinnedLint("0.10.9"),
  ".github/workflows/more.yml": dedent`
    on: push
    jobs:
      a:
        runs-on: x
        steps:
          - uses: astral-sh/setup-uv@v7
          - uses: astral-sh/setup-uv@v7
  `,
});
const otherStepsAgree = repoWith({
  ".github/workflows/lint.yml": dedent`
    on: push
    jobs:
      lint:
        runs-on: x
        steps:
          - uses: astral-sh/setup-uv@v7
            with:
              version: "0.10.9"
  `,
  ".github/workflows/docs.yml": dedent`
    on: push
    env:
      UV_VERSION: "0.10.9"
    jobs:
      docs:
        runs-on: x
        strategy:
          matrix:
            uv: ["0.9.0", "0.10.0"]
        steps:
          - uses: astral-sh/setup-uv@v7
            with:
              version: \${{ env.UV_VERSION }}
          - uses: astral-sh/setup-uv@v7
            with:
              version: \${{ matrix.uv }}
  `,
});
const otherStepsDisagree = repoWith({
  ".github/workflows/lint.yml": dedent`
    on: push
    jobs:
      lint:
        runs-on: x
        steps:
          - uses: astral-sh/setup-uv@v7
            with:
              version: "0.10.9"
  `,
  ".github/workflows/docs.yml": dedent`
    on: push
    jobs:
      docs:
        runs-on: x
        steps:
          - uses: astral-sh/setup-uv@v7
            with:
              version: "0.9.0"
  `,
});

const step = (body: string): string => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n${body}`;

workflowRuleTester().run("pin-setup-uv-version", rule, {
  valid: [
    step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.11.8"\n`),
    step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: 0.11.8\n`),
    step(`      - uses: actions/checkout@v6\n`),
    step(`      - uses: astral-sh/setup-uv/subaction@v7\n`),
    // env resolved from step, job and workflow, in that order.
    dedent`
      on: push
      env:
        UV_VERSION: "0.11.8"
      jobs:
        a:
          runs-on: x
          steps:
            - uses: astral-sh/setup-uv@v7
              with:
                version: \${{ env.UV_VERSION }}
    `,
    dedent`
      on: push
      env:
        UV_VERSION: latest
      jobs:
        a:
          runs-on: x
          env:
            UV_VERSION: "0.11.8"
          steps:
            - uses: astral-sh/setup-uv@v7
              with:
                version: \${{ env.UV_VERSION }}
    `,
    // A static matrix of exact versions.
    dedent`
      on: push
      jobs:
        a:
          runs-on: x
          strategy:
            matrix:
              uv: ["0.10.0", "0.11.8"]
          steps:
            - uses: astral-sh/setup-uv@v7
              with:
                version: \${{ matrix.uv }}
    `,
    // Unknowable statically: accepted by default.
    step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: \${{ inputs.uv-version }}\n`),
    // version-file that pins exactly.
    { code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version-file: uv.toml\n`), filename: workflowInRepo },
    { code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version-file: .tool-versions\n`), filename: workflowInRepo },
    { code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version-file: "requirements-tests.txt"\n`), filename: workflowInRepo },
    { code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version-file: tools/pyproject.toml\n`), filename: workflowInRepo },
    // A path an expression gives is known only to the run (Flagsmith's install-uv action, field sample 8 review).
    {
      name: "a version-file path an expression gives",
      code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version-file: \${{ inputs.working-directory }}/pyproject.toml\n`),
      filename: workflowInRepo,
    },
    // setup-uv reads version-file in the workspace, where a checkout with `path` put this repository.
    {
      name: "version-file in the folder this repository was checked out to",
      code: step(`      - uses: actions/checkout@v6\n        with:\n          path: typeshed\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version-file: typeshed/requirements-tests.txt\n`),
      filename: workflowInRepo,
    },
    {
      name: "version-file in another repository's checkout, which the rule cannot read",
      code: step(`      - uses: actions/checkout@v6\n        with:\n          repository: org/tools\n          path: tools\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version-file: tools/missing/uv.toml\n`),
      filename: workflowInRepo,
    },
    // No reason to pin in the repository: floating on the newest uv is a policy choice.
    { code: step(`      - uses: astral-sh/setup-uv@v7\n`), filename: workflowInBareRepo },
    { code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: latest\n`), filename: workflowInBareRepo },
    { code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.11.x"\n`), filename: workflowInBareRepo },
    {
      code: dedent`
        on: push
        env:
          UV_VERSION: "0.11.x"
        jobs:
          a:
            runs-on: x
            steps:
              - uses: astral-sh/setup-uv@v7
                with:
                  version: \${{ env.UV_VERSION }}
      `,
      filename: workflowInBareRepo,
    },
    // A required-version floor says "this uv or newer".
    { code: step(`      - uses: astral-sh/setup-uv@v7\n`), filename: requiredFloor },
    { code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version-file: pyproject.toml\n`), filename: requiredFloor },
    // An application image's uv says nothing about CI's.
    { code: step(`      - uses: astral-sh/setup-uv@v7\n`), filename: applicationImageOnly },
    // Without `version`, setup-uv installs an exact required-version: already pinned.
    { code: step(`      - uses: astral-sh/setup-uv@v7\n`), filename: workflowInRepo },
    { code: step(`      - uses: astral-sh/setup-uv@v7\n`), filename: requiredExact },
    // Weak or contradicted conventions: one pin, a deliberate `latest`, more unpinned steps than pins, pins that disagree.
    { code: step(`      - uses: astral-sh/setup-uv@v7\n`), filename: onePin, options: FOLLOW_OTHER_STEPS },
    { code: step(`      - uses: astral-sh/setup-uv@v7\n`), filename: conventionAndLatest, options: FOLLOW_OTHER_STEPS },
    { code: step(`      - uses: astral-sh/setup-uv@v7\n`), filename: fewPins, options: FOLLOW_OTHER_STEPS },
    { code: step(`      - uses: astral-sh/setup-uv@v7\n`), filename: otherStepsDisagree, options: FOLLOW_OTHER_STEPS },
    // By default (both configs), the other steps' convention is no reason.
    { code: step(`      - uses: astral-sh/setup-uv@v7\n`), filename: convention, options: [{ followOtherSteps: false }] },
    // A step named for the newest uv asks for it on purpose; a job that runs only tools never reads the lockfile
    // the other steps' pin is about (openinference's zizmor job, field sample 8 review).
    { code: step(`      - name: Install the latest version of uv\n        uses: astral-sh/setup-uv@v7\n`), filename: convention, options: FOLLOW_OTHER_STEPS },
    { code: step(`      - uses: astral-sh/setup-uv@v7\n      - run: uvx zizmor --format=sarif . > results.sarif\n`), filename: convention, options: FOLLOW_OTHER_STEPS },
    { code: step(`      - uses: astral-sh/setup-uv@v7\n      - run: uv tool run ruff check\n`), filename: convention, options: FOLLOW_OTHER_STEPS },
    // Sources that contradict each other are other rules' findings.
    { code: step(`      - uses: astral-sh/setup-uv@v7\n`), filename: runnerVsRequired },
    // A generated file: the pin belongs in its generator, even with a reason to pin.
    { code: `# This file is generated from a template. DO NOT EDIT.\n${step(`      - uses: astral-sh/setup-uv@v7\n`)}`, filename: runnerOnly },
    { code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: latest\n`), filename: runnerOnly.replace(/ci\.yml$/, "agent.lock.yml") },
  ],
  invalid: [
    {
      name: "missing pin, block style, version from the option",
      code: step(`      - name: Set up uv\n        uses: astral-sh/setup-uv@v7\n\n      - run: uv sync\n`),
      options: PIN,
      output: step(`      - name: Set up uv\n        uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.11.8"\n\n      - run: uv sync\n`),
      errors: [{ messageId: "missingVersion", line: 7, column: 15, endLine: 7, endColumn: 36 }],
    },
    {
      name: "the action named in another case is still setup-uv",
      code: step(`      - uses: Astral-SH/Setup-UV@v7\n`),
      options: PIN,
      output: step(`      - uses: Astral-SH/Setup-UV@v7\n        with:\n          version: "0.11.8"\n`),
      errors: [{ messageId: "missingVersion", line: 6 }],
    },
    {
      name: "the action named through a double-quoted escape is still setup-uv (the file never spells `setup-uv`)",
      code: step(`      - uses: "astral-sh/setup\\x2Duv@v7"\n`),
      options: PIN,
      output: step(`      - uses: "astral-sh/setup\\x2Duv@v7"\n        with:\n          version: "0.11.8"\n`),
      errors: [{ messageId: "missingVersion", line: 6 }],
    },
    {
      name: "an escaped name after backslashes in a comment, a block scalar and a single-quoted scalar is still found",
      code: dedent`
        on: push
        jobs:
          a:
            runs-on: x
            steps:
              # a \\ b
              - run: |
                  make \\
                    all
              - run: 'echo \\n'
              - uses: "astral-sh/setup\\x2Duv@v7"
      `,
      options: PIN,
      output: dedent`
        on: push
        jobs:
          a:
            runs-on: x
            steps:
              # a \\ b
              - run: |
                  make \\
                    all
              - run: 'echo \\n'
              - uses: "astral-sh/setup\\x2Duv@v7"
                with:
                  version: "0.11.8"
      `,
      errors: [{ messageId: "missingVersion", line: 11 }],
    },
    {
      name: "`uses` as an alias of a name written elsewhere: the step's own text never says setup-uv",
      code: dedent`
        on: push
        env:
          SETUP_UV: &su astral-sh/setup-uv@v7
        jobs:
          a:
            runs-on: x
            steps:
              - uses: actions/checkout@v6
              - uses: *su
      `,
      options: PIN,
      output: dedent`
        on: push
        env:
          SETUP_UV: &su astral-sh/setup-uv@v7
        jobs:
          a:
            runs-on: x
            steps:
              - uses: actions/checkout@v6
              - uses: *su
                with:
                  version: "0.11.8"
      `,
      errors: [{ messageId: "missingVersion", line: 9 }],
    },
    {
      name: "several setup-uv steps among others: each is found by where the text says setup-uv",
      code: dedent`
        on: push
        jobs:
          a:
            runs-on: x
            steps:
              - uses: actions/checkout@v6
              - uses: astral-sh/setup-uv@v7 # setup-uv, twice on a line
              - run: echo setup-uv
              - uses: astral-sh/setup-uv@v7
                with:
                  version: "0.11.8"
              - uses: ASTRAL-SH/SETUP-UV@v7
      `,
      options: PIN,
      output: dedent`
        on: push
        jobs:
          a:
            runs-on: x
            steps:
              - uses: actions/checkout@v6
              - uses: astral-sh/setup-uv@v7 # setup-uv, twice on a line
                with:
                  version: "0.11.8"
              - run: echo setup-uv
              - uses: astral-sh/setup-uv@v7
                with:
                  version: "0.11.8"
              - uses: ASTRAL-SH/SETUP-UV@v7
                with:
                  version: "0.11.8"
      `,
      errors: [{ messageId: "missingVersion", line: 7 }, { messageId: "missingVersion", line: 12 }],
    },
    {
      name: "missing pin: the runner image that bakes a uv cache is the reason and the fix",
      code: step(`      - uses: astral-sh/setup-uv@v7\n`),
      filename: runnerOnly,
      output: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.11.8"\n`),
      errors: [
        {
          message:
            'This setup-uv step does not pin `version`, so it installs the newest uv, while the CI runner image `.github/runners/Dockerfile` bakes a uv cache built by uv 0.11.8, which a uv with another cache format cannot read. Pin `version: "0.11.8"`.',
          line: 6,
          column: 15,
        },
      ],
    },
    {
      name: "missing pin: the runner image comes before a required-version range it satisfies",
      code: step(`      - uses: astral-sh/setup-uv@v7\n`),
      filename: runnerOverRequired,
      output: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.11.8"\n`),
      errors: [{ messageId: "missingVersion", line: 6, column: 15 }],
    },
    {
      name: "missing pin with working-directory: the root's exact required-version may not apply, the runner image does",
      code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          working-directory: sub\n`),
      filename: workflowInRepo,
      output: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          working-directory: sub\n          version: "0.9.5"\n`),
      errors: [{ messageId: "missingVersion", line: 6 }],
    },
    {
      name: "missing pin: other workflows that spell setup-uv through an escape still make the convention (they are not skipped unparsed)",
      code: step(`      - uses: astral-sh/setup-uv@v7\n`),
      filename: escapedConvention,
      options: FOLLOW_OTHER_STEPS,
      output: null,
      errors: [{ messageId: "missingVersion", line: 6, suggestions: [{ messageId: "pinVersion", output: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.10.9"\n`) }] }],
    },
    {
      name: "missing pin: a job that runs a tool and the project, or a task runner that may run uv, is not only tools",
      code: step(`      - uses: astral-sh/setup-uv@v7\n      - run: uvx ruff check && uv sync\n      - run: make test\n`),
      filename: convention,
      options: FOLLOW_OTHER_STEPS,
      output: null,
      errors: [{ messageId: "missingVersion", suggestions: [{ messageId: "pinVersion", output: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.10.9"\n      - run: uvx ruff check && uv sync\n      - run: make test\n`) }] }],
    },
    {
      name: "missing pin: a task runner after uvx may run uv on the project",
      code: step(`      - uses: astral-sh/setup-uv@v7\n      - run: uvx nox -s tests\n      - run: ./scripts/check.sh\n`),
      filename: convention,
      options: FOLLOW_OTHER_STEPS,
      output: null,
      errors: [{ messageId: "missingVersion", suggestions: [{ messageId: "pinVersion", output: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.10.9"\n      - run: uvx nox -s tests\n      - run: ./scripts/check.sh\n`) }] }],
    },
    {
      name: "missing pin: a clear convention is a suggestion, never a fix (the step may run a newer uv now)",
      code: step(`      - uses: astral-sh/setup-uv@v7\n`),
      filename: convention,
      options: FOLLOW_OTHER_STEPS,
      output: null,
      errors: [
        {
          message: 'This setup-uv step does not pin `version`, so it installs the newest uv, while 2 other setup-uv steps of this repository pin uv 0.10.9. Pin `version: "0.10.9"`.',
          line: 6,
          column: 15,
          suggestions: [{ messageId: "pinVersion", output: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.10.9"\n`) }],
        },
      ],
    },
    {
      name: "the version the other setup-uv steps agree on counts env values, not a matrix of several",
      code: step(`      - uses: astral-sh/setup-uv@v7\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.10.9"\n`),
      filename: otherStepsAgree,
      options: FOLLOW_OTHER_STEPS,
      output: null,
      errors: [{ messageId: "missingVersion", line: 6, suggestions: [{ messageId: "pinVersion", output: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.10.9"\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.10.9"\n`) }] }],
    },
    {
      name: "latest with a runner image: reported with the reason, a suggestion only",
      code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: latest\n`),
      filename: runnerOnly,
      output: null,
      errors: [{ messageId: "notExact", line: 8, column: 20, suggestions: [{ messageId: "pinVersion", output: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.11.8"\n`) }] }],
    },
    {
      name: "a range against an exact required-version: uv refuses to run as another version",
      code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: ">=0.10"\n`),
      filename: requiredExact,
      output: null,
      errors: [
        {
          message: '`version: >=0.10` is a range, not an exact uv version, while `required-version` in uv.toml asks for uv 0.10.4 exactly, and uv refuses to run as another version. Pin `version: "0.10.4"`.',
          line: 8,
          suggestions: [{ messageId: "pinVersion", output: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.10.4"\n`) }],
        },
      ],
    },
    {
      name: "requirePin: a step without a version and no reason in the repository is reported, without a fix",
      code: step(`      - uses: astral-sh/setup-uv@v7\n`),
      options: [{ requirePin: true }],
      filename: workflowInBareRepo,
      output: null,
      errors: [{ messageId: "missingVersionNoSource", line: 6, column: 15 }],
    },
    {
      name: "requirePin: a range written in env, reported where it is written",
      code: dedent`
        on: push
        env:
          UV_VERSION: "0.11.x"
        jobs:
          a:
            runs-on: x
            steps:
              - uses: astral-sh/setup-uv@v7
                with:
                  version: \${{ env.UV_VERSION }}
      `,
      options: [{ requirePin: true }],
      filename: workflowInBareRepo,
      output: null,
      errors: [{ messageId: "notExactNoSource", line: 3, column: 15 }],
    },
    {
      name: "requirePin: a matrix entry that is not exact",
      code: dedent`
        on: push
        jobs:
          a:
            runs-on: x
            strategy:
              matrix:
                uv: ["0.11.8", latest]
            steps:
              - uses: astral-sh/setup-uv@v7
                with:
                  version: \${{ matrix.uv }}
      `,
      options: [{ requirePin: true }],
      filename: workflowInBareRepo,
      output: null,
      errors: [{ messageId: "notExactNoSource", line: 7, column: 24 }],
    },
    {
      name: "requirePin: a weak convention is no source, so no suggestion",
      code: step(`      - uses: astral-sh/setup-uv@v7\n`),
      options: [{ requirePin: true, followOtherSteps: true }],
      filename: onePin,
      output: null,
      errors: [{ messageId: "missingVersionNoSource", line: 6 }],
    },
    {
      name: "the version option is a reason: reported over an exact required-version, fixed with the option",
      code: step(`      - uses: astral-sh/setup-uv@v7\n`),
      options: PIN,
      filename: requiredExact,
      output: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.11.8"\n`),
      errors: [{ message: "This setup-uv step does not pin `version`, so it installs the newest uv, while this rule's `version` option asks for uv 0.11.8. Pin `version: \"0.11.8\"`.", line: 6 }],
    },
    {
      name: "an unquoted number in a generated file is still a bug",
      code: `# @generated\n${step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: 0.10\n`)}`,
      filename: workflowInBareRepo,
      output: null,
      errors: [{ messageId: "numericVersion", line: 9, suggestions: [{ messageId: "quoteVersion", output: `# @generated\n${step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.10"\n`)}` }] }],
    },
    {
      name: "SHA pin with a trailing comment, 4-space indentation, CRLF",
      code: crlf(dedent`
        on: push
        jobs:
            a:
                runs-on: x
                steps:
                    - uses: "astral-sh/setup-uv@d4b2f3b6ecc6e67c4457f6d3e41ec42d3d0fcb86" # v7.1.0
                      name: uv
      `),
      options: PIN,
      output: crlf(dedent`
        on: push
        jobs:
            a:
                runs-on: x
                steps:
                    - uses: "astral-sh/setup-uv@d4b2f3b6ecc6e67c4457f6d3e41ec42d3d0fcb86" # v7.1.0
                      with:
                          version: "0.11.8"
                      name: uv
      `),
      errors: [{ messageId: "missingVersion", line: 6, column: 21 }],
    },
    {
      name: "existing block with",
      code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          enable-cache: true # cache\n      - run: uv sync\n`),
      options: PIN,
      output: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          enable-cache: true # cache\n          version: "0.11.8"\n      - run: uv sync\n`),
      errors: [{ messageId: "missingVersion" }],
    },
    {
      name: "existing flow with",
      code: step(`      - uses: astral-sh/setup-uv@v7\n        with: { enable-cache: true }\n`),
      options: PIN,
      output: step(`      - uses: astral-sh/setup-uv@v7\n        with: { enable-cache: true, version: "0.11.8" }\n`),
      errors: [{ messageId: "missingVersion" }],
    },
    {
      name: "existing with ending in a block scalar",
      code: dedent`
        on: push
        jobs:
          a:
            runs-on: x
            steps:
              - uses: astral-sh/setup-uv@v7
                with:
                  cache-dependency-glob: |
                    **/uv.lock
                    **/pyproject.toml
              - run: uv sync
      `,
      options: PIN,
      output: dedent`
        on: push
        jobs:
          a:
            runs-on: x
            steps:
              - uses: astral-sh/setup-uv@v7
                with:
                  cache-dependency-glob: |
                    **/uv.lock
                    **/pyproject.toml
                  version: "0.11.8"
              - run: uv sync
      `,
      errors: [{ messageId: "missingVersion" }],
    },
    {
      name: "existing with ending in a block scalar followed by a blank line",
      code: dedent`
        on: push
        jobs:
          a:
            runs-on: x
            steps:
              - uses: astral-sh/setup-uv@v7
                with:
                  cache-dependency-glob: |
                    **/uv.lock

              - run: uv sync
      `,
      options: PIN,
      output: dedent`
        on: push
        jobs:
          a:
            runs-on: x
            steps:
              - uses: astral-sh/setup-uv@v7
                with:
                  cache-dependency-glob: |
                    **/uv.lock
                  version: "0.11.8"

              - run: uv sync
      `,
      errors: [{ messageId: "missingVersion" }],
    },
    {
      name: "flow-style step",
      code: step(`      - { name: uv, uses: astral-sh/setup-uv@v7 }\n`),
      options: PIN,
      output: step(`      - { name: uv, uses: astral-sh/setup-uv@v7, with: { version: "0.11.8" } }\n`),
      errors: [{ messageId: "missingVersion" }],
    },
    {
      name: "no final newline",
      code: step(`      - uses: astral-sh/setup-uv@v7`),
      options: PIN,
      output: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.11.8"`),
      errors: [{ messageId: "missingVersion" }],
    },
    {
      name: "empty version is missing",
      code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: ""\n`),
      options: PIN,
      output: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.11.8"\n`),
      errors: [{ messageId: "missingVersion" }],
    },
    ...["latest", "latest-known", "0.4.x", "\">=0.4\"", "'0.11'"].map((value) => ({
      name: `not exact: ${value}`,
      code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: ${value}\n`),
      options: PIN,
      output: null,
      errors: [
        {
          messageId: "notExact",
          line: 8,
          column: 20,
          suggestions: [{ messageId: "pinVersion", output: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.11.8"\n`) }],
        },
      ],
    })),
    {
      name: "unquoted number",
      code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: 0.10\n`),
      output: null,
      filename: workflowInBareRepo,
      errors: [
        {
          messageId: "numericVersion",
          data: { raw: "0.10", value: "0.1" },
          line: 8,
          column: 20,
          suggestions: [{ messageId: "quoteVersion", output: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.10"\n`) }],
        },
      ],
    },
    {
      name: "requireLiteral reports unknowable expressions",
      code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version: \${{ vars.UV }}\n`),
      options: [{ requireLiteral: true }],
      filename: workflowInBareRepo,
      output: null,
      errors: [{ messageId: "dynamicVersion", line: 8, column: 20 }],
    },
    {
      name: "version-file that allows a range",
      code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version-file: pyproject.toml\n`),
      filename: workflowInRepo,
      output: null,
      errors: [{ messageId: "versionFileNotExact", line: 8, column: 25 }],
    },
    {
      name: "requirements version-file with a range",
      code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version-file: requirements-range.txt\n`),
      filename: workflowInRepo,
      output: null,
      errors: [{ messageId: "versionFileNotExact", data: { path: "requirements-range.txt", detail: "it allows >=0.9" }, line: 8 }],
    },
    {
      name: "version-file that does not exist",
      code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version-file: missing/uv.toml\n`),
      filename: workflowInRepo,
      output: null,
      errors: [{ messageId: "versionFileMissing", line: 8 }],
    },
    {
      name: "version-file under the checkout's folder that is not in this repository",
      code: step(`      - uses: actions/checkout@v6\n        with:\n          path: ./src/\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version-file: src/missing/uv.toml\n`),
      filename: workflowInRepo,
      output: null,
      errors: [{ messageId: "versionFileMissing", data: { path: "src/missing/uv.toml" }, line: 11 }],
    },
    {
      name: "version-file outside the repository is never read",
      code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version-file: ../../../etc/uv.toml\n`),
      filename: workflowInRepo,
      output: null,
      errors: [{ messageId: "versionFileMissing", line: 8 }],
    },
    {
      name: "version-file forbidden by option",
      code: step(`      - uses: astral-sh/setup-uv@v7\n        with:\n          version-file: uv.toml\n`),
      filename: workflowInRepo,
      options: [{ allowVersionFile: false }],
      output: null,
      errors: [{ messageId: "versionFileForbidden", line: 8 }],
    },
  ],
});

describe("in composite actions", () => {
  const setupUv = "    - uses: astral-sh/setup-uv@v7\n      with:\n        enable-cache: true\n";
  const runnerAction = actionInRepo({ ".github/runners/Dockerfile": runnerImage("0.11.8") });
  const conventionAction = actionInRepo({ ".github/workflows/lint.yml": pinnedLint("0.10.9"), ".github/workflows/docs.yml": pinnedLint("0.10.9") });

  workflowRuleTester().run("pin-setup-uv-version", rule, {
    valid: [
      { name: "an unpinned step in an action of a repository with no reason to pin", code: compositeAction(setupUv), filename: actionInRepo({}) },
      { name: "the version an input gives is unknown here", code: compositeAction(`${setupUv}        version: \${{ inputs.uv-version }}\n`), filename: runnerAction },
      { name: "an exact pin in the action", code: compositeAction(`${setupUv}        version: "0.11.8"\n`), filename: runnerAction },
      {
        name: "a JavaScript action's metadata is not linted, whatever it holds",
        code: compositeAction(setupUv).replace("using: composite", "using: node20"),
        filename: runnerAction,
      },
    ],
    invalid: [
      {
        name: "the runner image's uv is pinned into the action's setup-uv step",
        code: compositeAction(setupUv),
        filename: runnerAction,
        output: compositeAction(`${setupUv}        version: "0.11.8"\n`),
        errors: [{ messageId: "missingVersion", line: 10, column: 13, endLine: 10, endColumn: 34 }],
      },
      {
        name: "the workflows' convention is suggested for the action, not fixed",
        code: compositeAction(setupUv),
        filename: conventionAction,
        options: FOLLOW_OTHER_STEPS,
        output: null,
        errors: [
          {
            messageId: "missingVersion",
            line: 10,
            column: 13,
            endLine: 10,
            endColumn: 34,
            suggestions: [{ messageId: "pinVersion", data: { version: "0.10.9" }, output: compositeAction(`${setupUv}        version: "0.10.9"\n`) }],
          },
        ],
      },
      {
        name: "a floating version in the action",
        code: compositeAction(`${setupUv}        version: latest\n`),
        filename: runnerAction,
        output: null,
        errors: [
          {
            messageId: "notExact",
            line: 13,
            column: 18,
            endLine: 13,
            endColumn: 24,
            suggestions: [{ messageId: "pinVersion", data: { version: "0.11.8" }, output: compositeAction(`${setupUv}        version: "0.11.8"\n`) }],
          },
        ],
      },
      {
        name: "with requireLiteral, an input's version is reported and never fixed",
        code: compositeAction(`${setupUv}        version: \${{ inputs.uv-version }}\n`),
        filename: runnerAction,
        options: [{ requireLiteral: true }],
        output: null,
        errors: [{ messageId: "dynamicVersion", line: 13, column: 18, endLine: 13, endColumn: 42 }],
      },
    ],
  });
});
