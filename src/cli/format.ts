import { createRequire } from "node:module";
import type { ESLint } from "eslint";
import type { FormatName } from "./options.js";

/**
 * Loads the formatter for `--format`. stylish and json are ESLint's own. sarif is
 * @microsoft/eslint-formatter-sarif, loaded only when asked for: it is CommonJS and reads lodash,
 * utf8 and jschardet at load time, which a stylish run has no use for. Its `eslint@8` dependency is
 * never loaded (it only asks the main module's ESLint for a version).
 */
export async function loadFormatter(eslint: ESLint, format: FormatName): Promise<ESLint.LoadedFormatter> {
  if (format !== "sarif") return eslint.loadFormatter(format);
  // A path (it contains "/") makes ESLint import this very module instead of searching for a package.
  const sarifFormatter = createRequire(import.meta.url).resolve("@microsoft/eslint-formatter-sarif");
  return eslint.loadFormatter(sarifFormatter);
}
