import type { LoadedArtifact, LoadedInstrument } from '../instruments';

/**
 * Column c of a [columns, n] artifact (the layout every instrument stores its curves in: row c of
 * the array is column c), as plain numbers; empty when out of range.
 *
 * @example
 * column({ shape: [2, 3], data: Float64Array.of(1, 2, 3, 4, 5, 6) }, 1) // → [4, 5, 6]
 */
export function column(artifact: LoadedArtifact, c: number): number[] {
  const [columns = 0, n = 0] = artifact.shape;
  if (c < 0 || c >= columns) return [];
  return Array.from(artifact.data.subarray(c * n, (c + 1) * n));
}

/**
 * Points (x, y) from two columns, keeping rows where `keep` holds (default: both finite).
 *
 * @example
 * pointsOf({ shape: [2, 2], data: Float64Array.of(0, 1, 5, NaN) }, 0, 1) // → [{ x: 0, y: 5 }]
 */
export function pointsOf(artifact: LoadedArtifact, xc: number, yc: number, keep: (x: number, y: number) => boolean = (x, y) => Number.isFinite(x) && Number.isFinite(y)): { x: number; y: number }[] {
  const xs = column(artifact, xc), ys = column(artifact, yc);
  return xs.flatMap((x, i) => (keep(x, ys[i]!) ? [{ x, y: ys[i]! }] : []));
}

/**
 * Ticks at the powers of ten spanning positive values (for a log axis), at least the two around them.
 *
 * @example
 * decadeTicks([0.003, 0.5, 20]) // → [0.001, 0.01, 0.1, 1, 10, 100]
 */
export function decadeTicks(values: readonly number[]): number[] {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0) return [];
  const lo = Math.floor(Math.log10(Math.min(...positive))), hi = Math.ceil(Math.log10(Math.max(...positive)));
  return Array.from({ length: Math.max(hi - lo, 1) + 1 }, (_, i) => Number(`1e${lo + i}`));
}

/**
 * The run of a loaded instrument with this variant, or undefined.
 *
 * @example
 * runOf(loaded, 'forward')?.artifacts['curves']?.shape // → [16, 41]
 */
export function runOf(loaded: LoadedInstrument, variant: string): LoadedInstrument['runs'][number] | undefined {
  return loaded.runs.find((r) => r.variant === variant);
}
