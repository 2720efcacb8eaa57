import { join } from "node:path";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import type { CommentNode, DockerignoreNode, PatternNode } from "../../src/languages/dockerignore/ast.js";
import { uvProjectWithPythonVersion } from "../helpers/uv-project.js";
import { dockerignoreLanguage } from "../../src/languages/dockerignore/language.js";
import { DockerignoreSourceCode } from "../../src/languages/dockerignore/source-code.js";
import rule from "../../rules/dockerignore-keeps-python-version.js";

function sourceCodeOf(text: string): DockerignoreSourceCode {
  const file = { path: ".dockerignore", physicalPath: ".dockerignore", bom: false, body: text };
  const result = dockerignoreLanguage.parse(file);
  if (!result.ok) throw new Error("parse failed");
  return dockerignoreLanguage.createSourceCode(file, result);
}

const SAMPLE = "# Python\r\n  __pycache__/  \r\n!  keep.txt\r\n\r\n \t# not a comment\r\n.python-version";

describe("parse", () => {
  it("has one node per pattern and comment line, with Docker's reading of each", () => {
    const { ast } = sourceCodeOf(SAMPLE);
    expect(ast.type).toBe("DockerignoreFile");
    expect(ast.body.map((node) => [node.type, node.type === "Pattern" ? node.raw : node.value])).toEqual([
      ["Comment", " Python"],
      ["Pattern", "__pycache__/"],
      ["Pattern", "!  keep.txt"],
      ["Pattern", "# not a comment"],
      ["Pattern", ".python-version"],
    ]);
    const patterns = ast.body.filter((node): node is PatternNode => node.type === "Pattern");
    expect(patterns.map(({ exception, normalized, error }) => ({ exception, normalized, error }))).toEqual([
      { exception: false, normalized: "__pycache__", error: null },
      { exception: true, normalized: "keep.txt", error: null },
      { exception: false, normalized: "# not a comment", error: null },
      { exception: false, normalized: ".python-version", error: null },
    ]);
  });

  it("gives exact ranges and locations that agree with TextSourceCodeBase", () => {
    const sourceCode = sourceCodeOf(SAMPLE);
    const { ast } = sourceCode;
    expect(ast.range).toEqual([0, SAMPLE.length]);
    expect(ast.loc).toEqual({ start: { line: 1, column: 0 }, end: { line: 6, column: 15 } });
    expect(ast.loc.start).toEqual(sourceCode.getLocFromIndex(0));
    expect(ast.loc.end).toEqual(sourceCode.getLocFromIndex(SAMPLE.length));
    for (const node of ast.body) {
      expect(node.loc.start).toEqual(sourceCode.getLocFromIndex(node.range[0]));
      expect(node.loc.end).toEqual(sourceCode.getLocFromIndex(node.range[1]));
    }
    expect(ast.body.map((node) => [node.loc.start.line, node.loc.start.column, node.loc.end.column])).toEqual([
      [1, 0, 8],
      [2, 2, 14],
      [3, 0, 11],
      [5, 2, 17],
      [6, 0, 15],
    ]);
    const pattern = ast.body[1] as PatternNode;
    expect(sourceCode.getText(pattern)).toBe(pattern.raw);
  });

  it("accepts a BOM, a lone \\r, Go-only white space and an invalid pattern", () => {
    const text = "\uFEFF#c\na\rb\n\u0085x\u00a0\n[\n!\n";
    const sourceCode = sourceCodeOf(text);
    const [comment, lone, spaced, bracket, bang] = sourceCode.ast.body as [CommentNode, PatternNode, PatternNode, PatternNode, PatternNode];
    expect(comment).toMatchObject({ type: "Comment", value: "c", range: [1, 3], loc: { start: { line: 1, column: 1 } } });
    expect(lone).toMatchObject({ raw: "a\rb", loc: { start: { line: 2, column: 0 }, end: { line: 2, column: 3 } } });
    expect(spaced).toMatchObject({ raw: "x", range: [9, 10] });
    expect(bracket.error).toBe("syntax error in pattern");
    expect(bang).toMatchObject({ exception: true, normalized: "", error: 'illegal exclusion pattern: "!"' });
    expect(sourceCode.ast.loc.end).toEqual({ line: 6, column: 0 });
  });

  it("parses an empty file and one without a final newline", () => {
    expect(sourceCodeOf("").ast).toEqual({
      type: "DockerignoreFile",
      body: [],
      range: [0, 0],
      loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } },
    });
    expect(sourceCodeOf("a\nb").ast.loc.end).toEqual({ line: 2, column: 1 });
  });

  it("decodes a byte body as UTF-8", () => {
    const file = { path: "x", physicalPath: "x", bom: false, body: new TextEncoder().encode("é\n") };
    const result = dockerignoreLanguage.parse(file);
    expect(result.ok && (result.ast.body[0] as PatternNode).raw).toBe("é");
  });
});

