import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import rule from "../../rules/no-reusable-concurrency-deadlock.js";
import { writeFiles } from "../helpers/cli.js";
import { workflowRuleTester } from "../helpers/rule-tester.js";

const GROUP = "${{ github.workflow }}-${{ github.ref }}";

/** A repository whose workflows are `others`; returns where `build.yml`, the reusable workflow under test, would be. */
function repoWith(others: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-deadlock-"));
  writeFiles(dir, Object.fromEntries(Object.entries(others).map(([name, text]) => [join(".github", "workflows", name), text])));
  return join(dir, ".github", "workflows", "build.yml");
}

/** A reusable workflow with a workflow-level concurrency `group`. */
const reusable = (group: string, cancel = "true"): string => `on:\n  workflow_call:\nconcurrency:\n  group: ${group}\n  cancel-in-progress: ${cancel}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n`;
/** A caller with its own workflow-level `group` (none when null) and `jobs` calling build.yml. */
const caller = (group: string | null, jobs = ["build"], jobLines: string[] = []): string =>
  `on: [push, pull_request]\n${group === null ? "" : `concurrency:\n  group: ${group}\n  cancel-in-progress: true\n`}jobs:\n${jobs.map((job) => `  ${job}:\n    uses: ./.github/workflows/build.yml\n${jobLines.map((line) => `    ${line}\n`).join("")}`).join("")}`;

const deadlocked = repoWith({ "ci.yml": caller(GROUP) });
const parallel = repoWith({ "ci.yml": caller(null, ["linux", "macos"]) });
const matrix = repoWith({ "ci.yml": caller(null, ["build"], ["strategy:", "  matrix:", "    os: [a, b]"]) });
const single = repoWith({ "ci.yml": caller(null) });
const prefixed = repoWith({ "ci.yml": caller(`ci-${GROUP}`) });

workflowRuleTester().run("no-reusable-concurrency-deadlock", rule, {
  valid: [
    // The caller holds another group, or none, and calls once.
    { filename: prefixed, code: reusable(GROUP) },
    { filename: single, code: reusable(GROUP) },
    // The reusable workflow's group names it, not its caller.
    { filename: deadlocked, code: reusable("build-${{ github.ref }}") },
    { filename: parallel, code: reusable("build-${{ github.ref }}-${{ inputs.os }}") },
    // Parallel calls whose group reads what each call passes (text-generation-inference's hardware), or a
    // job that only some calls run, are told apart by the caller: whether they collide is not in the files.
    { name: "a group with an input, called from a matrix", filename: matrix, code: reusable("${{ github.workflow }}-${{ inputs.hardware }}") },
    { name: "a group with an earlier job's output, called twice", filename: parallel, code: reusable("${{ github.workflow }}-${{ needs.build.outputs.label }}") },
    {
      name: "a job group in a job that only some calls run",
      filename: parallel,
      code: `on:\n  workflow_call:\njobs:\n  tests:\n    if: inputs.hardware == 'cuda'\n    concurrency:\n      group: \${{ github.workflow }}-tests\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n`,
    },
    // Not a reusable workflow: github.workflow is its own name.
    { filename: deadlocked, code: reusable(GROUP).replace("workflow_call:", "pull_request:") },
    // A job's group differs from the workflow's.
    `on: push\nconcurrency: ci\njobs:\n  a:\n    concurrency: ci-a\n    runs-on: x\n`,
  ],
  invalid: [
    {
      name: "the caller's run holds the same group: GitHub cancels the call as a deadlock; the fix puts this file's name in the group",
      filename: deadlocked,
      code: reusable(GROUP),
      output: reusable(`build-${GROUP}`),
      errors: [{ messageId: "sameGroupAsCaller", data: { where: ".github/workflows/ci.yml", group: `build-${GROUP}` }, line: 4, column: 3, endLine: 5, endColumn: 27 }],
    },
    {
      name: "a quoted group keeps its quotes",
      filename: deadlocked,
      code: reusable(`"${GROUP}"`),
      output: reusable(`"build-${GROUP}"`),
      errors: [{ messageId: "sameGroupAsCaller", line: 4, column: 3, endLine: 5, endColumn: 27 }],
    },
    {
      name: "a deadlock with a caller that also calls it from a matrix: no fix, since the renamed group would still be shared",
      filename: repoWith({ "ci.yml": caller(GROUP, ["build"], ["strategy:", "  matrix:", "    os: [a, b]"]) }),
      code: reusable(GROUP),
      output: null,
      errors: [{ messageId: "sameGroupAsCaller", line: 4, column: 3, endLine: 5, endColumn: 27 }],
    },
    {
      name: "two jobs of one caller call it at once: the calls share the group",
      filename: parallel,
      code: reusable(GROUP),
      output: null,
      errors: [{ messageId: "parallelCalls", data: { where: ".github/workflows/ci.yml", calls: "2 jobs", effect: "each call cancels the others" }, line: 4, column: 3, endLine: 5, endColumn: 27 }],
    },
    {
      name: "a matrix job calls it: its legs share the group, and without cancelling they queue",
      filename: matrix,
      code: reusable(GROUP, "false"),
      output: null,
      errors: [
        {
          messageId: "parallelCalls",
          data: { where: ".github/workflows/ci.yml", calls: "the matrix of job `build`", effect: "all but one call wait, and a waiting one is dropped when another comes" },
          line: 4,
          column: 3,
          endLine: 5,
          endColumn: 28,
        },
      ],
    },
    {
      name: "a job asks for the group its own workflow's run holds",
      code: `on: push\nconcurrency: ci\njobs:\n  a:\n    concurrency: ci\n    runs-on: x\n`,
      output: null,
      errors: [{ messageId: "jobSameAsWorkflow", data: { job: "a" }, line: 5, column: 18, endLine: 5, endColumn: 20 }],
    },
  ],
});
