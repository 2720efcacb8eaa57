import rule from "../../rules/require-concurrency-per-ref.js";
import { crlf, workflowRuleTester } from "../helpers/rule-tester.js";

const GROUP = "${{ github.workflow }}-${{ github.ref }}";

workflowRuleTester().run("require-concurrency-per-ref", rule as never, {
  valid: [
    `on: push\nconcurrency:\n  group: ${GROUP}\n  cancel-in-progress: true\njobs: {}\n`,
    // Fallbacks and other ref contexts key on the ref too.
    `on: pull_request\nconcurrency:\n  group: \${{ github.workflow }}-\${{ github.head_ref || github.run_id }}\n  cancel-in-progress: true\njobs: {}\n`,
    `on: pull_request\nconcurrency:\n  group: \${{ format('{0}-{1}', github.workflow, github.event.pull_request.number) }}\n  cancel-in-progress: true\njobs: {}\n`,
    `on: push\nconcurrency: { group: "\${{ github.workflow }}-\${{ github.ref_name }}", cancel-in-progress: true }\njobs: {}\n`,
    `on: push\nconcurrency:\n  group: \${{ github.workflow_ref }}\n  cancel-in-progress: true\njobs: {}\n`,
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
    // Not a workflow: nothing to check.
    ``,
    `- a\n- b\n`,
    `just a scalar\n`,
    // Inline disable comments work in workflows.
    `on: push\n# eslint-disable-next-line rule-to-test/require-concurrency-per-ref\njobs: {}\n`,
  ],
  invalid: [
    {
      code: `name: CI\n\non:\n  push:\n  pull_request:\n\njobs:\n  test:\n    runs-on: ubuntu-latest\n`,
      output: `name: CI\n\non:\n  push:\n  pull_request:\n\nconcurrency:\n  group: ${GROUP}\n  cancel-in-progress: true\n\njobs:\n  test:\n    runs-on: ubuntu-latest\n`,
      errors: [{ messageId: "missingConcurrency", line: 7, column: 1, endLine: 7, endColumn: 5 }],
    },
    {
      name: "4-space indentation, no blank lines between keys",
      code: `on:\n    push:\njobs:\n    test:\n        runs-on: ubuntu-latest\n`,
      output: `on:\n    push:\nconcurrency:\n    group: ${GROUP}\n    cancel-in-progress: true\njobs:\n    test:\n        runs-on: ubuntu-latest\n`,
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
      name: "workflow_call beside another trigger is checked",
      code: `on: [workflow_call, push]\njobs:\n  a:\n    runs-on: x\n`,
      output: `on: [workflow_call, push]\nconcurrency:\n  group: ${GROUP}\n  cancel-in-progress: true\njobs:\n  a:\n    runs-on: x\n`,
      errors: [{ messageId: "missingConcurrency" }],
    },
    {
      name: "flow-style root mapping is reported without a fix",
      code: `{on: push, jobs: {a: {runs-on: x}}}\n`,
      output: null,
      errors: [{ messageId: "missingConcurrency", line: 1, column: 12 }],
    },
    {
      name: "no jobs key: reported without a fix",
      code: `on: push\n`,
      output: null,
      errors: [{ messageId: "missingConcurrency", line: 1, column: 1 }],
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
      name: "cancel-in-progress: false is a suggestion",
      code: `on: push\nconcurrency:\n  group: ${GROUP}\n  cancel-in-progress: false\njobs: {}\n`,
      output: null,
      errors: [
        {
          messageId: "cancelInProgressFalse",
          line: 4,
          column: 23,
          endColumn: 28,
          suggestions: [
            { messageId: "setCancelInProgressTrue", output: `on: push\nconcurrency:\n  group: ${GROUP}\n  cancel-in-progress: true\njobs: {}\n` },
          ],
        },
      ],
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
      name: "group without the workflow",
      code: `on: push\nconcurrency:\n  group: ci-\${{ github.ref }}\n  cancel-in-progress: true\njobs: {}\n`,
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
      errors: [{ messageId: "missingGroup" }, { messageId: "missingCancelInProgress" }],
    },
    {
      name: "group without the workflow in a flow mapping: the suggestion quotes",
      code: `on: push\nconcurrency: {group: ci, cancel-in-progress: true}\njobs: {}\n`,
      output: null,
      errors: [
        {
          messageId: "groupMissingWorkflow",
          suggestions: [{ messageId: "useDefaultGroup", output: `on: push\nconcurrency: {group: "${GROUP}", cancel-in-progress: true}\njobs: {}\n` }],
        },
      ],
    },
    {
      name: "missing group",
      code: `on: push\nconcurrency:\n  cancel-in-progress: true\njobs: {}\n`,
      output: `on: push\nconcurrency:\n  cancel-in-progress: true\n  group: ${GROUP}\njobs: {}\n`,
      errors: [{ messageId: "missingGroup", line: 3, column: 3 }],
    },
  ],
});
