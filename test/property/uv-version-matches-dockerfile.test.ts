import fc from "fast-check";
import { afterAll, describe, it } from "vitest";
import { DOCKERFILE_UV_VERSION, renderYaml, toPlain, workflowData, yamlStyle } from "../helpers/generators.js";
import { checkWorkflowFix, createTempRepository, expectedWorkflow, PROPERTY_TIMEOUT, RUNS, workflowRules } from "./workflow-fix.js";

const repository = createTempRepository();
afterAll(() => repository.remove());

describe("uv-version-matches-dockerfile --fix on generated workflows", () => {
  it(`rewrites every exact setup-uv version (literal, env, one-entry matrix) to the Dockerfile's (${RUNS} workflows)`, () => {
    const config = workflowRules({ "uv-ci/uv-version-matches-dockerfile": "error" });
    fc.assert(
      fc.property(workflowData, yamlStyle, (workflow, style) => {
        const expected = expectedWorkflow(workflow, { dockerfileVersion: DOCKERFILE_UV_VERSION });
        checkWorkflowFix(repository, config, renderYaml(workflow, style), toPlain(workflow), expected);
      }),
      { numRuns: RUNS },
    );
  }, PROPERTY_TIMEOUT);
});
