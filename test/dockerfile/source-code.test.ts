import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import rule from "../../rules/dockerfile-pin-uv-image.js";
import type { CommentNode, DockerfileNode, FlagOptionNode, InstructionNode, ParserDirectiveNode } from "../../src/languages/dockerfile/ast.js";
import { dockerfileLanguage } from "../../src/languages/dockerfile/language.js";
import { dockerInstructionOf, MAX_PARSED_LENGTH, parseDockerfile } from "../../src/languages/dockerfile/parser.js";
import type { DockerfileSourceCode } from "../../src/languages/dockerfile/source-code.js";
import type { UvCiRuleDefinition } from "../../src/create-rule.js";
import type { DockerfileLanguageTypes } from "../../src/languages/types.js";

function sourceCodeOf(text: string): DockerfileSourceCode {
  const file = { path: "Dockerfile", physicalPath: "Dockerfile", bom: false, body: text };
  const result = dockerfileLanguage.parse(file);
  if (!result.ok) throw new Error("parse failed");
  return dockerfileLanguage.createSourceCode(file, result);
}

/** Every node below the root, depth first. */
function allNodes(node: DockerfileNode): DockerfileNode[] {
  const record = node as unknown as Record<string, DockerfileNode[]>;
  const children = dockerfileLanguage.visitorKeys[node.type].flatMap((key) => record[key] ?? []);
  return children.flatMap((child) => [child, ...allNodes(child)]);
}

function expectLocationsAgree(sourceCode: DockerfileSourceCode): void {
  for (const node of [sourceCode.ast, ...allNodes(sourceCode.ast)]) {
    expect(node.loc.start, node.type).toEqual(sourceCode.getLocFromIndex(node.range[0]));
    expect(node.loc.end, node.type).toEqual(sourceCode.getLocFromIndex(node.range[1]));
  }
}

const SAMPLE = [
  "# syntax=docker/dockerfile:1",
  "# Build the runner image.",
  "ARG UV_VERSION=0.11.8 PYTHON_VERSION=3.12",
  "FROM --platform=$BUILDPLATFORM python:3.12-slim AS base",
  "  # indented comment",
  "COPY --from=ghcr.io/astral-sh/uv:0.11.8 --chmod=755 /uv /bin/",
  "RUN --mount=type=cache,target=/root/.cache/uv \\",
  "    # a comment inside the continuation",
  "    uv sync --frozen",
  'ENV UV_PYTHON="3.12" UV_LINK_MODE=copy',
  "RUN <<EOF",
  "# part of the script, not a comment",
  "uv --version",
  "EOF",
  "run echo done # not a comment",
  "",
].join("\r\n");

