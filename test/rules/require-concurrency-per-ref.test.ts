import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RuleTester } from "eslint";
import rule from "../../rules/require-concurrency-per-ref.js";
import { writeFiles } from "../helpers/cli.js";
import { crlf, workflowRuleTester } from "../helpers/rule-tester.js";

const GROUP = "${{ github.workflow }}-${{ github.ref }}";
const PR_GROUP = "${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}";
const PR_ONLY = "${{ github.event_name == 'pull_request' }}";
/** The group of a workflow that cancels pull request runs only: pushes get a group per run, so they neither cancel nor queue. */
const PR_ONLY_GROUP = "${{ github.workflow }}-${{ github.event_name == 'pull_request' && github.ref || github.run_id }}";

/** A repository holding `others` under .github/workflows/; returns where `ci.yml` would be. */
function repoWith(others: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-concurrency-"));
  writeFiles(dir, Object.fromEntries(Object.entries(others).map(([name, text]) => [join(".github", "workflows", name), text])));
  return join(dir, ".github", "workflows", "ci.yml");
}

/** A workflow triggered by `on`, whose one job has `jobLines` (at 4 spaces) before a step running `run`. */
function workflow(on: string, jobLines: string[] = [], run = "uv run pytest", head = ""): string {
  return `${head}on: ${on}\njobs:\n  test:\n    runs-on: ubuntu-latest\n${jobLines.map((line) => `    ${line}\n`).join("")}    steps:\n      - run: ${run}\n`;
}

/** `code` with the default concurrency block inserted before `jobs:`. */
function withBlock(code: string, group = GROUP, cancel = "true"): string {
  return code.replace("jobs:\n", `concurrency:\n  group: ${group}\n  cancel-in-progress: ${cancel}\njobs:\n`);
}

/** What the message adds when job `job` of a case runs on `runs-on: x`, a runner that is no standard GitHub-hosted one. */
const onX = (job: string): string => ` (job \`${job}\` runs on \`x\`, a runner the repository provides or pays for)`;

/** A deploying workflow on pull requests: reported with the pull-request-only suggestion and no fix. */
function deploying(code: string, sign: string, cost = ""): RuleTester.InvalidTestCase {
  return {
    name: `deploys: ${sign}`,
    code,
    output: null,
    errors: [
      {
        messageId: "missingConcurrencyDeploys",
        data: { sign, cancel: PR_ONLY, cost },
        suggestions: [{ messageId: "addPullRequestConcurrency", output: withBlock(code, PR_ONLY_GROUP, PR_ONLY) }],
      },
    ],
  };
}

const CONCURRENCY = (group: string, cancel?: string): string => `concurrency:\n  group: ${group}\n${cancel === undefined ? "" : `  cancel-in-progress: ${cancel}\n`}`;
const sharedLock = repoWith({ "docs.yml": `on: push\n${CONCURRENCY("ci-${{ github.ref }}")}jobs: {}\n` });
const sharedCancelling = repoWith({ "lint.yml": `on: [push, pull_request]\n${CONCURRENCY("ci-${{ github.ref }}", "true")}jobs: {}\n` });
const otherGroupName = repoWith({ "lint.yml": `on: push\n${CONCURRENCY("lint-${{ github.ref }}", "true")}jobs: {}\n` });
const sharedOnPullRequestsOnly = repoWith({ "lint.yml": `on: pull_request\n${CONCURRENCY("ci-${{ github.ref }}", "true")}jobs: {}\n` });
const localDeploy = repoWith({ "publish.yml": workflow("workflow_call", ["environment: pypi"]) });
const localTest = repoWith({ "tests.yml": workflow("workflow_call") });
const CANCEL_PRS = "${{github.event_name == 'pull_request'}}";
const pullRequestOnlyConvention = repoWith({ "lint.yml": `on: [push, pull_request]\n${CONCURRENCY(GROUP, CANCEL_PRS)}jobs: {}\n`, "docs.yml": `on: push\n${CONCURRENCY("docs", "false")}jobs: {}\n` });
const HEAD_OR_SHA = "${{ github.repository }}-${{ github.head_ref || github.sha }}-${{ github.workflow }}";
const NUMBER_OR_SHA = "${{ github.workflow }}-${{ github.event.pull_request.number || github.sha }}";
const perRunNumberConvention = repoWith({ "lint.yml": `on: [push, pull_request]\n${CONCURRENCY(NUMBER_OR_SHA, "true")}jobs: {}\n` });
const perRunGroupConvention = repoWith({
  "lint.yml": `on: [push, pull_request]\n${CONCURRENCY(HEAD_OR_SHA, "true")}jobs: {}\n`,
  "changelog.yml": `on: pull_request\n${CONCURRENCY("${{ github.workflow }}-${{ github.event.pull_request.id }}", "true")}jobs: {}\n`,
});
const MAIN_PER_RUN = "${{ github.workflow }}-${{ github.ref == 'refs/heads/main' && github.run_number || github.ref }}";
const mainPerRunConvention = repoWith({ "gpu.yml": `on: [push, pull_request]\n${CONCURRENCY(`gpu_tests-${MAIN_PER_RUN}`, "true")}jobs: {}\n` });
const keepsMainConvention = repoWith({ "lint.yml": `on: [push, pull_request]\n${CONCURRENCY(GROUP, "${{ github.ref != 'refs/heads/main' }}")}jobs: {}\n` });
const perRunMatrixGroup = repoWith({ "lint.yml": `on: [push, pull_request]\n${CONCURRENCY("${{ matrix.os }}-${{ github.head_ref || github.run_id }}", "true")}jobs: {}\n` });
const conventionWithPullRequestJob = repoWith({
  "checks.yml": `on: [push, pull_request]\n${CONCURRENCY(GROUP, CANCEL_PRS)}jobs:\n  comment:\n    if: github.event_name == 'pull_request'\n    runs-on: ubuntu-slim\n    concurrency:\n      group: comment-\${{ github.event.pull_request.number }}\n      cancel-in-progress: true\n    steps:\n      - run: echo\n`,
});
const mixedConvention = repoWith({ "lint.yml": `on: [push, pull_request]\n${CONCURRENCY(GROUP, CANCEL_PRS)}jobs: {}\n`, "test.yml": `on: [push, pull_request]\n${CONCURRENCY(GROUP, "true")}jobs: {}\n` });

/** A workflow on `on` whose one job `a` runs on `runner` with `steps` (lines at 6 spaces). */
function steps(on: string, lines: string[], runner = "ubuntu-latest", jobLines: string[] = []): string {
  return `on: ${on}\njobs:\n  a:\n    runs-on: ${runner}\n${jobLines.map((line) => `    ${line}\n`).join("")}    steps:\n${lines.map((line) => `      ${line}\n`).join("")}`;
}
const DEPENDENCY_REVIEW = ["- uses: actions/checkout@v6", "- uses: actions/dependency-review-action@v4"];
const LFS_CHECK = ["- uses: actions/checkout@v6", "- run: git lfs fsck"];

/** Every case with `assumeScarceRunners`: these cases are about what to ask for where cancelling is worth it; the cost cases follow. */
function assumingScarceRunners<T extends RuleTester.ValidTestCase>(cases: (T | string)[]): T[] {
  return cases.map((testCase) => {
    const written = (typeof testCase === "string" ? { code: testCase } : testCase) as T;
    return { ...written, options: [{ ...(written.options?.[0] as object | undefined), assumeScarceRunners: true }] };
  });
}

