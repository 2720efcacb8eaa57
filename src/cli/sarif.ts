// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html), written here rather
// than by @microsoft/eslint-formatter-sarif, which brought ~70 packages (a second ESLint among them)
// and a `jschardet: "latest"` dependency that makes `npm ls` fail in the user's project.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ESLint, Linter, Rule } from "eslint";
import plugin from "../index.js";
import { PLUGIN_NAME, PLUGIN_NAMESPACE, PLUGIN_VERSION } from "../meta.js";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI = "https://github.com/uv-ci/eslint-plugin-uv-ci";
/** What GitHub code scanning resolves artifact URIs against: the checkout. */
const SOURCE_ROOT = "%SRCROOT%";
/** The rule id a file that does not parse is reported under. */
const PARSE_ERROR_RULE = "parse-error";

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri?: string;
  help: { text: string };
}

/**
 * The package's root: the nearest folder above this module with a package.json. This module is
 * src/cli/sarif.ts in the checkout and a chunk of the bundle in dist/ (scripts/bundle.js), at
 * depths that need not stay equal.
 */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** The first paragraph of a rule's page below its generated header, as the rule's full description. */
function pageIntroduction(name: string): string | null {
  const page = path.join(packageRoot(), "docs", "rules", `${name}.md`);
  if (!existsSync(page)) return null;
  const text = readFileSync(page, "utf8");
  const body = text.slice(text.indexOf("<!-- end auto-generated rule header -->") + 1).split("\n").slice(1).join("\n");
  const paragraph = body.split(/\n\s*\n/).map((part) => part.trim()).find((part) => part !== "" && !part.startsWith("#"));
  return paragraph ? paragraph.replace(/\s*\n\s*/g, " ") : null;
}

function ruleDescriptor(id: string, meta: Rule.RuleMetaData | undefined): SarifRule {
  const description = meta?.docs?.description ?? id;
  const url = meta?.docs?.url;
  const ours = id.startsWith(`${PLUGIN_NAMESPACE}/`);
  const full = (ours ? pageIntroduction(id.slice(PLUGIN_NAMESPACE.length + 1)) : null) ?? `${description}.`;
  return {
    id,
    shortDescription: { text: description },
    fullDescription: { text: full },
    ...(url ? { helpUri: url } : {}),
    help: { text: url ? `${full} See ${url}.` : full },
  };
}

/** An artifact URI: relative to the source root when the file is inside it, else an absolute file URI. */
function artifactLocation(file: string, root: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(root, file);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return { uri: pathToFileURL(file).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join("/"), uriBaseId: SOURCE_ROOT };
}

/** The SARIF log of a lint run whose files lie under `root` (the working directory). */
export function sarifLog(results: ESLint.LintResult[], rulesMeta: Record<string, Rule.RuleMetaData>, root: string): string {
  const rules: SarifRule[] = Object.entries(plugin.rules).map(([name, rule]) => ruleDescriptor(`${PLUGIN_NAMESPACE}/${name}`, rule.meta as Rule.RuleMetaData));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const indexOf = (id: string): number => {
    if (!ruleIndex.has(id)) {
      ruleIndex.set(id, rules.length);
      rules.push(
        id === PARSE_ERROR_RULE
          ? { id, shortDescription: { text: "The file does not parse" }, fullDescription: { text: "The file does not parse, so no rule could check it." }, help: { text: "Fix the syntax error the message names." } }
          : ruleDescriptor(id, rulesMeta[id]),
      );
    }
    return ruleIndex.get(id)!;
  };
  const artifacts: { location: { uri: string; uriBaseId?: string } }[] = [];
  const sarifResults = [];
  for (const result of results) {
    const location = artifactLocation(result.filePath, root);
    const artifactIndex = artifacts.push({ location }) - 1;
    for (const message of result.messages as Linter.LintMessage[]) {
      const ruleId = message.ruleId ?? PARSE_ERROR_RULE;
      const region: Record<string, number> = { startLine: Math.max(1, message.line || 1), startColumn: Math.max(1, message.column || 1) };
      if (message.endLine !== undefined) region.endLine = message.endLine;
      if (message.endColumn !== undefined) region.endColumn = message.endColumn;
      sarifResults.push({
        ruleId,
        ruleIndex: indexOf(ruleId),
        level: message.severity === 2 ? "error" : "warning",
        message: { text: message.message },
        locations: [{ physicalLocation: { artifactLocation: { ...location, index: artifactIndex }, region } }],
      });
    }
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: PLUGIN_NAME, version: PLUGIN_VERSION, informationUri: INFORMATION_URI, rules } },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: pathToFileURL(root.endsWith(path.sep) ? root : `${root}${path.sep}`).href } },
        artifacts,
        results: sarifResults,
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
