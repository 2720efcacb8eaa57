import { readFileSync } from "node:fs";
import { changeStamp, FileCache } from "../repository/file-cache.js";

/**
 * A wheel file name in `uv.lock` built for one Python version: its Python tag `cp312`/`pp310` with an
 * ABI of that version (`cp312`, `cp313t`, `pypy310_pp73`), not the stable ABI (`abi3`) or none
 * (https://packaging.python.org/en/latest/specifications/binary-distribution-format/#file-name-convention).
 */
const VERSION_SPECIFIC_WHEEL = /\/([A-Za-z0-9_.]+)-[^/"\s-]+(?:-\d[^/"\s-]*)?-(?:cp|pp)3\d+-(?!abi3-|none-)[a-z0-9_]+-[^/"\s]+\.whl"/;

const wheelCache = new FileCache<string, string | null>();

/**
 * A package whose wheels in the lockfile `lockfile` are built for one Python version each
 * (`markupsafe`), so that legs for different Pythons download different files; null when every
 * wheel serves every Python (pure Python, or the stable ABI) or the file cannot be read.
 */
export function versionSpecificWheelPackage(lockfile: string): string | null {
  const stamp = changeStamp(lockfile);
  if (stamp === null) return null;
  return wheelCache.get(lockfile, stamp, () => {
    try {
      return VERSION_SPECIFIC_WHEEL.exec(readFileSync(lockfile, "utf8"))?.[1]?.toLowerCase() ?? null;
    } catch {
      return null;
    }
  });
}
