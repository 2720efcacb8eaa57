import type { Workflow } from "./model.js";
import { asMapping, asSequence, keyName, pairsByKey, scalarText } from "./yaml-nodes.js";

/** A matrix key that names Python versions: `python`, `python-version`, `py`, `pyver`, `python_versions`, … */
const PYTHON_MATRIX_KEY = /^(?:python|py)(?:[-_ ]?(?:versions?|vers?))?$|python/i;

/**
 * Whether a workflow tests on several Pythons: a job's `strategy.matrix` has a Python key with two or
 * more values, listed or spread over `include` entries. Such a project (a library, mostly) has no single
 * CI Python: a job that uses one version picks it on purpose, and `.python-version` is only the
 * developers' default.
 */
export function testsSeveralPythons(workflow: Workflow): boolean {
  return workflow.jobs.some((job) => {
    const matrix = asMapping(pairsByKey(asMapping(job.keys.get("strategy")?.value)).get("matrix")?.value);
    if (!matrix) return false;
    const values = new Set<string>();
    for (const pair of matrix.pairs) {
      const key = keyName(pair);
      if (key !== null && PYTHON_MATRIX_KEY.test(key)) {
        for (const entry of asSequence(pair.value)?.entries ?? []) values.add(scalarText(entry) ?? "");
      }
      if (key === "include") {
        for (const entry of asSequence(pair.value)?.entries ?? []) {
          for (const included of asMapping(entry)?.pairs ?? []) {
            const name = keyName(included);
            if (name !== null && PYTHON_MATRIX_KEY.test(name)) values.add(scalarText(included.value) ?? "");
          }
        }
      }
    }
    values.delete("");
    return values.size >= 2;
  });
}

