/** Kept equal to package.json by test/plugin.test.ts. */
export const PLUGIN_NAME = "eslint-plugin-uv-ci";
export const PLUGIN_VERSION = "0.1.0";
export const PLUGIN_NAMESPACE = "uv-ci";
