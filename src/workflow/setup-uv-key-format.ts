import type { SetupUvReleaseRow } from "./setup-uv-release.js";

/**
 * How a setup-uv release builds its cache key, from the table of its tags (`keyFormat`, read from
 * `computeKeys` in src/cache/restore-cache.ts, and `prune-cache`'s default in action.yml). Two steps
 * whose releases build keys in different formats never share a cache. The v8.3.0 change that
 * URI-encodes the suffix and the Python version changes no key made of plain words and is not a format.
 */
export interface KeyFormat {
  /** Equal ids, equal format: `setup-uv-2-{arch}-{platform}-{os}-{python}{pruned}{cache-python}{glob-hash}{suffix}`. */
  id: string;
  /** Whether the key holds the uv version (`version` input), as before v5.1.0. */
  uvVersion: boolean;
  /** Whether the key marks `prune-cache` (`-pruned`), as since v6.1.0. */
  pruned: boolean;
  /** `prune-cache`'s default: true from v3.2.0 (when it came) until v9.0.0. */
  pruneByDefault: boolean;
}

/** The key format the releases a step may run build; null when there are none, or they differ. */
export function keyFormatOf(releases: readonly SetupUvReleaseRow[]): KeyFormat | null {
  const [first] = releases;
  if (!first || releases.some((row) => row.keyFormat !== first.keyFormat || row.pruneCacheDefault !== first.pruneCacheDefault)) return null;
  return { id: first.keyFormat, uvVersion: first.keyFormat.includes("{uv-version}"), pruned: first.keyFormat.includes("{pruned}"), pruneByDefault: first.pruneCacheDefault ?? false };
}
