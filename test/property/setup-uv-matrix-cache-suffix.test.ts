import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import { cloneGraph, isMap, isSetupUv, renderYaml, stepsOf, workflowData, yamlStyle, type DataMap } from "../helpers/generators.js";
import { LOCK_WITH_PER_PYTHON_WHEELS } from "../helpers/uv-project.js";
import { checkFixIsSafe, createTempRepository, PROPERTY_TIMEOUT, RUNS, workflowRules, yamlDiff } from "./workflow-fix.js";

const repository = createTempRepository();
// A lockfile with wheels built for one Python each: the legs download different files.
writeFileSync(join(repository.root, "uv.lock"), LOCK_WITH_PER_PYTHON_WHEELS);
afterAll(() => repository.remove());

/**
 * The generated workflows with what this rule looks for: setup-uv v9.0.0 (an unpruned save by
 * default) and, in every matrix job, a last step that installs for the leg's Python.
 */
const matrixWorkflows = workflowData.map((generated) => {
  const workflow = cloneGraph(generated);
  for (const job of isMap(workflow.jobs) ? Object.values(workflow.jobs).filter(isMap) : []) {
    if (!isMap(job.strategy) || !Array.isArray(job.steps)) continue;
    for (const step of stepsOf(job)) if (isSetupUv(step)) step.uses = "astral-sh/setup-uv@v9.0.0";
    job.steps.push({ run: "uv sync --python ${{ matrix.python }}" } as DataMap);
  }
  return workflow;
});

describe("setup-uv-matrix-cache-suffix --fix on generated workflows", () => {
  it(`adds or extends only cache-suffix, and with every strict rule on stays safe (${RUNS} workflows)`, () => {
    const config = workflowRules({ "uv-ci/setup-uv-matrix-cache-suffix": "error" });
    const strict = plugin.configs.strict.find((entry) => entry.language === "yml/yaml")!;
    let fixed = 0;
    fc.assert(
      fc.property(matrixWorkflows, yamlStyle, (workflow, style) => {
        const input = renderYaml(workflow, style);
        const { before, after, output } = checkFixIsSafe(repository, config, input);
        if (output !== input) fixed++;
        const unintended = yamlDiff.changedPaths(before.value, after.value).filter((path) => !yamlDiff.isIntendedChange(path, before.value, after.value));
        expect(unintended, "the corpus checker sees only intended changes").toEqual([]);
        checkFixIsSafe(repository, [strict], input);
      }),
      { numRuns: RUNS },
    );
    // The workflows exercise the fix, not only the silence.
    expect(fixed).toBeGreaterThan(RUNS / 10);
  }, PROPERTY_TIMEOUT * 2);
});
