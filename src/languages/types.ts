import type { RuleVisitor } from "@eslint/core";
import type { YAMLLanguageOptions, YAMLSourceCode } from "eslint-plugin-yml";
import type { AST } from "yaml-eslint-parser";
import type { DockerfileNode } from "./dockerfile/ast.js";
import type { DockerfileLanguageOptions, DockerfileSourceCode } from "./dockerfile/source-code.js";
import type { DockerignoreNode } from "./dockerignore/ast.js";
import type { DockerignoreLanguageOptions, DockerignoreSourceCode } from "./dockerignore/source-code.js";

/**
 * A listener for each node type of `Node`, on entry and on `:exit`, given the node of that type and
 * its parent (undefined for the root), as ESLint calls them; selectors keep RuleVisitor's typing.
 */
type NodeListeners<Node extends { type: string }> = {
  [Type in Node["type"] as Type | `${Type}:exit`]?: (node: Extract<Node, { type: Type }>, parent?: Node) => void;
};

/** Listeners of a rule on workflows: the YAML AST of eslint-plugin-yml's `yml/yaml` (its root's type is `Program`). */
export interface WorkflowRuleVisitor extends RuleVisitor, NodeListeners<AST.YAMLNode> {}

/** Listeners of a rule on `uv-ci/dockerfile`. */
export interface DockerfileRuleVisitor extends RuleVisitor, NodeListeners<DockerfileNode> {}

/** Listeners of a rule on `uv-ci/dockerignore`. */
export interface DockerignoreRuleVisitor extends RuleVisitor, NodeListeners<DockerignoreNode> {}

/**
 * What a rule on workflows works with: eslint-plugin-yml's language (`yml/yaml`), whose source code
 * is its `YAMLSourceCode` over yaml-eslint-parser's AST.
 */
export interface WorkflowLanguageTypes {
  LangOptions: YAMLLanguageOptions;
  Code: YAMLSourceCode;
  Visitor: WorkflowRuleVisitor;
  Node: AST.YAMLNode;
}

/** What a rule on `uv-ci/dockerfile` works with. */
export interface DockerfileLanguageTypes {
  LangOptions: DockerfileLanguageOptions;
  Code: DockerfileSourceCode;
  Visitor: DockerfileRuleVisitor;
  Node: DockerfileNode;
}

/** What a rule on `uv-ci/dockerignore` works with. */
export interface DockerignoreLanguageTypes {
  LangOptions: DockerignoreLanguageOptions;
  Code: DockerignoreSourceCode;
  Visitor: DockerignoreRuleVisitor;
  Node: DockerignoreNode;
}
