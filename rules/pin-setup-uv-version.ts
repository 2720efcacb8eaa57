import type { RuleFixer, SuggestedEdit } from "@eslint/core";
import type { AST } from "yaml-eslint-parser";
import { createWorkflowRule } from "../src/create-rule.js";
import { resolveInsideRoot } from "../src/repository/root.js";
import { DOCKERFILE_OPTION_DEFAULTS, DOCKERFILE_OPTION_SCHEMA, type DockerfileOptions } from "../src/uv/repository-uv-version.js";
import { repositoryRootOf } from "../src/repository/root.js";
import { describeUvPinReason, uvPinReason, type UvPinReason } from "../src/uv/uv-version-source.js";
import { readRequiredUvVersion } from "../src/uv/uv-required-version.js";
import { classifyUvVersionSpec, EXACT_UV_VERSION, exactRequiredVersion } from "../src/uv/uv-version.js";
import { containsExpression } from "../src/workflow/expressions.js";
import { readVersionFilePin } from "../src/uv/uv-version-file.js";
import { insertionFix } from "../src/fix/text-edits.js";
import { repositoryPathOf } from "../src/workflow/checkouts.js";
import { insertStepInput } from "../src/workflow/edits.js";
import { getWorkflow, type Job, type Step } from "../src/workflow/model.js";
import { resolveSetupUvVersion, setupUvSteps, type VersionSite } from "../src/workflow/setup-uv.js";
import { uvCommands } from "../src/workflow/uv-commands.js";
import { scalarEditableAt, scalarText } from "../src/workflow/yaml-nodes.js";
import { isGeneratedWorkflow } from "../src/workflow/generated.js";

type Options = [DockerfileOptions & { version?: string; requirePin: boolean; allowVersionFile: boolean; requireLiteral: boolean; followOtherSteps: boolean }];
type MessageIds =
  | "missingVersion"
  | "missingVersionNoSource"
  | "notExact"
  | "notExactNoSource"
  | "numericVersion"
  | "versionFileForbidden"
  | "versionFileMissing"
  | "versionFileNotExact"
  | "dynamicVersion"
  | "pinVersion"
  | "quoteVersion";

/** Why a step should pin, and the version to pin: the option, or the repository's reason. */
type PinTarget = { version: string; reason: string; autofix: boolean };

/** A step name that says it installs the newest uv. */
const NAMES_LATEST = /\b(?:latest|newest)\b/i;

/**
 * Whether the job's scripts run uv only for tools (`uvx zizmor`, `uv tool run`), never a project
 * command (`uv sync`, `uv run`, `uv lock`, `uv pip`), nor a task runner or a script of the
 * repository that might.
 */
