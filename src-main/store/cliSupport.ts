/**
 * What the store's CLI commands (src-main/cli/commands/{list,show,export,import,delete}.ts) share:
 * opening the store named by --data-dir, turning LabErrors into exit code 1, and formatting.
 */
import { LabError } from '../../src-shared/errors';
import type { CliIo } from '../cli/types';
import { type Store, openStore } from './store';

/** The --data-dir option every store command takes (node:util parseArgs syntax). */
export const DATA_DIR_OPTION = { 'data-dir': { type: 'string' } } as const;

/** Opens the store (--data-dir, else $INFODIFF_DATA_DIR, else the default), runs `work`, closes it; a LabError becomes `infodiff: message` and exit code 1. */
export function withStore(io: CliIo, dataDir: string | undefined, work: (store: Store) => number): number {
  let store: Store | undefined;
  try {
    store = openStore(dataDir === undefined ? {} : { dataDir });
    return work(store);
  } catch (error) {
    if (!(error instanceof LabError)) throw error;
    io.stderr(`infodiff: ${error.message}\n`);
    return 1;
  } finally {
    store?.close();
  }
}

/** Local date and time to the minute; '-' for null. @example formatLocalTime(null) // → '-' */
export function formatLocalTime(ms: number | null): string {
  if (ms === null) return '-';
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** ISO 8601 (UTC) for JSON output; null stays null. @example isoTime(0) // → '1970-01-01T00:00:00.000Z' */
export function isoTime(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** A metric for a table cell: 4 significant digits, '-' when missing (NaN or null). @example formatMetric(Math.PI) // → '3.142' */
export function formatMetric(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '-' : value.toPrecision(4);
}

/** Bytes as B, KiB or MiB. @example formatBytes(1536) // → '1.5 KiB' */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
