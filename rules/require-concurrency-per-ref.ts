import type { TSESLint } from "@typescript-eslint/utils";
import type { AST } from "yaml-eslint-parser";
import { createRule } from "../src/create-rule.js";
import {
  appendPair,
  blankLinesAbove,
  detectEol,
  detectIndentUnit,
  insertionFix,
  scalarSource,
  startOfLeadingComments,
} from "../src/fix/yaml-layout.js";
import { concurrencyGroupKeys, DEFAULT_CONCURRENCY_GROUP } from "../src/workflow/concurrency.js";
import { containsExpression } from "../src/workflow/expressions.js";
import { getWorkflow, type Workflow } from "../src/workflow/model.js";
import { yamlSourceCode } from "../src/workflow/source.js";
import { asMapping, asScalar, pairsByKey, scalarText } from "../src/workflow/yaml-nodes.js";

type Options = [{ triggers: string[]; group: string; allowLiteralWorkflowName: boolean }];
type MessageIds =
  | "missingConcurrency"
  | "stringForm"
  | "missingGroup"
  | "groupMissingWorkflow"
  | "groupMissingRef"
  | "missingCancelInProgress"
  | "cancelInProgressFalse"
  | "useMapping"
  | "useDefaultGroup"
  | "setCancelInProgressTrue";

