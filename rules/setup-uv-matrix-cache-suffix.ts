import { join } from "node:path";
import { createWorkflowRule } from "../src/create-rule.js";
import { scalarInSameStyle, scalarSource } from "../src/fix/yaml-layout.js";
import { repositoryRootOf, resolveInsideRoot } from "../src/repository/root.js";
import { insertStepInput } from "../src/workflow/edits.js";
import { isGeneratedWorkflow } from "../src/workflow/generated.js";
import { getWorkflow, stepInput, type Step } from "../src/workflow/model.js";
import { isSetupUvStep, setupUvSteps } from "../src/workflow/setup-uv.js";
import { cacheKeyOf, cachingState } from "../src/workflow/setup-uv-cache.js";
import { installsLockedDefaults, keyPythonUnknown, legsShareKey, legValuesHoldComma, matrixPathsInKey, matrixPathsReachingInstall } from "../src/workflow/setup-uv-matrix.js";
import { asMapping, scalarEditableAt, scalarText } from "../src/workflow/yaml-nodes.js";
import { perPythonDownload } from "../src/uv/lockfile-wheels.js";
import { containsExpression } from "../src/workflow/expressions.js";

type Options = [];
type MessageIds = "legsShareKey" | "legsShareSuffix";

const REASONS = {
  pythonFound: "setup-uv keys the cache with the Python it finds when it starts, not the one a leg installs with later",
  pythonInput: "setup-uv keys the cache with its `python-version`, not the Python a leg installs with later",
  resolution: "nothing in setup-uv's key names the resolution",
};

/** The `uv.lock` of the project setup-uv works in: its literal `working-directory` inside the repository, else the root's. */
function lockfileOf(step: Step, root: string): string {
  const directory = scalarText(stepInput(step, "working-directory"));
  const project = directory !== null && !containsExpression(directory) ? resolveInsideRoot(root, directory) : null;
  return join(project ?? root, "uv.lock");
}

export default createWorkflowRule<Options, MessageIds>({
  name: "setup-uv-matrix-cache-suffix",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require a `cache-suffix` that names the matrix value when the legs of a matrix install for different Pythons or resolutions under one setup-uv cache key",
      recommended: false,
    },
    fixable: "code",
    schema: [],
    messages: {
      legsShareKey:
        "The legs of this matrix install with different {{values}} but compute one cache key: {{reason}}. The first leg to save an unpruned cache decides what every other leg restores, and a leg that restores an exact hit never saves its own. Add `cache-suffix: {{suffix}}`.",
      legsShareSuffix:
        "The legs of this matrix install with different {{values}} but compute one cache key, `cache-suffix` included: {{reason}}. The first leg to save an unpruned cache decides what every other leg restores, and a leg that restores an exact hit never saves its own. Extend the suffix to `{{suffix}}`.",
    },
    languages: ["yml/yaml"],
  },
  create(context) {
    const { sourceCode } = context;
    // A generated file is rewritten by its generator: the report stands, an edit by hand would not.
    const fixable = !isGeneratedWorkflow(sourceCode.text, context.filename);

    return {
      Program() {
        const workflow = getWorkflow(sourceCode);
        const root = repositoryRootOf(context);
        for (const step of setupUvSteps(workflow)) {
          if (!step.job.keys.has("strategy") || cachingState(step, workflow) !== "on" || keyPythonUnknown(step)) continue;
          const key = cacheKeyOf(step, workflow, "", root, isSetupUvStep);
          // A pruned save keeps only wheels built from source, so the legs lose little to each other.
          if (key.pruned !== false || !key.saves || !key.restores) continue;
          const keyPaths = matrixPathsInKey(step, workflow);
          const installing = matrixPathsReachingInstall(step, isSetupUvStep, workflow, root)
            .filter(({ path }) => !keyPaths.has(path))
            .sort((a, b) => a.path.localeCompare(b.path));
          const paths = installing.map(({ path }) => path);
          if (paths.length === 0 || !legsShareKey(step, keyPaths, paths)) continue;
          // Legs for different Pythons download different files only where the lockfile has wheels built per Python.
          const differsInResolution = installing.some(({ difference }) => difference !== "python");
          const perPython =
            installing.some(({ difference }) => difference === "python") && installsLockedDefaults(step, isSetupUvStep) ? perPythonDownload(lockfileOf(step, root)) : null;
          if (!differsInResolution && perPython === null) continue;

          const addition = paths.map((path) => `\${{ ${path} }}`).join("-");
          const values = paths.map((path) => `\`${path}\``).join(" and ");
          const pythonReason = step.withInputs.has("python-version") ? REASONS.pythonInput : REASONS.pythonFound;
          const megabytes = perPython === null ? "" : (perPython.bytes / 1e6).toFixed(0);
          const reason = perPython === null ? REASONS.resolution : `${pythonReason}, and each leg downloads about ${megabytes} MB of wheels built for its Python (\`${perPython.largest}\` the largest) that another leg's cache does not hold`;
          const canFix = fixable && !legValuesHoldComma(step, paths);
          const suffixPair = step.withInputs.get("cache-suffix");
          const suffixNode = stepInput(step, "cache-suffix");
          // An edit through an alias would change the value where it is written, too.
          const editable = suffixNode !== null && scalarEditableAt(suffixPair) === suffixNode && ["plain", "single-quoted", "double-quoted"].includes(suffixNode.style);
          const inFlow = step.withPair ? asMapping(step.withPair.value)?.style === "flow" : step.node.style === "flow";
          if (!suffixNode || suffixNode.value === null || String(suffixNode.value).trim() === "") {
            // A `cache-suffix:` key without a value (a null) is left alone: where its value would go is not clear.
            const insertion = suffixPair ? null : insertStepInput(sourceCode.text, sourceCode.ast, step, "cache-suffix", addition);
            context.report({
              loc: (step.usesPair?.value ?? step.node).loc,
              messageId: "legsShareKey",
              data: { values, reason, suffix: addition },
              fix: !canFix
                ? null
                : insertion
                  ? (fixer) => fixer.insertTextAfterRange([insertion.offset, insertion.offset], insertion.text)
                  : editable
                    ? (fixer) => fixer.replaceTextRange(suffixNode!.range, scalarSource(addition, inFlow))
                    : null,
            });
            continue;
          }
          const suffix = `${String(suffixNode.value)}-${addition}`;
          const source = suffixNode.style === "plain" ? scalarSource(suffix, inFlow) : scalarInSameStyle(suffixNode, suffix);
          context.report({
            loc: suffixNode.loc,
            messageId: "legsShareSuffix",
            data: { values, reason, suffix },
            fix: canFix && editable ? (fixer) => fixer.replaceTextRange(suffixNode.range, source) : null,
          });
        }
      },
    };
  },
});
