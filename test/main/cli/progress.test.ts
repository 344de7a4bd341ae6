import { describe, expect, it, vi } from 'vitest';
import { createProgressBar, formatDuration } from '../../../src-main/cli/progress';

function captured(isTty: boolean) {
  const lines: string[] = [];
  return { lines, io: { stdout: () => {}, stderr: (text: string) => lines.push(text), isTty } };
}

describe('createProgressBar (src-main/cli/progress.ts)', () => {
  it('writes one line per 10 % off a terminal, with no ETA while the rate is the start-up\'s and one after', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const { lines, io } = captured(false);
      const bar = createProgressBar(io, 'paper-toy');
      vi.advanceTimersByTime(100);
      bar.update(1, 64_000, 'seeds 0/64');
      vi.advanceTimersByTime(2_900);
      bar.update(6_400, 64_000, 'seeds 6/64');
      bar.update(6_500, 64_000, 'seeds 6/64');
      expect(lines).toEqual([
        'paper-toy   0% seeds 0/64 elapsed 0.1s eta --\n',
        'paper-toy  10% seeds 6/64 elapsed 3.0s eta 27.0s\n',
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('formats durations as 12.3s, 3m05s and 1h02m, and -- for none', () => {
    expect([formatDuration(12.34), formatDuration(185), formatDuration(3_720), formatDuration(Number.NaN)]).toEqual(['12.3s', '3m05s', '1h02m', '--']);
  });
});
