import { relative, resolve } from "node:path";
import type { AST } from "yaml-eslint-parser";
import { createWorkflowRule } from "../src/create-rule.js";
import { resolveInsideRoot } from "../src/repository/root.js";
import { scalarInSameStyle } from "../src/fix/yaml-layout.js";
import { satisfies } from "../src/uv/pep440.js";
import { DOCKERFILE_OPTION_DEFAULTS } from "../src/uv/repository-uv-version.js";
import { repositoryRootOf } from "../src/repository/root.js";
import { readRequiredUvVersion, type RequiredUvVersion } from "../src/uv/uv-required-version.js";
import { classifyUvVersionSpec, exactRequiredVersion } from "../src/uv/uv-version.js";
import { readVersionFilePin } from "../src/uv/uv-version-file.js";
import { ciUvVersionSource, isOlderUv } from "../src/uv/uv-version-source.js";
import { containsExpression } from "../src/workflow/expressions.js";
import { getWorkflow, stepInput, type Step } from "../src/workflow/model.js";
import { resolveSetupUvVersion, setupUvSteps } from "../src/workflow/setup-uv.js";
import { isGeneratedWorkflow } from "../src/workflow/generated.js";

type Options = [];
type MessageIds = "unsatisfied" | "unsatisfiedPinnable" | "unsatisfiedOlder" | "versionFileUnsatisfied";

export default createWorkflowRule<Options, MessageIds>({
  name: "uv-version-matches-pyproject",
  meta: {
    type: "problem",
    docs: {
      description: "Require the setup-uv version pin to satisfy the project's uv `required-version`",
      recommended: true,
      yamlFiles: ["workflow", "composite-action"],
    },
    fixable: "code",
    schema: [],
    messages: {
      unsatisfied:
        "This setup-uv step installs uv {{version}}, but {{file}} sets `required-version = \"{{specifier}}\"`, so every uv command in this job exits with an error. Pin a version that satisfies it, or change `required-version`.",
      unsatisfiedPinnable:
        "This setup-uv step installs uv {{version}}, but {{file}} sets `required-version = \"{{specifier}}\"`, so every uv command in this job exits with an error. Pin \"{{required}}\".",
      unsatisfiedOlder:
        "This setup-uv step installs uv {{version}}, but {{file}} sets `required-version = \"{{specifier}}\"`, an older uv, so every uv command in this job exits with an error. Raise `required-version`, or pin \"{{required}}\".",
      versionFileUnsatisfied:
        "`version-file: {{path}}` makes setup-uv install uv {{version}}, but {{file}} sets `required-version = \"{{specifier}}\"`, so every uv command in this job exits with an error. Make the two agree.",
    },
    languages: ["yml/yaml"],
  },
  create(context) {
    const { sourceCode } = context;
    // A generated file is rewritten by its generator: the report stands, an edit by hand would not.
    const fixable = !isGeneratedWorkflow(sourceCode.text, context.filename);
    const reported = new Set<AST.YAMLScalar>();
    /** `required-version` by project directory, read once per linted file rather than once per step. */
    const requiredByDirectory = new Map<string, RequiredUvVersion>();

    function requiredVersionIn(directory: string): RequiredUvVersion {
      let required = requiredByDirectory.get(directory);
      if (required === undefined) {
        required = readRequiredUvVersion(directory);
        requiredByDirectory.set(directory, required);
      }
      return required;
    }

    /** The project directory setup-uv reads: its `working-directory` when that is a literal inside the repository, else the root. */
    function projectDirectory(step: Step, root: string): string | null {
      const input = stepInput(step, "working-directory");
      const value = typeof input?.value === "string" ? input.value.trim() : "";
      if (value === "" || containsExpression(value)) return root;
      return resolveInsideRoot(root, value);
    }

    let disagreement: boolean | undefined;
    /** Whether the repository's CI runner image pins a uv that the root's `required-version` refuses. */
    function runnerImageDisagrees(): boolean {
      disagreement ??= ciUvVersionSource(context, DOCKERFILE_OPTION_DEFAULTS, getWorkflow(sourceCode)).kind === "runner-image-vs-required-version";
      return disagreement;
    }

    type Where = { versionFile: string } | { fixable: boolean };

    function check(node: AST.YAMLScalar, version: string, required: RequiredUvVersion & { kind: "specifier" }, where: Where): void {
      if (reported.has(node) || satisfies(version, required.specifier) !== false) return;
      reported.add(node);
      const { file, specifier } = required;
      if ("versionFile" in where) {
        context.report({ loc: node.loc, messageId: "versionFileUnsatisfied", data: { version, file, specifier, path: where.versionFile } });
        return;
      }
      const exact = exactRequiredVersion(required.specifier);
      // A fix never moves CI to an older uv: `required-version` may be the stale side.
      const older = exact !== null && isOlderUv(exact, version);
      context.report({
        loc: node.loc,
        messageId: exact ? (older ? "unsatisfiedOlder" : "unsatisfiedPinnable") : "unsatisfied",
        data: { version, file, specifier, required: exact },
        fix: exact && !older && where.fixable && fixable ? (fixer) => fixer.replaceTextRange(node.range, scalarInSameStyle(node, exact)) : null,
      });
    }

    return {
      Program() {
        const workflow = getWorkflow(sourceCode);
        for (const step of setupUvSteps(workflow)) {
          const version = resolveSetupUvVersion(step, workflow);
          // Without a version setup-uv reads `required-version` itself; ranges are pin-setup-uv-version's business.
          if (version.kind !== "static" && version.kind !== "version-file") continue;
          const root = repositoryRootOf(context);
          const directory = projectDirectory(step, root);
          const required = directory ? requiredVersionIn(directory) : null;
          if (required?.kind !== "specifier") continue;
          if (version.kind === "version-file") {
            // setup-uv reads `version-file` relative to its working directory.
            const file = resolveInsideRoot(root, relative(root, resolve(directory!, version.path)));
            const pin = file ? readVersionFilePin(file) : null;
            if (pin?.kind === "exact") check(version.node, pin.version, required, { versionFile: version.path });
            continue;
          }
          const testsSeveralVersions = version.sites.length > 1 && version.sites[0]?.via === "matrix";
          for (const site of version.sites) {
            if (typeof site.value !== "string" || classifyUvVersionSpec(site.value) !== "exact") continue;
            // uv-version-matches-dockerfile reports a runner image that contradicts this `required-version`, once per pin.
            if (!testsSeveralVersions && directory === root && runnerImageDisagrees()) continue;
            // A matrix entry is reported, not rewritten: the fix would duplicate another entry.
            check(site.node, site.value.trim(), required, { fixable: site.via !== "matrix" && site.editable });
          }
        }
      },
    };
  },
});
