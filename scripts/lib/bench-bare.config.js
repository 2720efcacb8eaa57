// The bare process that `npm run bench -- --cli` measures uv-ci-lint against: eslint-plugin-yml's
// language parses the workflows, and no rule runs.
import yml from "eslint-plugin-yml";

export default [{ files: ["**/*.yml", "**/*.yaml"], plugins: { yml }, language: "yml/yaml" }];
