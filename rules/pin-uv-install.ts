import path from "node:path";
import type { RuleFixer } from "@eslint/core";
import type { YAMLSourceCode } from "eslint-plugin-yml";
import { createWorkflowAndDockerfileRule } from "../src/create-rule.js";
import { isExampleTemplateOrDevContainerDockerfile } from "../src/docker/dockerfile-roles.js";
import { findCiRunnerImages } from "../src/docker/runner-images.js";
import { findUvInstallSites } from "../src/docker/uv-pin-sites.js";
import type { DockerfileFile } from "../src/languages/dockerfile/ast.js";
import { dockerInstructionOf } from "../src/languages/dockerfile/parser.js";
import { DockerfileSourceCode } from "../src/languages/dockerfile/source-code.js";
import { DOCKERFILE_OPTION_DEFAULTS, DOCKERFILE_OPTION_SCHEMA, type DockerfileOptions } from "../src/uv/repository-uv-version.js";
import { repositoryRootOf } from "../src/repository/root.js";
import { findUvInstalls, type UvInstall } from "../src/uv/uv-install-commands.js";
import { describeUvPinReason, uvPinReason } from "../src/uv/uv-version-source.js";
import { EXACT_UV_VERSION } from "../src/uv/uv-version.js";
import { isGeneratedWorkflow } from "../src/workflow/generated.js";
import { getWorkflow } from "../src/workflow/model.js";
import { runScript } from "../src/workflow/run-script.js";
import { scalarEditableAt } from "../src/workflow/yaml-nodes.js";

type Options = [DockerfileOptions & { version?: string; requirePin: boolean; followOtherSteps: boolean }];
type MessageIds = "floating" | "floatingNoReason" | "range" | "rangeNoReason" | "pinVersion";

/** Why to pin and to what: the option, or the repository's reason. */
type PinTarget = { version: string; reason: string; autofix: boolean };

/** An install to report, with the file offset of its word when the text there is the word. */
type Found = { install: UvInstall<unknown>; offset: number | null; loc: { start: { line: number; column: number }; end: { line: number; column: number } } };

