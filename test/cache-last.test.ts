import { describe, expect, it } from "vitest";
import { cacheLast } from "../src/cache-last.js";

describe("cacheLast", () => {
  it("computes once for repeated calls with the same key, and again for each new key", () => {
    const computed: object[] = [];
    const lookup = cacheLast((key: object) => {
      computed.push(key);
      return { key };
    });
    const first = {};
    const second = {};
    const value = lookup(first);
    expect(lookup(first)).toBe(value);
    expect(lookup(second).key).toBe(second);
    expect(lookup(first)).not.toBe(value);
    expect(computed).toEqual([first, second, first]);
  });
});
