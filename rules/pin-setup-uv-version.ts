import type { TSESLint } from "@typescript-eslint/utils";
import type { AST } from "yaml-eslint-parser";
import { createRule } from "../src/create-rule.js";
import { resolveInsideRoot } from "../src/docker/repository.js";
import { DOCKERFILE_OPTION_DEFAULTS, DOCKERFILE_OPTION_SCHEMA, repositoryRootOf, type DockerfileOptions } from "../src/repository-uv-version.js";
import { ciUvVersionSource } from "../src/uv-version-source.js";
import { classifyUvVersionSpec, EXACT_UV_VERSION } from "../src/uv-version.js";
import { readVersionFilePin } from "../src/uv-version-file.js";
import { insertionFix } from "../src/fix/yaml-layout.js";
import { insertStepInput } from "../src/workflow/edits.js";
import { getWorkflow, type Step } from "../src/workflow/model.js";
import { resolveSetupUvVersion, setupUvSteps, type VersionSite } from "../src/workflow/setup-uv.js";
import { yamlSourceCode } from "../src/workflow/source.js";
import { scalarEditableAt } from "../src/workflow/yaml-nodes.js";
import { isGeneratedWorkflow } from "../src/workflow/generated.js";

type Options = [DockerfileOptions & { version?: string; allowVersionFile: boolean; requireLiteral: boolean }];
type MessageIds =
  | "missingVersion"
  | "missingVersionNoSource"
  | "notExact"
  | "numericVersion"
  | "versionFileForbidden"
  | "versionFileMissing"
  | "versionFileNotExact"
  | "dynamicVersion"
  | "pinVersion"
  | "quoteVersion";