workflowRuleTester().run("require-concurrency-per-ref, runners assumed scarce", rule, {
  valid: assumingScarceRunners([
    // Pushes and a nightly run on the default branch: a group per ref would let a push cancel the nightly, and without pull requests nothing else is safe to cancel.
    { name: "pushes to branches and a schedule, no pull requests", code: workflow("\n  push:\n    branches: [main, 'release/*']\n  schedule:\n    - cron: '0 0 * * *'") },
    {
      // qbit_manage's label-conflicts.yml (field sample 10 review): the action labels every open pull request on each run.
      name: "under pull_request_target, a group on github.ref is fine where every step acts on the whole repository",
      code: `on: pull_request_target\n${CONCURRENCY(GROUP, "true")}jobs:\n  label:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: eps1lon/actions-label-merge-conflict@v3\n`,
    },
    // Seconds on the runner, whoever provides it (MaiBot's conflict check, field sample 8 review).
    { name: "a self-hosted runner whose job only checks out and runs git", code: steps("pull_request", LFS_CHECK, "self-hosted") },
    {
      name: "runs only when one of a few named files changes: paths without a wildcard",
      code: `on:\n  push:\n    paths: [scripts/download.bash, scripts/test-download.bash]\n  pull_request:\n    paths: [scripts/download.bash, scripts/test-download.bash]\njobs:\n  a:\n    runs-on: \${{ matrix.os }}\n    strategy:\n      matrix:\n        os: [ubuntu-latest, macos-latest]\n    steps:\n      - run: make test\n`,
    },
    {
      name: "a matrix whose jobs give themselves 5 minutes, beside an alls-green gate: short",
      code: `on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    strategy:\n      matrix:\n        python: ['3.10', '3.13']\n    steps:\n      - run: uv run pytest\n  check:\n    if: always()\n    needs: [test]\n    runs-on: ubuntu-latest\n    steps:\n      - uses: re-actors/alls-green@release/v1\n        with:\n          jobs: \${{ toJSON(needs) }}\n`,
    },
    {
      name: "runs only when CI itself is edited: every supersedable event filtered to paths under .github/",
      code: `on:\n  push:\n    paths: [.github/workflows/copilot-setup-steps.yml]\n  pull_request:\n    paths:\n      - '.github/workflows/copilot-setup-steps.yml'\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: uv run pytest\n`,
    },
    {
      name: "a push-only workflow whose group gives each run its own: nothing waits, no cancel-in-progress needed",
      code: `on:\n  push:\n    branches: [main, dev]\n${CONCURRENCY(HEAD_OR_SHA)}jobs:\n  a:\n    runs-on: x\n    steps:\n      - run: uv run pytest\n`,
    },
    // A workflow that others call runs under the caller's name and ref: parallel calls of one caller would cancel each other.
    `on: [workflow_call, push]\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make test\n`,
    // Every job manages its own concurrency.
    `on: push\njobs:\n  a:\n    runs-on: x\n    concurrency:\n      group: a-\${{ github.ref }}\n      cancel-in-progress: true\n    steps:\n      - run: make test\n`,

    // Quick workflows: cancelling a run of a few seconds saves nothing.
    steps("pull_request", DEPENDENCY_REVIEW),
    steps("[push, pull_request]", LFS_CHECK),
    steps("pull_request", ["- uses: step-security/harden-runner@v2", "- uses: actions/github-script@v7", "  with:", "    script: core.info('labels')"]),
    // Words in quotes or comments are not commands.
    steps("pull_request", ['- run: echo "No build required" # skip the tests', "- run: exit 0"]),
    steps("[push, pull_request]", ["- uses: actions/checkout@v6", "- uses: zizmorcore/zizmor-action@v0.2.0"], "windows-2022"),
    // Pushes to one branch only: whether its runs cancel each other is the maintainer's policy.
    workflow("\n  push:\n    branches: [main]\n    paths: ['src/**']"),
    workflow("\n  push:\n    branches: main\n  schedule:\n    - cron: '0 0 * * 0'\n  workflow_dispatch:"),
    // A push-only workflow that notifies, or commits back, for each push: no run may be cancelled.
    steps("push", ["- uses: actions/checkout@v6", '- run: curl -X POST --data "{}" \\\n          ${{ secrets.WEBHOOKURL }}']),
    steps("push", ["- uses: slackapi/slack-github-action@v2", "- run: uv run pytest"]),
    steps("push", ["- run: uv run scripts/report.py", "  env:", "    TOKEN: ${{ secrets.SLACK_BOT_TOKEN }}"]),
    steps("push", ["- run: uv run generate.py", "- uses: peter-evans/create-pull-request@v7"]),
    // The repository cancels pull request runs only: a push-only workflow has nothing to cancel.
    { code: workflow("push"), filename: pullRequestOnlyConvention },
    `on: push\nconcurrency:\n  group: ${GROUP}\n  cancel-in-progress: true\njobs: {}\n`,
    // Fallbacks and other ref contexts key on the ref too.
    `on: pull_request\nconcurrency:\n  group: \${{ github.workflow }}-\${{ github.head_ref || github.run_id }}\n  cancel-in-progress: true\njobs: {}\n`,
    `on: pull_request\nconcurrency:\n  group: \${{ format('{0}-{1}', github.workflow, github.event.pull_request.number) }}\n  cancel-in-progress: true\njobs: {}\n`,
    `on: push\nconcurrency: { group: "\${{ github.workflow }}-\${{ github.ref_name }}", cancel-in-progress: true }\njobs: {}\n`,
    `on: push\nconcurrency:\n  group: \${{ github.workflow_ref }}\n  cancel-in-progress: true\njobs: {}\n`,
    // A job whose timeout says it is short, and a Dependabot merge or a release draft: seconds, nothing to save.
    workflow("[push, pull_request]", ["timeout-minutes: 5"], "uv run python -m build"),
    steps("pull_request", ["- uses: dependabot/fetch-metadata@v2", "- run: gh pr merge --auto --squash \"$PR_URL\""]),
    steps("pull_request", ["- uses: release-drafter/release-drafter@v6"]),
    // Nothing says these runs are long: a script of the repository, an action not known to build or test,
    // a job that runs only for tags, a workflow without jobs.
    steps("pull_request", ["- uses: actions/checkout@v6", "- run: ./helpers/check.ps1"]),
    steps("pull_request", ["- uses: actions/checkout@v6", "- uses: github/codeql-action/analyze@v3"]),
    `on: [push, pull_request]\njobs:\n  plan:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python3 -m unittest\n  build:\n    if: startsWith(github.ref, 'refs/tags/')\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        os: [a, b]\n    steps:\n      - run: cargo build\n`,
    `on: push\n`,
    // The repository cancels pull request runs only; a bot's fixed-name lock that writes `true` does not change that.
    {
      code: workflow("push"),
      filename: repoWith({
        "lint.yml": `on: [push, pull_request]\n${CONCURRENCY(GROUP, CANCEL_PRS)}jobs: {}\n`,
        "docs-bot.yml": `on:\n  push:\n    branches: [main]\n${CONCURRENCY("docs-update", "true")}jobs: {}\n`,
      }),
    },
    // An explicit `false`, like an expression, is the author's decision: this workflow's runs finish.
    `on: push\nconcurrency:\n  group: ${GROUP}\n  cancel-in-progress: false\njobs: {}\n`,
    `on: push\n${CONCURRENCY(GROUP, "&f false")}jobs: {}\n`,
    // A step that hands the commit's work on with a push or dispatch token: its runs must not be cancelled.
    steps("push", ["- run: ./misc/trigger_wheel_build.sh", "  env:", "    WHEELS_PUSH_TOKEN: ${{ secrets.WHEELS_PUSH_TOKEN }}"]),
    steps("push", ["- run: gh workflow run build.yml --ref main"]),
    steps("push", ["- uses: peter-evans/repository-dispatch@v3"]),
    // Same-named workflows whose groups key on the file name are apart.
    {
      code: `name: Docs\non: pull_request\nconcurrency:\n  group: docs_light-\${{ github.ref }}\n  cancel-in-progress: true\njobs: {}\n`,
      filename: repoWith({ "docs.yml": `name: Docs\non: pull_request\n${CONCURRENCY(GROUP, "true")}jobs: {}\n` }),
    },
    // Same name, but only one of them cancels: nothing is cancelled by the other.
    {
      code: `name: Docs\non: pull_request\n${CONCURRENCY(GROUP, "true")}jobs: {}\n`,
      filename: repoWith({ "docs.yml": `name: Docs\non: pull_request\n${CONCURRENCY(GROUP, "false")}jobs: {}\n` }),
    },
    // An expression for cancel-in-progress is the author's decision.
    `on: push\nconcurrency:\n  group: ${GROUP}\n  cancel-in-progress: \${{ github.event_name == 'pull_request' }}\njobs: {}\n`,
    // Under workflow_call, github.workflow is the caller's name.
    `on: workflow_call\njobs: {}\n`,
    `on:\n  workflow_call:\n    inputs: {}\njobs: {}\n`,
    // Only the configured triggers require it.
    { code: `on: schedule\njobs: {}\n`, options: [{ triggers: ["push", "pull_request"] }] },
    {
      code: `on: push\nconcurrency:\n  group: "lint-\${{ github.ref }}"\n  cancel-in-progress: true\njobs: {}\n`,
      options: [{ allowLiteralWorkflowName: true }],
    },
    // No newer commit supersedes these runs: nothing to cancel.
    workflow("schedule"),
    workflow("[release, workflow_dispatch]"),
    workflow("[issues, issue_comment, workflow_run, repository_dispatch, merge_group]"),
    workflow("pull_request_target"),
    workflow("\n  pull_request:\n    types: [labeled, closed]"),
    workflow("\n  pull_request:\n    types: opened"),
    workflow("\n  push:\n    tags: ['v*']"),
    workflow("\n  push:\n    tags-ignore: ['nightly']"),
    // A deployment that only pushes start: only pull request runs could be cancelled safely.
    workflow("\n  push:\n    branches: [main]", ["environment: production"]),
    workflow("push", [], "uv publish"),
    // Queueing a deployment is deliberate.
    `on: [push, pull_request]\n${CONCURRENCY(GROUP)}jobs:\n  docs:\n    runs-on: x\n    permissions:\n      pages: write\n    steps:\n      - uses: actions/deploy-pages@v4\n`,
    `on: [push, pull_request]\n${CONCURRENCY(GROUP, "false")}jobs:\n  publish:\n    runs-on: x\n    environment: pypi\n`,
    // A group by name alone is a lock, cancelling or not.
    `on: push\n${CONCURRENCY("docs-deploy")}jobs: {}\n`,
    `on: pull_request\n${CONCURRENCY("pages", "true")}jobs: {}\n`,
    `on: push\nconcurrency: ci\njobs: {}\n`,
    // Literal text names the workflow when no other workflow uses the same group.
    { code: `on: push\n${CONCURRENCY("ci-${{ github.ref }}", "true")}jobs: {}\n`, filename: otherGroupName },
    { code: `on: push\n${CONCURRENCY("ci-${{ github.ref }}", "true")}jobs: {}\n`, filename: repoWith({}) },
    // Shared with another workflow on purpose: a lock, which gets no cancel-in-progress.
    { code: `on: push\n${CONCURRENCY("ci-${{ github.ref }}")}jobs: {}\n`, filename: sharedLock },
    // Shared, but no event starts both workflows.
    { code: `on: push\n${CONCURRENCY("ci-${{ github.ref }}", "true")}jobs: {}\n`, filename: sharedOnPullRequestsOnly },
    // Without cancelling, a group without the ref is a per-workflow lock.
    `on: pull_request\n${CONCURRENCY("${{ github.workflow }}")}jobs: {}\n`,
    // One branch only: a group without the ref cannot mix branches.
    `on:\n  push:\n    branches: [main]\n${CONCURRENCY("${{ github.workflow }}", "true")}jobs: {}\n`,
    `on: pull_request\n${CONCURRENCY("${{ github.workflow }}-${{ github.event.pull_request.id || github.sha }}", "true")}jobs: {}\n`,
    // pull_request_target with the pull request's number in the group.
    `on: [push, pull_request_target]\n${CONCURRENCY(PR_GROUP, "true")}jobs: {}\n`,
    // Not cancelling: a github.ref group under pull_request_target queues, which the author chose.
    `on: pull_request_target\n${CONCURRENCY(GROUP)}jobs: {}\n`,
    // A docker build that does not push is no deployment.
    { code: `on: pull_request\n${CONCURRENCY(GROUP, "true")}jobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: false\n`, filename: localTest },
    // The option still opts other events in; allowLiteralWorkflowName is accepted and has no effect.
    { code: `on: schedule\n${CONCURRENCY(GROUP, "true")}jobs: {}\n`, options: [{ triggers: ["schedule"], allowLiteralWorkflowName: false }] },
    // Not a workflow: nothing to check.
    ``,
    `- a\n- b\n`,
    `just a scalar\n`,
  ]),
  invalid: assumingScarceRunners([
    {
      name: "another workflow has the same name, so github.workflow is the same in both: the fix keys the group on the file name",
      code: `name: Docs\non: pull_request\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: uv run sphinx-build docs out\n`,
      filename: repoWith({ "docs_light.yml": `name: Docs\non: pull_request\njobs: {}\n` }),
      output: `name: Docs\non: pull_request\nconcurrency:\n  group: ci-\${{ github.ref }}\n  cancel-in-progress: true\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: uv run sphinx-build docs out\n`,
      errors: [{ messageId: "missingConcurrency", line: 3 }],
    },
    {
      name: "two same-named workflows whose cancelling groups key on github.workflow cancel each other",
      code: `name: Docs\non: pull_request\n${CONCURRENCY(GROUP, "true")}jobs: {}\n`,
      filename: repoWith({ "docs_light.yml": `name: Docs\non: [push, pull_request]\n${CONCURRENCY(GROUP, "true")}jobs: {}\n` }),
      output: null,
      errors: [
        {
          messageId: "groupSharedByName",
          data: { other: ".github/workflows/docs_light.yml", event: "pull request commit" },
          line: 4,
          column: 10,
          suggestions: [{ messageId: "useFileNameGroup", output: `name: Docs\non: pull_request\n${CONCURRENCY("ci-${{ github.ref }}", "true")}jobs: {}\n` }],
        },
      ],
    },
    {
      name: "a deploying workflow with a namesake: the pull-request-only group is keyed on the file name too",
      code: workflow("[push, pull_request]", ["environment: pypi"], "uv run pytest", "name: Docs\n"),
      filename: repoWith({ "docs_light.yml": `name: Docs\non: pull_request\njobs: {}\n` }),
      output: null,
      errors: [
        {
          messageId: "missingConcurrencyDeploys",
          suggestions: [
            {
              messageId: "addPullRequestConcurrency",
              output: withBlock(workflow("[push, pull_request]", ["environment: pypi"], "uv run pytest", "name: Docs\n"), PR_ONLY_GROUP.replace("${{ github.workflow }}", "ci"), PR_ONLY),
            },
          ],
        },
      ],
    },
    {
      name: "a file synced from another repository is reported without a fix: an edit here would be overwritten there",
      code: `# This file is synced from Homebrew/.github and must not be edited directly.\non: push\njobs:\n  a:\n    runs-on: self-hosted\n    steps:\n      - run: make test\n`,
      output: null,
      errors: [{ messageId: "missingConcurrency", line: 3 }],
    },
    {
      code: `name: CI\n\non:\n  push:\n  pull_request:\n\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: uv run pytest\n`,
      output: `name: CI\n\non:\n  push:\n  pull_request:\n\nconcurrency:\n  group: ${GROUP}\n  cancel-in-progress: true\n\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: uv run pytest\n`,
      errors: [{ messageId: "missingConcurrency", line: 7, column: 1, endLine: 7, endColumn: 5 }],
    },
    {
      name: "4-space indentation, no blank lines between keys",
      code: `on:\n    push:\njobs:\n    test:\n        runs-on: ubuntu-latest\n        timeout-minutes: 60\n`,
      output: `on:\n    push:\nconcurrency:\n    group: ${GROUP}\n    cancel-in-progress: true\njobs:\n    test:\n        runs-on: ubuntu-latest\n        timeout-minutes: 60\n`,
      errors: [{ messageId: "missingConcurrency", line: 3, column: 1 }],
    },
    {
      name: "CRLF line endings",
      code: crlf(`on: push\n\njobs:\n  a:\n    runs-on: x\n`),
      output: crlf(`on: push\n\nconcurrency:\n  group: ${GROUP}\n  cancel-in-progress: true\n\njobs:\n  a:\n    runs-on: x\n`),
      errors: [{ messageId: "missingConcurrency", line: 3, column: 1 }],
    },
    {
      name: "a comment above jobs stays with jobs",
      code: `on: push\n\n# The jobs.\n# Two lines.\njobs:\n  a:\n    runs-on: x\n`,
      output: `on: push\n\nconcurrency:\n  group: ${GROUP}\n  cancel-in-progress: true\n\n# The jobs.\n# Two lines.\njobs:\n  a:\n    runs-on: x\n`,
      errors: [{ messageId: "missingConcurrency", line: 5, column: 1 }],
    },
    {
      name: "two blank lines between keys are kept as the layout",
      code: `"on": push\n\n\njobs:\n  a:\n    runs-on: x`,
      output: `"on": push\n\n\nconcurrency:\n  group: ${GROUP}\n  cancel-in-progress: true\n\n\njobs:\n  a:\n    runs-on: x`,
      errors: [{ messageId: "missingConcurrency", line: 4, column: 1 }],
    },
    {
      name: "an indented comment belongs to the key above",
      code: `on:\n  push:\n  # pull_request:\njobs:\n  a:\n    runs-on: x\n`,
      output: `on:\n  push:\n  # pull_request:\nconcurrency:\n  group: ${GROUP}\n  cancel-in-progress: true\njobs:\n  a:\n    runs-on: x\n`,
      errors: [{ messageId: "missingConcurrency", line: 4, column: 1 }],
    },
    {
      name: "document start marker",
      code: `---\non: [push, pull_request]\njobs:\n  a:\n    runs-on: x\n`,
      output: `---\non: [push, pull_request]\nconcurrency:\n  group: ${GROUP}\n  cancel-in-progress: true\njobs:\n  a:\n    runs-on: x\n`,
      errors: [{ messageId: "missingConcurrency", line: 3, column: 1 }],
    },
    {
      name: "the group option is what the fix inserts",
      code: `on: push\njobs:\n  a:\n    runs-on: x\n`,
      options: [{ group: "ci-${{ github.workflow }}-${{ github.head_ref || github.ref }}" }],
      output: `on: push\nconcurrency:\n  group: ci-\${{ github.workflow }}-\${{ github.head_ref || github.ref }}\n  cancel-in-progress: true\njobs:\n  a:\n    runs-on: x\n`,
      errors: [{ messageId: "missingConcurrency" }],
    },
    {
      name: "flow-style root mapping is reported without a fix",
      code: `{on: push, jobs: {a: {runs-on: x}}}\n`,
      output: null,
      errors: [{ messageId: "missingConcurrency", line: 1, column: 12 }],
    },
    {
      name: "string form",
      code: `on: push\nconcurrency: ci-\${{ github.ref }}\njobs: {}\n`,
      output: null,
      errors: [
        {
          messageId: "stringForm",
          line: 2,
          column: 14,
          suggestions: [
            {
              messageId: "useMapping",
              data: { group: GROUP },
              output: `on: push\nconcurrency:\n  group: ${GROUP}\n  cancel-in-progress: true\njobs: {}\n`,
            },
          ],
        },
      ],
    },
    {
      name: "missing cancel-in-progress in a block mapping",
      code: `on: push\nconcurrency:\n  group: ${GROUP}  # per branch\njobs: {}\n`,
      output: `on: push\nconcurrency:\n  group: ${GROUP}  # per branch\n  cancel-in-progress: true\njobs: {}\n`,
      errors: [{ messageId: "missingCancelInProgress", line: 3, column: 3 }],
    },
    {
      name: "missing cancel-in-progress in a flow mapping",
      code: `on: push\nconcurrency: {group: "${GROUP}"}\njobs: {}\n`,
      output: `on: push\nconcurrency: {group: "${GROUP}", cancel-in-progress: true}\njobs: {}\n`,
      errors: [{ messageId: "missingCancelInProgress", line: 2, column: 14 }],
    },
    {
      name: "group without the ref",
      code: `on: push\nconcurrency:\n  group: \${{ github.workflow }}\n  cancel-in-progress: true\njobs: {}\n`,
      output: null,
      errors: [
        {
          messageId: "groupMissingRef",
          line: 3,
          column: 10,
          suggestions: [
            { messageId: "useDefaultGroup", output: `on: push\nconcurrency:\n  group: ${GROUP}\n  cancel-in-progress: true\njobs: {}\n` },
          ],
        },
      ],
    },
    {
      name: "group without the ref, under a comment that says something else",
      code: `on: push\n# Cancel superseded runs.\nconcurrency:\n  group: \${{ github.workflow }}\n  cancel-in-progress: true\njobs: {}\n`,
      output: null,
      errors: [
        {
          messageId: "groupMissingRef",
          line: 4,
          suggestions: [{ messageId: "useDefaultGroup", output: `on: push\n# Cancel superseded runs.\nconcurrency:\n  group: ${GROUP}\n  cancel-in-progress: true\njobs: {}\n` }],
        },
      ],
    },
    {
      name: "group without the workflow, shared with another workflow that the same push starts",
      code: `on: push\nconcurrency:\n  group: ci-\${{ github.ref }}\n  cancel-in-progress: true\njobs: {}\n`,
      filename: sharedCancelling,
      output: null,
      errors: [
        {
          messageId: "groupMissingWorkflow",
          line: 3,
          column: 10,
          suggestions: [
            { messageId: "useDefaultGroup", output: `on: push\nconcurrency:\n  group: ${GROUP}\n  cancel-in-progress: true\njobs: {}\n` },
          ],
        },
      ],
    },
    {
      name: "missing group in a flow mapping is quoted",
      code: `on: push\nconcurrency: {cancel-in-progress: true}\njobs: {}\n`,
      output: `on: push\nconcurrency: {cancel-in-progress: true, group: "${GROUP}"}\njobs: {}\n`,
      errors: [{ messageId: "missingGroup", line: 2, column: 14 }],
    },
    {
      name: "empty flow mapping (ESLint's next fix pass adds cancel-in-progress)",
      code: `on: push\nconcurrency: {}\njobs: {}\n`,
      output: `on: push\nconcurrency: {group: "${GROUP}"}\njobs: {}\n`,
      errors: [{ messageId: "missingGroup" }],
    },
    {
      name: "group without the ref in a flow mapping: the suggestion quotes",
      code: `on: pull_request\nconcurrency: {group: "\${{ github.workflow }}", cancel-in-progress: true}\njobs: {}\n`,
      output: null,
      errors: [
        {
          messageId: "groupMissingRef",
          suggestions: [{ messageId: "useDefaultGroup", output: `on: pull_request\nconcurrency: {group: "${GROUP}", cancel-in-progress: true}\njobs: {}\n` }],
        },
      ],
    },
    {
      name: "pull_request with the default types: the message speaks of pull requests",
      code: workflow("pull_request"),
      output: withBlock(workflow("pull_request")),
      errors: [
        {
          messageId: "missingConcurrency",
          data: { superseded: "a new commit on a pull request leaves the superseded run holding a runner", cost: "" },
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 5,
        },
      ],
    },
    {
      name: "pull_request types with synchronize",
      code: workflow("\n  pull_request:\n    types: [opened, synchronize]"),
      output: withBlock(workflow("\n  pull_request:\n    types: [opened, synchronize]")),
      errors: [{ messageId: "missingConcurrency", line: 4 }],
    },
    {
      name: "a push to branches: the message speaks of pushes",
      code: workflow("\n  push:\n    branches: [main, 'release/*']\n    tags-ignore: ['v*']"),
      output: withBlock(workflow("\n  push:\n    branches: [main, 'release/*']\n    tags-ignore: ['v*']")),
      errors: [{ messageId: "missingConcurrency", data: { superseded: "a new push leaves the superseded run holding a runner", cost: "" }, line: 5 }],
    },
    {
      name: "a workflow that also runs on a schedule and by hand: only pull request runs are cancelled, so that no push cancels those",
      code: workflow("\n  push:\n    branches: [main]\n  pull_request:\n  schedule:\n    - cron: '0 0 * * *'\n  workflow_dispatch:"),
      output: withBlock(workflow("\n  push:\n    branches: [main]\n  pull_request:\n  schedule:\n    - cron: '0 0 * * *'\n  workflow_dispatch:"), PR_ONLY_GROUP, PR_ONLY),
      errors: [{ messageId: "missingConcurrencyBesideOtherRuns", data: { cost: "", others: "`schedule`, `workflow_dispatch`", cancel: PR_ONLY } }],
    },
    {
      name: "with pull_request_target, the group the fix writes tells pull requests apart",
      code: workflow("[push, pull_request_target]"),
      output: withBlock(workflow("[push, pull_request_target]"), PR_GROUP),
      errors: [{ messageId: "missingConcurrency", line: 2 }],
    },
    {
      name: "the triggers option opts a scheduled workflow in, with a message true for it",
      code: workflow("schedule"),
      options: [{ triggers: ["schedule"] }],
      output: withBlock(workflow("schedule")),
      errors: [{ messageId: "missingConcurrency", data: { superseded: "a newer run for the same ref does not cancel the one before it", cost: "" } }],
    },
    deploying(workflow("[push, pull_request]", ["environment: github-pages"]), "job `test` has an `environment`"),
    deploying(workflow("pull_request", [], "uv build", "permissions:\n  id-token: write\n"), "the workflow grants `id-token: write`"),
    deploying(workflow("pull_request", ["permissions:", "  pages: write"]), "job `test` grants `pages: write`"),
    deploying(workflow("pull_request", [], "uv build && uv publish"), "job `test` runs `publish`"),
    deploying(workflow("pull_request", [], "uv run mkdocs build && uv run mkdocs gh-deploy --force"), "job `test` runs `deploy`"),
    deploying(workflow("pull_request", [], "uv build && twine upload dist/*"), "job `test` runs `twine upload`"),
    deploying(workflow("pull_request", [], "docker build -t ghcr.io/a/b . && docker push ghcr.io/a/b"), "job `test` runs `docker push`"),
    deploying(workflow("pull_request", [], "uv build && gh release create v1"), "job `test` runs `gh release create`"),
    deploying(
      `on: pull_request\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: pypa/gh-action-pypi-publish@release/v1\n`,
      "job `a` uses `pypa/gh-action-pypi-publish`",
      onX("a"),
    ),
    deploying(
      `on: pull_request\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: \${{ github.event_name != 'pull_request' }}\n`,
      "job `a` pushes an image with `docker/build-push-action`",
      onX("a"),
    ),
    deploying(`on: pull_request\njobs:\n  deploy-docs:\n    if: github.ref == 'refs/heads/main'\n    runs-on: x\n`, "job `deploy-docs` is named for a deployment", onX("deploy-docs")),
    deploying(`on: [push, pull_request]\njobs:\n  pypi_publishing:\n    if: github.repository == 'a/b'\n    runs-on: x\n`, "job `pypi_publishing` is named for a deployment", onX("pypi_publishing")),
    {
      name: "not deploying: a job named `release` that runs on every pull request (a test matrix so named)",
      code: `on: [push, pull_request]\njobs:\n  release:\n    runs-on: x\n    steps:\n      - run: uv run pytest\n`,
      output: withBlock(`on: [push, pull_request]\njobs:\n  release:\n    runs-on: x\n    steps:\n      - run: uv run pytest\n`),
      errors: [{ messageId: "missingConcurrency" }],
    },
    {
      name: "not deploying: an `if:` that negates a push-only condition lets the job run on pull requests",
      code: `on: [push, pull_request]\njobs:\n  build:\n    if: "!(github.event_name == 'push' && startsWith(github.ref, 'refs/tags/v2.'))"\n    runs-on: x\n    steps:\n      - run: uv run pytest\n`,
      output: withBlock(`on: [push, pull_request]\njobs:\n  build:\n    if: "!(github.event_name == 'push' && startsWith(github.ref, 'refs/tags/v2.'))"\n    runs-on: x\n    steps:\n      - run: uv run pytest\n`),
      errors: [{ messageId: "missingConcurrency" }],
    },
    deploying(
      `on: [push, pull_request]\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n  docs:\n    if: \${{ !(github.event_name == 'pull_request') && github.repository == 'a/b' }}\n    runs-on: x\n    steps:\n      - run: ./upload.sh\n`,
      "job `docs` runs only outside pull requests",
      onX("a"),
    ),
    // A job id that only contains the word is no sign: `list_lts_releases` lists releases.
    {
      name: "a job id with `releases` inside another word is no deployment",
      code: `on: pull_request\njobs:\n  list_lts_releases:\n    runs-on: x\n    steps:\n      - run: uv run pytest\n`,
      output: `on: pull_request\nconcurrency:\n  group: ${GROUP}\n  cancel-in-progress: true\njobs:\n  list_lts_releases:\n    runs-on: x\n    steps:\n      - run: uv run pytest\n`,
      errors: [{ messageId: "missingConcurrency", line: 2, column: 1, endLine: 2, endColumn: 5 }],
    },
    deploying(workflow("pull_request", [], "make site && aws s3 sync site/ s3://bucket/"), "job `test` runs `aws s3 sync`"),
    deploying(
      `on: pull_request\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: org/actions/git-try-push@v1\n`,
      "job `a` uses `org/actions/git-try-push`",
      onX("a"),
    ),
    deploying(`on: pull_request\njobs:\n  a:\n    uses: org/infra/.github/workflows/ship.yml@v1\n`, "job `a` calls `org/infra/.github/workflows/ship.yml@v1`, another repository's workflow that this plugin cannot read"),
    {
      ...deploying(`on: pull_request\njobs:\n  a:\n    uses: ./.github/workflows/publish.yml\n`, "job `a` calls `./.github/workflows/publish.yml`, where job `test` has an `environment`"),
      filename: localDeploy,
    },
    deploying(steps("[push, pull_request]", ["- run: uv run pytest", "- uses: rtCamp/action-slack-notify@v2"]), "job `a` sends a message with `rtCamp/action-slack-notify`"),
    deploying(
      steps("[push, pull_request]", ["- run: uv run pytest", "- run: ./notify.sh", "  env:", "    HOOK: ${{ secrets.DISCORD_WEBHOOK }}"]),
      "job `a` sends a message with a chat or webhook secret",
    ),
    deploying(steps("[push, pull_request]", ["- run: uv run pytest", "- run: curl -d @out.json ${{ secrets.RESULTS_URL }}"]), "job `a` sends a secret to a service with `curl` or `wget`"),
    deploying(steps("[push, pull_request]", ["- run: uv run pytest", "- uses: peter-evans/create-pull-request@v7"]), "job `a` uses `peter-evans/create-pull-request`"),
    deploying(
      `on: [push, pull_request]\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: cargo test\n  upload:\n    if: \${{ github.event_name != 'pull_request' }}\n    runs-on: x\n    steps:\n      - run: ./upload.sh\n`,
      "job `upload` runs only outside pull requests",
      onX("a"),
    ),
    deploying(steps("[push, pull_request]", ["- run: uv run pytest", "- run: ./coverage.sh", "  if: github.event_name == 'push'"]), "job `a` has a step that runs only outside pull requests"),
    {
      name: "not deploying: an option named --publish, a job that checks release notes",
      code: `on: pull_request\njobs:\n  check_release_notes:\n    runs-on: x\n    steps:\n      - run: docker run --publish 6379:6379 redis && uv run pytest\n`,
      output: withBlock(`on: pull_request\njobs:\n  check_release_notes:\n    runs-on: x\n    steps:\n      - run: docker run --publish 6379:6379 redis && uv run pytest\n`),
      errors: [{ messageId: "missingConcurrency" }],
    },
    {
      name: "not quick: a self-hosted runner that builds",
      code: steps("pull_request", [...LFS_CHECK, "- run: make"], "self-hosted"),
      output: withBlock(steps("pull_request", [...LFS_CHECK, "- run: make"], "self-hosted")),
      errors: [{ messageId: "missingConcurrency", line: 2 }],
    },
    {
      name: "not quick: a matrix of legs that test",
      code: steps("pull_request", ["- run: uv run pytest"], "ubuntu-latest", ["strategy:", "  matrix:", "    os: [a, b]"]),
      output: withBlock(steps("pull_request", ["- run: uv run pytest"], "ubuntu-latest", ["strategy:", "  matrix:", "    os: [a, b]"])),
      errors: [{ messageId: "missingConcurrency" }],
    },
    {
      name: "a build action says the run is long",
      code: steps("pull_request", ["- uses: actions/checkout@v6", "- uses: docker/build-push-action@v6", "  with:", "    push: false"]),
      output: withBlock(steps("pull_request", ["- uses: actions/checkout@v6", "- uses: docker/build-push-action@v6", "  with:", "    push: false"])),
      errors: [{ messageId: "missingConcurrency" }],
    },
    {
      name: "a self-hosted runner is scarce whatever the job does",
      code: steps("pull_request", ["- run: ./helpers/check.ps1"], "[self-hosted, gpu]"),
      output: withBlock(steps("pull_request", ["- run: ./helpers/check.ps1"], "[self-hosted, gpu]")),
      errors: [{ messageId: "missingConcurrency" }],
    },
    {
      name: "pushes to two branches: reported",
      code: workflow("\n  push:\n    branches: [main, 'release/*']"),
      output: withBlock(workflow("\n  push:\n    branches: [main, 'release/*']")),
      errors: [{ messageId: "missingConcurrency", line: 4 }],
    },
    {
      name: "the repository cancels pull request runs only: the fix writes its expression",
      code: workflow("[push, pull_request]"),
      filename: pullRequestOnlyConvention,
      output: withBlock(workflow("[push, pull_request]"), PR_ONLY_GROUP, CANCEL_PRS),
      errors: [{ messageId: "missingConcurrencyConvention", data: { cancel: CANCEL_PRS, where: ".github/workflows/lint.yml", cost: "" }, line: 2, column: 1 }],
    },
    {
      name: "a deploying workflow in such a repository: the suggestion writes its expression",
      code: workflow("[push, pull_request]", ["environment: pypi"]),
      filename: pullRequestOnlyConvention,
      output: null,
      errors: [
        {
          messageId: "missingConcurrencyDeploys",
          data: { sign: "job `test` has an `environment`", cancel: CANCEL_PRS, cost: "" },
          suggestions: [{ messageId: "addPullRequestConcurrency", output: withBlock(workflow("[push, pull_request]", ["environment: pypi"]), PR_ONLY_GROUP, CANCEL_PRS) }],
        },
      ],
    },
    {
      name: "the repository gives each push run a group of its own (`pull_request.number || sha`): the fix copies that group",
      code: workflow("[push, pull_request]"),
      filename: perRunNumberConvention,
      output: withBlock(workflow("[push, pull_request]"), NUMBER_OR_SHA),
      errors: [{ messageId: "missingConcurrencyGroupConvention", data: { group: NUMBER_OR_SHA, where: ".github/workflows/lint.yml", cost: "" }, line: 2 }],
    },
    {
      name: "the repository gives each push to main a group of its own and keys other refs on the ref (pytorch/ao): the fix copies that group, without the literal that named the other workflow",
      code: workflow("[push, pull_request]"),
      filename: mainPerRunConvention,
      output: withBlock(workflow("[push, pull_request]"), MAIN_PER_RUN),
      errors: [{ messageId: "missingConcurrencyGroupConvention", data: { group: MAIN_PER_RUN, where: ".github/workflows/gpu.yml", cost: "" }, line: 2 }],
    },
    {
      name: "such a group keyed on the branch's name (`head_ref || sha`) is not copied: forks' branches of one name would share it",
      code: workflow("[push, pull_request]"),
      filename: perRunGroupConvention,
      output: withBlock(workflow("[push, pull_request]"), PR_ONLY_GROUP),
      errors: [{ messageId: "missingConcurrencyConvention", data: { cancel: "true", where: ".github/workflows/lint.yml", cost: "" }, line: 2 }],
    },
    {
      name: "such a group that reads more than `github` is not copied: the fix writes its own per-run group",
      code: workflow("[push, pull_request]"),
      filename: perRunMatrixGroup,
      output: withBlock(workflow("[push, pull_request]"), PR_ONLY_GROUP),
      errors: [{ messageId: "missingConcurrencyConvention", data: { cancel: "true", where: ".github/workflows/lint.yml", cost: "" } }],
    },
    {
      name: "a job that runs on pull requests only and cancels does not break the pull-request-only convention",
      code: workflow("[push, pull_request]"),
      filename: conventionWithPullRequestJob,
      output: withBlock(workflow("[push, pull_request]"), PR_ONLY_GROUP, CANCEL_PRS),
      errors: [{ messageId: "missingConcurrencyConvention", data: { cancel: CANCEL_PRS, where: ".github/workflows/checks.yml", cost: "" } }],
    },
    {
      name: "the repository cancels everywhere but on main: the fix writes its expression",
      code: workflow("[push, pull_request]"),
      filename: keepsMainConvention,
      output: withBlock(workflow("[push, pull_request]"), PR_ONLY_GROUP, "${{ github.ref != 'refs/heads/main' }}"),
      errors: [{ messageId: "missingConcurrencyConvention", data: { cancel: "${{ github.ref != 'refs/heads/main' }}", where: ".github/workflows/lint.yml", cost: "" } }],
    },
    {
      name: "a debugging step for manual runs only is no work of its own on pushes",
      code: steps("[push, pull_request, workflow_dispatch]", ["- run: uv run pytest", "- uses: mxschmitt/action-tmate@v3", "  if: github.event_name == 'workflow_dispatch' && inputs.debug"]),
      output: withBlock(steps("[push, pull_request, workflow_dispatch]", ["- run: uv run pytest", "- uses: mxschmitt/action-tmate@v3", "  if: github.event_name == 'workflow_dispatch' && inputs.debug"]), PR_ONLY_GROUP, PR_ONLY),
      errors: [{ messageId: "missingConcurrencyBesideOtherRuns" }],
    },
    deploying(
      steps("[push, pull_request]", ["- run: ./select-tests.sh ${{ github.event.before }} ${{ github.sha }}", "- run: uv run pytest"]),
      "job `a` works on the push's own changes (`github.event.before`)",
    ),
    {
      name: "a preview deployment that runs on pull requests only is no reason to keep push runs",
      code: workflow("[push, pull_request]", ["if: github.event_name == 'pull_request' && github.repository == 'a/b'", "environment: preview"]),
      output: withBlock(workflow("[push, pull_request]", ["if: github.event_name == 'pull_request' && github.repository == 'a/b'", "environment: preview"])),
      errors: [{ messageId: "missingConcurrency" }],
    },
    {
      name: "another workflow of the repository cancels every run: no single convention, the fix cancels",
      code: workflow("[push, pull_request]"),
      filename: mixedConvention,
      output: withBlock(workflow("[push, pull_request]")),
      errors: [{ messageId: "missingConcurrency" }],
    },
    {
      name: "a reusable workflow of the repository that does not deploy: the fix cancels",
      code: `on: pull_request\njobs:\n  a:\n    uses: ./.github/workflows/tests.yml\n`,
      filename: localTest,
      output: withBlock(`on: pull_request\njobs:\n  a:\n    uses: ./.github/workflows/tests.yml\n`),
      errors: [{ messageId: "missingConcurrency" }],
    },
    {
      name: "a generated workflow is reported without a fix",
      code: `# This file is generated by tool; DO NOT EDIT.\n${workflow("pull_request")}`,
      output: null,
      errors: [{ messageId: "missingConcurrency", line: 3 }],
    },
    {
      name: "a *.lock.yml workflow is reported without a fix",
      code: workflow("pull_request"),
      filename: join(tmpdir(), "agent.lock.yml"),
      output: null,
      errors: [{ messageId: "missingConcurrency" }],
    },
    {
      name: "a generated workflow: no fix for cancel-in-progress either",
      code: `# @generated\non: push\n${CONCURRENCY(GROUP)}jobs: {}\n`,
      output: null,
      errors: [{ messageId: "missingCancelInProgress", line: 4 }],
    },
    {
      name: "an anchored concurrency that a job repeats is not edited",
      code: `on: push\nconcurrency: &c\n  group: ${GROUP}\njobs:\n  a:\n    runs-on: x\n    concurrency: *c\n`,
      output: null,
      errors: [{ messageId: "missingCancelInProgress", line: 3, column: 3 }],
    },
    {
      name: "a concurrency reached through an alias is not edited",
      code: `on: push\njobs:\n  a:\n    runs-on: x\n    concurrency: &c\n      group: ${GROUP}\nconcurrency: *c\n`,
      output: null,
      errors: [{ messageId: "missingCancelInProgress", line: 6, column: 7 }],
    },
    {
      name: "under pull_request_target, a cancelling group on github.ref mixes pull requests",
      code: `on: pull_request_target\n${CONCURRENCY(GROUP, "true")}jobs: {}\n`,
      output: null,
      errors: [
        {
          messageId: "groupOnBaseRef",
          line: 3,
          column: 10,
          suggestions: [{ messageId: "useDefaultGroup", output: `on: pull_request_target\n${CONCURRENCY(PR_GROUP, "true")}jobs: {}\n` }],
        },
      ],
    },
    {
      name: "under pull_request_target and pull_request, the group also names the event: each pull request runs both",
      code: `on: [pull_request, pull_request_target]\n${CONCURRENCY(GROUP, "true")}jobs: {}\n`,
      output: null,
      errors: [
        {
          messageId: "groupOnBaseRef",
          line: 3,
          column: 10,
          suggestions: [
            {
              messageId: "useDefaultGroup",
              output: `on: [pull_request, pull_request_target]\n${CONCURRENCY("${{ github.workflow }}-${{ github.event_name }}-${{ github.event.pull_request.number || github.ref }}", "true")}jobs: {}\n`,
            },
          ],
        },
      ],
    },
    {
      name: "string form: the message says what the events let happen",
      code: `on: pull_request\nconcurrency: \${{ github.ref }}\njobs: {}\n`,
      output: null,
      errors: [
        {
          messageId: "stringForm",
          data: { superseded: "a new commit on a pull request leaves the superseded run holding a runner", cost: "" },
          suggestions: [{ messageId: "useMapping", output: `on: pull_request\n${CONCURRENCY(GROUP, "true")}jobs: {}\n` }],
        },
      ],
    },
    {
      name: "missing group",
      code: `on: push\nconcurrency:\n  cancel-in-progress: true\njobs: {}\n`,
      output: `on: push\nconcurrency:\n  cancel-in-progress: true\n  group: ${GROUP}\njobs: {}\n`,
      errors: [{ messageId: "missingGroup", line: 3, column: 3 }],
    },
  ]),
});

