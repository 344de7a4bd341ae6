import { describe, expect, it } from 'vitest';
import { runScheduleComparison } from '../../../src-shared/schedules/compare';
import { parseCompareConfig } from '../../../src-shared/schedules/compareConfig';
import { startScheduleComparison } from '../../../src-main/schedules/host';

describe('startScheduleComparison(config, onProgress)', () => {
  it('runs the comparison on a worker thread with the same numbers as in-process, reporting progress', async () => {
    const config = parseCompareConfig({ target: 'gaussian', Ks: [4, 6], schedules: ['las', 'edm', 'cosine'], measure: {} });
    const phases = new Set<string>();
    const result = await startScheduleComparison(config, (p) => phases.add(p.phase)).done;
    const local = runScheduleComparison(config);
    expect(result.runs.map((r) => [r.schedule, r.K, r.klNats])).toEqual(local.runs.map((r) => [r.schedule, r.K, r.klNats]));
    expect(Array.from(result.runs[0]!.gammas)).toEqual(Array.from(local.runs[0]!.gammas));
    expect(result.quality).toEqual(local.quality);
    expect(phases.has('schedules')).toBe(true);
  });

  it('cancel() stops the worker between units of work and rejects with a cancelled LabError', async () => {
    const run = startScheduleComparison(parseCompareConfig({ target: 'gmm-2d', Ks: [5, 10, 20, 50], mc: { draws: 20_000, levels: 200, seed: 0 } }));
    setTimeout(() => run.cancel(), 300);
    await expect(run.done).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('a failure inside the worker arrives as the worker\'s LabError', async () => {
    const config = parseCompareConfig({ target: 'gaussian', Ks: [3], schedules: ['edm'], custom: [{ name: 'bad', sigmas: [1, 2, 0] }] });
    await expect(startScheduleComparison(config).done).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('custom "bad"[1]') });
  });
});
