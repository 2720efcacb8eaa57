// @ts-check
// Clocks and medians: what every part of the bench measures with.

/**
 * Wall-clock and CPU time of one measurement, in ms.
 * @typedef {{ ms: number, cpuMs: number }} Timing
 */

/**
 * The median of `values` (NaN for none).
 * @param {number[]} values
 * @returns {number}
 */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? sorted[middle] ?? Number.NaN : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Starts a clock; calling the result gives the wall-clock and the CPU time (every thread of this
 * process, user + system) since then, in ms. CPU time is what other processes on a busy machine
 * disturb least.
 * @returns {() => Timing}
 */
export function startClock() {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 };
  };
}

/**
 * Largest over smallest of `values`: how far a time per unit moves across sizes.
 * @param {number[]} values
 */
export function spread(values) {
  return Math.max(...values) / Math.min(...values);
}