describe("parse", () => {
  it("has one node per directive, comment and instruction, in file order", () => {
    const { ast } = sourceCodeOf(SAMPLE);
    expect(ast.type).toBe("DockerfileFile");
    expect(ast.escapeCharacter).toBe("\\");
    expect(ast.body.map((node) => [node.type, node.type === "Instruction" ? node.keyword : node.type === "Comment" ? node.value : node.name, node.loc.start.line])).toEqual([
      ["ParserDirective", "syntax", 1],
      ["Comment", " Build the runner image.", 2],
      ["Instruction", "ARG", 3],
      ["Instruction", "FROM", 4],
      ["Comment", " indented comment", 5],
      ["Instruction", "COPY", 6],
      ["Instruction", "RUN", 7],
      ["Comment", " a comment inside the continuation", 8],
      ["Instruction", "ENV", 10],
      ["Instruction", "RUN", 11],
      ["Instruction", "RUN", 15],
    ]);
  });

  it("reads flags, options, arguments and properties as Docker does", () => {
    const [, , arg, from, , copy, mount, , env, heredoc, last] = sourceCodeOf(SAMPLE).ast.body as InstructionNode[];
    expect(arg!.properties.map(({ name, value }) => [name, value])).toEqual([
      ["UV_VERSION", "0.11.8"],
      ["PYTHON_VERSION", "3.12"],
    ]);
    expect(arg!.arguments).toEqual([]);
    expect(from!.flags.map(({ name, value }) => [name, value])).toEqual([["platform", "$BUILDPLATFORM"]]);
    expect(from!.arguments.map((argument) => argument.value)).toEqual(["python:3.12-slim", "AS", "base"]);
    expect(copy!.flags.map(({ name, value }) => [name, value])).toEqual([
      ["from", "ghcr.io/astral-sh/uv:0.11.8"],
      ["chmod", "755"],
    ]);
    expect(copy!.arguments.map((argument) => argument.value)).toEqual(["/uv", "/bin/"]);
    expect(mount!.flags[0]!.options.map(({ name, value }) => [name, value])).toEqual([
      ["type", "cache"],
      ["target", "/root/.cache/uv"],
    ]);
    expect(mount!.arguments.map((argument) => argument.value)).toEqual(["uv", "sync", "--frozen"]);
    expect(env!.properties.map(({ name, value }) => [name, value])).toEqual([
      ["UV_PYTHON", "3.12"],
      ["UV_LINK_MODE", "copy"],
    ]);
    expect(heredoc!.loc).toEqual({ start: { line: 11, column: 0 }, end: { line: 14, column: 3 } });
    expect(last!.keyword).toBe("RUN");
    expect(last!.arguments.map((argument) => argument.value)).toEqual(["echo", "done", "#", "not", "a", "comment"]);
  });

  it("gives exact ranges and locations that agree with TextSourceCodeBase", () => {
    const sourceCode = sourceCodeOf(SAMPLE);
    expectLocationsAgree(sourceCode);
    const [, , arg, , , copy, mount, , env] = sourceCode.ast.body as InstructionNode[];
    const text = (range: [number, number] | null) => (range ? SAMPLE.slice(...range) : null);
    expect(sourceCode.ast.range).toEqual([0, SAMPLE.length]);
    expect(sourceCode.ast.loc).toEqual({ start: { line: 1, column: 0 }, end: { line: 16, column: 0 } });
    expect(text(arg!.properties[1]!.range)).toBe("PYTHON_VERSION=3.12");
    expect(arg!.properties[1]!.loc).toEqual({ start: { line: 3, column: 22 }, end: { line: 3, column: 41 } });
    expect(text(copy!.flags[0]!.range)).toBe("--from=ghcr.io/astral-sh/uv:0.11.8");
    expect(text(copy!.flags[0]!.valueRange)).toBe("ghcr.io/astral-sh/uv:0.11.8");
    expect(text(mount!.flags[0]!.options[1]!.valueRange)).toBe("/root/.cache/uv");
    expect(text(env!.properties[0]!.valueRange)).toBe('"3.12"');
    expect(mount!.loc).toEqual({ start: { line: 7, column: 0 }, end: { line: 9, column: 20 } });
    const comment = sourceCode.ast.body[4] as CommentNode;
    expect(text(comment.range)).toBe("# indented comment");
    expect(sourceCode.getText(comment)).toBe("# indented comment");
  });

  it("follows the `# escape=` directive for line continuations", () => {
    const text = "# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN dir c:\\ `\n    && echo done\nCOPY . C:\\app\\\n";
    const { ast } = sourceCodeOf(text);
    expect(ast.escapeCharacter).toBe("`");
    const [directive, , run, copy] = ast.body as [ParserDirectiveNode, InstructionNode, InstructionNode, InstructionNode];
    expect(directive).toMatchObject({ type: "ParserDirective", name: "escape", value: "`", range: [0, 10] });
    expect(run.loc).toEqual({ start: { line: 3, column: 0 }, end: { line: 4, column: 16 } });
    expect(run.arguments.map((argument) => argument.value)).toEqual(["dir", "c:\\", "&&", "echo", "done"]);
    expect(copy.arguments.map((argument) => argument.value)).toEqual([".", "C:\\app\\"]);
  });

  it("reads a lone \\r as Docker does, inside the line", () => {
    const text = "FROM a\rRUN b\nRUN c\r\n";
    const sourceCode = sourceCodeOf(text);
    expect(sourceCode.ast.body.map((node) => (node as InstructionNode).arguments.map((argument) => argument.value))).toEqual([["a", "RUN", "b"], ["c"]]);
    expectLocationsAgree(sourceCode);
  });

  it("parses an empty file, a file of comments and one without a final newline", () => {
    expect(sourceCodeOf("").ast).toEqual({
      type: "DockerfileFile",
      body: [],
      escapeCharacter: "\\",
      range: [0, 0],
      loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } },
    });
    expect(sourceCodeOf("# a\n\n#b").ast.body.map((node) => node.type)).toEqual(["Comment", "Comment"]);
    expect(sourceCodeOf("FROM a\nRUN b").ast.loc.end).toEqual({ line: 2, column: 5 });
  });

  it("decodes a byte body as UTF-8", () => {
    const file = { path: "Dockerfile", physicalPath: "Dockerfile", bom: false, body: new TextEncoder().encode("LABEL é=ü\n") };
    const result = dockerfileLanguage.parse(file);
    expect(result.ok && (result.ast.body[0] as InstructionNode).properties[0]).toMatchObject({ name: "é", value: "ü", range: [6, 9] });
  });

  it("keeps the dockerfile-ast instruction behind each node for src/docker's readers", () => {
    const [from] = parseDockerfile("FROM python:3.12\n").body as InstructionNode[];
    expect(dockerInstructionOf(from!).getKeyword()).toBe("FROM");
    expect(() => dockerInstructionOf({ ...from! })).toThrow();
  });

  it("does not parse text longer than MAX_PARSED_LENGTH", () => {
    const text = `FROM ghcr.io/astral-sh/uv:latest\n${"#".repeat(MAX_PARSED_LENGTH)}\n`;
    expect(parseDockerfile(text)).toMatchObject({ body: [], range: [0, text.length], loc: { end: { line: 3, column: 0 } } });
  });
});

