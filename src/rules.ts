import type { RuleDefinition } from "@eslint/core";
import requireConcurrencyPerRef from "../rules/require-concurrency-per-ref.js";

/** Every rule of the plugin by name; test/plugin.test.ts checks it against rules/ and docs/rules/. */
export const rules = {
  "require-concurrency-per-ref": requireConcurrencyPerRef,
} as unknown as Record<string, RuleDefinition>;
