import { describe, expect, it } from "vitest";
import { keyFormatOf } from "../src/workflow/setup-uv-key-format.js";
import { findRelease, parseReleaseTag, releasesOfLine } from "../src/workflow/setup-uv-release.js";

/** The format a ref builds (`v7`, `v8.1.0`), or every release of a line a comment names (`line:v8`). */
const format = (ref: string): string | null => {
  const line = ref.startsWith("line:") ? parseReleaseTag(ref.slice(5)) : null;
  const row = findRelease(ref);
  const found = keyFormatOf(line ? releasesOfLine(line) : row ? [row] : []);
  return found ? `${found.id.replace(/^setup-uv-/, "")}${found.pruneByDefault ? " pruned" : ""}` : null;
};

const V2 = "2-{arch}-{platform}-{os}-{python}{pruned}{cache-python}{glob-hash}{suffix}";

describe("setup-uv key formats, as the tags of astral-sh/setup-uv build them", () => {
  it("follows the floating tags to the release they point at", () => {
    expect(format("v4")).toBe("1-{arch}-{platform}-{uv-version}{glob-hash}{suffix} pruned");
    expect(format("v5")).toBe("1-{arch}-{platform}-{python}{glob-hash}{suffix} pruned");
    expect(format("v6")).toBe("1-{arch}-{platform}-{python}{pruned}{glob-hash}{suffix} pruned");
    expect(format("v7")).toBe(`${V2} pruned`);
    expect(format("v7.1")).toBe(`${V2} pruned`);
  });
  it("keeps CACHE_VERSION 2 from v7.1.6 through v10, pruning by default before v9", () => {
    expect(format("v7.1.5")).toBe("1-{arch}-{platform}-{python}{pruned}{cache-python}{glob-hash}{suffix} pruned");
    expect(format("v7.1.6")).toBe(`${V2} pruned`);
    expect(format("08807647e7069bb48b6ef5acd8ec9567f424441b")).toBe(`${V2} pruned`);
    expect(format("v9.0.0")).toBe(V2);
    expect(format("v10.0.1")).toBe(V2);
  });
  it("prunes by default from v3.2.0, when prune-cache came", () => {
    expect(format("v3.1.7")).toBe("1-{arch}-{platform}-{uv-version}{glob-hash}{suffix}");
    expect(format("v3.2.0")).toBe("1-{arch}-{platform}-{uv-version}{glob-hash}{suffix} pruned");
  });
  it("takes a line a comment names when its releases agree, and guesses nothing else", () => {
    expect(format("line:v8")).toBe(`${V2} pruned`);
    expect(format("line:v7")).toBeNull();
    expect(format("v10.1.0")).toBeNull();
    expect(format("v8")).toBeNull();
    expect(format("main")).toBeNull();
  });
});