export default createRule<Options, MessageIds>({
  name: "pin-setup-uv-version",
  meta: {
    type: "problem",
    docs: {
      description: "Require every `astral-sh/setup-uv` step to pin an exact uv version",
      recommended: true,
    },
    languages: ["yml/yaml"],
    fixable: "code",
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          version: {
            type: "string",
            pattern: EXACT_UV_VERSION.source,
            description: "The uv version the fix pins; by default the CI runner image's, else an exact `required-version`, else the one the other setup-uv steps pin.",
          },
          allowVersionFile: {
            type: "boolean",
            description: "Accept `version-file` when the file it names pins one exact version.",
          },
          requireLiteral: {
            type: "boolean",
            description: "Report versions that come from expressions this rule cannot resolve (`inputs`, `vars`, step outputs).",
          },
          ...DOCKERFILE_OPTION_SCHEMA,
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowVersionFile: true, requireLiteral: false, ...DOCKERFILE_OPTION_DEFAULTS }],
    messages: {
      missingVersion:
        "This setup-uv step does not pin `version`, so every run installs the newest uv and caches built by another uv go unread. Pin `version: \"{{version}}\"`.",
      missingVersionNoSource:
        "This setup-uv step does not pin `version`, so every run installs the newest uv and caches built by another uv go unread. Pin an exact version; --fix adds one when the repository names it (this rule's `version` option, the uv of a CI runner image, an exact `required-version`, or the one version the other setup-uv steps pin).",
      notExact:
        "`version: {{value}}` is {{kind}}, not an exact uv version, so the installed uv changes over time. Pin an exact release (`X.Y.Z`).",
      numericVersion:
        "`version: {{raw}}` is read by YAML as the number {{value}}, so setup-uv is asked for uv {{value}}. Quote an exact release (`\"X.Y.Z\"`).",
      versionFileForbidden: "`version-file` is not allowed by this rule's options, so that the pin stays visible in the workflow. Pin `version` here.",
      versionFileMissing:
        "`version-file: {{path}}` does not exist in the repository, so setup-uv falls back to the newest uv. Point it at a file that pins uv, or pin `version`.",
      versionFileNotExact:
        "`version-file: {{path}}` does not pin one exact uv version ({{detail}}), so the installed uv changes over time. Pin `required-version = \"==X.Y.Z\"` there, or pin `version`.",
      dynamicVersion:
        "`version: {{value}}` is only known at run time, so this pin cannot be checked. Use a literal or an `env` value in this file.",
      pinVersion: "Pin `version: \"{{version}}\"`.",
      quoteVersion: "Quote it as `\"{{raw}}\"`.",
    },
  },
  create(context, [options]) {
    const sourceCode = yamlSourceCode(context);
    // A generated file is rewritten by its generator: the report stands, an edit by hand would not.
    const fixable = !isGeneratedWorkflow(sourceCode.text, context.filename);
    let sourceOfTruth: string | null | undefined;

    /** The version --fix pins: the option, else the repository's source (see `ciUvVersionSource`); computed only when needed. */
    function fixVersion(): string | null {
      if (sourceOfTruth === undefined) {
        const source = options.version ? null : ciUvVersionSource(context, options, getWorkflow(sourceCode));
        sourceOfTruth = options.version || (source && "version" in source ? source.version : null);
      }
      return sourceOfTruth ?? null;
    }

    /** Fills an empty `version:` in place, or inserts the input into the step's `with`. */
    function pinFix(step: Step, version: string): TSESLint.ReportFixFunction | null {
      const quoted = JSON.stringify(version);
      const existing = step.withInputs.get("version");
      if (existing?.value) {
        const scalar = scalarEditableAt(existing);
        return scalar ? (fixer) => fixer.replaceTextRange(scalar.range, quoted) : null;
      }
      if (existing) return null;
      return insertionFix(insertStepInput(sourceCode.text, sourceCode.ast, step, "version", version, { quoted: true }));
    }

    function reportMissing(step: Step): void {
      const version = fixVersion();
      context.report({
        loc: (step.usesPair?.value ?? step.node).loc,
        messageId: version ? "missingVersion" : "missingVersionNoSource",
        data: { version },
        fix: version && fixable ? pinFix(step, version) : null,
      });
    }

    /** The suggestion to pin the version --fix would pin, when there is one. */
    function pinSuggestions(site: VersionSite): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const version = fixVersion();
      return version && site.editable ? [{ messageId: "pinVersion", data: { version }, fix: (fixer) => fixer.replaceTextRange(site.node.range, JSON.stringify(version)) }] : [];
    }

    function checkSite(site: VersionSite): void {
      if (typeof site.value !== "string") {
        const raw = sourceCode.text.slice(...site.node.range);
        context.report({
          loc: site.node.loc,
          messageId: "numericVersion",
          data: { raw, value: String(site.value) },
          suggest: site.editable
            ? [{ messageId: "quoteVersion", data: { raw }, fix: (fixer) => fixer.replaceTextRange(site.node.range, JSON.stringify(raw)) }, ...pinSuggestions(site)]
            : [],
        });
        return;
      }
      const kind = classifyUvVersionSpec(site.value);
      if (kind !== "exact") {
        const description = kind === "latest" ? "the newest release" : kind === "empty" ? "empty" : "a range";
        context.report({ loc: site.node.loc, messageId: "notExact", data: { value: site.value, kind: description }, suggest: pinSuggestions(site) });
      }
    }

    function checkVersionFile(node: AST.YAMLScalar, path: string): void {
      if (!options.allowVersionFile) {
        context.report({ loc: node.loc, messageId: "versionFileForbidden" });
        return;
      }
      const file = resolveInsideRoot(repositoryRootOf(context), path);
      const pin = file ? readVersionFilePin(file) : { kind: "unreadable" as const };
      if (pin.kind === "unreadable") {
        context.report({ loc: node.loc, messageId: "versionFileMissing", data: { path } });
      } else if (pin.kind !== "exact") {
        const detail = pin.kind === "no-version" ? "it sets no uv version" : pin.kind === "invalid" ? "it is not valid TOML" : `it allows ${pin.specifier}`;
        context.report({ loc: node.loc, messageId: "versionFileNotExact", data: { path, detail } });
      }
    }

    return {
      Program() {
        const workflow = getWorkflow(sourceCode);
        for (const step of setupUvSteps(workflow)) {
          const version = resolveSetupUvVersion(step, workflow);
          if (version.kind === "missing") reportMissing(step);
          else if (version.kind === "version-file") checkVersionFile(version.node, version.path);
          else if (version.kind === "static") version.sites.forEach(checkSite);
          else if (options.requireLiteral) {
            context.report({ loc: version.node.loc, messageId: "dynamicVersion", data: { value: String(version.node.value) } });
          }
        }
      },
    };
  },
});