export default createRule<Options, MessageIds>({
  name: "require-concurrency-per-ref",
  meta: {
    type: "problem",
    docs: {
      description: "Require a workflow-level `concurrency` group per workflow and ref that cancels superseded runs",
      recommended: true,
    },
    languages: ["yml/yaml"],
    fixable: "code",
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          triggers: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Check only workflows with at least one of these triggers; empty checks every workflow.",
          },
          group: {
            type: "string",
            minLength: 1,
            description: "The `group` that the fix inserts.",
          },
          allowLiteralWorkflowName: {
            type: "boolean",
            description:
              "Accept literal text in the group (`lint-${{ github.ref }}`) as naming the workflow; only safe when no two workflows use the same text.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ triggers: [], group: DEFAULT_CONCURRENCY_GROUP, allowLiteralWorkflowName: false }],
    messages: {
      missingConcurrency:
        "Workflow has no `concurrency`, so a new push leaves the superseded run holding a runner. Add `concurrency` with a per-ref `group` and `cancel-in-progress: true`.",
      stringForm:
        "`concurrency` as a string only queues runs and cannot cancel them. Use a mapping with `group` and `cancel-in-progress: true`.",
      missingGroup: "`concurrency` has no `group`, which GitHub requires. Add `group: {{group}}`.",
      groupMissingWorkflow:
        "Concurrency group does not include `github.workflow`, so runs of other workflows on the same ref share it and cancel each other. Key it on the workflow and the ref.",
      groupMissingRef:
        "Concurrency group does not include the ref (`github.ref`, `github.head_ref`, …), so runs on different branches share it and cancel each other. Key it on the workflow and the ref.",
      missingCancelInProgress:
        "`concurrency` has no `cancel-in-progress`, so a new run waits for the superseded one instead of cancelling it. Add `cancel-in-progress: true`.",
      cancelInProgressFalse:
        "`cancel-in-progress: false` keeps superseded runs holding runners. Set it to `true`, or to an expression if only some runs may be cancelled.",
      useMapping: "Replace with a mapping: `group: {{group}}`, `cancel-in-progress: true`.",
      useDefaultGroup: "Use `group: {{group}}`.",
      setCancelInProgressTrue: "Set `cancel-in-progress: true`.",
    },
  },
  create(context, [options]) {
    const sourceCode = yamlSourceCode(context);
    const text = sourceCode.text;

    function isChecked(workflow: Workflow): boolean {
      const { triggers } = workflow;
      // Under workflow_call, github.workflow is the caller's name: a group here would deadlock with the caller's.
      if (triggers.length > 0 && triggers.every((trigger) => trigger === "workflow_call")) return false;
      return options.triggers.length === 0 || triggers.some((trigger) => options.triggers.includes(trigger));
    }

    function reportMissing(workflow: Workflow): void {
      const jobs = workflow.topLevel.get("jobs");
      const root = workflow.root as AST.YAMLMapping;
      context.report({
        loc: (jobs?.key ?? root).loc,
        messageId: "missingConcurrency",
        fix: jobs && root.style === "block" ? (fixer) => {
          const at = startOfLeadingComments(text, jobs);
          const eol = detectEol(text);
          const indent = " ".repeat(jobs.loc.start.column);
          const unit = " ".repeat(detectIndentUnit(sourceCode.ast));
          const block = [
            `${indent}concurrency:`,
            `${indent}${unit}group: ${scalarSource(options.group, false)}`,
            `${indent}${unit}cancel-in-progress: true`,
            ...Array<string>(blankLinesAbove(text, at)).fill(""),
          ];
          return fixer.insertTextBeforeRange([at, at], block.map((line) => line + eol).join(""));
        } : null,
      });
    }

    function checkMapping(concurrency: AST.YAMLMapping): void {
      const keys = pairsByKey(concurrency);
      const groupPair = keys.get("group");
      const group = scalarText(groupPair?.value);
      if (!groupPair) {
        const insertion = appendPair(text, concurrency, "group", scalarSource(options.group, concurrency.style === "flow"));
        context.report({
          loc: concurrency.loc,
          messageId: "missingGroup",
          data: { group: options.group },
          fix: insertionFix(insertion),
        });
      } else {
        const groupKeys = concurrencyGroupKeys(group ?? "", options.allowLiteralWorkflowName);
        const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [
          {
            messageId: "useDefaultGroup",
            data: { group: options.group },
            fix: (fixer) => fixer.replaceTextRange((groupPair.value ?? groupPair).range, scalarSource(options.group, concurrency.style === "flow")),
          },
        ];
        const loc = (groupPair.value ?? groupPair).loc;
        if (!groupKeys.workflow) context.report({ loc, messageId: "groupMissingWorkflow", suggest });
        else if (!groupKeys.ref) context.report({ loc, messageId: "groupMissingRef", suggest });
      }

      const cancelPair = keys.get("cancel-in-progress");
      if (!cancelPair) {
        const insertion = appendPair(text, concurrency, "cancel-in-progress", "true");
        context.report({
          loc: concurrency.loc,
          messageId: "missingCancelInProgress",
          fix: insertionFix(insertion),
        });
        return;
      }
      const cancel = asScalar(cancelPair.value);
      const cancelText = scalarText(cancel);
      if (cancel && cancelText !== null && !containsExpression(cancelText) && cancelText !== "true") {
        context.report({
          loc: cancel.loc,
          messageId: "cancelInProgressFalse",
          suggest: [{ messageId: "setCancelInProgressTrue", fix: (fixer) => fixer.replaceTextRange(cancel.range, "true") }],
        });
      }
    }

    function reportStringForm(workflow: Workflow, concurrencyPair: AST.YAMLPair): void {
      const value = concurrencyPair.value;
      const group = scalarText(value);
      const canRewrite = value && group !== null && workflow.root?.style === "block";
      context.report({
        loc: (value ?? concurrencyPair).loc,
        messageId: "stringForm",
        suggest: canRewrite
          ? [
              {
                messageId: "useMapping",
                data: { group: options.group },
                fix: (fixer) => {
                  const eol = detectEol(text);
                  const indent = " ".repeat(concurrencyPair.loc.start.column + detectIndentUnit(sourceCode.ast));
                  const keys = concurrencyGroupKeys(group, options.allowLiteralWorkflowName);
                  const groupText = keys.workflow && keys.ref ? text.slice(...value.range) : scalarSource(options.group, false);
                  const key = concurrencyPair.key ?? concurrencyPair;
                  const mapping = `:${eol}${indent}group: ${groupText}${eol}${indent}cancel-in-progress: true`;
                  return fixer.replaceTextRange([key.range[1], value.range[1]], mapping);
                },
              },
            ]
          : [],
      });
    }

    return {
      Program() {
        const workflow = getWorkflow(sourceCode);
        if (!workflow.root || !isChecked(workflow)) return;
        const concurrencyPair = workflow.topLevel.get("concurrency");
        if (!concurrencyPair) return reportMissing(workflow);
        const mapping = asMapping(concurrencyPair.value);
        if (mapping) return checkMapping(mapping);
        reportStringForm(workflow, concurrencyPair);
      },
    };
  },
});
