import { createRequire } from "node:module";
import path from "node:path";
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
export async function loadFormatter(eslint: ESLint, format: FormatName, cwd: string): Promise<ESLint.LoadedFormatter> {
  if (format === "github") return githubFormatter(cwd);
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

/**
 * GitHub Actions workflow commands, one per finding (`::error file=…,line=…,col=…,title=…::message`),
 * which annotate the changed lines of a pull request without code scanning
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands).
 * Paths are relative to the working directory, which in a workflow is the checkout.
 */
function githubFormatter(cwd: string): ESLint.LoadedFormatter {
  return {
    format(results) {
      const lines: string[] = [];
      for (const result of results) {
        const file = path.relative(cwd, result.filePath).split(path.sep).join("/");
        for (const message of result.messages) {
          const command = message.severity === 2 ? "error" : "warning";
          const properties = [
            `file=${escapeProperty(file)}`,
            `line=${message.line}`,
            `col=${message.column}`,
            ...(message.endLine !== undefined ? [`endLine=${message.endLine}`] : []),
            ...(message.endColumn !== undefined ? [`endColumn=${message.endColumn}`] : []),
            `title=${escapeProperty(message.ruleId ?? (message.fatal ? "parse error" : "eslint"))}`,
          ];
          lines.push(`::${command} ${properties.join(",")}::${escapeData(message.message)}`);
        }
      }
      return lines.join("\n");
    },
  };
}

/** A workflow command's message, escaped as the runner's `toCommandValue` does. */
function escapeData(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

/** A workflow command property, which also escapes its separators `:` and `,`. */
function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}