/** A workflow on pushes and pull requests whose one job `test` runs on `runner` with `jobLines` (at 4 spaces). */
function onRunner(runner: string, jobLines: string[] = []): string {
  return `on: [push, pull_request]\njobs:\n  test:\n    runs-on: ${runner}\n${jobLines.map((line) => `    ${line}\n`).join("")}    steps:\n      - run: uv run pytest\n`;
}
const PYTHONS = ["strategy:", "  matrix:", "    python: ['3.11', '3.12', '3.13']"];
const OS_LEGS = ["strategy:", "  matrix:", "    os: [ubuntu-latest, windows-latest, macos-latest]"];
const TEN_LEGS = ["strategy:", "  matrix:", "    python: ['3.9', '3.10', '3.11', '3.12', '3.13']", "    resolution: [highest, lowest-direct]"];
const SUPERSEDED = "a new push leaves the superseded run holding a runner";
const providedCost = (runner: string): string => ` (job \`test\` runs on \`${runner}\`, a runner the repository provides or pays for)`;
const missing = (cost: string): RuleTester.TestCaseError => ({ messageId: "missingConcurrency", data: { superseded: SUPERSEDED, cost } });
/** Hosted runner time only, on pushes and pull requests: the fix cancels pull request runs only. */
const missingOnHosted = (cost: string): RuleTester.TestCaseError => ({ messageId: "missingConcurrencyOnHostedRunners", data: { cost, cancel: PR_ONLY } });
const cancelsElsewhere = repoWith({ "lint.yml": `on: [push, pull_request]\n${CONCURRENCY(GROUP, "true")}jobs: {}\n` });
const CANCEL_ACTION = (workflowId: string | null): string =>
  `on: [push, pull_request_target]\njobs:\n  cancel:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: styfle/cancel-workflow-action@0.13.1\n${workflowId === null ? "" : `        with:\n          workflow_id: '${workflowId}'\n`}`;
