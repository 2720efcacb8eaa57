import type { ReleaseTag } from "./setup-uv-release.js";

/**
 * How each astral-sh/setup-uv release builds its cache key (`computeKeys` in src/cache/restore-cache.ts,
 * `prune-cache` default in action.yml), read from the tags v1.0.0 … v10.0.1 of
 * https://github.com/astral-sh/setup-uv (v10.0.1 is 20cfd1bf945f4377ade1205e4dbc17946fc9a30d; the
 * floating tags point at v1.0.7, v2.1.2, v3.2.4, v4.2.0, v5.4.2, v6.8.0, v7.6.0; there are none from v8 on).
 * Two steps whose releases build keys in different formats never share a cache.
 */
export interface KeyFormat {
  /** Equal ids, equal format: `setup-uv-2-<arch>-<platform>-<os>-<python>[-pruned][-py]-<glob hash>[-suffix]` for id "2". */
  id: string;
  /** Whether the key holds the uv version (`version` input), as before v5.1.0. */
  uvVersion: boolean;
  /** Whether the key marks `prune-cache` (`-pruned`), as since v6.1.0. */
  pruned: boolean;
  /** `prune-cache`'s default: true from v3.2.0 (when it came) until v9.0.0. */
  pruneByDefault: boolean;
}

/** First release of each format, oldest first; a release has the format of the last row at or before it. */
const FORMATS: [first: [number, number, number], format: KeyFormat][] = [
  [[1, 0, 0], { id: "1-uv", uvVersion: true, pruned: false, pruneByDefault: false }],
  [[3, 2, 0], { id: "1-uv", uvVersion: true, pruned: false, pruneByDefault: true }],
  [[5, 0, 0], { id: "1-uv-python", uvVersion: true, pruned: false, pruneByDefault: true }],
  [[5, 1, 0], { id: "1-python", uvVersion: false, pruned: false, pruneByDefault: true }],
  [[6, 1, 0], { id: "1-pruned", uvVersion: false, pruned: true, pruneByDefault: true }],
  [[7, 1, 0], { id: "1-py", uvVersion: false, pruned: true, pruneByDefault: true }],
  // CACHE_VERSION "2" adds the runner's OS name and version; unchanged through v10.0.1 apart from
  // URI-encoding the suffix and Python version (v9.0.0), which changes no key made of plain words.
  [[7, 1, 6], { id: "2", uvVersion: false, pruned: true, pruneByDefault: true }],
  [[9, 0, 0], { id: "2", uvVersion: false, pruned: true, pruneByDefault: false }],
];

/** Where the floating major tags point (`@v7` runs v7.6.0). */
const FLOATING: Record<number, [number, number, number]> = { 1: [1, 0, 7], 2: [2, 1, 2], 3: [3, 2, 4], 4: [4, 2, 0], 5: [5, 4, 2], 6: [6, 8, 0], 7: [7, 6, 0] };

function compare(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < 3; index++) if (a[index] !== b[index]) return a[index]! - b[index]!;
  return 0;
}

/**
 * The key format a release builds; null when the release is unknown or newer than the table, or a
 * `vN.M` whose patch releases differ (v7.1, v5.0 and v3.2 span a change).
 */
export function keyFormatOf(release: ReleaseTag | null): KeyFormat | null {
  if (!release) return null;
  const formatAt = (version: readonly number[]): KeyFormat | null => {
    if (compare(version, [10, 0, 1]) > 0) return null;
    let format: KeyFormat | null = null;
    for (const [first, candidate] of FORMATS) if (compare(first, version) <= 0) format = candidate;
    return format;
  };
  if (release.minor === null) {
    const floating = FLOATING[release.major];
    if (floating) return formatAt(floating);
    // v8, v9, v10 have no floating tag; each of their releases builds format "2".
    return release.major >= 8 && release.major <= 10 ? formatAt([release.major, 0, 0]) : null;
  }
  if (release.patch !== null) return formatAt([release.major, release.minor, release.patch]);
  const [low, high] = [formatAt([release.major, release.minor, 0]), formatAt([release.major, release.minor, 99])];
  return low && high && low.id === high.id && low.pruneByDefault === high.pruneByDefault ? low : null;
}
