import { describe, expect, it } from 'vitest';
import { historyCsv } from '../../src-renderer/features/history/historyCsv';
import { formatDate, formatDuration, formatMetric } from '../../src-renderer/format';
import type { RunRowData } from '../../src-shared/ipc/contract';

describe('display formatting', () => {
  it('formatDuration gives s, m s and h m, and — when unknown', () => {
    expect([0, 12_400, 185_000, 3_723_000].map(formatDuration)).toEqual(['0s', '12s', '3m05s', '1h02m']);
    expect([null, Number.NaN].map(formatDuration)).toEqual(['—', '—']);
  });

  it('formatMetric gives 3 significant digits, exponent form below 10⁻³, — when missing', () => {
    expect([0.012345, 0.5, 12.3456, 0].map(formatMetric)).toEqual(['0.0123', '0.5', '12.3', '0']);
    expect(formatMetric(0.00001234)).toBe('1.23e-5');
    expect([null, undefined, Number.NaN].map(formatMetric)).toEqual(['—', '—', '—']);
  });

  it('formatDate gives local YYYY-MM-DD HH:MM', () => {
    expect(formatDate(new Date(2026, 0, 2, 3, 4, 59).getTime())).toBe('2026-01-02 03:04');
  });

  it('historyCsv quotes fields per RFC 4180 and leaves undefined means empty', () => {
    const rows = [
      { experiment: 'toy, "v2"', variant: 'delta=0.01', status: 'completed', created: Date.UTC(2026, 0, 2), seedCount: 4, summary: { eInf: 0.002 } },
      { experiment: 'x', variant: 'unprojected', status: 'running', created: Date.UTC(2026, 0, 2), seedCount: 1, summary: null },
    ] as unknown as RunRowData[];
    expect(historyCsv(rows)).toBe(
      'experiment,variant,status,created,seeds,eInfMean\n"toy, ""v2""",delta=0.01,completed,2026-01-02T00:00:00.000Z,4,0.002\nx,unprojected,running,2026-01-02T00:00:00.000Z,1,\n',
    );
  });
});
