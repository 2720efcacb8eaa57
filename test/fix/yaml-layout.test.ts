// Unit tables for the layout helpers every workflow fix writes through.
import { parseForESLint, type AST } from "yaml-eslint-parser";
import { describe, expect, it } from "vitest";
import { detectEol, insertLinesAfter } from "../../src/fix/text-edits.js";
import { appendPair, blankLinesAbove, detectIndentUnit, startOfLeadingComments } from "../../src/fix/yaml-layout.js";

const parse = (text: string): AST.YAMLProgram => parseForESLint(text).ast;
/** The top-level pair named `key`. */
const pairOf = (program: AST.YAMLProgram, key: string): AST.YAMLPair =>
  (program.body[0]!.content as AST.YAMLMapping).pairs.find((pair) => (pair.key as AST.YAMLScalar | null)?.value === key)!;
/** `text` with an insertion applied. */
const apply = (text: string, insertion: { offset: number; text: string } | null): string => (insertion ? text.slice(0, insertion.offset) + insertion.text + text.slice(insertion.offset) : text);

describe("detectEol and detectIndentUnit", () => {
  it.each([
    ["a: 1\nb: 2\n", "\n"],
    ["a: 1\r\nb: 2\r\n", "\r\n"],
    ["a: 1", "\n"],
  ])("%j ends lines with %j", (text, eol) => {
    expect(detectEol(text)).toBe(eol);
  });

  it.each([
    ["on: push\njobs:\n  a:\n    runs-on: x\n", 2],
    ["on: push\njobs:\n    a:\n        runs-on: x\n", 4],
    ["on: push\n", 2],
    ["jobs: {a: {runs-on: x}}\n", 2],
  ])("%j indents by %d", (text, unit) => {
    expect(detectIndentUnit(parse(text))).toBe(unit);
  });
});

describe("insertLinesAfter", () => {
  it("inserts whole lines after the line, and keeps a file without a final newline without one", () => {
    expect(apply("a: 1\nb: 2\n", insertLinesAfter("a: 1\nb: 2\n", 2, ["x: 0"], "\n"))).toBe("a: 1\nx: 0\nb: 2\n");
    expect(apply("a: 1", insertLinesAfter("a: 1", 2, ["x: 0"], "\n"))).toBe("a: 1\nx: 0");
  });
});

describe("appendPair", () => {
  it.each([
    ["block", "c:\n  group: g\nj: 1\n", "c:\n  group: g\n  cancel-in-progress: true\nj: 1\n"],
    ["flow", "c: {group: g}\nj: 1\n", "c: {group: g, cancel-in-progress: true}\nj: 1\n"],
    ["CRLF", "c:\r\n  group: g\r\nj: 1\r\n", "c:\r\n  group: g\r\n  cancel-in-progress: true\r\nj: 1\r\n"],
    ["after a |+ value, below the blank lines it keeps", "c:\n  k: |+\n    x\n\nj: 1\n", "c:\n  k: |+\n    x\n\n  cancel-in-progress: true\nj: 1\n"],
  ])("%s", (_name, text, expected) => {
    const mapping = pairOf(parse(text), "c").value as AST.YAMLMapping;
    expect(apply(text, appendPair(text, mapping, "cancel-in-progress", "true"))).toBe(expected);
  });
});

describe("startOfLeadingComments and blankLinesAbove", () => {
  it("goes above the comments that belong to a key, not above a deeper one", () => {
    const text = "on:\n  push:\n    # deeper: belongs to push\n\n# about jobs\njobs: {}\n";
    const at = startOfLeadingComments(text, pairOf(parse(text), "jobs"));
    expect(text.slice(at)).toBe("# about jobs\njobs: {}\n");
    expect(blankLinesAbove(text, at)).toBe(1);
  });
});
