import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Linter } from "eslint";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { matchPathInIgnoreFile } from "../../src/languages/dockerignore/matcher.js";
import plugin from "../../src/index.js";
import { PROJECT_ROOT, writeFiles } from "../helpers/cli.js";
import {
  dockerignoreFile,
  IGNORE_PATTERNS,
  isExcluded,
  PROBE_PATHS,
  renderDockerignore,
  type IgnoreLine,
  type IgnorePattern,
  type IgnoreStyle,
  type ProbePath,
} from "../helpers/generators.js";
import { UV_DOCKERFILE } from "../helpers/uv-project.js";
import { PROPERTY_TIMEOUT, RUNS, yamlDiff } from "./workflow-fix.js";

const { dockerignoreComments } = (await import(pathToFileURL(join(PROJECT_ROOT, "scripts", "lib", "dockerignore-diff.js")).href)) as {
  dockerignoreComments(text: string): string[];
};

const root = mkdtempSync(join(tmpdir(), "uv-ci-property-dockerignore-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
// A repository where every target matters: committed, and copied by a uv build from the root context.
writeFiles(root, { ".python-version": "3.12\n", "uv.lock": "", Dockerfile: UV_DOCKERFILE });
const linter = new Linter({ configType: "flat", cwd: root });
const filename = join(root, ".dockerignore");
const dockerignoreConfig = plugin.configs.recommended!.find((config) => config.language === "uv-ci/dockerignore")!;

type Target = ".python-version" | "uv.lock";

function configFor(targets: Target[]): Linter.Config[] {
  const additionalFiles = targets.filter((target) => target !== ".python-version");
  return [{ ...dockerignoreConfig, rules: { "uv-ci/dockerignore-keeps-python-version": ["error", { additionalFiles }] } }];
}

const BY_TEXT = new Map(IGNORE_PATTERNS.map((pattern) => [pattern.text.trim(), pattern]));

/** The file's lines without BOM and line breaks (no empty last line for a final newline). */
function linesOf(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** The vocabulary patterns a file's lines stand for (comments and blank lines left out). */
function patternsOf(lines: string[]): IgnorePattern[] {
  return lines.flatMap((line) => {
    if (line.startsWith("#") || line.trim() === "") return [];
    const pattern = BY_TEXT.get(line.trim());
    expect(pattern, `line ${JSON.stringify(line)} is a vocabulary pattern`).toBeDefined();
    return [pattern!];
  });
}

/** Longest common subsequence of two line lists, as index pairs. */
function commonLines(a: string[], b: string[]): [number, number][] {
  const table = Array.from({ length: a.length + 1 }, () => Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

function check(lines: IgnoreLine[], style: IgnoreStyle, targets: Target[]): void {
  const config = configFor(targets);
  const input = renderDockerignore(lines, style);
  const first = linter.verifyAndFix(input, config, { filename });
  const output = first.output;
  try {
    expect(first.messages.filter((message) => message.fatal)).toEqual([]);
    const before = linesOf(input);
    const after = linesOf(output);

    // Text: the input less lines that named only a required file, plus at most one `!file` line per file.
    const kept = commonLines(before, after);
    const removed = before.filter((_, index) => !kept.some(([i]) => i === index));
    const added = after.filter((_, index) => !kept.some(([, j]) => j === index));
    for (const line of removed) {
      // A last line without a final newline goes with the line break before it, which ends a blank line above.
      if (line.trim() === "" && !input.endsWith("\n")) continue;
      const pattern = BY_TEXT.get(line.trim());
      expect(pattern?.namesOnly !== undefined && targets.includes(pattern.namesOnly), `removed ${JSON.stringify(line)}`).toBe(true);
    }
    const exceptions = targets.map((target) => `!${target}`);
    for (const line of added) expect(exceptions, `added ${JSON.stringify(line)}`).toContain(line);
    expect(new Set(added).size, "one exception per file at most").toBe(added.length);

    // Meaning: every required file is in the context, and no other path changes (but copies of
    // `.python-version` in subdirectories, which a removed `**/.python-version` line also named).
    const patternsBefore = patternsOf(before);
    const patternsAfter = patternsOf(after);
    for (const path of PROBE_PATHS) {
      const was = isExcluded(patternsBefore, path);
      const is = isExcluded(patternsAfter, path);
      if (targets.includes(path as Target)) expect(is, `${path} is in the build context`).toBe(false);
      else if (path === "sub/.python-version" && targets.includes(".python-version")) expect(is && !was, path).toBe(false);
      else expect(is, `${path as ProbePath} keeps its fate`).toBe(was);
    }

    expect(dockerignoreComments(output), "comments kept").toEqual(dockerignoreComments(input));
    // A file left with one line has no line ending to keep (the corpus checker would call that a change).
    if (/\n/.test(output)) expect(yamlDiff.keptLineEndings(input, output), "line endings kept").toBe(true);
    expect(output.startsWith("\uFEFF"), "BOM kept").toBe(input.startsWith("\uFEFF"));
    if (input.endsWith("\n") && after.length > 0) expect(output.endsWith("\n"), "final newline kept").toBe(true);
    // Without one, removing the last line leaves the blank line above it as the file's end, and the
    // file's last line break stays when the last line goes (so that its line ending stays known),
    // also when earlier removals (in an earlier pass) left it the only one.
    if (!input.endsWith("\n") && output.endsWith("\n")) {
      const keptOnlyLineBreak = (output.match(/\n/g) ?? []).length === 1;
      expect(before.some((line) => line.trim() === "") || keptOnlyLineBreak, "no final newline added").toBe(true);
    }
    expect(first.messages.filter((message) => message.fix), "converged within ESLint's 10 passes").toEqual([]);
    const second = linter.verifyAndFix(output, config, { filename });
    expect(second.fixed, "a second fix is a no-op").toBe(false);
    expect(second.output).toBe(output);
  } catch (error) {
    (error as Error).message += `\n--- input ---\n${JSON.stringify(input)}\n--- output ---\n${JSON.stringify(output)}`;
    throw error;
  }
}

/**
 * Whether this rule's removals leave the file without a line break: only when they remove every
 * line, and an empty file has no line ending to keep.
 */
function losesEveryLineBreak(input: string): boolean {
  return input.includes("\n") && !linter.verifyAndFix(input, configFor([".python-version"]), { filename }).output.includes("\n");
}

describe("dockerignore-keeps-python-version --fix on generated .dockerignore files", () => {
  it("uses a pattern table that agrees with the plugin's Docker matcher", () => {
    for (const pattern of IGNORE_PATTERNS) {
      const exception = pattern.text.trim().startsWith("!");
      for (const path of PROBE_PATHS) {
        // An exception is seen through a `*` before it: the path is then excluded unless the exception matches.
        const verdict = matchPathInIgnoreFile(exception ? `*\n${pattern.text}\n` : `${pattern.text}\n`, path);
        expect(verdict.excluded, `${pattern.text} on ${path}`).toBe(exception ? !pattern.matches.includes(path) : pattern.matches.includes(path));
      }
    }
  });

  it(`brings .python-version back and changes nothing else (${RUNS} files)`, () => {
    fc.assert(
      fc.property(dockerignoreFile, ({ lines, style }) => check(lines, style, [".python-version"])),
      { numRuns: RUNS },
    );
  }, PROPERTY_TIMEOUT);

  // Every .dockerignore rule of the plugin, including ones added after this test: the fixes must agree and be safe.
  const allRules = Object.entries(plugin.rules)
    .filter(([, rule]) => (rule.meta as { languages?: string[] } | undefined)?.languages?.includes("uv-ci/dockerignore"))
    .map(([name]) => `${plugin.meta.namespace}/${name}`);
  it(`keeps comments, line endings and .python-version with all ${allRules.length} .dockerignore rules on, and converges (${RUNS} files)`, () => {
    const config = [{ ...dockerignoreConfig, rules: Object.fromEntries(allRules.map((rule) => [rule, "error" as const])) }];
    fc.assert(
      fc.property(dockerignoreFile, ({ lines, style }) => {
        const input = renderDockerignore(lines, style);
        const first = linter.verifyAndFix(input, config, { filename });
        const output = first.output;
        try {
          expect(first.messages.filter((message) => message.fatal)).toEqual([]);
          expect(yamlDiff.lostComments(dockerignoreComments(input), dockerignoreComments(output)), "comments lost").toBe(0);
          if (/\n/.test(output) && !losesEveryLineBreak(input)) expect(yamlDiff.keptLineEndings(input, output), "line endings kept").toBe(true);
          expect(output.startsWith("\uFEFF"), "BOM kept").toBe(input.startsWith("\uFEFF"));
          expect(matchPathInIgnoreFile(output, ".python-version").excluded, ".python-version in the context").toBe(false);
          expect(first.messages.filter((message) => message.fix), "converged within ESLint's 10 passes").toEqual([]);
          expect(linter.verifyAndFix(output, config, { filename }).fixed, "a second fix is a no-op").toBe(false);
        } catch (error) {
          (error as Error).message += `\n--- input ---\n${JSON.stringify(input)}\n--- output ---\n${JSON.stringify(output)}`;
          throw error;
        }
      }),
      { numRuns: RUNS },
    );
  }, PROPERTY_TIMEOUT);

  it("keeps CRLF when another rule appends lines after the line that held the only line break was removed", () => {
    const config = [{ ...dockerignoreConfig, rules: Object.fromEntries(allRules.map((rule) => [rule, "error" as const])) }];
    const output = linter.verifyAndFix("*.md\r\n.python-version", config, { filename }).output;
    expect(output).toMatch(/^\*\.md\r\n\r\n# Local state/);
    expect(output).not.toMatch(/(?<!\r)\n/);
  });

  it(`does the same for additionalFiles (uv.lock) (${RUNS} files)`, () => {
    fc.assert(
      fc.property(dockerignoreFile, ({ lines, style }) => check(lines, style, [".python-version", "uv.lock"])),
      { numRuns: RUNS },
    );
  }, PROPERTY_TIMEOUT);
});
