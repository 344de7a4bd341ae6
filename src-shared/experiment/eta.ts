/** The fraction of the work done, and the time elapsed, from which remainingMs gives an estimate. */
export const ETA_MIN_FRACTION = 0.01;
export const ETA_MIN_ELAPSED_MS = 5_000;

/**
 * The time left, in ms, at the mean rate so far: elapsed · (total − done) / done. The first steps of
 * a run also pay for the workers' start and the JIT's warm-up, so the rate says little until some
 * work is done: null while under ETA_MIN_FRACTION of the work is done and under ETA_MIN_ELAPSED_MS
 * have passed (and while nothing is done).
 *
 * @example
 * remainingMs(100, 1, 64_000) // → null  (not ~1.8 h: 0.1 s in, the rate is the start-up's)
 * remainingMs(2_000, 10, 100) // → 18_000
 */
export function remainingMs(elapsedMs: number, done: number, total: number): number | null {
  if (!(done > 0) || !(total > 0)) return null;
  if (done / total < ETA_MIN_FRACTION && elapsedMs < ETA_MIN_ELAPSED_MS) return null;
  return Math.round((elapsedMs * Math.max(0, total - done)) / done);
}
