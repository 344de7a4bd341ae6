/**
 * Axis ticks at "nice" values (1, 2 or 5 × 10ᵏ apart), as d3-scale's linear ticks: about `count`
 * ticks covering [min, max] (the ends are not extended). Empty for a non-finite or reversed range;
 * [min] when min = max.
 *
 * @example
 * niceTicks(0, 1, 5) // → [0, 0.2, 0.4, 0.6, 0.8, 1]
 * niceTicks(0, 0.057, 4) // → [0, 0.02, 0.04]
 */
export function niceTicks(min: number, max: number, count: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return [];
  if (max === min) return [min];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  // d3-array's thresholds: the step nearest (geometrically) to the raw one, among 1, 2, 5, 10.
  const step = (fraction >= Math.sqrt(50) ? 10 : fraction >= Math.sqrt(10) ? 5 : fraction >= Math.SQRT2 ? 2 : 1) * power;
  const first = Math.ceil(min / step - 1e-9), last = Math.floor(max / step + 1e-9);
  const ticks: number[] = [];
  // Multiplying an integer index by the step (not accumulating) keeps 0.6 from becoming 0.6000000000000001.
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

/**
 * Ticks of a log axis: the powers of ten in [min, max] (or, when fewer than two fit, the nice
 * linear ticks of the range). Empty unless 0 < min ≤ max.
 *
 * @example
 * logTicks(0.002, 80) // → [0.01, 0.1, 1, 10]
 */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max >= min) || !Number.isFinite(max)) return [];
  const ticks: number[] = [];
  for (let k = Math.ceil(Math.log10(min) - 1e-12); k <= Math.floor(Math.log10(max) + 1e-12); k++) ticks.push(Number((10 ** k).toPrecision(12)));
  return ticks.length >= 2 ? ticks : niceTicks(min, max, 4);
}
