import path from "node:path";
import { ESLint } from "eslint";
import type { FormatName } from "./options.js";

/**
 * Loads the formatter for `--format`: stylish and json are ESLint's own; sarif and github are
 * written here (src/cli/sarif.ts, and below), and loaded only when asked for.
 */
export async function loadFormatter(eslint: ESLint, format: FormatName, cwd: string): Promise<ESLint.LoadedFormatter> {
  if (format === "github") return githubFormatter(cwd);
  if (format === "sarif") {
    const { sarifLog } = await import("./sarif.js");
    return { format: (results) => sarifLog(results, eslint.getRulesMetaForResults(results), cwd) };
  }
  return eslint.loadFormatter(format);
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
