import uvCi from "eslint-plugin-uv-ci";

export default [
  ...uvCi.configs.recommended,
  // CI runs on a scarce self-hosted runner: a superseded run must not keep holding it.
  {
    files: ["**/.github/workflows/*.{yml,yaml}"],
    rules: { "uv-ci/require-concurrency-per-ref": "error" },
  },
];
