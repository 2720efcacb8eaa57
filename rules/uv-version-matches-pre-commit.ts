import { join } from "node:path";
import type { RuleFixer } from "@eslint/core";
import { createWorkflowRule } from "../src/create-rule.js";
import { readDockerfileUvPins } from "../src/docker/uv-pins.js";
import { scalarInSameStyle } from "../src/fix/yaml-layout.js";
import { preCommitRepos } from "../src/pre-commit/config.js";
import { uvPreCommitRevs, type UvPreCommitRev } from "../src/pre-commit/uv-pre-commit.js";
import { repositoryRootOf } from "../src/repository/root.js";
import { repositoryWorkflowFiles } from "../src/repository/workflows.js";
import { lockfileChecksOf, MAY_CHECK_LOCKFILE } from "../src/uv/lockfile-checks.js";
import { satisfies } from "../src/uv/pep440.js";
import { DOCKERFILE_OPTION_DEFAULTS, DOCKERFILE_OPTION_SCHEMA, type DockerfileOptions } from "../src/uv/repository-uv-version.js";
import { readRequiredUvVersion } from "../src/uv/uv-required-version.js";
import { exactRequiredVersion } from "../src/uv/uv-version.js";
import { ciUvVersion, isOlderUv, type UvPinReason } from "../src/uv/uv-version-source.js";
import { scalarEditableAt } from "../src/workflow/yaml-nodes.js";

type Options = [DockerfileOptions];
type MessageIds = "unsatisfied" | "unsatisfiedPinnable" | "unsatisfiedOlder" | "mismatch" | "mismatchNewer" | "setRev";

