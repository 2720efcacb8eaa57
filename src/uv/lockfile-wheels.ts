import { cachePerObject } from "../repository/file-cache.js";
import { readLockfile, type Lockfile } from "./lockfile.js";

/**
 * A wheel file name built for one Python version: its Python tag `cp312`/`pp310` with an ABI of that
 * version (`cp312`, `cp313t`, `pypy310_pp73`), not the stable ABI (`abi3`) or none
 * (https://packaging.python.org/en/latest/specifications/binary-distribution-format/#file-name-convention).
 * Captures the Python tag and the platform.
 */
const VERSION_SPECIFIC_WHEEL = /-((?:cp|pp)3\d+)-(?!abi3-|none-)[a-z0-9_]+-([^/]+)\.whl$/;

/**
 * Below this many bytes of wheels, jobs or legs that share a cache lose too little to be worth a key
 * each: a few seconds of downloads on a hosted runner, against one more copy of the shared wheels in
 * the repository's 10 GB cache quota (the field reviews judged 0.6 MB of per-Python wheels, and about
 * 18 small pure-Python wheels, not worth it).
 */
export const WORTH_A_KEY_BYTES = 5_000_000;

/** What legs for different Pythons download that one leg's cache cannot serve. */
export interface PerPythonDownload {
  /** The package with the most bytes of wheels built per Python. */
  largest: string;
  /** Bytes of per-Python wheels one leg downloads (Linux x86_64 where the lockfile has them). */
  bytes: number;
}

/**
 * What a leg of a Python matrix downloads for itself when `uv sync` installs the project of the
 * lockfile `lockfile` (its dependencies and the default `dev` group, followed through the lockfile):
 * the wheels built for its Python only. Null when they come to less than 5 MB (a few small binary
 * wheels, or pure Python), when the lockfile names no project of its own, or cannot be read.
 */
export function perPythonDownload(lockfile: string): PerPythonDownload | null {
  const document = readLockfile(lockfile);
  return document === null ? null : downloadOf(document);
}

const downloadOf = cachePerObject((lockfile: Lockfile): PerPythonDownload | null => {
  // One entry per name, the version listed last where several are locked.
  const packages = new Map([...lockfile.byName].map(([name, versions]) => [name, versions.at(-1)!]));
  // The project itself (and workspace members): an editable or virtual source.
  const roots = [...packages.values()].filter((p) => p.memberPath !== null);
  if (roots.length === 0) return null;
  const installed = new Set<string>();
  const pending = roots.flatMap((root) => [root.name, ...(root.groups.get("dev") ?? []).map((edge) => edge.name)]);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (installed.has(name)) continue;
    installed.add(name);
    pending.push(...(packages.get(name)?.dependencies ?? []).map((edge) => edge.name));
  }
  // Per Python tag, the bytes each installed package's wheel for it weighs (Linux x86_64 where there is one).
  const bytesByTag = new Map<string, Map<string, { size: number; linux: boolean }>>();
  for (const name of installed) {
    for (const { url, size } of packages.get(name)?.wheels ?? []) {
      const match = VERSION_SPECIFIC_WHEEL.exec(url);
      if (!match) continue;
      const [, tag, platform] = match as unknown as [string, string, string];
      const perPackage = bytesByTag.get(tag) ?? new Map<string, { size: number; linux: boolean }>();
      const linux = /linux.*x86_64/.test(platform);
      // One wheel per package and Python: the Linux x86_64 one where there is one, else the largest.
      const chosen = perPackage.get(name);
      if (!chosen || (linux && !chosen.linux) || (linux === chosen.linux && size > chosen.size)) perPackage.set(name, { size, linux });
      bytesByTag.set(tag, perPackage);
    }
  }
  let best: PerPythonDownload | null = null;
  for (const perPackage of bytesByTag.values()) {
    const sizes = [...perPackage].map(([name, { size }]) => [name, size] as const);
    const bytes = sizes.reduce((sum, [, size]) => sum + size, 0);
    if (best === null || bytes > best.bytes) best = { bytes, largest: sizes.reduce((a, b) => (b[1] > a[1] ? b : a))[0] };
  }
  return best !== null && best.bytes >= WORTH_A_KEY_BYTES ? best : null;
});
