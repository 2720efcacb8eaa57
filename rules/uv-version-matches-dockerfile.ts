import { relative } from "node:path";
import { createRule } from "../src/create-rule.js";
import type { DockerfileUvPin } from "../src/docker/uv-pins.js";
import { scalarInSameStyle } from "../src/fix/yaml-layout.js";
import {
  DOCKERFILE_OPTION_DEFAULTS,
  DOCKERFILE_OPTION_SCHEMA,
  dockerfileUvVersion,
  repositoryRootOf,
  type DockerfileOptions,
} from "../src/repository-uv-version.js";
import { classifyUvVersionSpec } from "../src/uv-version.js";
import { getWorkflow } from "../src/workflow/model.js";
import { resolveSetupUvVersion, setupUvSteps, type VersionSite } from "../src/workflow/setup-uv.js";
import { yamlSourceCode } from "../src/workflow/source.js";

type Options = [DockerfileOptions];
type MessageIds = "mismatch" | "dockerfilesDisagree";

export default createRule<Options, MessageIds>({
  name: "uv-version-matches-dockerfile",
  meta: {
    type: "problem",
    docs: {
      description: "Require the setup-uv version pin to equal the uv version the repository's Dockerfiles pin",
      recommended: true,
    },
    languages: ["yml/yaml"],
    fixable: "code",
    schema: [{ type: "object", properties: { ...DOCKERFILE_OPTION_SCHEMA }, additionalProperties: false }],
    defaultOptions: [DOCKERFILE_OPTION_DEFAULTS],
    messages: {
      mismatch:
        "This setup-uv step pins uv {{actual}} but {{dockerfile}} pins {{expected}}, so the uv cache baked into that image is never read. Pin \"{{expected}}\".",
      dockerfilesDisagree:
        "The Dockerfiles disagree on uv: {{first}} pins {{firstVersion}} and {{second}} pins {{secondVersion}}, so no setup-uv pin can match both. Pin one version in every Dockerfile.",
    },
  },
  create(context, [options]) {
    const sourceCode = yamlSourceCode(context);

    function exactSites(): VersionSite[] {
      const workflow = getWorkflow(sourceCode);
      const sites: VersionSite[] = [];
      for (const step of setupUvSteps(workflow)) {
        const version = resolveSetupUvVersion(step, workflow);
        // A matrix over several uv versions tests them on purpose.
        if (version.kind !== "static" || (version.sites.length > 1 && version.sites[0]?.via === "matrix")) continue;
        sites.push(...version.sites.filter((site) => typeof site.value === "string" && classifyUvVersionSpec(site.value) === "exact"));
      }
      return sites;
    }

    function describe(pin: DockerfileUvPin): string {
      return `${relative(repositoryRootOf(context), pin.file)}:${pin.line}`;
    }

    return {
      Program() {
        const sites = exactSites();
        if (sites.length === 0) return;
        const dockerfiles = dockerfileUvVersion(context, options);
        if (dockerfiles.kind === "none") return;
        if (dockerfiles.kind === "conflict") {
          const [first, second] = [dockerfiles.pins[0]!, dockerfiles.pins.find((pin: DockerfileUvPin) => pin.version !== dockerfiles.pins[0]!.version)!];
          for (const site of sites) {
            context.report({
              loc: site.node.loc,
              messageId: "dockerfilesDisagree",
              data: { first: describe(first), firstVersion: first.version, second: describe(second), secondVersion: second.version },
            });
          }
          return;
        }
        const expected = dockerfiles.version;
        const where = describe(dockerfiles.pins[0]!);
        for (const site of sites) {
          if (site.value === expected) continue;
          context.report({
            loc: site.node.loc,
            messageId: "mismatch",
            data: { actual: String(site.value), expected, dockerfile: where },
            fix: site.editable ? (fixer) => fixer.replaceTextRange(site.node.range, scalarInSameStyle(site.node, expected)) : null,
          });
        }
      },
    };
  },
});