export default createWorkflowRule<Options, MessageIds>({
  name: "uv-version-matches-pre-commit",
  meta: {
    type: "problem",
    docs: {
      description: "Require the uv of astral-sh/uv-pre-commit's hooks to be the uv version CI runs",
      recommended: false,
      yamlFiles: ["pre-commit-config"],
    },
    fixable: "code",
    hasSuggestions: true,
    schema: [{ type: "object", properties: { ...DOCKERFILE_OPTION_SCHEMA }, additionalProperties: false }],
    defaultOptions: [DOCKERFILE_OPTION_DEFAULTS],
    messages: {
      unsatisfied:
        "This uv-pre-commit entry runs uv {{version}}, but {{file}} sets `required-version = \"{{specifier}}\"`, so uv refuses to run and every hook of the entry fails. Move it to a uv version that satisfies `required-version`, or change that.",
      unsatisfiedPinnable:
        "This uv-pre-commit entry runs uv {{version}}, but {{file}} sets `required-version = \"{{specifier}}\"`, so uv refuses to run and every hook of the entry fails. Move it to uv {{target}} ({{newRev}}).",
      unsatisfiedOlder:
        "This uv-pre-commit entry runs uv {{version}}, but {{file}} sets `required-version = \"{{specifier}}\"`, an older uv, so uv refuses to run and every hook of the entry fails. Raise `required-version`, or move the entry to uv {{target}} ({{newRev}}).",
      mismatch:
        "This uv-pre-commit entry runs uv {{version}}, but CI runs uv {{target}} ({{ciSource}}) and checks uv.lock with it, so the hooks can write a lockfile that CI's uv would write differently and then reject. Move it to uv {{target}} ({{newRev}}).",
      mismatchNewer:
        "This uv-pre-commit entry runs uv {{version}}, newer than the uv {{target}} CI runs ({{ciSource}}) and checks uv.lock with, so the hooks can write a lockfile that CI's uv would write differently and then reject. Upgrade CI to uv {{version}}, or move this entry to uv {{target}} ({{newRev}}).",
      setRev: "Set `rev: {{target}}`.",
    },
    languages: ["yml/yaml"],
  },
  create(context, [options]) {
    const { sourceCode } = context;

    /** What to write where: `rev: X` for a tag; a commit rev needs the commit of that tag, which only git knows. */
    function newRev(rev: UvPreCommitRev, target: string): string {
      return rev.kind === "tag" ? `\`rev: ${target}\`` : `\`rev:\` the commit of its tag ${target}, with \`# frozen: ${target}\``;
    }

    function describeCiSource(reason: Exclude<UvPinReason, { kind: "none" }>): string {
      if (reason.kind === "runner-image") return `the runner image \`${reason.file}\` pins it`;
      if (reason.kind === "required-version") return `\`required-version\` in ${reason.file} pins it`;
      return reason.steps === 1 ? "the repository's setup-uv step pins it" : `all ${reason.steps} setup-uv steps of the repository pin it`;
    }

    /** Reports `rev` as moving to uv `target`: fixed when `autofix` and the rev is a tag written in place, else suggested. */
    function report(rev: UvPreCommitRev, messageId: MessageIds, target: string, autofix: boolean, data: Record<string, string>): void {
      const scalar = rev.kind === "tag" ? scalarEditableAt(rev.revPair) : null;
      const replace: RuleFixer | null = scalar ? (fixer) => fixer.replaceTextRange(scalar.range, scalarInSameStyle(scalar, target)) : null;
      context.report({
        loc: rev.revPair.value!.loc,
        messageId,
        data: { ...data, version: rev.version, target, newRev: newRev(rev, target) },
        fix: autofix ? replace : null,
        suggest: !autofix && replace ? [{ messageId: "setRev", data: { target }, fix: replace }] : [],
      });
    }

    return {
      Program() {
        const revs = uvPreCommitRevs(preCommitRepos(sourceCode.ast), sourceCode.ast.comments);
        if (revs.length === 0) return;
        // pre-commit runs hooks from the repository root, where uv reads `required-version`.
        const required = readRequiredUvVersion(repositoryRootOf(context));
        let ci: UvPinReason | undefined;
        let ciChecks: boolean | undefined;
        for (const rev of revs) {
          if (required.kind === "specifier" && satisfies(rev.version, required.specifier) === false) {
            const { file, specifier } = required;
            const exact = exactRequiredVersion(specifier);
            if (exact === null) {
              context.report({ loc: rev.revPair.value!.loc, messageId: "unsatisfied", data: { version: rev.version, file, specifier } });
            } else {
              // A fix never moves the hooks to an older uv: `required-version` may be the stale side.
              const older = isOlderUv(exact, rev.version);
              report(rev, older ? "unsatisfiedOlder" : "unsatisfiedPinnable", exact, !older, { file, specifier });
            }
            continue;
          }
          ci ??= ciUvVersion(context, options);
          if (ci.kind === "none" || ci.version === rev.version) continue;
          // Where CI never checks the lockfile with its uv, the two uv versions never meet on it (inspect_ai).
          ciChecks ??= ciChecksLockfileWithItsUv(repositoryRootOf(context));
          if (!ciChecks) continue;
          const older = isOlderUv(ci.version, rev.version);
          // The dev container, where the hooks run, pins the same uv: moving the hooks alone would split them (inspect_ai).
          const devContainerAgrees = devContainerUvVersions(repositoryRootOf(context)).includes(rev.version);
          report(rev, older ? "mismatchNewer" : "mismatch", ci.version, !older && !devContainerAgrees, { ciSource: describeCiSource(ci) });
        }
      },
    };
  },
});

/**
 * Whether a workflow checks a uv.lock of the repository with the uv the job runs (`uv lock
 * --check`, `uv sync --locked`, `UV_LOCKED`): not an image build's uv, nor the hooks' own uv
 * where a workflow runs pre-commit.
 */
function ciChecksLockfileWithItsUv(root: string): boolean {
  return repositoryWorkflowFiles(root, MAY_CHECK_LOCKFILE).some(({ workflow }) => lockfileChecksOf(workflow, root).some((check) => check.by === "job"));
}

/** The uv versions the repository's dev container image pins (`.devcontainer/Dockerfile`), read as Dockerfiles are. */
function devContainerUvVersions(root: string): string[] {
  return readDockerfileUvPins(join(root, ".devcontainer", "Dockerfile")).map((pin) => pin.version);
}
