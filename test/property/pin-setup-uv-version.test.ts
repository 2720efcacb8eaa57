import fc from "fast-check";
import { afterAll, describe, it } from "vitest";
import { DOCKERFILE_UV_VERSION, OPTION_UV_VERSION, renderYaml, toPlain, workflowData, yamlStyle } from "../helpers/generators.js";
import { checkWorkflowFix, createTempRepository, expectedWorkflow, PROPERTY_TIMEOUT, RUNS, workflowRules } from "./workflow-fix.js";

const repository = createTempRepository();
// A required-version floor: setup-uv then installs the newest uv, and the runner image is the reason to pin.
const floorRepository = createTempRepository(">=0.9");
afterAll(() => {
  repository.remove();
  floorRepository.remove();
});

describe("pin-setup-uv-version --fix on generated workflows", () => {
  it(`pins the \`version\` option on each setup-uv step without a version (${RUNS} workflows)`, () => {
    const config = workflowRules({ "uv-ci/pin-setup-uv-version": ["error", { version: OPTION_UV_VERSION }] });
    fc.assert(
      fc.property(workflowData, yamlStyle, (workflow, style) => {
        const expected = expectedWorkflow(workflow, { pinVersion: OPTION_UV_VERSION });
        checkWorkflowFix(repository, config, renderYaml(workflow, style), toPlain(workflow), expected);
      }),
      { numRuns: RUNS },
    );
  }, PROPERTY_TIMEOUT);

  it(`pins the version the repository's runner image pins (${RUNS} workflows)`, () => {
    const config = workflowRules({ "uv-ci/pin-setup-uv-version": "error" });
    fc.assert(
      fc.property(workflowData, yamlStyle, (workflow, style) => {
        const expected = expectedWorkflow(workflow, { pinVersion: DOCKERFILE_UV_VERSION });
        checkWorkflowFix(floorRepository, config, renderYaml(workflow, style), toPlain(workflow), expected);
      }),
      { numRuns: RUNS },
    );
  }, PROPERTY_TIMEOUT);
});
