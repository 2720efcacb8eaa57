import rule from "../../rules/no-unverified-uv-download.js";
import { compositeAction } from "../helpers/composite-action.js";
import { workflowRuleTester } from "../helpers/rule-tester.js";

/** A workflow whose one setup-uv step runs `uses` with `with:` lines. */
const withInputs = (uses: string, ...inputs: string[]): string =>
  `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${uses}\n        with:\n${inputs.map((input) => `          ${input}\n`).join("")}`;

workflowRuleTester().run("no-unverified-uv-download", rule, {
  valid: [
    // A pinned uv the release has a checksum for, or one verified another way, or not exact.
    withInputs("astral-sh/setup-uv@v10.0.1", "version: 0.12.4"),
    withInputs("astral-sh/setup-uv@v5.4.2", "version: 0.6.14"),
    withInputs("astral-sh/setup-uv@v5.4.2", "version: 0.10.2", "checksum: 0123abcd"),
    withInputs("astral-sh/setup-uv@v8.3.2", "version: 0.12.0", "manifest-file: https://example.com/uv.ndjson"),
    withInputs("astral-sh/setup-uv@v5.4.2", 'version: ">=0.10"'),
    withInputs("astral-sh/setup-uv@v5.4.2", "version: latest"),
    withInputs("astral-sh/setup-uv@v5.4.2", "version: ${{ inputs.uv }}"),
    // The release is not known for sure: a commit outside the table, a branch, a tag newer than the table, one that does not exist.
    withInputs("astral-sh/setup-uv@0123456789abcdef0123456789abcdef01234567 # v5.4.2", "version: 0.10.2"),
    withInputs("astral-sh/setup-uv@main", "version: 0.99.0"),
    withInputs("astral-sh/setup-uv@v10.3.0", "version: 0.99.0"),
    withInputs("astral-sh/setup-uv@v8", "version: 0.99.0"),
    // Not setup-uv.
    withInputs("astral-sh/ruff-action@v1", "version: 0.99.0"),
  ],
  invalid: [
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
  ],
});

const actionStep = (uses: string, ...inputs: string[]): string =>
  compositeAction(`    - uses: ${uses}\n${inputs.length > 0 ? "      with:\n" : ""}${inputs.map((input) => `        ${input}\n`).join("")}`);

workflowRuleTester().run("no-unverified-uv-download in composite actions", rule, {
  valid: [{ name: "a uv version an input gives is unknown, so its checksum is not judged", code: actionStep("astral-sh/setup-uv@v5.4.2", "version: ${{ inputs.uv-version }}") }],
  invalid: [
    {
      name: "a release that cannot verify the uv the action pins",
      code: actionStep("astral-sh/setup-uv@v5.4.2", "version: 0.10.2"),
      filename: "/repo/action.yaml",
      errors: [{ messageId: "uncheckedUv", data: { release: "v5.4.2", newest: "0.6.14", version: "0.10.2", first: "v7.3.1" }, line: 12, column: 18, endLine: 12, endColumn: 24 }],
    },
  ],
});
