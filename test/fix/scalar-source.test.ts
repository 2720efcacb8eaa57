import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getStaticYAMLValue, parseYAML } from "yaml-eslint-parser";
import { scalarSource } from "../../src/fix/yaml-layout.js";

/** What `source` reads as at `key: …` in a block mapping, or as the one entry of a flow sequence. */
function readBack(source: string, inFlow: boolean, yamlVersion: "1.1" | "1.2"): unknown {
  const value = getStaticYAMLValue(parseYAML(inFlow ? `[${source}]` : `key: ${source}`, { defaultYAMLVersion: yamlVersion })) as unknown;
  return inFlow ? (value as unknown[])[0] : (value as Record<string, unknown>).key;
}

describe("scalarSource", () => {
  it.each([
    ["0.11.8", "0.11.8"],
    ["${{ github.workflow }}-${{ github.ref }}", "${{ github.workflow }}-${{ github.ref }}"],
    ["true", '"true"'],
    ["yes", '"yes"'],
    ["123", '"123"'],
    ["0x1f", '"0x1f"'],
    ["1e3", '"1e3"'],
    ["null", '"null"'],
    ["~", '"~"'],
    ["", '""'],
    ["a: b", '"a: b"'],
    ["- x", '"- x"'],
  ])("writes %j as %s in a block mapping", (value, source) => {
    expect(scalarSource(value, false)).toBe(source);
  });

  it("quotes flow indicators inside a flow collection only", () => {
    expect(scalarSource("a,b", true)).toBe('"a,b"');
    expect(scalarSource("a,b", false)).toBe("a,b");
  });

  it("reads back as the same string, in block and flow context, under YAML 1.1 and 1.2, whatever the string", () => {
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom("true", "False", "on", "OFF", "y", "n", "NULL", "~", "0o17", "0b101", ".inf", "-.NaN", "1_000", "12:30", "2026-12-02", "<<", "=", "!tag", "*alias", "&anchor"),
      fc.tuple(fc.constantFrom("", "-", "+", "."), fc.nat(), fc.constantFrom("", ".5", "e3", "_0")).map(([sign, n, tail]) => `${sign}${n}${tail}`),
    );
    fc.assert(
      fc.property(text, fc.boolean(), (value, inFlow) => {
        const source = scalarSource(value, inFlow);
        for (const version of ["1.1", "1.2"] as const) expect(readBack(source, inFlow, version)).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });
});
