import js from "@eslint/js";
import eslintPlugin from "eslint-plugin-eslint-plugin";
import globals from "globals";
import tseslint from "typescript-eslint";
import uvCi from "./dist/src/index.js";

export default [
  { ignores: ["dist/", "coverage/", "examples/", "test/fixtures/", "node_modules/"] },
  // The scripts (corpus, bench, demo) and JavaScript configs: plain Node ES modules.
  { ...js.configs.recommended, files: ["**/*.js"] },
  { files: ["**/*.js"], languageOptions: { globals: globals.node } },
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ["**/*.ts"] })),
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  // The rules and their tests, linted as ESLint plugins are (every rule of eslint-plugin-eslint-plugin).
  {
    ...eslintPlugin.configs.all,
    files: ["rules/*.ts", "test/rules/*.test.ts"],
    rules: {
      ...eslintPlugin.configs.all.rules,
      // The rule creators (src/create-rule.ts) write docs.url from the rule's name; test/docs.test.ts checks each page exists.
      "eslint-plugin/require-meta-docs-url": "off",
      // A case reads from what it is about to what it expects.
      "eslint-plugin/test-case-property-ordering": ["error", ["name", "filename", "code", "output", "options", "settings", "languageOptions", "errors"]],
      "eslint-plugin/require-meta-docs-description": ["error", { pattern: "^(Enforce|Require|Disallow) " }],
      // Messages say what is wrong and what to do, in sentences (which may open with the file or step they name).
      "eslint-plugin/report-message-format": ["error", "^(?:[A-Z`]|\\{\\{).*\\.$"],
    },
  },
  // The project's own workflows, linted with every rule of the plugin (configs.strict).
  ...uvCi.configs.strict,
];
