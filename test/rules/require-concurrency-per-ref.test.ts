import { RuleTester } from "eslint";
import yml from "eslint-plugin-yml";
import { afterAll, describe, it } from "vitest";
import rule from "../../rules/require-concurrency-per-ref.js";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

const ruleTester = new RuleTester({ plugins: { yml }, language: "yml/yaml" });

ruleTester.run("require-concurrency-per-ref", rule as never, {
  valid: [
    `on: push
concurrency:
  group: \${{ github.workflow }}-\${{ github.ref }}
  cancel-in-progress: true
jobs: {}
`,
  ],
  invalid: [
    {
      code: `name: CI

on:
  push:
  pull_request:

jobs:
  test:
    runs-on: ubuntu-latest
`,
      output: `name: CI

on:
  push:
  pull_request:

concurrency:
  group: \${{ github.workflow }}-\${{ github.ref }}
  cancel-in-progress: true

jobs:
  test:
    runs-on: ubuntu-latest
`,
      errors: [{ messageId: "missingConcurrency", line: 7, column: 1 }],
    },
  ],
});
