import type { SuggestedEdit } from "@eslint/core";
import type { AST } from "yaml-eslint-parser";
import { createWorkflowRule } from "../src/create-rule.js";
import { getWorkflow } from "../src/workflow/model.js";
import { setupUvSteps } from "../src/workflow/setup-uv.js";
import {
  findRelease,
  FIRST_MAJOR_WITHOUT_FLOATING_TAGS,
  formatTag,
  isCommitSha,
  NEWEST_RELEASE,
  newerThanTable,
  parseReleaseTag,
  releasesOfLine,
  releaseTagInComment,
  trailingComment,
  type ReleaseTag,
} from "../src/workflow/setup-uv-release.js";

type Options = [];
type MessageIds = "floatingTag" | "unknownTag" | "useCommentTag" | "useKnownTag";

export default createWorkflowRule<Options, MessageIds>({
  name: "valid-setup-uv-ref",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow `astral-sh/setup-uv` refs that do not exist, such as the major tag `@v8`",
      recommended: true,
      yamlFiles: ["workflow", "composite-action"],
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      floatingTag:
        "`astral-sh/setup-uv@{{ref}}` does not exist: since v8.0.0 setup-uv publishes only full release tags, no `v{{major}}` or `v{{major}}.N` tags, so GitHub fails the job before it starts. Pin a full release tag (`v{{major}}.X.Y`) or its commit SHA with a `# v{{major}}.X.Y` comment.",
      unknownTag:
        "`astral-sh/setup-uv@{{ref}}` is not a tag of setup-uv (none of its tags up to {{newest}} is), so GitHub fails the job before it starts. Pin a release tag that exists or its commit SHA with a `# vX.Y.Z` comment.",
      useCommentTag: "Use `{{tag}}`, the release named in the comment after it.",
      useKnownTag: "Use `{{tag}}`, the newest {{line}} release this plugin knows of (see https://github.com/astral-sh/setup-uv/releases for newer ones).",
    },
    languages: ["yml/yaml"],
  },
  create(context) {
    const { sourceCode } = context;

    /** The range of the ref inside the `uses:` scalar (after `@`), or null when the source spells it some other way. */
    function refRange(node: AST.YAMLScalar, ref: string): [number, number] | null {
      const raw = sourceCode.text.slice(...node.range);
      const at = raw.lastIndexOf(`@${ref}`);
      if (at < 0) return null;
      const start = node.range[0] + at + 1;
      return [start, start + ref.length];
    }

    /** A replacement for a ref that does not exist: the release its comment names, else the newest of its line. */
    function suggestions(node: AST.YAMLScalar, ref: string, tag: ReleaseTag): SuggestedEdit<MessageIds>[] {
      const range = refRange(node, ref);
      if (!range) return [];
      const comment = trailingComment(sourceCode.ast, node);
      const fromComment = comment ? releaseTagInComment(comment.value) : null;
      // The ref's own minor line when it has releases; else, for a ref that cannot be newer than the table, its major line.
      const minorLine = tag.minor === null ? null : { ...tag, patch: null };
      const line = minorLine && (releasesOfLine(minorLine).length > 0 || newerThanTable(tag)) ? minorLine : { major: tag.major, minor: null, patch: null };
      if (fromComment?.patch != null && releasesOfLine(line).some((row) => row.tag === formatTag(fromComment))) {
        const replacement = formatTag(fromComment);
        return [{ messageId: "useCommentTag", data: { tag: replacement }, fix: (fixer) => fixer.replaceTextRange(range, replacement) }];
      }
      const newest = releasesOfLine(line).at(-1);
      if (!newest) return [];
      return [{ messageId: "useKnownTag", data: { tag: newest.tag, line: formatTag(line) }, fix: (fixer) => fixer.replaceTextRange(range, newest.tag) }];
    }

    return {
      Program() {
        for (const step of setupUvSteps(getWorkflow(sourceCode))) {
          if (step.uses?.kind !== "action") continue;
          const { ref } = step.uses;
          // A tag or a commit of a release resolves (whether it can verify the uv it installs is no-unverified-uv-download's).
          if (findRelease(ref)) continue;
          const tag = isCommitSha(ref) ? null : parseReleaseTag(ref);
          // A branch, or a commit the table does not know: nothing to say offline.
          if (!tag) continue;
          const node = step.usesPair!.value as AST.YAMLScalar;
          if (ref.startsWith("v") && tag.patch === null && tag.major >= FIRST_MAJOR_WITHOUT_FLOATING_TAGS) {
            context.report({ loc: node.loc, messageId: "floatingTag", data: { ref, major: String(tag.major) }, suggest: suggestions(node, ref, tag) });
          } else if (!newerThanTable(tag)) {
            context.report({ loc: node.loc, messageId: "unknownTag", data: { ref, newest: NEWEST_RELEASE.tag }, suggest: suggestions(node, ref, tag) });
          }
        }
      },
    };
  },
});
