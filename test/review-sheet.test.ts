import { describe, expect, it } from "vitest";
import { describeEdit } from "../scripts/lib/review.js";

/** The review sheet's rendering of one fix (scripts/lib/review.js). */
describe("describeEdit", () => {
  it("shows a pure insertion as added lines, with the line it goes before as context", () => {
    const text = "on: push\njobs:\n  a: {}\n";
    const at = text.indexOf("jobs:");
    expect(describeEdit(text, { range: [at, at], text: "concurrency:\n  group: g\n\n" })).toBe("+ concurrency:\n+   group: g\n+ \n  jobs:");
  });

  it("shows a replacement as the old and the new line", () => {
    const text = "with:\n  version: 0.9\n";
    const at = text.indexOf("0.9");
    expect(describeEdit(text, { range: [at, at + 3], text: '"0.11.8"' })).toBe('-   version: 0.9\n+   version: "0.11.8"');
  });

  it("shows an appended line after the line it follows", () => {
    const text = "a: 1\nb: 2\n";
    const at = text.indexOf("\nb") + 1;
    expect(describeEdit(text, { range: [at, at], text: "x: 0\n" })).toBe("+ x: 0\n  b: 2");
  });
});
