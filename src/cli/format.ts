import { createRequire } from "node:module";
import { ESLint } from "eslint";
import type { FormatName } from "./options.js";

/** The final SARIF 2.1.0 schema; the formatter still names a release candidate (rtm.5). */
const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/**
 * Loads the formatter for `--format`. stylish and json are ESLint's own. sarif is
 * @microsoft/eslint-formatter-sarif, loaded only when asked for: it is CommonJS and reads lodash,
 * utf8 and jschardet at load time, which a stylish run has no use for. Its `eslint@8` dependency is
 * never loaded (it only asks the main module's ESLint for a version, and finds none under ESM),
 * so the log gets ESLint's version and the final schema URL here.
 */
export async function loadFormatter(eslint: ESLint, format: FormatName): Promise<ESLint.LoadedFormatter> {
  if (format !== "sarif") return eslint.loadFormatter(format);
  // A path (it contains "/") makes ESLint import this very module instead of searching for a package.
  const sarifFormatter = await eslint.loadFormatter(createRequire(import.meta.url).resolve("@microsoft/eslint-formatter-sarif"));
  return {
    async format(results, data) {
      const log = JSON.parse(await sarifFormatter.format(results, data)) as {
        $schema?: string;
        runs?: { tool?: { driver?: { version?: string } } }[];
      };
      log.$schema = SARIF_SCHEMA;
      for (const run of log.runs ?? []) {
        if (run.tool?.driver && !run.tool.driver.version) run.tool.driver.version = ESLint.version;
      }
      return JSON.stringify(log, null, 2);
    },
  };
}
