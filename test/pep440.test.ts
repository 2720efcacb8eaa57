import { describe, expect, it } from "vitest";
import { compareVersions, parseSpecifiers, parseVersion, satisfies } from "../src/uv/pep440.js";

const order = (a: string, b: string): number => Math.sign(compareVersions(parseVersion(a)!, parseVersion(b)!));

describe("parseVersion", () => {
  it("normalises the spellings PEP 440 allows", () => {
    expect(parseVersion("v1.0")).toMatchObject({ epoch: 0, release: [1, 0], pre: null, post: null, dev: null, local: null });
    expect(parseVersion("1!2.0")).toMatchObject({ epoch: 1, release: [2, 0] });
    expect(parseVersion("1.0-RC.1")).toMatchObject({ pre: { kind: "rc", number: 1 } });
    expect(parseVersion("1.0alpha")).toMatchObject({ pre: { kind: "a", number: 0 } });
    expect(parseVersion("1.0c2")).toMatchObject({ pre: { kind: "rc", number: 2 } });
    expect(parseVersion("1.0-3")).toMatchObject({ post: 3 });
    expect(parseVersion("1.0.post")).toMatchObject({ post: 0 });
    expect(parseVersion("1.0rev4")).toMatchObject({ post: 4 });
    expect(parseVersion("1.0.dev5")).toMatchObject({ dev: 5 });
    expect(parseVersion("1.0+Ubuntu-1.2")).toMatchObject({ local: ["ubuntu", "1", "2"] });
  });

  it("rejects what is not a version", () => {
    for (const text of ["", "latest", "1.x", "0.4.*", ">=1", "1..0", "1.0+", "1.0 beta"]) expect(parseVersion(text), text).toBeNull();
  });
});

describe("compareVersions", () => {
  it("orders dev, pre, final, post and local releases as PEP 440 does", () => {
    const sorted = ["1.0.dev0", "1.0a1.dev1", "1.0a1", "1.0b2", "1.0rc1", "1.0", "1.0+abc", "1.0+5", "1.0.post1.dev0", "1.0.post1", "1.1", "1!0.1"];
    for (let index = 1; index < sorted.length; index++) expect(order(sorted[index - 1]!, sorted[index]!), `${sorted[index - 1]} < ${sorted[index]}`).toBe(-1);
  });

  it("ignores trailing zeros and compares numbers, not strings", () => {
    expect(order("1.0.0", "1")).toBe(0);
    expect(order("0.10.0", "0.9.9")).toBe(1);
    expect(order("0.11.8", "0.11.10")).toBe(-1);
  });
});

describe("parseSpecifiers", () => {
  it("reads comma-separated clauses and a bare version as ==", () => {
    expect(parseSpecifiers(">=0.5, <0.6")?.map((clause) => clause.operator)).toEqual([">=", "<"]);
    expect(parseSpecifiers("0.5.0")).toMatchObject([{ operator: "==", prefix: false }]);
    expect(parseSpecifiers("==0.5.*")).toMatchObject([{ operator: "==", prefix: true }]);
  });

  it("rejects invalid specifier sets", () => {
    for (const text of ["", ">=", ">=0.5,", "~=1", ">=0.5.*", "=>0.5", "==0.5.*.dev1", "<=1.0+local", "latest"]) expect(parseSpecifiers(text), text).toBeNull();
  });
});

describe("satisfies", () => {
  const cases: [string, string, boolean][] = [
    ["0.5.0", "==0.5.0", true],
    ["0.5.0", "==0.5", true],
    ["0.5.1", "==0.5.0", false],
    ["0.5.0", "0.5.0", true],
    ["0.5.0+local", "==0.5.0", true],
    ["0.5.0", "==0.5.0+local", false],
    ["0.5.3", "==0.5.*", true],
    ["0.5", "==0.5.*", true],
    ["0.6.0", "==0.5.*", false],
    ["0.5.0rc1", "==0.5.*", true],
    ["0.5.3", "!=0.5.*", false],
    ["0.6.0", "!=0.5.*", true],
    ["0.5.0", "!=0.5.0", false],
    ["0.11.8", ">=0.5", true],
    ["0.4.30", ">=0.5", false],
    ["0.11.8", "<=0.11.8", true],
    ["0.11.8+x", "<=0.11.8", true],
    ["0.11.8", ">0.11.8", false],
    ["0.11.8.post1", ">0.11.8", false],
    ["0.11.8.post1", ">0.11.8.post0", true],
    ["0.11.8+local", ">0.11.8", false],
    ["0.11.9", ">0.11.8", true],
    ["0.5.9", "<0.6", true],
    ["0.6.0rc1", "<0.6", false],
    ["0.6.0rc1", "<0.6.0rc2", true],
    ["0.6.0.dev1", "<0.6", false],
    ["0.5.14", "~=0.5.0", true],
    ["0.6.0", "~=0.5.0", false],
    ["0.9.0", "~=0.5", true],
    ["1.0.0", "~=0.5", false],
    ["0.4.9", "~=0.5", false],
    ["0.11.8", ">=0.9, <0.12, !=0.11.7", true],
    ["0.11.7", ">=0.9, <0.12, !=0.11.7", false],
    ["0.12.0", ">=0.9,<0.12", false],
    ["0.5.0", "===0.5.0", true],
    ["0.5", "===0.5.0", false],
  ];
  it.each(cases)("%s against %s is %s", (version, specifier, expected) => {
    expect(satisfies(version, specifier)).toBe(expected);
  });

  it("cannot tell when either side is not PEP 440", () => {
    expect(satisfies("latest", ">=0.5")).toBeNull();
    expect(satisfies("0.5.0", "0.5.x")).toBeNull();
  });
});
