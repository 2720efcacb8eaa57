import rule from "../../rules/valid-setup-uv-ref.js";
import { compositeAction } from "../helpers/composite-action.js";
import { crlf, workflowRuleTester } from "../helpers/rule-tester.js";

const step = (uses: string): string => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${uses}\n`;

/** A setup-uv step with `with:` lines. */
const withInputs = (uses: string, ...inputs: string[]): string => `${step(uses)}        with:\n${inputs.map((input) => `          ${input}\n`).join("")}`;

const unknown = (line: number, column: number, endColumn: number, suggestions: { messageId: string; output: string }[] = []) => ({
  messageId: "unknownTag" as const,
  line,
  column,
  endLine: line,
  endColumn,
  suggestions,
});

const floating = (line: number, column: number, endColumn: number, suggestions: { messageId: string; output: string }[] = []) => ({
  messageId: "floatingTag" as const,
  line,
  column,
  endLine: line,
  endColumn,
  suggestions,
});

workflowRuleTester().run("valid-setup-uv-ref", rule, {
  valid: [
    // Up to v7, setup-uv moved major and minor tags along with each release.
    ...["v1", "v5", "v7", "v7.1", "v7.6.0"].map((ref) => step(`astral-sh/setup-uv@${ref}`)),
    // Full release tags and commit SHAs, with or without a comment.
    step("astral-sh/setup-uv@v8.0.0"),
    step("astral-sh/setup-uv@v10.0.1"),
    step("astral-sh/setup-uv@11f9893b081a58869d3b5fccaea48c9e9e46f990 # v8"),
    step("astral-sh/setup-uv@11f9893b081a58869d3b5fccaea48c9e9e46f990 # v8.3.2"),
    // Tags newer than the table may have been published since: nothing to say offline.
    step("astral-sh/setup-uv@v10.0.2"),
    step("astral-sh/setup-uv@v11.0.0"),
    // A commit the table does not know may be any commit of setup-uv.
    step("astral-sh/setup-uv@0123456789abcdef0123456789abcdef01234567 # v7.9"),
    // A uv the release cannot verify is no-unverified-uv-download's to report.
    withInputs("astral-sh/setup-uv@v5.4.2", "version: 0.10.2"),
    // Branches, other actions, sub-actions and local copies are not tags of setup-uv.
    step("astral-sh/setup-uv@main"),
    step("astral-sh/ruff-action@v8"),
    step("astral-sh/setup-uv/other@v8"),
    step("./vendor/setup-uv"),
    // A job-level `uses:` calls a reusable workflow, not an action.
    `on: push\njobs:\n  a:\n    uses: astral-sh/setup-uv/.github/workflows/x.yml@v8\n`,
  ],
  invalid: [
    {
      name: "major tag, no suggestion for an unknown line",
      code: step("astral-sh/setup-uv@v11"),
      errors: [{ ...floating(6, 15, 37), data: { ref: "v11", major: "11" } }],
    },
    {
      name: "major tag: suggest the newest known release of that line",
      code: step("astral-sh/setup-uv@v8"),
      errors: [floating(6, 15, 36, [{ messageId: "useKnownTag", output: step("astral-sh/setup-uv@v8.3.2") }])],
    },
    {
      name: "minor tag",
      code: step("astral-sh/setup-uv@v8.1"),
      errors: [floating(6, 15, 38, [{ messageId: "useKnownTag", output: step("astral-sh/setup-uv@v8.1.0") }])],
    },
    {
      name: "owner and name in another case, quoted, v10",
      code: step(`"Astral-SH/Setup-UV@v10"`),
      errors: [floating(6, 15, 39, [{ messageId: "useKnownTag", output: step(`"Astral-SH/Setup-UV@v10.0.1"`) }])],
    },
    {
      name: "the trailing comment names the release: suggest it",
      code: step("astral-sh/setup-uv@v9 # v9.0.0"),
      errors: [floating(6, 15, 36, [{ messageId: "useCommentTag", output: step("astral-sh/setup-uv@v9.0.0 # v9.0.0") }])],
    },
    {
      name: "a comment naming another line is not used",
      code: step("astral-sh/setup-uv@v8 # v7.6.0"),
      errors: [floating(6, 15, 36, [{ messageId: "useKnownTag", output: step("astral-sh/setup-uv@v8.3.2 # v7.6.0") }])],
    },
    {
      name: "a comment naming the same major but another minor is not used for a minor tag",
      code: step("astral-sh/setup-uv@v8.2 # v8.1.0"),
      errors: [floating(6, 15, 38, [{ messageId: "useKnownTag", output: step("astral-sh/setup-uv@v8.2.0 # v8.1.0") }])],
    },
    {
      name: "a minor floating tag of a line the table does not have: no suggestion",
      code: step("astral-sh/setup-uv@v10.3"),
      errors: [floating(6, 15, 39)],
    },
    {
      name: "a minor tag that never existed before v8: suggest the newest release of the major",
      code: step("astral-sh/setup-uv@v7.9"),
      errors: [{ ...unknown(6, 15, 38, [{ messageId: "useKnownTag", output: step("astral-sh/setup-uv@v7.6.0") }]), data: { ref: "v7.9", newest: "v10.0.1" } }],
    },
    {
      name: "a full tag that never existed, with a comment naming a real release of its line",
      code: step("astral-sh/setup-uv@v6.9.0 # v6.8.0"),
      errors: [unknown(6, 15, 40, [{ messageId: "useCommentTag", output: step("astral-sh/setup-uv@v6.8.0 # v6.8.0") }])],
    },
    {
      name: "a release without its v: suggest the tag",
      code: step("astral-sh/setup-uv@8.1.0"),
      errors: [unknown(6, 15, 39, [{ messageId: "useKnownTag", output: step("astral-sh/setup-uv@v8.1.0") }])],
    },
    {
      name: "a major that never existed",
      code: step("astral-sh/setup-uv@v0"),
      errors: [unknown(6, 15, 36)],
    },
    {
      name: "flow-style step, CRLF, every step reported",
      code: crlf(`on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - { name: uv, uses: astral-sh/setup-uv@v9 }\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: astral-sh/setup-uv@v12\n`),
      errors: [
        floating(6, 27, 48, [
          {
            messageId: "useKnownTag",
            output: crlf(`on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - { name: uv, uses: astral-sh/setup-uv@v9.0.0 }\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: astral-sh/setup-uv@v12\n`),
          },
        ]),
        floating(10, 15, 37),
      ],
    },
  ],
});

const actionStep = (uses: string, ...inputs: string[]): string =>
  compositeAction(`    - uses: ${uses}\n${inputs.length > 0 ? "      with:\n" : ""}${inputs.map((input) => `        ${input}\n`).join("")}`);

workflowRuleTester().run("valid-setup-uv-ref in composite actions", rule, {
  valid: [
    { name: "a full release tag in a composite action", code: actionStep("astral-sh/setup-uv@v8.3.2") },
    { name: "a Docker action's metadata is not linted", code: actionStep("astral-sh/setup-uv@v8").replace("using: composite", "using: docker"), filename: "/repo/.github/actions/setup/action.yml" },
  ],
  invalid: [
    {
      name: "a major tag in a composite action's step",
      code: actionStep("astral-sh/setup-uv@v8"),
      filename: "/repo/.github/actions/setup/action.yml",
      errors: [floating(10, 13, 34, [{ messageId: "useKnownTag", output: actionStep("astral-sh/setup-uv@v8.3.2") }])],
    },
  ],
});
