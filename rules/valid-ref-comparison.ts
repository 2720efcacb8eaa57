import type { RuleFixer } from "@eslint/core";
import type { AST } from "yaml-eslint-parser";
import { createWorkflowRule } from "../src/create-rule.js";
import { literalComparisons, parseCondition, splitTemplate, type LiteralComparison } from "../src/workflow/expressions.js";
import { isGeneratedWorkflow } from "../src/workflow/generated.js";
import { getWorkflow } from "../src/workflow/model.js";
import { isSharedThroughAnchor, keyName } from "../src/workflow/yaml-nodes.js";

type Options = [];
type MessageIds = "bareBranch" | "bareBranchOnPullRequests" | "fullRef" | "compareWith";

/** Contexts that hold a full ref (`refs/heads/main`, `refs/tags/v1`, `refs/pull/1/merge`). */
const FULL_REF_CONTEXTS = ["github.ref"];
/** Contexts that hold a bare branch or tag name (`main`), never `refs/…`. */
const BARE_NAME_CONTEXTS = ["github.ref_name", "github.head_ref", "github.base_ref"];

/** A comparison that can never be true (with `==`) or never false (with `!=`), and the literal that would make it work. */
interface NeverMatching extends LiteralComparison {
  intended: string;
}

export default createWorkflowRule<Options, MessageIds>({
  name: "valid-ref-comparison",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow comparing `github.ref` with a bare branch name, or `github.ref_name`, `head_ref` and `base_ref` with a full ref, which never match",
      recommended: false,
      yamlFiles: ["workflow", "composite-action"],
    },
    fixable: "code",
    hasSuggestions: true,
    schema: [],
    messages: {
      bareBranch:
        "`{{path}}` is a full ref such as `refs/heads/{{value}}`, never `{{value}}`, so `{{path}} {{operator}} {{lexeme}}` is always {{always}}. Compare with `'{{intended}}'` (or use `github.ref_name`).",
      bareBranchOnPullRequests:
        "`{{path}}` is a full ref such as `refs/heads/{{value}}`, never `{{value}}`, so `{{path}} {{operator}} {{lexeme}}` is always {{always}}. On a pull request it is `refs/pull/N/merge`: to ask for the pull request's branch, compare `github.head_ref` with `{{lexeme}}`; for pushes, compare with `'{{intended}}'`.",
      compareWith: "Compare with `'{{intended}}'` (pushes to the branch).",
      fullRef:
        "`{{path}}` is a bare name such as `{{intended}}`, never `{{value}}`, so `{{path}} {{operator}} {{lexeme}}` is always {{always}}. Compare with `'{{intended}}'` (or use `github.ref`).",
    },
    languages: ["yml/yaml"],
  },
  create(context) {
    const { sourceCode } = context;
    const fixable = !isGeneratedWorkflow(sourceCode.text, context.filename);
    // There `github.ref` is `refs/pull/N/merge`, and the branch meant may be the pull request's (localstack's ARM tests).
    const workflow = getWorkflow(sourceCode);
    const mayRunOnPullRequests = workflow.kind === "composite-action" || workflow.triggers.some((trigger) => trigger.startsWith("pull_request"));

    return {
      Program() {
        visit(sourceCode.ast.body[0]?.content ?? null, null);
      },
    };

    function visit(node: AST.YAMLContent | AST.YAMLWithMeta | null, key: string | null): void {
      if (!node) return;
      if (node.type === "YAMLWithMeta") return visit(node.value, key);
      if (node.type === "YAMLMapping") {
        for (const pair of node.pairs) visit(pair.value, keyName(pair));
      } else if (node.type === "YAMLSequence") {
        for (const entry of node.entries) visit(entry, null);
      } else if (node.type === "YAMLScalar" && typeof node.value === "string") {
        check(node, key === "if" ? [parseCondition(node.value)] : splitTemplate(node.value).map((part) => (part.kind === "expression" ? part.expression : null)));
      }
    }

    function check(node: AST.YAMLScalar, expressions: ReturnType<typeof parseCondition>[]): void {
      const neverMatching = expressions.flatMap((expression) => (expression ? literalComparisons(expression) : [])).flatMap(neverMatches);
      for (const comparison of neverMatching) {
        const bare = FULL_REF_CONTEXTS.includes(comparison.path);
        const ambiguous = bare && mayRunOnPullRequests;
        const fix = fixable ? replaceLiteral(node, comparison) : null;
        context.report({
          loc: node.loc,
          messageId: ambiguous ? "bareBranchOnPullRequests" : bare ? "bareBranch" : "fullRef",
          data: {
            path: comparison.path,
            operator: comparison.operator,
            value: comparison.value,
            lexeme: comparison.lexeme,
            intended: comparison.intended,
            always: comparison.operator === "==" ? "false" : "true",
          },
          fix: ambiguous ? null : fix,
          suggest: ambiguous && fix ? [{ messageId: "compareWith", data: { intended: comparison.intended }, fix }] : [],
        });
      }
    }

    /** Rewrites the literal where the scalar's source shows the comparison as written, once; null otherwise. */
    function replaceLiteral(node: AST.YAMLScalar, comparison: NeverMatching): RuleFixer | null {
      if (node.style === "single-quoted" || isSharedThroughAnchor(node)) return null;
      const source = sourceCode.text.slice(...node.range);
      const property = comparison.path.replaceAll(".", "\\.");
      const pattern = new RegExp(`(${property}\\s*${comparison.operator}\\s*)${escape(comparison.lexeme)}|${escape(comparison.lexeme)}(\\s*${comparison.operator}\\s*${property})`, "g");
      const matches = [...source.matchAll(pattern)];
      if (matches.length !== 1) return null;
      const match = matches[0]!;
      const literalStart = node.range[0] + match.index + (match[1]?.length ?? 0);
      return (fixer) => fixer.replaceTextRange([literalStart, literalStart + comparison.lexeme.length], `'${comparison.intended}'`);
    }
  },
});

/** The comparison, with the literal that would make it work, when it can never match as written. */
function neverMatches(comparison: LiteralComparison): NeverMatching[] {
  const { path, value } = comparison;
  if (FULL_REF_CONTEXTS.includes(path) && /^[\w.-][\w./-]*$/.test(value) && !value.startsWith("refs/") && !value.includes("*")) {
    return [{ ...comparison, intended: `refs/heads/${value}` }];
  }
  if (BARE_NAME_CONTEXTS.includes(path) && /^refs\/(?:heads|tags)\/./.test(value)) {
    return [{ ...comparison, intended: value.replace(/^refs\/(?:heads|tags)\//, "") }];
  }
  return [];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
