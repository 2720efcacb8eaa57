import path from "node:path";
import type { SuggestedEdit } from "@eslint/core";
import { createDockerfileRule } from "../src/create-rule.js";
import { VARIABLE_NAME_PATTERN } from "../src/docker/build-variables.js";
import { isExampleTemplateOrDevContainerDockerfile } from "../src/docker/dockerfile-roles.js";
import { parseImageReference, uvImagePin, type UvImagePin } from "../src/docker/image-reference.js";
import { findRepositoryUvVersion, type RepositoryUvVersion } from "../src/docker/uv-pins.js";
import { exactSetupUvSites } from "../src/uv/uv-version-source.js";
import { repositoryWorkflowFiles } from "../src/repository/workflows.js";
import { MAY_PIN_SETUP_UV } from "../src/workflow/setup-uv.js";
import type { DockerfileFile, InstructionNode, PropertyNode } from "../src/languages/dockerfile/ast.js";
import { findImageReferences, type ImageReferenceSite } from "../src/docker/image-references.js";
import { shippedUvImageReferences } from "../src/docker/shipped-uv.js";
import { globalArgNames, scopedInstructions } from "../src/languages/dockerfile/scope.js";
import { detectEol, lineStart } from "../src/fix/text-edits.js";
import { repositoryRootOf } from "../src/repository/root.js";
import { EXACT_UV_VERSION } from "../src/uv/uv-version.js";

type Options = [{ argName: string; version?: string; movingTags: boolean }];
type MessageIds = "unpinned" | "variableInFrom" | "argWithoutDefault" | "pinVersion" | "useStage" | "addStage" | "addDefault";

const REASONS: Record<Exclude<UvImagePin, "pinned">, string> = {
  untagged: "has no tag, so Docker pulls `latest`",
  latest: "uses the `latest` tag",
  versionless: "has a tag without a uv version, which moves with every uv release",
};

const WHERE: Record<Exclude<ImageReferenceSite["kind"], "from">, { flag: string; value: (stage: string) => string }> = {
  "copy-from": { flag: "COPY --from", value: (stage) => `--from=${stage}` },
  "mount-from": { flag: "RUN --mount=…,from=", value: (stage) => `from=${stage}` },
};

