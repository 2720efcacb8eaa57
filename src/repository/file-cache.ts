/**
 * What rules remember between files: the files they read, kept until the file changes on disk, and
 * the value of the lint in progress.
 */
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

/** Modification time and size of a file, to tell when it must be read again. */
export function statsStamp(stats: Stats): string {
  return `${stats.mtimeMs}:${stats.size}`;
}

/** `statsStamp` of the file at `path`; null when it is missing. */
export function changeStamp(path: string): string | null {
  const stats = statOrNull(path);
  return stats ? statsStamp(stats) : null;
}

/**
 * Values read from files, each kept for the life of the process until the stamp of what it was
 * read from (`changeStamp`, or several joined) changes.
 */
export class FileCache<K, V> {
  readonly #entries = new Map<K, { stamp: string; value: V }>();

  /** The value kept for `key` if it was read at `stamp`, else `read()`'s, kept for next time. */
  get(key: K, stamp: string, read: () => V): V {
    const cached = this.#entries.get(key);
    if (cached?.stamp === stamp) return cached.value;
    const value = read();
    this.#entries.set(key, { stamp, value });
    return value;
  }

  /** Forgets every value. */
  clear(): void {
    this.#entries.clear();
  }
}

/**
 * Memoises `compute` per key object for as long as the key lives: what is read once from a parsed
 * file's model or document, which every linted file may ask of the others while they stay parsed.
 */
export function cachePerObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const values = new WeakMap<K, V>();
  return (key) => {
    if (values.has(key)) return values.get(key) as V;
    const value = compute(key);
    values.set(key, value);
    return value;
  };
}

/**
 * Memoises `compute` for the most recent key only. ESLint runs every rule on one file before it
 * parses the next, so the rules of one lint share the value; unlike a `WeakMap` keyed by each
 * file's AST, it leaves no entry behind for the garbage collector to trace in every collection
 * (see docs/performance.md). It holds the last key and value until the next call with another key.
 */
export function cacheLast<K, V>(compute: (key: K) => V): (key: K) => V {
  let last: { key: K; value: V } | null = null;
  return (key) => {
    if (last === null || last.key !== key) last = { key, value: compute(key) };
    return last.value;
  };
}
