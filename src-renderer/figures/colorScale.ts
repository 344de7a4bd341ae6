/** Sequential colour scale for heatmaps: viridis (perceptually uniform, readable with colour-vision deficiencies and in greyscale). */

/** Viridis sampled at 0, 1/8, …, 1 (matplotlib's table). */
const VIRIDIS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'] as const;

/** The colour of a cell with no violation (inside the band): lighter than any viridis colour. */
export const IN_BAND_COLOR = '#f2f2f2';

function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/**
 * Viridis at t ∈ [0, 1] (clamped; linear between the 9 anchors); NaN gives mid grey.
 *
 * @example
 * viridis(0) // → '#440154'
 * viridis(1) // → '#fde725'
 */
export function viridis(t: number): string {
  if (Number.isNaN(t)) return '#999999';
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = rgb(VIRIDIS[i]!), b = rgb(VIRIDIS[i + 1]!);
  return `#${a.map((c, k) => Math.round(c + (b[k]! - c) * f).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The colour of a violation v ≥ 0 on a scale up to `max`: IN_BAND_COLOR for v = 0 (in the band),
 * else viridis(v / max) (so the smallest violation is dark, the largest yellow).
 *
 * @example
 * violationColor(0, 0.1) // → '#f2f2f2'
 * violationColor(0.1, 0.1) // → '#fde725'
 */
export function violationColor(v: number, max: number): string {
  if (v === 0) return IN_BAND_COLOR;
  return viridis(max > 0 ? v / max : 1);
}
