import { remainingMs } from '../../src-shared/experiment/eta';
import type { CliIo } from './types';

/** Formats a duration in seconds as 1h02m, 3m05s or 12.3s. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--';
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)}m${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
  return `${seconds.toFixed(1)}s`;
}

/**
 * A progress bar on stderr: redrawn in place (at most 10 times a second) on a terminal, one line per
 * 10% otherwise, with the elapsed time and an ETA from the mean rate so far (remainingMs; -- until it says something).
 */
export function createProgressBar(io: CliIo, label: string) {
  const start = performance.now();
  let lastDraw = 0;
  let lastDecile = -1;
  return {
    update(done: number, total: number, detail = ''): void {
      const now = performance.now();
      const fraction = total > 0 ? Math.min(1, done / total) : 0;
      const elapsed = (now - start) / 1000;
      const eta = (remainingMs(elapsed * 1000, done, total) ?? Number.NaN) / 1000;
      const text = `${label} ${(100 * fraction).toFixed(0).padStart(3)}% ${detail} elapsed ${formatDuration(elapsed)} eta ${formatDuration(eta)}`;
      if (io.isTty) {
        if (now - lastDraw < 100 && fraction < 1) return;
        lastDraw = now;
        const width = 24;
        const filled = Math.round(width * fraction);
        io.stderr(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}\x1b[K`);
      } else {
        const decile = Math.floor(fraction * 10);
        if (decile === lastDecile) return;
        lastDecile = decile;
        io.stderr(`${text}\n`);
      }
    },
    finish(): void {
      if (io.isTty) io.stderr('\n');
    },
  };
}
