import { describe, expect, it } from 'vitest';
import { endpointsFromSigmas, endpointsFromTimes, logSnrSteps, ouTimeFromSnr, scheduleFromSnrGrid, snrFromOuTime, snrGridFromSigmas, validateSnrGrid } from '../../../src-shared/schedules/snrGrid';
import { expectClose } from '../../support/close';

describe('SNR grid conversions', () => {
  it('snrFromOuTime(t) = 1/(e^{2t} − 1) and ouTimeFromSnr inverts it to 1e-14 over t ∈ [1e-6, 20]', () => {
    for (const t of [1e-6, 1e-3, 0.1, 1, 5, 20]) {
      expectClose(snrFromOuTime(t), 1 / (Math.exp(2 * t) - 1), { relTol: t < 0.1 ? 1e-9 : 1e-14 });
      expectClose(ouTimeFromSnr(snrFromOuTime(t)), t, { relTol: 1e-14 });
    }
  });

  it('endpointsFromTimes(1e-3, 5) gives the spec §5.2 endpoints γ_max = 499.50017, γ_min = 4.5402e-5', () => {
    const e = endpointsFromTimes(1e-3, 5);
    expectClose(e.gammaMax, 499.50017, { relTol: 1e-8 });
    expectClose(e.gammaMin, 4.5402e-5, { relTol: 1e-4 });
    expect(endpointsFromSigmas(0.002, 80)).toEqual({ gammaMax: 250000, gammaMin: 1 / 6400 });
    expect(() => endpointsFromTimes(5, 1)).toThrow(/delta, T: expected 0 < delta < T/);
  });

  it('scheduleFromSnrGrid(grid) lists σ = γ^{−1/2} from the noisy end, appends 0, and snrGridFromSigmas inverts it', () => {
    const grid = validateSnrGrid([100, 1, 0.01]);
    const schedule = scheduleFromSnrGrid(grid);
    expect(schedule.variancePreserving).toBe(true);
    expectClose(schedule.sigmas, [10, 1, 0.1, 0], { relTol: 2 * Number.EPSILON });
    expect(schedule.sigmas[3]).toBe(0);
    expectClose(snrGridFromSigmas(schedule.sigmas), grid, { relTol: 4 * Number.EPSILON });
    expectClose(logSnrSteps(grid), [Math.log(100), Math.log(100)], { relTol: 2 * Number.EPSILON });
  });

  it('validateSnrGrid and snrGridFromSigmas name the first offending entry', () => {
    expect(() => validateSnrGrid([1, 2])).toThrow('gammas[1]: expected < gammas[0] = 1 (strictly decreasing), got 2');
    expect(() => validateSnrGrid([1, -1])).toThrow(/gammas\[1\]: expected a finite SNR > 0/);
    expect(() => validateSnrGrid([1])).toThrow(/at least 2 SNRs/);
    expect(() => snrGridFromSigmas([1, 2, 0])).toThrow(/sigmas\[1\]: expected a finite level > 0 and < sigmas\[0\] = 1/);
    expect(() => snrGridFromSigmas([1, 0])).toThrow(/at least 2 positive noise levels/);
  });
});
