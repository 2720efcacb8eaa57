// Valid but hostile workflows on which --fix once wrote outside the step it fixed, or broke the file:
// each fix now stays inside what it fixes, or is not offered (issue 13, "Fixes that stay inside what they fix").
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RuleTester } from "eslint";
import { describe, it } from "vitest";
import pinSetupUvVersion from "../rules/pin-setup-uv-version.js";
import setupUvCacheSuffix from "../rules/setup-uv-cache-suffix.js";
import uvVersionMatchesPyproject from "../rules/uv-version-matches-pyproject.js";
import { writeFiles } from "./helpers/cli.js";
import { workflowRuleTester } from "./helpers/rule-tester.js";

RuleTester.describe = describe;
RuleTester.it = it;

const PIN = [{ version: "0.11.8" }];
const job = (steps: string): string => `on: push\njobs:\n  a:\n    runs-on: x\n${steps}`;

workflowRuleTester().run("pin-setup-uv-version: no edit through an alias or into a flow sequence", pinSetupUvVersion as never, {
  valid: [],
  invalid: [
    {
      name: "a one-key step in a flow sequence: a block `with:` would not parse there",
      code: job("    steps: [uses: astral-sh/setup-uv@v7]\n"),
      options: PIN,
      output: null,
      errors: [{ messageId: "missingVersion", line: 5, column: 19 }],
    },
    {
      name: "a flow-mapping step in a flow sequence takes the input inside its braces",
      code: job("    steps: [{uses: astral-sh/setup-uv@v7}]\n"),
      options: PIN,
      output: job('    steps: [{uses: astral-sh/setup-uv@v7, with: { version: "0.11.8" }}]\n'),
      errors: [{ messageId: "missingVersion", line: 5 }],
    },
    {
      name: "an empty `version` that carries an anchor another step repeats: filling it would change that step too",
      code: job('    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: &v ""\n      - run: echo\n        env:\n          V: *v\n'),
      options: PIN,
      output: null,
      errors: [{ messageId: "missingVersion", line: 6 }],
    },
    {
      name: "an empty `version` behind an anchor nothing repeats: the value is filled, the anchor kept",
      code: job('    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: &v ""\n'),
      options: PIN,
      output: job('    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: &v "0.11.8"\n'),
      errors: [{ messageId: "missingVersion", line: 6 }],
    },
    {
      name: "`with: *py` where `&py` is setup-python's inputs: the pin would land in setup-python's step",
      code: job('    steps:\n      - uses: actions/setup-python@v6\n        with: &py\n          python-version: "3.12"\n      - uses: astral-sh/setup-uv@v7\n        with: *py\n'),
      options: PIN,
      output: null,
      errors: [{ messageId: "missingVersion", line: 9 }],
    },
    {
      name: "a step that an alias repeats in another job",
      code: 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - &uv\n        uses: astral-sh/setup-uv@v7\n  b:\n    runs-on: x\n    steps:\n      - *uv\n',
      options: PIN,
      output: null,
      errors: [{ messageId: "missingVersion", line: 7 }, { messageId: "missingVersion", line: 7 }],
    },
    {
      name: "a `|+` value ending the file on a blank line with no line break: the pin goes above that line",
      code: job("    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          cache-dependency-glob: |+\n            uv.lock\n\n  "),
      options: PIN,
      output: job('    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          cache-dependency-glob: |+\n            uv.lock\n\n          version: "0.11.8"\n  '),
      errors: [{ messageId: "missingVersion", line: 6 }],
    },
  ],
});

workflowRuleTester().run("setup-uv-cache-suffix: no edit through an alias", setupUvCacheSuffix as never, {
  valid: [],
  invalid: [
    {
      name: "`cache-suffix: *s` where `&s` is a workflow `env` value: reported, not rewritten",
      code:
        'on: push\nenv:\n  S: &s ""\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          enable-cache: true\n          cache-suffix: *s\n      - run: uv sync\n  b:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with: { enable-cache: true, cache-suffix: "" }\n      - run: uv sync --all-extras\n',
      output:
        'on: push\nenv:\n  S: &s ""\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          enable-cache: true\n          cache-suffix: *s\n      - run: uv sync\n  b:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with: { enable-cache: true, cache-suffix: "${{ github.workflow }}-${{ github.job }}" }\n      - run: uv sync --all-extras\n',
      errors: [{ messageId: "missingSuffix", line: 8 }, { messageId: "missingSuffix", line: 16 }],
    },
  ],
});

const pinnedRepo = mkdtempSync(join(tmpdir(), "uv-ci-fix-boundaries-"));
writeFiles(pinnedRepo, { "uv.toml": 'required-version = "==0.11.8"\n' });

workflowRuleTester().run("uv-version-matches-pyproject: no edit through an alias", uvVersionMatchesPyproject as never, {
  valid: [],
  invalid: [
    {
      name: "the `env` value setup-uv reads carries an anchor that another variable repeats",
      code: 'on: push\nenv:\n  UV_VERSION: &uv "0.10.0"\n  TOOLS_UV: *uv\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: ${{ env.UV_VERSION }}\n',
      filename: join(pinnedRepo, ".github", "workflows", "ci.yml"),
      output: null,
      errors: [{ messageId: "unsatisfiedPinnable", line: 3 }],
    },
    {
      name: "the same value without the alias is rewritten",
      code: 'on: push\nenv:\n  UV_VERSION: &uv "0.10.0"\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: ${{ env.UV_VERSION }}\n',
      filename: join(pinnedRepo, ".github", "workflows", "ci.yml"),
      output: 'on: push\nenv:\n  UV_VERSION: &uv "0.11.8"\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version: ${{ env.UV_VERSION }}\n',
      errors: [{ messageId: "unsatisfiedPinnable", line: 3 }],
    },
  ],
});
