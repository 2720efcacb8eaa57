import { describe, expect, it } from "vitest";
import { SETUP_UV_RELEASES } from "../src/workflow/setup-uv-releases.generated.js";
import { FIRST_MAJOR_WITHOUT_FLOATING_TAGS, findRelease, firstReleaseKnowing, NEWEST_RELEASE, newerThanChecksums, newerThanTable, parseReleaseTag } from "../src/workflow/setup-uv-release.js";

const { source, tags } = SETUP_UV_RELEASES;
const releases = tags.filter((row) => /^v\d+\.\d+\.\d+$/.test(row.tag));
const KEY_PART = /\{(arch|platform|os|python|uv-version|pruned|cache-python|glob-hash|suffix)\}/g;

describe("the table of setup-uv's tags (scripts/setup-uv-releases.js)", () => {
  it("says from which commit of setup-uv it was made", () => {
    expect(source.repository).toBe("https://github.com/astral-sh/setup-uv");
    expect(source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(source.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
  it("has a well-formed row for every tag, each tag once", () => {
    expect(tags.length).toBeGreaterThan(100);
    expect(new Set(tags.map((row) => row.tag)).size).toBe(tags.length);
    for (const row of tags) {
      expect(row.tag).toMatch(/^v\d+(\.\d+){0,2}$/);
      expect(row.sha).toMatch(/^[0-9a-f]{40}$/);
      expect(row.keyFormat.replace(KEY_PART, "")).toMatch(/^setup-uv-\d+(-)+$/);
      expect([true, false, null]).toContain(row.pruneCacheDefault);
      expect(["false", "auto"]).toContain(row.enableCacheDefault);
      expect(row.newestKnownUv).toMatch(/^\d+\.\d+\.\d+$/);
      expect(typeof row.skipsUnlistedUv).toBe("boolean");
    }
  });
  it("points every floating tag at the newest release of its line, with that release's data", () => {
    for (const row of tags.filter((candidate) => !releases.includes(candidate))) {
      const newest = releases.filter((release) => release.tag.startsWith(`${row.tag}.`)).at(-1);
      expect({ ...row, tag: newest?.tag }).toEqual(newest);
    }
  });
  it("lists releases oldest first, their checksum lists never shrinking", () => {
    for (let index = 1; index < releases.length; index++) {
      const [before, after] = [parseReleaseTag(releases[index - 1]!.tag)!, parseReleaseTag(releases[index]!.tag)!];
      expect(after.major * 1e6 + after.minor! * 1e3 + after.patch!).toBeGreaterThan(before.major * 1e6 + before.minor! * 1e3 + before.patch!);
      expect(newerThanChecksums(releases[index - 1]!.newestKnownUv, releases[index]!)).toBe(false);
    }
  });
  it("answers the rules' questions from the rows", () => {
    expect(FIRST_MAJOR_WITHOUT_FLOATING_TAGS).toBe(8);
    expect(findRelease("v7")?.sha).toBe(findRelease("v7.6.0")?.sha);
    expect(findRelease("37802ADC94F370D6BFD71619E3F0BF239E1F3B78")?.tag).toBe("v7.6.0");
    expect(findRelease("v7.9")).toBeNull();
    expect(NEWEST_RELEASE.tag).toBe(releases.at(-1)!.tag);
    expect(newerThanTable(parseReleaseTag("v7.9")!)).toBe(false);
    expect(newerThanTable(parseReleaseTag(`v${parseReleaseTag(NEWEST_RELEASE.tag)!.major + 1}`)!)).toBe(true);
    const known = findRelease("v5.4.2")!.newestKnownUv;
    expect(firstReleaseKnowing(known)!.newestKnownUv).toBe(known);
    expect(firstReleaseKnowing("99.0.0")).toBeNull();
  });
});
