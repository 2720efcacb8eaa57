import { readFileSync } from "node:fs";
import path from "node:path";
import { ESLint, type Linter } from "eslint";
import plugin from "../index.js";
import { PLUGIN_VERSION } from "../meta.js";
import { loadFormatter } from "./format.js";
import { parseCliOptions, USAGE, UsageError, type CliOptions } from "./options.js";
import { ruleOverrideConfigs } from "./rule-option.js";
import { defaultLintPatterns, isFile, languageObjectsOf, lintTargets, virtualEnvironmentIgnores } from "./targets.js";

/** Where `runCli` reads and writes; the bin passes the process's own. */
export interface CliIo {
  cwd: string;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Exit codes as ESLint's own CLI uses them. */
const EXIT = { clean: 0, problems: 1, failure: 2 } as const;

const PROGRAM = "uv-ci-lint";

/**
 * Runs `uv-ci-lint` with the arguments after the program name and returns its exit code. Never
 * throws: a usage or internal error is one line on stderr and exit code 2.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const options = parseCliOptions(argv);
    if (options.help) {
      io.stdout.write(`${USAGE}\n`);
      return EXIT.clean;
    }
    if (options.version) {
      io.stdout.write(`${PROGRAM} ${PLUGIN_VERSION} (ESLint ${ESLint.version})\n`);
      return EXIT.clean;
    }
    return await lint(options, io);
  } catch (error) {
    const message = error instanceof UsageError ? `${error.message} Run '${PROGRAM} --help' for the options.` : withHint(wholeMessage(error));
    io.stderr.write(`${PROGRAM}: ${message}\n`);
    return EXIT.failure;
  }
}

async function lint(options: CliOptions, io: CliIo): Promise<number> {
  const { cwd } = io;
  const preset = plugin.configs[options.preset ?? "recommended"] as Linter.Config[];
  // `--preset` chooses the config, as `eslint --config` does: the project's is then not looked up.
  const configFile = options.preset ? undefined : await new ESLint({ cwd }).findConfigFile();
  const ruleOverrides = ruleOverrideConfigs(options.rules, preset);
  const virtualEnvironments = virtualEnvironmentIgnores();
  const eslintSkipping = (ignorePatterns: string[], fix = false): ESLint =>
    new ESLint({
      cwd,
      fix,
      errorOnUnmatchedPattern: false,
      ignorePatterns,
      // Without a config of the project's own, lint with the preset only; `--rule` goes on top of either.
      ...(configFile
        ? { overrideConfig: [virtualEnvironments, ...ruleOverrides] }
        : { overrideConfigFile: true, overrideConfig: [...preset, virtualEnvironments, ...ruleOverrides], warnIgnored: false }),
    });
  let eslint = eslintSkipping([]);
  const given = lintTargets(options.paths, cwd, defaultLintPatterns(preset));
  const targets = configFile ? given : await withoutUncoveredFiles(eslint, given, cwd, languageObjectsOf(preset));
  let results: ESLint.LintResult[] = [];
  let ignorePatterns: string[] = [];
  if (targets.length > 0) ({ eslint, results, ignorePatterns } = await lintSkippingUnreadableFiles(eslint, eslintSkipping, targets, io));
  results = withoutBinaryFiles(results, io);
  if (options.fix) results = await fixFiles(results, eslintSkipping(ignorePatterns, true), io);
  const warningCount = results.reduce((sum, result) => sum + result.warningCount, 0);
  const errorCount = results.reduce((sum, result) => sum + result.errorCount, 0);
  const tooManyWarnings = options.maxWarnings >= 0 && warningCount > options.maxWarnings;
  const formatter = await loadFormatter(eslint, options.format, cwd);
  const shown = options.quiet ? ESLint.getErrorResults(results) : results;
  const output = await formatter.format(
    shown,
    tooManyWarnings ? { maxWarningsExceeded: { maxWarnings: options.maxWarnings, foundWarnings: warningCount } } : undefined,
  );
  if (output) io.stdout.write(output.endsWith("\n") ? output : `${output}\n`);

  if (tooManyWarnings) {
    io.stderr.write(`${PROGRAM}: too many warnings: ${warningCount}, more than --max-warnings ${options.maxWarnings}.\n`);
  }
  // As `eslint` does for a pattern that matches nothing: a check that checks nothing must not pass.
  if (results.length === 0) {
    io.stderr.write(`${PROGRAM}: ${await nothingToLint(eslint, configFile, given, options.paths, cwd)}\n`);
    return EXIT.failure;
  }
  return errorCount > 0 || tooManyWarnings ? EXIT.problems : EXIT.clean;
}

/** Errors of reading a listed file that make it one to skip, not a reason to stop. */
const UNREADABLE_FILE_CODES = new Set(["ENOENT", "EACCES", "EPERM", "ELOOP", "EISDIR"]);

/**
 * `lintFiles`, skipping the files ESLint lists and then cannot read: a symbolic link to a missing
 * file, or one that vanished or is unreadable. ESLint lists a file by its name and then stops the
 * whole run on the first one it cannot read (eslint/eslint#10039), so each such file is named on
 * stderr and ignored, and the run starts again, with a new instance that ignores it. Nothing is
 * written before the run that succeeds: fixes are written by the caller.
 */
async function lintSkippingUnreadableFiles(
  first: ESLint,
  eslintSkipping: (ignorePatterns: string[]) => ESLint,
  targets: string[],
  io: CliIo,
): Promise<{ eslint: ESLint; results: ESLint.LintResult[]; ignorePatterns: string[] }> {
  const skipped: string[] = [];
  for (let eslint = first; ; eslint = eslintSkipping(skipped.map(literalPattern))) {
    try {
      return { eslint, results: await eslint.lintFiles(targets), ignorePatterns: skipped.map(literalPattern) };
    } catch (error) {
      const { code, path: file } = error as NodeJS.ErrnoException;
      if (code === undefined || !UNREADABLE_FILE_CODES.has(code) || file === undefined) throw error;
      const relativeFile = path.relative(io.cwd, file);
      const insideCwd = relativeFile !== "" && !relativeFile.startsWith("..") && !path.isAbsolute(relativeFile);
      const name = relativeFile.split(path.sep).join("/");
      if (!insideCwd || skipped.includes(name)) throw error;
      skipped.push(name);
      io.stderr.write(`${PROGRAM}: skipped ${name}: ${code === "ENOENT" ? "it is a symbolic link to a missing file, or it vanished" : `it cannot be read (${code})`}.\n`);
    }
  }
}

/**
 * The results without those of binary files (with a NUL byte, as Git tells binary from text), each
 * named on stderr like an unreadable file: ESLint reads a binary `Dockerfile` as text and finds
 * nothing in it, which would pass it as checked, and a fix would write text into it. The rules
 * themselves skip binary files they read (src/docker/uv-pins.ts).
 */
function withoutBinaryFiles(results: ESLint.LintResult[], io: CliIo): ESLint.LintResult[] {
  return results.filter((result) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(result.filePath);
    } catch {
      return true;
    }
    if (!bytes.includes(0)) return true;
    io.stderr.write(`${PROGRAM}: skipped ${displayPath(io.cwd, result.filePath)}: it is a binary file (it holds a NUL byte), not text.\n`);
    return false;
  });
}

