import path from "node:path";
import type { AST } from "yaml-eslint-parser";
import { isActionMetadataFileName, isPreCommitConfigFile, type YamlFileKind } from "../languages/files.js";
import { getWorkflow } from "./model.js";

/**
 * Which kind of YAML file is being linted, for the rules' `meta.docs.yamlFiles`: a pre-commit
 * configuration by its name, else what the model reads in it (a composite action's metadata, else
 * a workflow), except that an `action.yml` or
 * `action.yaml` outside `.github/workflows` that is no composite action (a JavaScript or Docker
 * action) is null: it has no steps, and no rule reads it.
 */
export function yamlFileKindOf(filename: string, source: { ast: AST.YAMLProgram; text: string }): YamlFileKind | null {
  if (isPreCommitConfigFile(filename)) return "pre-commit-config";
  const kind = getWorkflow(source).kind;
  const inWorkflowFolder = path.basename(path.dirname(path.dirname(path.resolve(filename)))) === ".github" && path.basename(path.dirname(path.resolve(filename))) === "workflows";
  if (kind !== "composite-action" && isActionMetadataFileName(filename) && !inWorkflowFolder) return null;
  return kind;
}

/** Whether a source code's tree is yaml-eslint-parser's (the `yml/yaml` language's), not one of our own languages'. */
export function isYamlProgram(ast: unknown): ast is AST.YAMLProgram {
  const node = ast as { type?: unknown; body?: unknown } | null;
  return node?.type === "Program" && Array.isArray(node.body) && node.body.every((entry: { type?: unknown }) => entry.type === "YAMLDocument");
}
