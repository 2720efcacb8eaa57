import { describe, expect, it } from "vitest";
import { keyFormatOf } from "../src/workflow/setup-uv-key-format.js";
import { parseReleaseTag } from "../src/workflow/setup-uv-release.js";

const format = (tag: string): string | null => {
  const found = keyFormatOf(parseReleaseTag(tag));
  return found ? `${found.id}${found.pruneByDefault ? " pruned" : ""}` : null;
};

describe("setup-uv key formats, as the tags of astral-sh/setup-uv build them", () => {
  it("follows the floating major tags to the release they point at", () => {
    expect(format("v4")).toBe("1-uv pruned");
    expect(format("v5")).toBe("1-python pruned");
    expect(format("v6")).toBe("1-pruned pruned");
    expect(format("v7")).toBe("2 pruned");
  });
  it("keeps CACHE_VERSION 2 from v7.1.6 through v10, pruning by default before v9", () => {
    expect(format("v7.1.5")).toBe("1-py pruned");
    expect(format("v7.1.6")).toBe("2 pruned");
    expect(format("v8.1.0")).toBe("2 pruned");
    expect(format("v9.0.0")).toBe("2");
    expect(format("v10.0.1")).toBe("2");
    expect(format("v10")).toBe("2");
  });
  it("prunes by default from v3.2.0, when prune-cache came", () => {
    expect(format("v3.1.7")).toBe("1-uv");
    expect(format("v3.2.0")).toBe("1-uv pruned");
  });
  it("does not guess a minor whose patches differ, or a release newer than the table", () => {
    expect(format("v7.1")).toBeNull();
    expect(format("v7.6")).toBe("2 pruned");
    expect(format("v10.1.0")).toBeNull();
    expect(format("v11")).toBeNull();
  });
});
