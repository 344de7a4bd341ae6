import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../../src-main/service/experimentRun';
import { parseConfig } from '../../../src-shared/experiment/config';
import { resolveSchedule } from '../../../src-shared/experiment/plan';
import { PRESETS } from '../../../src-shared/experiment/presets';
import { parseCompareConfig } from '../../../src-shared/schedules/compareConfig';
import { runScheduleComparison } from '../../../src-shared/schedules/compare';
import { endpointsFromSigmas, scheduleFromSnrGrid } from '../../../src-shared/schedules/snrGrid';

/** The gmm-2d preset with a LAS schedule on its own MMSE curve: 6 levels from σ = 40 to 0.02, then 0. */
const config = parseConfig({
  ...PRESETS['gmm-2d'], seeds: { start: 0, count: 3 }, recordEvery: 1, frames: { count: 0, seeds: 0 },
  schedule: { kind: 'las', steps: 6, sigmaMin: 0.02, sigmaMax: 40, candidates: 400, source: { kind: 'mmse', draws: 48, levels: 30, seed: 3 } },
});

/** What `infodiff schedules las --target gmm-2d --K 5 --sigma-min 0.02 --sigma-max 40 …` computes (its worker runs runScheduleComparison). */
function cliGrid(): number[] {
  const comparison = runScheduleComparison(parseCompareConfig({
    target: 'gmm-2d', Ks: [5], schedules: ['las'], endpoints: endpointsFromSigmas(0.02, 40), candidates: 400, mc: { draws: 48, levels: 30, seed: 3 },
  }));
  return Array.from(scheduleFromSnrGrid(comparison.runs[0]!.gammas).sigmas);
}

describe('runExperiment(config with a las schedule)', () => {
  it('runs the LAS levels of `infodiff schedules las` for the same inputs, whether the config comes resolved (sigmas stored) or not (workers resolve it)', async () => {
    const expected = cliGrid();
    expect(expected).toHaveLength(7);
    const resolved = resolveSchedule(config);
    expect(resolved.schedule.kind === 'las' && resolved.schedule.sigmas).toEqual(expected);
    for (const input of [resolved, config]) {
      const result = await runExperiment(input, { threads: 2 });
      expect(result.outcome.status).toBe('completed');
      for (const rows of result.steps) {
        for (const seed of [0, 1, 2]) expect(rows.filter((r) => r.seed === seed).map((r) => r.sigma)).toEqual(expected.slice(1));
      }
    }
  });
});
