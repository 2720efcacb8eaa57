import fc from "fast-check";
import { afterAll, describe, it } from "vitest";
import { DEFAULT_GROUP, renderYaml, toPlain, workflowData, yamlStyle } from "../helpers/generators.js";
import { checkWorkflowFix, createTempRepository, expectedWorkflow, PROPERTY_TIMEOUT, RUNS, workflowRules } from "./workflow-fix.js";

const repository = createTempRepository();
afterAll(() => repository.remove());

describe("require-concurrency-per-ref --fix on generated workflows", () => {
  it(`adds the concurrency block or its missing keys and nothing else (${RUNS} workflows)`, () => {
    const config = workflowRules({ "uv-ci/require-concurrency-per-ref": ["error", { assumeScarceRunners: true }] });
    fc.assert(
      fc.property(workflowData, yamlStyle, (workflow, style) => {
        const expected = expectedWorkflow(workflow, { concurrencyGroup: DEFAULT_GROUP });
        checkWorkflowFix(repository, config, renderYaml(workflow, style), toPlain(workflow), expected);
      }),
      { numRuns: RUNS },
    );
  }, PROPERTY_TIMEOUT);
});
