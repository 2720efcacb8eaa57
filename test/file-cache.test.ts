import { describe, expect, it } from "vitest";
import { cacheLast, cachePerObject, FileCache } from "../src/repository/file-cache.js";

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

describe("cachePerObject", () => {
  it("computes once per key object, a null value too, and again for another object", () => {
    const computed: object[] = [];
    const lookup = cachePerObject((key: { name: string }) => {
      computed.push(key);
      return key.name === "none" ? null : key.name.toUpperCase();
    });
    const [a, none] = [{ name: "a" }, { name: "none" }];
    expect([lookup(a), lookup(a), lookup(none), lookup(none), lookup({ name: "a" })]).toEqual(["A", "A", null, null, "A"]);
    expect(computed).toHaveLength(3);
  });
});

describe("FileCache", () => {
  it("reads once per key while the stamp holds, and again when it changes", () => {
    const cache = new FileCache<string, number>();
    let reads = 0;
    const read = () => ++reads;
    expect(cache.get("a", "1:10", read)).toBe(1);
    expect(cache.get("a", "1:10", read)).toBe(1);
    expect(cache.get("b", "1:10", read)).toBe(2);
    expect(cache.get("a", "2:10", read)).toBe(3);
    cache.clear();
    expect(cache.get("a", "2:10", read)).toBe(4);
  });
});
