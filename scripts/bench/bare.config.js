// @ts-check
// The bare process that `npm run bench -- --cli` measures uv-ci-lint against: eslint-plugin-yml's
// language parses the workflows, and no rule runs.
import yml from "eslint-plugin-yml";

/** @type {import("eslint").ESLint.Plugin} */
const ymlPlugin = yml;

/** @type {import("eslint").Linter.Config[]} */
export default [{ files: ["**/*.yml", "**/*.yaml"], plugins: { yml: ymlPlugin }, language: "yml/yaml" }];