const cancelledByAction = repoWith({ "cancel-outdated.yml": CANCEL_ACTION("lint.yml, ci.yml") });
const actionCancelsOthers = repoWith({ "cancel-outdated.yml": CANCEL_ACTION("lint.yml") });
const locksOnly = repoWith({ "docs.yml": `on: push\n${CONCURRENCY("docs-deploy", "true")}jobs: {}\n`, "lint.yml": `on: push\n${CONCURRENCY(GROUP, "false")}jobs: {}\n` });

// Named as the rule, so that the inline disable comment below names it as RuleTester registers it.
workflowRuleTester().run("require-concurrency-per-ref", rule, {
  valid: [
    { name: "one job on a standard GitHub-hosted runner, in a repository that cancels nowhere", code: onRunner("ubuntu-latest") },
    { name: "two legs of a matrix are not several jobs", code: onRunner("ubuntu-latest", ["strategy:", "  matrix:", "    python: ['3.12', '3.13']"]) },
    { name: "a matrix of standard runners", code: onRunner("${{ matrix.os }}", ["strategy:", "  matrix:", "    os: [ubuntu-24.04-arm, macos-15-intel]"]).replace("steps:", "timeout-minutes: 10\n    steps:").replace("uv run pytest", "echo") },
    { name: "a runner an input picks is not known to be provided", code: onRunner("${{ inputs.runner }}") },
    {
      // databricks-sdk-py's integration-tests.yml (field sample 11 review): the tests run in another repository.
      name: "a provided runner whose job only makes an app token and starts a workflow elsewhere holds it for seconds",
      code: steps("pull_request", ["- uses: actions/create-github-app-token@v2", "- run: gh workflow run isolated-pr.yml -R org/sdk-ci -f pr=${{ github.event.pull_request.number }}"], "[self-hosted, linux]"),
    },
    {
      // pydantic-core: `${{ matrix.os }}-latest` over ubuntu, macos and windows is three standard runners.
      name: "a label the matrix fills in makes standard hosted runners",
      code: onRunner("${{ matrix.os }}-latest", ["strategy:", "  matrix:", "    os: [ubuntu, macos]"]),
    },
    {
      name: "a release pipeline: pushes to branches and version tags, no pull request",
      code: workflow("\n  push:\n    branches: [main, 'v[0-9]+.[0-9]+']\n    tags: ['v*']\n  workflow_dispatch:"),
      options: [{ assumeScarceRunners: true }],
    },
    { name: "a matrix whose legs only run quick steps is short", code: steps("pull_request", LFS_CHECK, "ubuntu-latest", ["strategy:", "  matrix:", "    os: [a, b]"]), options: [{ assumeScarceRunners: true }] },
    {
      name: "six legs on hosted runners that only echo are short",
      code: onRunner("${{ matrix.os }}", ["strategy:", "  matrix:", "    os: [ubuntu-latest, ubuntu-24.04-arm, macos-15]", "    python: ['3.10', '3.14']"]).replace("uv run pytest", 'echo "No build required"'),
      options: [{ assumeScarceRunners: true }],
    },
    { name: "a label compared in an expression is not a runner", code: onRunner("${{ github.repository_owner == 'pytorch' && 'ubuntu-latest' || 'ubuntu-22.04' }}") },
    { name: "a self-hosted job that runs for tags only", code: onRunner("ubuntu-latest").replace("jobs:\n", "jobs:\n  release:\n    if: startsWith(github.ref, 'refs/tags/')\n    runs-on: self-hosted\n    steps:\n      - run: make\n") },
    // DefectDojo cancels its unit tests' superseded runs from another workflow (field sample 8 review).
    { name: "another workflow cancels this one's superseded runs with styfle/cancel-workflow-action", code: onRunner("self-hosted"), filename: cancelledByAction },
    {
      name: "the workflow cancels its own older runs with the action",
      code: onRunner("self-hosted").replace("    steps:\n", "    steps:\n      - uses: styfle/cancel-workflow-action@0.13.1\n"),
    },
    // A comment says the group keeps one run at a time on purpose (charmcraft's spread tests, field review 15).
    {
      name: "a group without the ref that a comment says is one at a time",
      code: `on: [push, pull_request]\n# Only ever run one of this test at a time.\nconcurrency:\n  group: \${{ github.workflow }}\n  cancel-in-progress: true\njobs: {}\n`,
    },
    { name: "the comment inside the block", code: `on: [push, pull_request]\nconcurrency:\n  group: \${{ github.workflow }} # serialise: one cluster\n  cancel-in-progress: true\njobs: {}\n` },
    // Pushes and pull requests only test an edit of the workflow itself; its real runs are hourly (xpk's issue triage, field review 26).
    {
      name: "a group without the ref where pushes and pull requests run only for the workflow's own file",
      code: `on:\n  schedule:\n    - cron: '0 * * * *'\n  pull_request:\n    paths: ['.github/workflows/triage.yml']\n  push:\n    branches: [main]\n    paths: ['.github/workflows/triage.yml']\nconcurrency:\n  group: \${{ github.workflow }}\n  cancel-in-progress: true\njobs: {}\n`,
    },
    // A few legs on free Linux runners cost minutes nobody waits for (field sample review 12).
    { name: "three legs that test on Linux", code: onRunner("ubuntu-latest", PYTHONS) },
    { name: "a job on a paid runner switched off with if: false", code: onRunner("depot-ubuntu-24.04", ["if: false"]) },
    {
      name: "an expression's macOS choice that no leg takes",
      code: onRunner("${{ (matrix.language == 'swift' && 'macos-latest') || 'ubuntu-latest' }}", ["strategy:", "  matrix:", "    language: [actions, python, javascript]"]),
    },
    { name: "nine legs that test on Linux", code: onRunner("ubuntu-latest", ["strategy:", "  matrix:", "    python: ['3.11', '3.12', '3.13']", "    extras: [none, all, min]"]) },
    { name: "a matrix an expression builds on Linux: its size is not known", code: onRunner("ubuntu-latest", ["strategy:", "  matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}"]) },
    { name: "other workflows hold locks or queue: no sign that this repository cancels", code: onRunner("ubuntu-latest"), filename: locksOnly },
    // Our own fix of lint.yml would make it a sign: a second --fix would then report this workflow.
    { name: "another workflow that cancels is no sign", code: onRunner("ubuntu-latest"), filename: cancelsElsewhere },
    { name: "a per-ref group that queues, where nothing shows the cost", code: onRunner("ubuntu-latest").replace("jobs:\n", `${CONCURRENCY(GROUP)}jobs:\n`) },
    { name: "a string group, where nothing shows the cost", code: `on: pull_request\nconcurrency: \${{ github.ref }}\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: uv run pytest\n` },
    // Inline disable comments work in workflows.
    `on: push\n# eslint-disable-next-line rule-to-test/require-concurrency-per-ref\njobs: {}\n`,
  ],
  invalid: [
    {
      name: "an action that cancels other workflows only",
      code: onRunner("self-hosted"),
      filename: actionCancelsOthers,
      output: withBlock(onRunner("self-hosted")),
      errors: [missing(providedCost("self-hosted"))],
    },
    { name: "a self-hosted runner: the seed's case", code: onRunner("self-hosted"), output: withBlock(onRunner("self-hosted")), errors: [missing(providedCost("self-hosted"))] },
    { name: "labels of a self-hosted runner", code: onRunner("[self-hosted, cuda]"), output: withBlock(onRunner("[self-hosted, cuda]")), errors: [missing(providedCost("self-hosted, cuda"))] },
    { name: "a larger GitHub-hosted runner, paid by the minute", code: onRunner("ubuntu-latest-16-cores"), output: withBlock(onRunner("ubuntu-latest-16-cores")), errors: [missing(providedCost("ubuntu-latest-16-cores"))] },
    {
      name: "a label the matrix fills in, one leg on a larger runner",
      code: onRunner("${{ matrix.os }}-latest-8-cores", ["strategy:", "  matrix:", "    os: [ubuntu]"]),
      output: withBlock(onRunner("${{ matrix.os }}-latest-8-cores", ["strategy:", "  matrix:", "    os: [ubuntu]"])),
      errors: [missing(providedCost("ubuntu-latest-8-cores"))],
    },
    { name: "a third-party runner", code: onRunner("depot-ubuntu-24.04"), output: withBlock(onRunner("depot-ubuntu-24.04")), errors: [missing(providedCost("depot-ubuntu-24.04"))] },
    { name: "a runner group", code: onRunner("{ group: gpu-runners }"), output: withBlock(onRunner("{ group: gpu-runners }")), errors: [missing(providedCost("gpu-runners"))] },
    {
      name: "a matrix that lists a self-hosted runner",
      code: onRunner("${{ matrix.os }}", ["strategy:", "  matrix:", "    os: [ubuntu-latest, [self-hosted, arm64]]"]),
      output: withBlock(onRunner("${{ matrix.os }}", ["strategy:", "  matrix:", "    os: [ubuntu-latest, [self-hosted, arm64]]"])),
      errors: [missing(providedCost("self-hosted, arm64"))],
    },
    {
      name: "an expression that picks a self-hosted runner",
      code: onRunner("${{ github.repository == 'a/b' && 'self-hosted' || 'ubuntu-latest' }}"),
      output: withBlock(onRunner("${{ github.repository == 'a/b' && 'self-hosted' || 'ubuntu-latest' }}")),
      errors: [missing(providedCost("self-hosted"))],
    },
    {
      name: "three legs that test, on Windows and macOS among others",
      code: onRunner("${{ matrix.os }}", OS_LEGS),
      output: withBlock(onRunner("${{ matrix.os }}", OS_LEGS), PR_ONLY_GROUP, PR_ONLY),
      errors: [missingOnHosted(" (each run starts 3 jobs that build or test, some on `windows-latest`)")],
    },
    {
      name: "ten legs that test on hosted runners: pull request runs only are cancelled, and each push keeps its run and its commit's status (datasette, ihatemoney)",
      code: onRunner("ubuntu-latest", TEN_LEGS),
      output: withBlock(onRunner("ubuntu-latest", TEN_LEGS), PR_ONLY_GROUP, PR_ONLY),
      errors: [missingOnHosted(" (each run starts 10 jobs that build or test)")],
    },
    {
      name: "with assumeScarceRunners, the per-ref group cancels superseded pushes too",
      code: onRunner("ubuntu-latest", TEN_LEGS),
      options: [{ assumeScarceRunners: true }],
      output: withBlock(onRunner("ubuntu-latest", TEN_LEGS)),
      errors: [missing(" (each run starts 10 jobs that build or test)")],
    },
    {
      name: "a workflow that only pull requests start gets the per-ref group: it cancels pull request runs only anyway",
      code: onRunner("ubuntu-latest", TEN_LEGS).replace("on: [push, pull_request]", "on: pull_request"),
      output: withBlock(onRunner("ubuntu-latest", TEN_LEGS).replace("on: [push, pull_request]", "on: pull_request")),
      errors: [{ messageId: "missingConcurrency", data: { superseded: "a new commit on a pull request leaves the superseded run holding a runner", cost: " (each run starts 10 jobs that build or test)" } }],
    },
    {
      name: "a matrix an expression builds, on Windows",
      code: onRunner("windows-latest", ["strategy:", "  matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}"]),
      output: withBlock(onRunner("windows-latest", ["strategy:", "  matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}"]), PR_ONLY_GROUP, PR_ONLY),
      errors: [missingOnHosted(" (each run starts a matrix of jobs that build or test, some on `windows-latest`)")],
    },
    {
      name: "a job of this workflow cancels its superseded runs",
      code: `${onRunner("ubuntu-latest")}  lint:\n    runs-on: ubuntu-latest\n    concurrency:\n      group: lint-\${{ github.ref }}\n      cancel-in-progress: true\n    steps:\n      - run: make lint\n`,
      output: withBlock(`${onRunner("ubuntu-latest")}  lint:\n    runs-on: ubuntu-latest\n    concurrency:\n      group: lint-\${{ github.ref }}\n      cancel-in-progress: true\n    steps:\n      - run: make lint\n`),
      errors: [missing(" (a job of this workflow already cancels its superseded runs)")],
    },
    {
      name: "a per-ref group that queues on a self-hosted runner",
      code: onRunner("self-hosted").replace("jobs:\n", `${CONCURRENCY(GROUP)}jobs:\n`),
      output: onRunner("self-hosted").replace("jobs:\n", `${CONCURRENCY(GROUP, "true")}jobs:\n`),
      errors: [{ messageId: "missingCancelInProgress", data: { cost: providedCost("self-hosted") } }],
    },
  ],
});