describe("DockerfileLanguage", () => {
  it("declares what ESLint needs", () => {
    expect(dockerfileLanguage).toMatchObject({ fileType: "text", lineStart: 1, columnStart: 0, nodeTypeKey: "type" });
    expect(dockerfileLanguage.visitorKeys).toEqual({
      DockerfileFile: ["body"],
      ParserDirective: [],
      Comment: [],
      Instruction: ["flags", "arguments", "properties"],
      Flag: ["options"],
      FlagOption: [],
      Argument: [],
      KeyValueProperty: [],
    });
  });

  it("rejects only language options of the wrong type", () => {
    expect(() => dockerfileLanguage.validateLanguageOptions({})).not.toThrow();
    expect(() => dockerfileLanguage.validateLanguageOptions({ ecmaVersion: 2024, parser: {} })).not.toThrow();
    expect(() => dockerfileLanguage.validateLanguageOptions(null)).toThrow(TypeError);
    expect(() => dockerfileLanguage.validateLanguageOptions([])).toThrow(TypeError);
  });
});

describe("DockerfileSourceCode", () => {
  const TEXT = "# c\nCOPY --from=x --mount=a=b a b\nARG A=1\n";

  it("returns each node's parent and ancestors", () => {
    const sourceCode = sourceCodeOf(TEXT);
    const { ast } = sourceCode;
    const [, copy, arg] = ast.body as InstructionNode[];
    expect(sourceCode.getParent(ast)).toBeUndefined();
    for (const line of ast.body) expect(sourceCode.getParent(line)).toBe(ast);
    const option = copy!.flags[1]!.options[0]!;
    expect(sourceCode.getParent(option)).toBe(copy!.flags[1]);
    expect(sourceCode.getAncestors(option)).toEqual([ast, copy, copy!.flags[1]]);
    expect(sourceCode.getParent(copy!.arguments[0]!)).toBe(copy);
    expect(sourceCode.getParent(arg!.properties[0]!)).toBe(arg);
  });

  it("traverses depth first in visitor-key order and caches the steps", () => {
    const sourceCode = sourceCodeOf(TEXT);
    const steps = [...sourceCode.traverse()];
    const describeStep = (step: { target: object; phase: number }) => `${(step.target as DockerfileNode).type}:${step.phase}`;
    expect(steps.map(describeStep)).toEqual([
      "DockerfileFile:1",
      "Comment:1",
      "Comment:2",
      "Instruction:1",
      "Flag:1",
      "Flag:2",
      "Flag:1",
      "FlagOption:1",
      "FlagOption:2",
      "Flag:2",
      "Argument:1",
      "Argument:2",
      "Argument:1",
      "Argument:2",
      "Instruction:2",
      "Instruction:1",
      "KeyValueProperty:1",
      "KeyValueProperty:2",
      "Instruction:2",
      "DockerfileFile:2",
    ]);
    expect([...sourceCode.traverse()][4]).toBe(steps[4]);
  });

  it("finds inline configuration only in Docker's comments", () => {
    const sourceCode = sourceCodeOf(
      [
        "# eslint-disable-next-line uv-ci/dockerfile-pin-uv-image -- the tag is pinned by digest upstream",
        "  # eslint uv-ci/dockerfile-pin-uv-image: off",
        "# eslint uv-ci/dockerfile-pin-uv-image: [",
        "# eslint-disable",
        "# eslint-enable",
        "# eslintrc is not a directive",
        "RUN <<EOF",
        "# eslint-disable",
        "EOF",
        "RUN true # eslint-disable-line",
      ].join("\n"),
    );
    expect(sourceCode.getInlineConfigNodes().map((node) => node.loc.start.line)).toEqual([1, 2, 3, 4, 5]);
    const { directives, problems } = sourceCode.getDisableDirectives();
    expect(problems).toEqual([]);
    expect(directives.map(({ type, value, justification }) => ({ type, value, justification }))).toEqual([
      { type: "disable-next-line", value: "uv-ci/dockerfile-pin-uv-image", justification: "the tag is pinned by digest upstream" },
      { type: "disable", value: "", justification: "" },
      { type: "enable", value: "", justification: "" },
    ]);
    const inline = sourceCode.applyInlineConfig();
    expect(inline.configs).toEqual([{ config: { rules: { "uv-ci/dockerfile-pin-uv-image": "off" } }, loc: sourceCode.ast.body[1]!.loc }]);
    expect(inline.problems).toHaveLength(1);
    expect(inline.problems[0]!.loc.start.line).toBe(3);
  });
});