export default createDockerfileRule<Options, MessageIds>({
  name: "dockerfile-pin-uv-image",
  meta: {
    type: "problem",
    docs: {
      description: "Require Dockerfiles to pin the uv image to a version that BuildKit can resolve",
      recommended: true,
    },
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          argName: {
            type: "string",
            pattern: VARIABLE_NAME_PATTERN,
            description: "The `ARG` that holds the uv version; declaring it without a default is reported.",
          },
          version: {
            type: "string",
            pattern: EXACT_UV_VERSION.source,
            description: "The uv version suggestions pin; by default the one the repository's Dockerfiles pin.",
          },
          movingTags: {
            type: "boolean",
            description: "Report uv image tags that move with each uv release (`latest`, `0.11`, `python3.12-bookworm`) where uv reaches the shipped image. Off by default, in every config: field reviews judged 2 of 8 of these findings worth acting on.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ argName: "UV_VERSION", movingTags: false }],
    messages: {
      unpinned:
        "{{reference}} {{reason}}: each build gets whichever uv is newest, so the same Dockerfile builds a different image after each uv release. Pin an exact version, such as `{{name}}:{{example}}`.",
      variableInFrom:
        "BuildKit does not expand variables in `{{flag}}`, so `{{value}}` fails the build. Declare the `ARG` before the first `FROM`, add a stage `FROM {{value}} AS uv` and use `{{replacement}}`.",
      argWithoutDefault:
        "`ARG {{name}}` has no default, so a build without `--build-arg {{name}}=…` gets an empty uv version. Give it one, such as `ARG {{name}}={{example}}`.",
      pinVersion: "Pin `{{reference}}`.",
      useStage: "Use the stage `{{stage}}`, which is `FROM {{value}}`.",
      addStage: "Add the stage `FROM {{value}} AS {{stage}}` before this one and use it.",
      addDefault: "Default to `{{version}}`.",
    },
    languages: ["uv-ci/dockerfile"],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const text = sourceCode.text;
    let dockerfilesVersion: RepositoryUvVersion | undefined;
    let pinsUv: boolean | undefined;
    const isExample = isExampleTemplateOrDevContainerDockerfile(path.resolve(context.cwd, context.filename), repositoryRootOf(context));

    /** What the repository's Dockerfiles pin, read once per lint for both questions below. */
    function repositoryDockerfilesVersion(): RepositoryUvVersion {
      return (dockerfilesVersion ??= findRepositoryUvVersion(repositoryRootOf(context), { argName: options.argName }));
    }

    /** The version suggestions pin: the option, else the one version the repository's Dockerfiles pin. */
    function suggestedVersion(): string | null {
      if (options.version) return options.version;
      const pinned = repositoryDockerfilesVersion();
      return pinned.kind === "pinned" ? pinned.version : null;
    }

    /**
     * Whether the repository pins uv anywhere (this rule's `version` option, an exact uv pin in a
     * Dockerfile, an exact `version` on a setup-uv step): then a floating uv image is drift. A
     * repository that pins uv nowhere floats it on purpose, and a pin here alone is a policy it has not chosen.
     */
    function repositoryPinsUv(): boolean {
      if (pinsUv === undefined) {
        const root = repositoryRootOf(context);
        pinsUv =
          options.version !== undefined ||
          repositoryDockerfilesVersion().kind !== "none" ||
          repositoryWorkflowFiles(root, MAY_PIN_SETUP_UV).some((file) => exactSetupUvSites(file.workflow).length > 0);
      }
      return pinsUv;
    }

    function checkPin(site: ImageReferenceSite, stages: ImageReferenceSite[], shipped: Set<ImageReferenceSite>): void {
      if (!options.movingTags) return;
      if (isExample) return; // An example's tag is what its readers copy; keeping it free of a uv version keeps it from aging.
      // uv that only builds in a stage the image does not keep leaves what it installed, the same for any uv of the same lockfile.
      if (!shipped.has(site)) return;
      // A stage built on a moving base (`python:latest`) is not reproducible whatever uv it copies.
      if (site.kind !== "from" && buildsOnMovingBase(site, stages)) return;
      // Nor is an image that clones a repository's moving branch (earth2studio's agent-eval sandboxes).
      if (clonesMovingBranch(text)) return;
      if (site.variables.length > 0 && site.resolved.includes("$")) return; // Unknown until build time.
      const pin = uvImagePin(site.resolved);
      if (pin === null || pin === "pinned" || !repositoryPinsUv()) return;
      const image = parseImageReference(site.resolved)!;
      const version = suggestedVersion();
      const reference = site.raw === site.resolved ? `\`${site.raw}\`` : `\`${site.raw}\` (\`${site.resolved}\`)`;
      // A tag such as `python3.12-bookworm-slim` names a variant with Python in it: the pin keeps the variant.
      const variant = pin === "versionless" ? `-${parseImageReference(site.raw)?.tag ?? image.tag}` : "";
      const pinned = `${image.name}:${version}${variant}`;
      const suggest: SuggestedEdit<MessageIds>[] =
        version && site.rawRange && site.variables.length === 0
          ? [{ messageId: "pinVersion", data: { reference: pinned }, fix: (fixer) => fixer.replaceTextRange(site.rawRange!, pinned) }]
          : [];
      const example = `${version ?? "X.Y.Z"}${variant}`;
      context.report({ loc: site.node.loc, messageId: "unpinned", data: { reference, reason: REASONS[pin], name: image.name, example }, suggest });
    }

    /** Whether `--from` names a uv image, directly or through the ARG that holds the uv version. */
    function namesUvImage(site: ImageReferenceSite): boolean {
      return uvImagePin(site.resolved) !== null || uvImagePin(site.raw) !== null || site.variables.includes(options.argName);
    }

    /** Where a new stage goes: above the comment lines directly over the `FROM` of the current stage. */
    function stageInsertionOffset(root: DockerfileFile, stage: InstructionNode): number {
      let index = root.body.indexOf(stage);
      let line = stage.loc.start.line;
      while (index > 0 && root.body[index - 1]!.type === "Comment" && root.body[index - 1]!.loc.end.line === line - 1) {
        index--;
        line--;
      }
      return lineStart(text, root.body[index]!.range[0]);
    }

    function checkVariableInFrom(root: DockerfileFile, site: ImageReferenceSite, stages: ImageReferenceSite[], globals: Set<string>): void {
      const where = WHERE[site.kind as keyof typeof WHERE];
      const suggest: SuggestedEdit<MessageIds>[] = [];
      const existing = stages.find((stage) => stage.stageName && (stage.raw === site.raw || (stage.resolved === site.resolved && !stage.resolved.includes("$"))));
      const names = new Set(stages.map((stage) => stage.stageName));
      if (site.rawRange && existing?.stageName) {
        const stage = existing.stageName;
        suggest.push({ messageId: "useStage", data: { stage, value: existing.raw }, fix: (fixer) => fixer.replaceTextRange(site.rawRange!, stage) });
      } else if (site.rawRange && site.stage && site.variables.every((name) => globals.has(name))) {
        let stage = "uv";
        for (let counter = 2; names.has(stage); counter++) stage = `uv-${counter}`;
        const at = stageInsertionOffset(root, site.stage);
        const eol = detectEol(text);
        suggest.push({
          messageId: "addStage",
          data: { stage, value: site.raw },
          fix: (fixer) => [fixer.insertTextBeforeRange([at, at], `FROM ${site.raw} AS ${stage}${eol}${eol}`), fixer.replaceTextRange(site.rawRange!, stage)],
        });
      }
      context.report({
        loc: site.node.loc,
        messageId: "variableInFrom",
        data: { flag: where.flag, value: site.raw, replacement: where.value("uv") },
        suggest,
      });
    }

    function checkArg(property: PropertyNode): void {
      const version = suggestedVersion();
      const { valueRange } = property;
      const written = text.slice(...property.range);
      context.report({
        loc: property.loc,
        messageId: "argWithoutDefault",
        data: { name: property.name, example: version ?? "X.Y.Z" },
        suggest: version
          ? [
              {
                messageId: "addDefault",
                data: { version },
                // `ARG UV_VERSION=""` has an empty value to replace; `ARG UV_VERSION` and `ARG UV_VERSION=` have none.
                fix: (fixer) =>
                  valueRange && valueRange[0] < valueRange[1]
                    ? fixer.replaceTextRange(valueRange, version)
                    : fixer.insertTextAfterRange(property.range, written.endsWith("=") ? version : `=${version}`),
              },
            ]
          : [],
      });
    }

    return {
      DockerfileFile(root: DockerfileFile) {
        const globals = globalArgNames(root);
        const stages: ImageReferenceSite[] = [];
        const sites = findImageReferences(root, text);
        const shipped = shippedUvImageReferences(sites);
        for (const site of sites) {
          if (site.kind === "from") {
            checkPin(site, stages, shipped);
            stages.push(site);
          } else if (site.variables.length > 0) {
            if (namesUvImage(site)) checkVariableInFrom(root, site, stages, globals);
          } else {
            checkPin(site, stages, shipped);
          }
        }
        for (const { node, declaredArgs } of scopedInstructions(root)) {
          declaredArgs.forEach((declared, index) => {
            if (declared.name === options.argName && (declared.value === null || declared.value === "")) checkArg(node.properties[index]!);
          });
        }
      },
    };
  },
});

/**
 * Whether the stage of `site` is built `FROM` an image that moves: no tag or a channel's (`latest`, `stable-slim`), and no digest
 * (a stage built from an earlier stage of the file counts as that stage's base).
 */
function buildsOnMovingBase(site: ImageReferenceSite, stages: ImageReferenceSite[]): boolean {
  let from = stages.find((stage) => stage.instruction === site.stage);
  for (const seen = new Set<ImageReferenceSite>(); from && !seen.has(from); ) {
    seen.add(from);
    const name = from.resolved.toLowerCase();
    const earlier = stages.find((stage) => stage.stageName !== null && stage.stageName === name);
    if (!earlier) break;
    from = earlier;
  }
  if (!from || from.resolved.includes("$") || from.resolved.toLowerCase() === "scratch") return false;
  const image = parseImageReference(from.resolved);
  return image !== null && image.digest === null && (image.tag === null || MOVING_CHANNEL_TAG.test(image.tag));
}

/** A `git clone` command, up to the end of its shell command. */
const GIT_CLONE = /\bgit\s+clone\b[^\n&;|]*/g;

/** A branch or tag named to `git clone` (`-b v1.2`, `--branch=main`), which may fix what is cloned. */
const NAMES_BRANCH = /\s(?:-b|--branch)(?:[=\s]|$)/;

/** A later `git checkout`, `switch` or `reset --hard` that may fix what was cloned to a commit or a tag. */
const CHECKOUT_AFTER_CLONE = /\bgit\s+(?:-C\s+\S+\s+)?(?:checkout|switch|reset\s+--hard)\b/;

/**
 * Whether the Dockerfile clones a repository at its default branch and never checks out a commit
 * or a tag: its content moves with every commit there, so a pinned uv would not make it reproducible.
 */
function clonesMovingBranch(dockerfile: string): boolean {
  const joined = dockerfile.replace(/\\\r?\n/g, " ");
  const clones = joined.match(GIT_CLONE) ?? [];
  return clones.some((clone) => !NAMES_BRANCH.test(clone)) && !CHECKOUT_AFTER_CLONE.test(joined);
}

/** A tag that names a release channel rather than a release: `latest`, `stable-slim`, `edge`, `sid`. */
const MOVING_CHANNEL_TAG = /^(?:latest|stable|testing|unstable|sid|edge|rolling|nightly|devel)(?:$|[-_.])/i;
