// The bugs the property tests found, as RuleTester cases (one fix pass each), so that each stays fixed
// even when a generator run does not happen to produce it.
import { join } from "node:path";
import { RuleTester } from "eslint";
import { describe, it } from "vitest";
import dockerignoreKeepsPythonVersion from "../../rules/dockerignore-keeps-python-version.js";
import pinSetupUvVersion from "../../rules/pin-setup-uv-version.js";
import requireConcurrencyPerRef from "../../rules/require-concurrency-per-ref.js";
import setupUvCacheSuffix from "../../rules/setup-uv-cache-suffix.js";
import { dockerignoreLanguage } from "../../src/languages/dockerignore/language.js";
import { workflowRuleTester } from "../helpers/rule-tester.js";
import { uvProjectWithPythonVersion, workflowInLockedProject } from "../helpers/uv-project.js";

RuleTester.describe = describe;
RuleTester.it = it;

const step = (body: string): string => `on: push\nconcurrency: { group: "\${{ github.workflow }}-\${{ github.ref }}", cancel-in-progress: true }\njobs:\n  a:\n    runs-on: x\n    steps:\n${body}`;

// A `|+` scalar keeps the blank lines after it: a pair appended below the scalar goes below them too.
workflowRuleTester().run("pin-setup-uv-version after a |+ input", pinSetupUvVersion, {
  valid: [],
  invalid: [
    {
      code: step("      - uses: astral-sh/setup-uv@v7\n        with:\n          cache-dependency-glob: |+\n            uv.lock\n\n      - run: uv sync\n"),
      options: [{ version: "0.7.2" }],
      output: step('      - uses: astral-sh/setup-uv@v7\n        with:\n          cache-dependency-glob: |+\n            uv.lock\n\n          version: "0.7.2"\n      - run: uv sync\n'),
      errors: [{ messageId: "missingVersion" }],
    },
    {
      code: step("      - uses: astral-sh/setup-uv@v7\n        with:\n          cache-dependency-glob: >+\r\n            uv.lock\r\n\r\n  \r\n      - run: uv sync\r\n").replace(/\r?\n/g, "\r\n"),
      options: [{ version: "0.7.2" }],
      output: step('      - uses: astral-sh/setup-uv@v7\n        with:\n          cache-dependency-glob: >+\n            uv.lock\n\n  \n          version: "0.7.2"\n      - run: uv sync\n').replace(/\r?\n/g, "\r\n"),
      errors: [{ messageId: "missingVersion" }],
    },
  ],
});

workflowRuleTester().run("require-concurrency-per-ref after a |+ value", requireConcurrencyPerRef, {
  valid: [],
  invalid: [
    {
      code: "on: push\nconcurrency:\n  group: |+\n    ${{ github.workflow }}-${{ github.ref }}\n\njobs: {}\n",
      output: "on: push\nconcurrency:\n  group: |+\n    ${{ github.workflow }}-${{ github.ref }}\n\n  cancel-in-progress: true\njobs: {}\n",
      options: [{ assumeScarceRunners: true }],
      errors: [{ messageId: "missingCancelInProgress" }],
    },
  ],
});

// Removing the last line (no final newline) takes the file's only line break; the exception line
// that must follow takes its place, so that it is written in the file's line ending. The rule
// reports only where the build reads `.python-version`: a uv project on disk.
const inUvProject = join(uvProjectWithPythonVersion(), ".dockerignore");
new RuleTester({ plugins: { "uv-ci": { languages: { dockerignore: dockerignoreLanguage } } }, language: "uv-ci/dockerignore" }).run(
  "dockerignore-keeps-python-version on a last line without final newline",
  dockerignoreKeepsPythonVersion,
  {
    valid: [],
    invalid: [
      {
        filename: inUvProject,
        code: ".*\r\n.python-version",
        output: ".*\r\n!.python-version",
        errors: [{ messageId: "excludesPythonVersion", line: 1 }, { messageId: "excludesPythonVersion", line: 2 }],
      },
      {
        // Trailing white space after the pattern used to let the appended exception through as well.
        filename: inUvProject,
        code: ".python-versio?\n  .python-version  ",
        output: ".python-versio?\n!.python-version",
        errors: [{ messageId: "excludesPythonVersion", line: 1 }, { messageId: "excludesPythonVersion", line: 2 }],
      },
      {
        filename: join(uvProjectWithPythonVersion({ "uv.lock": "" }), ".dockerignore"),
        code: "*.lock\r\n.python-version",
        options: [{ additionalFiles: ["uv.lock"] }],
        output: "*.lock\r\n!uv.lock",
        errors: [{ messageId: "excludesRequiredFile", line: 1 }, { messageId: "excludesPythonVersion", line: 2 }],
      },
      {
        // With a line break left, the line goes and the exception follows on a later pass, as before.
        filename: inUvProject,
        code: ".*\r\n# end\r\n.python-version",
        output: ".*\r\n# end",
        errors: [{ messageId: "excludesPythonVersion", line: 1 }, { messageId: "excludesPythonVersion", line: 3 }],
      },
    ],
  },
);

// A `with:` behind an anchor that another step repeats is not edited: the suffix would land in both steps.
workflowRuleTester().run("setup-uv-cache-suffix into an anchored flow with", setupUvCacheSuffix, {
  valid: [],
  invalid: [
    {
      code: "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - with: &w { enable-cache: true }\n        uses: astral-sh/setup-uv@v9.0.0\n      - run: uv sync\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - with: *w\n        uses: astral-sh/setup-uv@v9.0.0\n      - run: uvx ruff check\n",
      // The jobs install what the locked project weighs differently: each lacks 5 MB or more of the other's wheels.
      filename: workflowInLockedProject(),
      output: null,
      errors: [{ messageId: "missingSuffix" }, { messageId: "missingSuffix" }],
    },
  ],
});
