import tseslint from "typescript-eslint";
import uvCi from "./dist/src/index.js";

export default [
  { ignores: ["dist/", "coverage/", "examples/", "test/fixtures/", "node_modules/"] },
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ["**/*.ts"] })),
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  // The project's own workflows, linted with every rule of the plugin (configs.strict).
  ...uvCi.configs.strict,
];
