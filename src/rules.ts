import type { RuleDefinition } from "@eslint/core";
import dockerignoreKeepsPythonVersion from "../rules/dockerignore-keeps-python-version.js";
import pinSetupUvVersion from "../rules/pin-setup-uv-version.js";
import requireConcurrencyPerRef from "../rules/require-concurrency-per-ref.js";
import uvVersionMatchesDockerfile from "../rules/uv-version-matches-dockerfile.js";

/** Every rule of the plugin by name; test/docs.test.ts checks it against rules/, test/rules/ and docs/rules/. */
export const rules = {
  "dockerignore-keeps-python-version": dockerignoreKeepsPythonVersion,
  "pin-setup-uv-version": pinSetupUvVersion,
  "require-concurrency-per-ref": requireConcurrencyPerRef,
  "uv-version-matches-dockerfile": uvVersionMatchesDockerfile,
} as unknown as Record<string, RuleDefinition>;
