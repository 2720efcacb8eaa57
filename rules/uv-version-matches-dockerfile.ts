import { relative } from "node:path";
import { createWorkflowRule } from "../src/create-rule.js";
import type { DockerfileUvPin } from "../src/docker/uv-pins.js";
import { scalarInSameStyle } from "../src/fix/yaml-layout.js";
import { DOCKERFILE_OPTION_DEFAULTS, DOCKERFILE_OPTION_SCHEMA, type DockerfileOptions } from "../src/uv/repository-uv-version.js";
import { repositoryRootOf } from "../src/repository/root.js";
import { ciUvVersionSource, exactSetupUvSites, isOlderUv } from "../src/uv/uv-version-source.js";
import { getWorkflow } from "../src/workflow/model.js";
import { setupUvSteps } from "../src/workflow/setup-uv.js";
import { isGeneratedWorkflow } from "../src/workflow/generated.js";

type Options = [DockerfileOptions];
type MessageIds = "mismatch" | "mismatchNewer" | "dockerfilesDisagree" | "requiredVersionDisagrees";

export default createWorkflowRule<Options, MessageIds>({
  name: "uv-version-matches-dockerfile",
  meta: {
    type: "problem",
    docs: {
      description: "Require the setup-uv version pin to equal the uv version of the repository's CI runner image",
      recommended: true,
      yamlFiles: ["workflow", "composite-action"],
    },
    fixable: "code",
    schema: [{ type: "object", properties: { ...DOCKERFILE_OPTION_SCHEMA }, additionalProperties: false }],
    defaultOptions: [DOCKERFILE_OPTION_DEFAULTS],
    messages: {
      mismatch:
        "This setup-uv step pins uv {{actual}} but the runner image {{dockerfile}} bakes its uv cache with {{expected}}, so CI never reads that cache. Pin \"{{expected}}\".",
      mismatchNewer:
        "This setup-uv step pins uv {{actual}}, newer than the {{expected}} that the runner image {{dockerfile}} bakes its uv cache with, so CI never reads that cache. Rebuild the image with uv {{actual}}, or pin \"{{expected}}\" here.",
      dockerfilesDisagree:
        "The runner images disagree on uv: {{first}} pins {{firstVersion}} and {{second}} pins {{secondVersion}}, so no setup-uv pin can match both. Pin one version in every runner image.",
      requiredVersionDisagrees:
        "The runner image {{dockerfile}} pins uv {{imageVersion}}, but {{file}} sets `required-version = \"{{specifier}}\"`, so uv in that image refuses to run the project and no setup-uv pin can match both. Make the two agree.",
    },
    languages: ["yml/yaml"],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    // A generated file is rewritten by its generator: the report stands, an edit by hand would not.
    const fixable = !isGeneratedWorkflow(sourceCode.text, context.filename);

    function describe(pin: DockerfileUvPin): string {
      return `${relative(repositoryRootOf(context), pin.file)}:${pin.line}`;
    }

    return {
      Program() {
        const workflow = getWorkflow(sourceCode);
        const sites = exactSetupUvSites(workflow, setupUvSteps(workflow));
        if (sites.length === 0) return;
        const source = ciUvVersionSource(context, options, workflow);
        for (const site of sites) {
          const actual = String(site.value).trim();
          if (source.kind === "runner-images-disagree") {
            const { first, second } = source;
            context.report({
              loc: site.node.loc,
              messageId: "dockerfilesDisagree",
              data: { first: describe(first), firstVersion: first.version, second: describe(second), secondVersion: second.version },
            });
          } else if (source.kind === "runner-image-vs-required-version") {
            context.report({
              loc: site.node.loc,
              messageId: "requiredVersionDisagrees",
              data: { dockerfile: describe(source.pin), imageVersion: source.pin.version, file: source.file, specifier: source.specifier },
            });
          } else if (source.kind === "runner-image" && actual !== source.version) {
            const data = { actual, expected: source.version, dockerfile: describe(source.pin) };
            // Moving CI to an older uv than it runs today could undo a deliberate upgrade: the image may be the stale side.
            if (isOlderUv(source.version, actual)) context.report({ loc: site.node.loc, messageId: "mismatchNewer", data });
            else {
              context.report({
                loc: site.node.loc,
                messageId: "mismatch",
                data,
                fix: site.editable && fixable ? (fixer) => fixer.replaceTextRange(site.node.range, scalarInSameStyle(site.node, source.version)) : null,
              });
            }
          }
        }
      },
    };
  },
});