describe("DockerignoreLanguage", () => {
  it("declares what ESLint needs", () => {
    expect(dockerignoreLanguage).toMatchObject({ fileType: "text", lineStart: 1, columnStart: 0, nodeTypeKey: "type" });
    expect(dockerignoreLanguage.visitorKeys).toEqual({ DockerignoreFile: ["body"], Pattern: [], Comment: [] });
  });

  it("rejects only language options of the wrong type", () => {
    expect(() => dockerignoreLanguage.validateLanguageOptions({})).not.toThrow();
    expect(() => dockerignoreLanguage.validateLanguageOptions({ ecmaVersion: 2024, globals: {} })).not.toThrow();
    expect(() => dockerignoreLanguage.validateLanguageOptions(null)).toThrow(TypeError);
    expect(() => dockerignoreLanguage.validateLanguageOptions([])).toThrow(TypeError);
  });
});

describe("DockerignoreSourceCode", () => {
  it("returns the root as every line's parent", () => {
    const sourceCode = sourceCodeOf("# a\nb\n");
    const { ast } = sourceCode;
    expect(sourceCode.getParent(ast)).toBeUndefined();
    for (const node of ast.body) {
      expect(sourceCode.getParent(node)).toBe(ast);
      expect(sourceCode.getAncestors(node)).toEqual([ast]);
    }
  });

  it("traverses root, then each line, and caches the steps", () => {
    const sourceCode = sourceCodeOf("# a\nb\n");
    const steps = [...sourceCode.traverse()];
    const describeStep = (step: { target: object; phase: number }) => `${(step.target as DockerignoreNode).type}:${step.phase}`;
    expect(steps.map(describeStep)).toEqual(["DockerignoreFile:1", "Comment:1", "Comment:2", "Pattern:1", "Pattern:2", "DockerignoreFile:2"]);
    expect([...sourceCode.traverse()]).toEqual(steps);
    expect([...sourceCode.traverse()][1]).toBe(steps[1]);
  });

  it("finds inline configuration only in comment lines", () => {
    const sourceCode = sourceCodeOf(
      [
        "# eslint-disable-next-line uv-ci/dockerignore-keeps-python-version -- the image pins Python itself",
        "  # eslint-disable-next-line uv-ci/dockerignore-keeps-python-version",
        "# eslint uv-ci/dockerignore-keeps-python-version: off",
        "# eslint uv-ci/dockerignore-keeps-python-version: [",
        "# eslint-disable",
        "# eslint-enable",
        "# eslint-disable-line",
        "# eslintrc is not a directive",
        "# plain comment",
      ].join("\n"),
    );
    expect(sourceCode.getInlineConfigNodes().map((node) => node.loc.start.line)).toEqual([1, 3, 4, 5, 6, 7]);
    const { directives, problems } = sourceCode.getDisableDirectives();
    expect(problems).toEqual([]);
    expect(directives.map(({ type, value, justification }) => ({ type, value, justification }))).toEqual([
      { type: "disable-next-line", value: "uv-ci/dockerignore-keeps-python-version", justification: "the image pins Python itself" },
      { type: "disable", value: "", justification: "" },
      { type: "enable", value: "", justification: "" },
      { type: "disable-line", value: "", justification: "" },
    ]);
    const inline = sourceCode.applyInlineConfig();
    expect(inline.configs).toEqual([{ config: { rules: { "uv-ci/dockerignore-keeps-python-version": "off" } }, loc: sourceCode.ast.body[2]!.loc }]);
    expect(inline.problems).toHaveLength(1);
    expect(inline.problems[0]!.loc.start.line).toBe(4);
  });
});

describe("linting through Linter", () => {
  const config: Linter.Config = {
    files: ["**/*.dockerignore", "**/.dockerignore"],
    plugins: { "uv-ci": { languages: { dockerignore: dockerignoreLanguage }, rules: { "dockerignore-keeps-python-version": rule } } },
    language: "uv-ci/dockerignore",
    rules: { "uv-ci/dockerignore-keeps-python-version": "error" },
  };
  const project = uvProjectWithPythonVersion();
  const filename = join(project, ".dockerignore");
  const lint = (text: string) => new Linter({ cwd: project }).verify(text, [config], { filename });

  it("honours `# eslint-disable-next-line` and `# eslint rule: off`", () => {
    expect(lint(".venv\n.python-version\n").map((message) => message.line)).toEqual([2]);
    expect(lint(".venv\n# eslint-disable-next-line uv-ci/dockerignore-keeps-python-version -- pinned in the image\n.python-version\n")).toEqual([]);
    expect(lint("# eslint uv-ci/dockerignore-keeps-python-version: off\n.python-version\n")).toEqual([]);
    expect(lint("# eslint-disable\n.python-version\n")).toEqual([]);
  });

  it("does not treat an indented `#` line as a directive, since Docker reads it as a pattern", () => {
    expect(lint("  # eslint-disable-next-line uv-ci/dockerignore-keeps-python-version\n.python-version\n")).toHaveLength(1);
  });

  it("reports unused disable directives at the comment", () => {
    const messages = new Linter({ cwd: project }).verify(
      "# eslint-disable-next-line uv-ci/dockerignore-keeps-python-version\n.venv\n",
      [{ ...config, linterOptions: { reportUnusedDisableDirectives: "error" } }],
      { filename },
    );
    expect(messages).toMatchObject([{ line: 1, column: 1, ruleId: null }]);
  });

  it("reports 1-based columns of the trimmed pattern", () => {
    expect(lint("\t .python-version  \n")).toMatchObject([{ line: 1, column: 3, endLine: 1, endColumn: 18 }]);
  });
});