/** The same install with uv `version`: the URL with the version in its path, the requirement `uv==X`. */
function pinnedWord(install: UvInstall<unknown>, version: string): string | null {
  if (install.kind === "installer") {
    const pinned = install.word.replace(/astral\.sh\/uv\/install\./, `astral.sh/uv/${version}/install.`).replace(/releases\/latest\/download\//, `releases/download/${version}/`);
    return pinned === install.word ? null : pinned;
  }
  // A range is rewritten only when the whole requirement is this one word (not `uv >= 0.5` split by spaces).
  if (install.pin === "range" && !/^uv\s*[=<>~!]/i.test(install.word)) return null;
  return `${install.word.slice(0, 2)}==${version}`;
}

export default createWorkflowAndDockerfileRule<Options, MessageIds>({
  name: "pin-uv-install",
  meta: {
    type: "problem",
    docs: {
      description: "Require `pip install uv` and the uv installer in run steps and Dockerfiles to pin an exact uv version when the repository needs one",
      recommended: false,
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
            description: "The uv version every install must pin and the fix writes; setting it reports every install that does not pin exactly.",
          },
          requirePin: {
            type: "boolean",
            description: "Report every install without an exact version, even when the repository gives no reason to pin uv.",
          },
          followOtherSteps: {
            type: "boolean",
            description:
              "Take the one exact version that the repository's setup-uv steps pin as a reason to pin (a suggestion, never a fix). Off by default, in every config: field reviews judged 1 of 3 of these findings right.",
          },
          ...DOCKERFILE_OPTION_SCHEMA,
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ requirePin: false, followOtherSteps: false, ...DOCKERFILE_OPTION_DEFAULTS }],
    messages: {
      floating: "{{what}} has no version, so it installs the newest uv, while {{reason}}. Install uv {{version}}: `{{pinned}}`.",
      floatingNoReason: "{{what}} has no version, so it installs the newest uv and a uv release can change this build without a commit here. Pin an exact version: {{example}}.",
      range: "`{{word}}` lets pip pick any uv in a range, while {{reason}}. Install uv {{version}}: `{{pinned}}`.",
      rangeNoReason: "`{{word}}` lets pip pick any uv in a range, so a uv release can change this build without a commit here. Pin an exact version: `uv==X.Y.Z`.",
      pinVersion: "Install uv {{version}}: `{{pinned}}`.",
    },
    languages: ["yml/yaml", "uv-ci/dockerfile"],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const isDockerfile = sourceCode instanceof DockerfileSourceCode;
    const root = repositoryRootOf(context);
    const filename = path.resolve(context.cwd, context.filename);
    let target: PinTarget | null | undefined;

    /** The `version` option, else the repository's reason to pin (see `uvPinReason`); null when neither. */
    function pinTarget(): PinTarget | null {
      if (target !== undefined) return target;
      // Dockerfiles get suggestions only: no fix of this plugin edits a Dockerfile, which builds what ships.
      if (options.version) return (target = { version: options.version, reason: `this rule's \`version\` option asks for uv ${options.version}`, autofix: !isDockerfile });
      const reason = uvPinReason(context, options, isDockerfile ? null : getWorkflow(sourceCode));
      // A runner image's uv says what CI installs, not what another image does.
      const aboutThisFile = !isDockerfile || reason.kind !== "runner-image" || findCiRunnerImages(root, { dockerfiles: options.dockerfiles.length > 0 ? options.dockerfiles : undefined }).some((image) => image.file === filename);
      // What CI's setup-uv steps agree on is CI's setting, not a version an image or a script must install
      // (Spoolman's and hudi-rs's images, field samples 10 and 11 reviews: debatable).
      if (reason.kind === "none" || !aboutThisFile || (reason.kind === "convention" && !options.followOtherSteps)) return (target = null);
      // A convention gets a suggestion only: the newest uv this step runs now may be newer than the convention.
      return (target = { version: reason.version, reason: describeUvPinReason(reason, false), autofix: !isDockerfile && reason.kind !== "convention" });
    }

    function report({ install, offset, loc }: Found): void {
      const goal = pinTarget();
      if (goal === null && !options.requirePin) return;
      const pinned = goal ? pinnedWord(install, goal.version) : null;
      const what = install.kind === "pip" ? `The pip requirement \`${install.word}\`` : `The installer \`${install.word}\``;
      const example = install.kind === "pip" ? "`uv==X.Y.Z`" : "`https://astral.sh/uv/X.Y.Z/install.sh`";
      const fix: RuleFixer | null = pinned !== null && offset !== null ? (fixer) => fixer.replaceTextRange([offset, offset + install.word.length], pinned) : null;
      const floating = install.pin === "none";
      context.report({
        loc,
        messageId: goal ? (floating ? "floating" : "range") : floating ? "floatingNoReason" : "rangeNoReason",
        data: { what, word: install.word, reason: goal?.reason, version: goal?.version, pinned: pinned ?? (install.kind === "pip" ? `uv==${goal?.version}` : `https://astral.sh/uv/${goal?.version}/install.sh`), example },
        fix: goal?.autofix && floating ? fix : null,
        suggest: goal && fix && !(goal.autofix && floating) ? [{ messageId: "pinVersion", data: { version: goal.version, pinned: pinned! }, fix }] : [],
      });
    }

    const unpinned = (install: UvInstall<unknown>): boolean => install.pin === "none" || install.pin === "range";

    function checkWorkflow(sourceCode: YAMLSourceCode): void {
      // A generated file is rewritten by its generator, which is where a pin belongs.
      if (!/astral|uv/i.test(sourceCode.text) || isGeneratedWorkflow(sourceCode.text, context.filename)) return;
      const seen = new Set<object>();
      for (const step of getWorkflow(sourceCode).steps) {
        const script = runScript(step, sourceCode.text);
        // A script that an alias repeats is reported once, where it is written.
        if (script === null || seen.has(script.scalar)) continue;
        seen.add(script.scalar);
        // An edit through an anchor or alias would change other places.
        const editable = scalarEditableAt(step.keys.get("run")) === script.scalar;
        for (const install of findUvInstalls(script.tokens).filter(unpinned)) {
          const offset = editable && install.at !== null && sourceCode.text.slice(install.at, install.at + install.word.length) === install.word ? install.at : null;
          const loc = install.at === null ? script.scalar.loc : { start: sourceCode.getLocFromIndex(install.at), end: sourceCode.getLocFromIndex(install.at + install.word.length) };
          report({ install, offset, loc });
        }
      }
    }

    function checkDockerfile(dockerfile: DockerfileFile, sourceCode: DockerfileSourceCode): void {
      const text = sourceCode.text;
      // An example's install is what its readers copy; it stays free of a version that ages.
      if (!/astral|uv/i.test(text) || isExampleTemplateOrDevContainerDockerfile(filename, root)) return;
      const instructions = dockerfile.body.flatMap((node) => (node.type === "Instruction" ? [dockerInstructionOf(node)] : []));
      for (const install of findUvInstallSites(instructions, dockerfile.escapeCharacter, sourceCode.lines).filter(unpinned)) {
        const { line, column, raw } = install.at;
        const lineText = sourceCode.lines[line - 1] ?? "";
        const known = column !== null && line <= sourceCode.lines.length && column <= lineText.length;
        const index = known ? sourceCode.getIndexFromLoc({ line, column }) : null;
        // Only a word written as is (no variables, found at its place) is rewritten.
        const offset = index !== null && raw === install.word && text.slice(index, index + raw.length) === raw ? index : null;
        const loc = offset !== null ? { start: { line, column: column! }, end: { line, column: column! + raw.length } } : { start: { line, column: 0 }, end: { line, column: lineText.length } };
        report({ install, offset, loc });
      }
    }

    return isDockerfile ? { DockerfileFile: (dockerfile: DockerfileFile) => checkDockerfile(dockerfile, sourceCode) } : { Program: () => checkWorkflow(sourceCode) };
  },
});
