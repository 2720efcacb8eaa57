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