function runsOnlyUvTools(job: Job): boolean {
  const scripts = job.steps.flatMap((step) => scalarText(step.keys.get("run")?.value) ?? []);
  const toolRuns = scripts.some((script) => /(?:^|[\s;&|(])uvx\s|\buv\s+tool\s/.test(script));
  return toolRuns && scripts.every((script) => uvCommands(script).every((command) => command.subcommand === "tool") && !MAY_RUN_UV_ELSEWHERE.test(script));
}

/** A task runner or a script of the repository, which may run uv out of sight. */
const MAY_RUN_UV_ELSEWHERE = /\b(?:make|just|nox|tox|hatch|invoke|task|poe|pre-commit|prek)\b|(?:^|\s)\.{0,2}\/?[\w./-]+\.(?:sh|py|ps1)\b/m;

export default createWorkflowRule<Options, MessageIds>({
  name: "pin-setup-uv-version",
  meta: {
    type: "problem",
    docs: {
      description: "Require `astral-sh/setup-uv` steps to pin an exact uv version when the repository needs one",
      recommended: true,
      yamlFiles: ["workflow", "composite-action"],
    },
    fixable: "code",
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          version: {
            type: "string",
            pattern: EXACT_UV_VERSION.source,
            description: "The uv version every setup-uv step must pin and the fix writes; setting it reports every step that does not pin exactly.",
          },
          requirePin: {
            type: "boolean",
            description: "Report every setup-uv step without an exact version, even when the repository gives no reason to pin uv.",
          },
          allowVersionFile: {
            type: "boolean",
            description: "Accept `version-file` when the file it names pins one exact version.",
          },
          followOtherSteps: {
            type: "boolean",
            description:
              "Take the one exact version that the repository's other setup-uv steps pin as a reason to pin (a suggestion, never a fix). Off by default, in every config: field reviews judged a third of these findings right.",
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
    defaultOptions: [{ requirePin: false, allowVersionFile: true, requireLiteral: false, followOtherSteps: false, ...DOCKERFILE_OPTION_DEFAULTS }],
    messages: {
      missingVersion: "This setup-uv step does not pin `version`, so it installs the newest uv, while {{reason}}. Pin `version: \"{{version}}\"`.",
      missingVersionNoSource:
        "This setup-uv step does not pin `version`, so each run installs the newest uv and a uv release can change CI without a commit here. Pin an exact version (`X.Y.Z`), or set this rule's `version` option and `--fix` pins every step (from the command line: `uv-ci-lint --fix --rule '{{ruleId}}: [error, {version: \"X.Y.Z\"}]'`).",
      notExact: "`version: {{value}}` is {{kind}}, not an exact uv version, while {{reason}}. Pin `version: \"{{version}}\"`.",
      notExactNoSource:
        "`version: {{value}}` is {{kind}}, not an exact uv version, so a uv release can change CI without a commit here. Pin an exact release (`X.Y.Z`).",
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
    languages: ["yml/yaml"],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    // A generated file is rewritten by its generator, which is where a pin belongs: a missing or
    // floating pin is not reported there (it would repeat once per generated file), and no fix edits it.
    const generated = isGeneratedWorkflow(sourceCode.text, context.filename);
    let repositoryReason: UvPinReason | undefined;

    /** Why and to what to pin: the `version` option, else the repository's reason (see `uvPinReason`); null when neither. */
    function pinTarget(): PinTarget | null {
      if (options.version) return { version: options.version, reason: `this rule's \`version\` option asks for uv ${options.version}`, autofix: true };
      repositoryReason ??= uvPinReason(context, options, getWorkflow(sourceCode));
      const reason = repositoryReason;
      if (reason.kind === "none" || (reason.kind === "convention" && !options.followOtherSteps)) return null;
      // A convention gets a suggestion only: the newest uv this step runs now may be newer than the convention.
      return { version: reason.version, reason: describeUvPinReason(reason), autofix: reason.kind !== "convention" };
    }

    /** Whether a step with no exact version is worth a report here: a reason to pin, or `requirePin`. */
    function policyReported(): boolean {
      return !generated && (pinTarget() !== null || options.requirePin);
    }

    /** Fills an empty `version:` in place, or inserts the input into the step's `with`. */
    function pinFix(step: Step, version: string): RuleFixer | null {
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
      // Without `version`, setup-uv installs the root's `required-version`: an exact one is a pin.
      if (!options.version && !step.withInputs.has("working-directory") && exactRootRequiredVersion()) return;
      if (!policyReported()) return;
      const target = pinTarget();
      // The step's name asks for the newest uv on purpose ("Install the latest version of uv").
      if (!options.version && NAMES_LATEST.test(scalarText(step.keys.get("name")?.value) ?? "")) return;
      // Other steps' pin is about the project's lockfile; a job that only runs tools (`uvx zizmor`) never reads it.
      if (repositoryReason?.kind === "convention" && !options.version && runsOnlyUvTools(step.job)) return;
      const fix = target ? pinFix(step, target.version) : null;
      context.report({
        loc: (step.usesPair?.value ?? step.node).loc,
        messageId: target ? "missingVersion" : "missingVersionNoSource",
        data: { version: target?.version, reason: target?.reason, ruleId: context.id },
        fix: target?.autofix ? fix : null,
        suggest: target && !target.autofix && fix ? [{ messageId: "pinVersion", data: { version: target.version }, fix }] : [],
      });
    }

    function exactRootRequiredVersion(): boolean {
      const required = readRequiredUvVersion(repositoryRootOf(context));
      return required.kind === "specifier" && exactRequiredVersion(required.specifier) !== null;
    }

    /** The suggestion to pin the version a reason or the option names, when there is one. */
    function pinSuggestions(site: VersionSite): SuggestedEdit<MessageIds>[] {
      const version = pinTarget()?.version;
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
      if (kind !== "exact" && policyReported()) {
        const description = kind === "latest" ? "the newest release" : kind === "empty" ? "empty" : "a range";
        const target = pinTarget();
        context.report({
          loc: site.node.loc,
          messageId: target ? "notExact" : "notExactNoSource",
          data: { value: site.value, kind: description, version: target?.version, reason: target?.reason },
          suggest: generated ? [] : pinSuggestions(site),
        });
      }
    }

    function checkVersionFile(step: Step, node: AST.YAMLScalar, path: string): void {
      if (!options.allowVersionFile) {
        context.report({ loc: node.loc, messageId: "versionFileForbidden" });
        return;
      }
      // A path an expression gives (`${{ inputs.working-directory }}/pyproject.toml`) is known only to the run (Flagsmith's action).
      if (containsExpression(path)) return;
      const pathInRepository = repositoryPathOf(step, path);
      // Another repository's checkout holds it: nothing here to read.
      if (pathInRepository === null) return;
      const file = resolveInsideRoot(repositoryRootOf(context), pathInRepository);
      const pin = file ? readVersionFilePin(file) : { kind: "unreadable" as const };
      if (pin.kind === "unreadable") {
        context.report({ loc: node.loc, messageId: "versionFileMissing", data: { path } });
      } else if (pin.kind !== "exact" && policyReported()) {
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
          else if (version.kind === "version-file") checkVersionFile(step, version.node, version.path);
          else if (version.kind === "static") version.sites.forEach(checkSite);
          else if (options.requireLiteral) {
            context.report({ loc: version.node.loc, messageId: "dynamicVersion", data: { value: String(version.node.value) } });
          }
        }
      },
    };
  },
});
