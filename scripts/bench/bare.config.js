// @ts-check
// The bare process that `npm run bench -- --cli` measures uv-ci-lint against: eslint-plugin-yml's
// language parses the workflows, and no rule runs. With UV_CI_BENCH_ONE_RULE=1, one rule that does
// nothing runs: what ESLint spends on having any rule on (it validates each rule's options with ajv).
import yml from "eslint-plugin-yml";

/** @type {import("eslint").ESLint.Plugin} */
const ymlPlugin = yml;

/** @type {import("eslint").ESLint.Plugin} */
const noOpPlugin = {
  rules: { "no-op": { meta: { type: "problem", schema: [], languages: ["yml/yaml"] }, create: () => ({ Program() {} }) } },
};

const oneRule = process.env.UV_CI_BENCH_ONE_RULE === "1";

/** @type {import("eslint").Linter.Config[]} */
export default [
  {
    files: ["**/*.yml", "**/*.yaml"],
    plugins: oneRule ? { yml: ymlPlugin, bench: noOpPlugin } : { yml: ymlPlugin },
    language: "yml/yaml",
    ...(oneRule ? { rules: { "bench/no-op": "error" } } : {}),
  },
];
