/** Display formatting: the only place numbers and times become text. */

/**
 * A duration as 1h02m, 3m05s or 12s; '—' when unknown.
 *
 * @example
 * formatDuration(185_000) // → '3m05s'
 * formatDuration(null) // → '—'
 */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const seconds = Math.round(ms / 1000);
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${seconds}s`;
}

/**
 * A metric with 3 significant digits (exponent form below 10⁻³); '—' for a missing value.
 *
 * @example
 * formatMetric(0.012345) // → '0.0123'
 * formatMetric(0.00001234) // → '1.23e-5'
 * formatMetric(null) // → '—'
 */
export function formatMetric(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
}

/**
 * Unix ms as local 'YYYY-MM-DD HH:MM'.
 *
 * @example
 * formatDate(new Date(2026, 0, 2, 3, 4).getTime()) // → '2026-01-02 03:04'
 */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
