import type { TSESLint } from "@typescript-eslint/utils";
import type { AST } from "yaml-eslint-parser";
import { createRule } from "../src/create-rule.js";
import { getWorkflow } from "../src/workflow/model.js";
import { setupUvSteps } from "../src/workflow/setup-uv.js";
import { parseReleaseTag, releaseTagInComment, trailingComment, type ReleaseTag } from "../src/workflow/setup-uv-release.js";
import { yamlSourceCode } from "../src/workflow/source.js";

type Options = [];
type MessageIds = "floatingTag" | "useCommentTag" | "useKnownTag";

/** The first setup-uv release that publishes no floating `vN` or `vN.N` tags (https://github.com/astral-sh/setup-uv/releases/tag/v8.0.0). */
const FIRST_MAJOR_WITHOUT_FLOATING_TAGS = 8;

/**
 * For a suggestion only: the newest release of each line that this plugin has seen published. A line
 * missing here gets no suggestion; the message still says what to do.
 */
const KNOWN_RELEASES: Record<string, string> = {
  "8": "v8.3.2",
  "8.0": "v8.0.0",
  "8.1": "v8.1.0",
  "8.2": "v8.2.0",
  "8.3": "v8.3.2",
  "9": "v9.0.0",
  "9.0": "v9.0.0",
  "10": "v10.3.1",
  "10.0": "v10.0.1",
  "10.3": "v10.3.1",
};

function formatTag(tag: ReleaseTag): string {
  return `v${[tag.major, tag.minor, tag.patch].filter((part) => part !== null).join(".")}`;
}

export default createRule<Options, MessageIds>({
  name: "valid-setup-uv-ref",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow `astral-sh/setup-uv` refs that do not exist, such as the major tag `@v8`",
      recommended: true,
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      floatingTag:
        "`astral-sh/setup-uv@{{ref}}` does not exist: since v8.0.0 setup-uv publishes only full release tags, no `v{{major}}` or `v{{major}}.N` tags, so GitHub fails the job before it starts. Pin a full release tag (`v{{major}}.X.Y`) or its commit SHA with a `# v{{major}}.X.Y` comment.",
      useCommentTag: "Use `{{tag}}`, the release named in the comment after it.",
      useKnownTag: "Use `{{tag}}`, the newest {{line}} release this plugin knows of (see https://github.com/astral-sh/setup-uv/releases for newer ones).",
    },
    languages: ["yml/yaml"],
  },
  create(context) {
    const sourceCode = yamlSourceCode(context);

    /** The range of the ref inside the `uses:` scalar (after `@`), or null when the source spells it some other way. */
    function refRange(node: AST.YAMLScalar, ref: string): [number, number] | null {
      const raw = sourceCode.text.slice(...node.range);
      const at = raw.lastIndexOf(`@${ref}`);
      if (at < 0) return null;
      const start = node.range[0] + at + 1;
      return [start, start + ref.length];
    }

    return {
      Program() {
        for (const step of setupUvSteps(getWorkflow(sourceCode))) {
          if (step.uses?.kind !== "action") continue;
          const { ref } = step.uses;
          const tag = parseReleaseTag(ref);
          if (!tag || !ref.startsWith("v") || tag.patch !== null || tag.major < FIRST_MAJOR_WITHOUT_FLOATING_TAGS) continue;
          const node = step.usesPair!.value as AST.YAMLScalar;
          const range = refRange(node, ref);
          const comment = trailingComment(sourceCode.ast, node);
          const fromComment = comment ? releaseTagInComment(comment.value) : null;
          const line = formatTag(tag).slice(1);
          const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
          if (range && fromComment?.patch != null && fromComment.major === tag.major && (tag.minor === null || fromComment.minor === tag.minor)) {
            const replacement = formatTag(fromComment);
            suggest.push({ messageId: "useCommentTag", data: { tag: replacement }, fix: (fixer) => fixer.replaceTextRange(range, replacement) });
          } else if (range && KNOWN_RELEASES[line]) {
            const replacement = KNOWN_RELEASES[line];
            suggest.push({ messageId: "useKnownTag", data: { tag: replacement, line: `v${line}` }, fix: (fixer) => fixer.replaceTextRange(range, replacement) });
          }
          context.report({ loc: node.loc, messageId: "floatingTag", data: { ref, major: String(tag.major) }, suggest });
        }
      },
    };
  },
});
