import rule from "../../rules/valid-setup-uv-ref.js";
import { compositeAction } from "../helpers/composite-action.js";
import { crlf, workflowRuleTester } from "../helpers/rule-tester.js";

const step = (uses: string): string => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${uses}\n`;

/** A setup-uv step with `with:` lines, for the checksum cases. */
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
    // A pinned uv the release has a checksum for, or one verified another way, or not exact.
    withInputs("astral-sh/setup-uv@v10.0.1", "version: 0.12.4"),
    withInputs("astral-sh/setup-uv@v5.4.2", "version: 0.6.14"),
    withInputs("astral-sh/setup-uv@v5.4.2", "version: 0.10.2", "checksum: 0123abcd"),
    withInputs("astral-sh/setup-uv@v8.3.2", "version: 0.12.0", "manifest-file: https://example.com/uv.ndjson"),
    withInputs("astral-sh/setup-uv@v5.4.2", 'version: ">=0.10"'),
    withInputs("astral-sh/setup-uv@v5.4.2", "version: latest"),
    withInputs("astral-sh/setup-uv@v5.4.2", "version: ${{ inputs.uv }}"),
    // The release is not known for sure: a commit outside the table, a branch, a tag newer than the table.
    withInputs("astral-sh/setup-uv@0123456789abcdef0123456789abcdef01234567 # v5.4.2", "version: 0.10.2"),
    withInputs("astral-sh/setup-uv@main", "version: 0.99.0"),
    withInputs("astral-sh/setup-uv@v10.3.0", "version: 0.99.0"),
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
      name: "a pinned uv newer than the release's checksums",
      code: withInputs("astral-sh/setup-uv@v5.4.2", "version: 0.10.2"),
      errors: [{ messageId: "uncheckedUv", data: { release: "v5.4.2", newest: "0.6.14", version: "0.10.2", first: "v7.3.1" }, line: 8, column: 20, endLine: 8, endColumn: 26 }],
    },
    {
      name: "a floating tag and a SHA resolve through the table; env and matrix values count, the newest unchecked one is named",
      code: `on: push\nenv:\n  UV: "0.11.0"\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: \${{ env.UV }}\n  b:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        uv: ["0.9.0", "0.12.0", "0.11.30"]\n    steps:\n      - uses: astral-sh/setup-uv@11f9893b081a58869d3b5fccaea48c9e9e46f990 # v8.3.2\n        with:\n          version: \${{ matrix.uv }}\n`,
      errors: [
        { messageId: "uncheckedUv", data: { release: "v7", newest: "0.10.10", version: "0.11.0", first: "v8.0.0" }, line: 10, column: 20 },
        { messageId: "uncheckedUv", data: { release: "v8.3.2", newest: "0.11.28", version: "0.12.0", first: "v10.0.0" }, line: 19, column: 20 },
      ],
    },
    {
      name: "a uv newer than every release the table knows",
      code: withInputs("astral-sh/setup-uv@v10.0.1", 'version: "0.99.0"'),
      errors: [{ messageId: "uncheckedUvNoRelease", data: { release: "v10.0.1", newest: "0.12.4", version: "0.99.0", tableNewest: "v10.0.1" }, line: 8, column: 20 }],
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
    { name: "a uv version an input gives is unknown, so its checksum is not judged", code: actionStep("astral-sh/setup-uv@v5.4.2", "version: ${{ inputs.uv-version }}") },
    { name: "a Docker action's metadata is not linted", code: actionStep("astral-sh/setup-uv@v8").replace("using: composite", "using: docker"), filename: "/repo/.github/actions/setup/action.yml" },
  ],
  invalid: [
    {
      name: "a major tag in a composite action's step",
      code: actionStep("astral-sh/setup-uv@v8"),
      filename: "/repo/.github/actions/setup/action.yml",
      errors: [floating(10, 13, 34, [{ messageId: "useKnownTag", output: actionStep("astral-sh/setup-uv@v8.3.2") }])],
    },
    {
      name: "a release that cannot verify the uv the action pins",
      code: actionStep("astral-sh/setup-uv@v5.4.2", "version: 0.10.2"),
      filename: "/repo/action.yaml",
      errors: [{ messageId: "uncheckedUv", data: { release: "v5.4.2", newest: "0.6.14", version: "0.10.2", first: "v7.3.1" }, line: 12, column: 18, endLine: 12, endColumn: 24 }],
    },
  ],
});
