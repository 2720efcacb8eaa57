import { statSync, type Stats } from "node:fs";

/**
 * The path's stats (following symlinks), or null when it does not exist or cannot be read.
 * A missing file is the common case for the files rules look for (uv.toml, `.python-version`
 * above a project), and `statSync` answering it with an exception costs several times the
 * system call, so it is asked not to throw for that one.
 */
export function statOrNull(path: string): Stats | null {
  try {
    return statSync(path, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

/** Modification time and size of a file, to tell when it must be read again; null when it is missing. */
export function changeStamp(path: string): string | null {
  const stats = statOrNull(path);
  return stats ? `${stats.mtimeMs}:${stats.size}` : null;
}
