import rule from "../../rules/valid-ref-comparison.js";
import { compositeAction } from "../helpers/composite-action.js";
import { workflowRuleTester } from "../helpers/rule-tester.js";

const CANCEL = (expression: string): string => `on: push\nconcurrency:\n  group: \${{ github.workflow }}-\${{ github.ref }}\n  cancel-in-progress: ${expression}\njobs: {}\n`;
const STEP_IF = (condition: string): string => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - if: ${condition}\n        run: make deploy\n`;
/** A workflow that runs on pull requests, where `github.ref` is `refs/pull/N/merge` (localstack's ARM tests, field sample 8 review). */
const PR_STEP_IF = (condition: string): string => STEP_IF(condition).replace("on: push", "on: [push, pull_request]");


workflowRuleTester().run("valid-ref-comparison", rule, {
  valid: [
    CANCEL("${{ github.ref != 'refs/heads/main' }}"),
    CANCEL("${{ github.ref_name != 'main' }}"),
    CANCEL("${{ !contains(github.ref, 'release/') }}"),
    STEP_IF("github.ref == 'refs/tags/v1'"),
    STEP_IF("github.head_ref == 'feature'"),
    STEP_IF("startsWith(github.ref, 'refs/tags/')"),
    // Text, not an expression: a `run` script that mentions it.
    `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo "github.ref == 'main'"\n`,
    // A pattern, not a name.
    STEP_IF("github.ref == '*'"),
  ],
  invalid: [
    {
      name: "on pull requests the branch meant may be the pull request's: a suggestion, and the message names github.head_ref",
      code: PR_STEP_IF("github.ref != 'upgrade-deps'"),
      output: null,
      errors: [
        {
          messageId: "bareBranchOnPullRequests",
          data: { path: "github.ref", operator: "!=", value: "upgrade-deps", lexeme: "'upgrade-deps'", intended: "refs/heads/upgrade-deps", always: "true" },
          suggestions: [{ messageId: "compareWith", data: { intended: "refs/heads/upgrade-deps" }, output: PR_STEP_IF("github.ref != 'refs/heads/upgrade-deps'") }],
        },
      ],
    },
    {
      name: "cancel-in-progress compares github.ref with a bare branch: always true, so main runs are cancelled too",
      code: CANCEL("${{ github.ref != 'main' }}"),
      output: CANCEL("${{ github.ref != 'refs/heads/main' }}"),
      errors: [
        {
          messageId: "bareBranch",
          data: { path: "github.ref", operator: "!=", value: "main", lexeme: "'main'", intended: "refs/heads/main", always: "true" },
          line: 4,
          column: 23,
          endLine: 4,
          endColumn: 50,
        },
      ],
    },
    {
      name: "inside a longer condition, either way round",
      code: CANCEL("${{ !contains(github.ref, 'release/') && 'main' != github.ref }}"),
      output: CANCEL("${{ !contains(github.ref, 'release/') && 'refs/heads/main' != github.ref }}"),
      errors: [{ messageId: "bareBranch", line: 4, column: 23, endLine: 4, endColumn: 87 }],
    },
    {
      name: "an if: without ${{ }} that never runs",
      code: STEP_IF("github.ref == 'main'"),
      output: STEP_IF("github.ref == 'refs/heads/main'"),
      errors: [{ messageId: "bareBranch", line: 6, column: 13, endLine: 6, endColumn: 33 }],
    },
    {
      name: "github.head_ref is a bare name",
      code: STEP_IF("github.head_ref == 'refs/heads/release'"),
      output: STEP_IF("github.head_ref == 'release'"),
      errors: [{ messageId: "fullRef", line: 6, column: 13, endLine: 6, endColumn: 52 }],
    },
    {
      name: "in a single-quoted YAML scalar the quotes are doubled: reported without a fix",
      code: STEP_IF("'github.ref == ''main'''"),
      output: null,
      errors: [{ messageId: "bareBranch", line: 6, column: 13, endLine: 6, endColumn: 37 }],
    },
    {
      name: "the same comparison twice in one value: reported twice, fixed by hand",
      code: STEP_IF("github.ref == 'main' || github.ref == 'main'"),
      output: null,
      errors: [
        { messageId: "bareBranch", line: 6, column: 13, endLine: 6, endColumn: 57 },
        { messageId: "bareBranch", line: 6, column: 13, endLine: 6, endColumn: 57 },
      ],
    },
  ],
});

const ACTION_IF = (condition: string): string => compositeAction(`    - if: ${condition}\n      run: make deploy\n      shell: bash\n`);

workflowRuleTester().run("valid-ref-comparison in composite actions", rule, {
  valid: [{ name: "a full ref compared with github.ref in the action", code: ACTION_IF("github.ref == 'refs/heads/main'"), filename: "/repo/.github/actions/deploy/action.yml" }],
  invalid: [
    {
      name: "a bare branch compared with github.ref in the action: github is the calling workflow's context, which may be a pull request's, so a suggestion",
      code: ACTION_IF("github.ref == 'main'"),
      filename: "/repo/.github/actions/deploy/action.yml",
      output: null,
      errors: [
        {
          messageId: "bareBranchOnPullRequests",
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 31,
          suggestions: [{ messageId: "compareWith", data: { intended: "refs/heads/main" }, output: ACTION_IF("github.ref == 'refs/heads/main'") }],
        },
      ],
    },
  ],
});