/**
 * `--fix`: lints again, with fixes, the files that have fixable problems, writes the fixes and says
 * how many problems fewer there are in how many files, and how many remain. ESLint tells neither
 * (it reports only what remains), and a second lint of just the fixable files is the one way to
 * know what the fixes changed; the other results stand as they are.
 */
async function fixFiles(results: ESLint.LintResult[], fixer: ESLint, io: CliIo): Promise<ESLint.LintResult[]> {
  const problems = (list: readonly ESLint.LintResult[]): number => list.reduce((sum, result) => sum + result.errorCount + result.warningCount, 0);
  const fixable = results.filter((result) => result.fixableErrorCount + result.fixableWarningCount > 0);
  if (fixable.length === 0) return results;
  const fixedResults = await fixer.lintFiles(fixable.map((result) => result.filePath));
  await ESLint.outputFixes(fixedResults);
  const byFile = new Map(fixedResults.map((result) => [result.filePath, result]));
  const merged = results.map((result) => byFile.get(result.filePath) ?? result);
  const fixedFiles = fixedResults.filter((result) => result.output !== undefined).length;
  const fixedProblems = Math.max(0, problems(fixable) - problems(fixedResults));
  const remaining = problems(merged);
  const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? "" : "s"}`;
  if (fixedFiles === 0) return merged;
  io.stderr.write(
    `${PROGRAM}: fixed ${plural(fixedProblems, "problem")} in ${plural(fixedFiles, "file")}` +
      (remaining === 0 ? "; nothing remains.\n" : `; ${plural(remaining, "problem")} ${remaining === 1 ? "remains" : "remain"}, which --fix cannot fix.\n`),
  );
  return merged;
}

/** A path as the messages show it: relative to cwd with `/`, or absolute outside it. */
function displayPath(cwd: string, file: string): string {
  const relativeFile = path.relative(cwd, file);
  return relativeFile.startsWith("..") || path.isAbsolute(relativeFile) ? file : relativeFile.split(path.sep).join("/");
}

/** An ignore pattern that matches exactly this path relative to cwd: glob characters are bracketed. */
function literalPattern(relativePath: string): string {
  return relativePath.replace(/[*?[\]{}()!+@\\]/g, (character) => `[${character}]`);
}

/**
 * Drops the files given by name that the recommended config does not cover: ESLint would lint a
 * `.js` file with its own defaults, and a script may hand over every changed file.
 */
async function withoutUncoveredFiles(eslint: ESLint, targets: string[], cwd: string, languages: Set<unknown>): Promise<string[]> {
  const kept: string[] = [];
  for (const target of targets) {
    const absolute = path.resolve(cwd, target);
    if (!isFile(absolute) || languages.has(((await eslint.calculateConfigForFile(absolute)) as Linter.Config | undefined)?.language)) {
      kept.push(target);
    }
  }
  return kept;
}

/** Why a run linted no file, and what to do when the project's config is the reason. */
async function nothingToLint(eslint: ESLint, configFile: string | undefined, targets: string[], paths: readonly string[], cwd: string): Promise<string> {
  const patterns = targets.join(", ");
  const outside = paths.find((given) => {
    const relativePath = path.relative(cwd, path.resolve(cwd, given));
    return relativePath === ".." || relativePath.startsWith(`..${path.sep}`) || path.isAbsolute(relativePath);
  });
  if (outside !== undefined) {
    return `nothing to lint: ${outside} is outside the current directory, and ESLint lints only files under the directory it runs in. Run uv-ci-lint from the repository's root.`;
  }
  if (!configFile) return `nothing to lint: no workflow, Dockerfile or ignore file matches ${patterns}.`;
  const coversWorkflows = (await eslint.calculateConfigForFile(path.join(cwd, ".github", "workflows", "ci.yml"))) !== undefined;
  return coversWorkflows
    ? `nothing to lint: no file that matches ${patterns} exists or is linted by ${configFile}.`
    : `nothing to lint: ${configFile} does not lint workflows. Spread uvCi.configs.recommended into it.`;
}

/**
 * The message with what to do, for the load error a Python project meets most: `npm init -y` writes
 * `"type": "commonjs"` into package.json, and Node then refuses the `import` of an eslint.config.js.
 */
function withHint(message: string): string {
  if (!message.includes("Cannot use import statement outside a module")) return message;
  return `${message}: name the config eslint.config.mjs, or set "type": "module" in package.json.`;
}

/**
 * An error's whole message without stack frames: a config error names the key on its first line
 * and what is wrong with it on the next ones (`Unexpected property "trigger". Expected …`).
 */
function wholeMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split("\n").filter((line) => line.trim() !== "" && !/^\s*at\s/.test(line));
  return lines.map((line, index) => (index === 0 ? line.trim() : line.trimEnd())).join("\n") || "Internal error.";
}
