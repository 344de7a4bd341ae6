import type { RunRowData } from '../../../src-shared/ipc/contract';

function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The history rows as CSV (RFC 4180 quoting): experiment, variant, status, created (ISO 8601),
 * seeds, e∞ mean (empty when undefined).
 *
 * @example
 * historyCsv([]) // → 'experiment,variant,status,created,seeds,eInfMean\n'
 */
export function historyCsv(rows: readonly RunRowData[]): string {
  const lines = rows.map((r) => [r.experiment, r.variant, r.status, new Date(r.created).toISOString(), r.seedCount, r.summary?.eInf ?? null].map(cell).join(','));
  return ['experiment,variant,status,created,seeds,eInfMean', ...lines].join('\n') + '\n';
}