describe("linting through Linter", () => {
  const config: Linter.Config = {
    files: ["**/Dockerfile"],
    plugins: { "uv-ci": { languages: { dockerfile: dockerfileLanguage }, rules: { "dockerfile-pin-uv-image": rule } } },
    language: "uv-ci/dockerfile",
    rules: { "uv-ci/dockerfile-pin-uv-image": ["error", { version: "0.11.8", movingTags: true }] },
  };
  const lint = (text: string) => new Linter().verify(text, [config], { filename: "Dockerfile" });
  const LATEST = "FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/\n";

  it("honours `# eslint-disable-next-line`, `# eslint-disable` and `# eslint rule: off`", () => {
    expect(lint(LATEST).map((message) => [message.line, message.column, message.endLine, message.endColumn])).toEqual([[2, 6, 2, 40]]);
    expect(lint(`FROM python:3.12\n# eslint-disable-next-line uv-ci/dockerfile-pin-uv-image -- a throwaway image\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/\n`)).toEqual([]);
    expect(lint(`# eslint uv-ci/dockerfile-pin-uv-image: off\n${LATEST}`)).toEqual([]);
    expect(lint(`# eslint-disable\n${LATEST}`)).toEqual([]);
  });

  it("does not take a `#` line inside a here-document as a directive", () => {
    const text = "FROM python:3.12\nRUN <<EOF\n# eslint-disable\nEOF\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/\n";
    expect(lint(text)).toHaveLength(1);
  });

  it("reports unused disable directives at the comment", () => {
    const messages = new Linter().verify(
      "# eslint-disable-next-line uv-ci/dockerfile-pin-uv-image\nFROM python:3.12\n",
      [{ ...config, linterOptions: { reportUnusedDisableDirectives: "error" } }],
      { filename: "Dockerfile" },
    );
    expect(messages).toMatchObject([{ line: 1, column: 1, ruleId: null }]);
  });

  it("lets rules select Dockerfile nodes with ESLint selectors", () => {
    const seen: (string | null)[] = [];
    const selectorRule: UvCiRuleDefinition<DockerfileLanguageTypes, [], "flag"> = {
      meta: { type: "problem", messages: { flag: "Flag {{name}}." }, schema: [], languages: ["test/dockerfile"] },
      create: (context) => ({
        "Instruction[keyword='RUN'] > Flag[name='mount'] FlagOption[name='from']"(node: FlagOptionNode) {
          seen.push(node.value);
          context.report({ loc: node.loc, messageId: "flag", data: { name: node.value } });
        },
      }),
    };
    const messages = new Linter().verify(
      "FROM a\nRUN --mount=type=bind,from=uv,target=/x true\n",
      [{ files: ["**/Dockerfile"], plugins: { test: { languages: { dockerfile: dockerfileLanguage }, rules: { selector: selectorRule } } }, language: "test/dockerfile", rules: { "test/selector": "error" } }],
      { filename: "Dockerfile" },
    );
    expect(seen).toEqual(["uv"]);
    expect(messages).toMatchObject([{ line: 2, column: 23, endColumn: 30 }]);
  });
});
