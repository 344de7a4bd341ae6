import { describe, expect, it } from 'vitest';
import type { LasScheduleSpec } from '../../../src-shared/diffusion/schedules/spec';
import { buildSchedule } from '../../../src-shared/diffusion/schedules/spec';
import { gaussianOptimalGrid } from '../../../src-shared/schedules/gaussianClosedForm';
import { buildLasSchedule, lasSnrGrid } from '../../../src-shared/schedules/lasSchedule';
import { gmmSource } from '../../../src-shared/schedules/mmseMonteCarlo';
import { endpointsFromSigmas, snrGridFromSigmas } from '../../../src-shared/schedules/snrGrid';

const sigmaMin = 0.01;
const sigmaMax = 10;
const steps = 6;
const endpoints = endpointsFromSigmas(sigmaMin, sigmaMax);
const candidates = 1500;
/** The DP resolves the optimum to its candidate spacing in ln γ. */
const spacing = Math.log(endpoints.gammaMax / endpoints.gammaMin) / (candidates - 1);

/** A training log of the x₀-MSE of N(0, 1) data, m(γ) = 1/(1 + γ), at `levels` log-spaced σ. */
function gaussianTable(levels: number): [number, number][] {
  return Array.from({ length: levels }, (_, i) => {
    const sigma = Math.exp(Math.log(sigmaMin) + (Math.log(sigmaMax / sigmaMin) * i) / (levels - 1));
    return [sigma, 1 / (1 + 1 / (sigma * sigma))];
  });
}

const lossSpec = (table: [number, number][], extra: Partial<LasScheduleSpec> = {}): LasScheduleSpec => ({
  kind: 'las', steps, sigmaMin, sigmaMax, candidates, refine: false, variancePreserving: true,
  source: { kind: 'loss', table, level: 'sigma', parameterisation: 'x0', sigmaData: 0.5 }, ...extra,
});

const maxLogGap = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (x, k) => Math.abs(Math.log(x / b[k]!))));

describe('buildLasSchedule(spec) on a loss table', () => {
  it('for the Gaussian MMSE (s² = 1) is the closed-form optimum of T4 to one candidate spacing in ln γ; N levels σ_max … σ_min, then 0, VP', () => {
    const schedule = buildLasSchedule(lossSpec(gaussianTable(120)));
    expect(schedule.sigmas).toHaveLength(steps + 1);
    expect(schedule.sigmas[steps]).toBe(0);
    expect(schedule.variancePreserving).toBe(true);
    // σ = γ^{−1/2} of the exact endpoint SNRs: σ_max and σ_min to rounding.
    expect(Math.abs(schedule.sigmas[0]! / sigmaMax - 1)).toBeLessThan(4 * Number.EPSILON);
    expect(Math.abs(schedule.sigmas[steps - 1]! / sigmaMin - 1)).toBeLessThan(4 * Number.EPSILON);
    const grid = snrGridFromSigmas(schedule.sigmas);
    expect(maxLogGap(grid, gaussianOptimalGrid(endpoints, steps - 1, 1))).toBeLessThanOrEqual(spacing);
  });

  it('is the same grid whatever units the table is in: ε-loss (ℓ_ε = γ·ℓ) against SNR levels equals x₀-MSE against σ to 1e-12', () => {
    const table = gaussianTable(120);
    const reference = buildLasSchedule(lossSpec(table)).sigmas;
    const eps = table.map(([sigma, loss]) => [1 / (sigma * sigma), loss / (sigma * sigma)] as [number, number]);
    const converted = buildLasSchedule(lossSpec(eps, { source: { kind: 'loss', table: eps, level: 'snr', parameterisation: 'eps', sigmaData: 0.5 } })).sigmas;
    // The conversions round by an ulp or two; the DP then picks the same candidates (ties are not that close here).
    expect(maxLogGap(converted.subarray(0, steps), reference.subarray(0, steps))).toBeLessThan(1e-12);
  });

  it('with refine lands off the candidates, closer to the closed form than the candidate spacing allows', () => {
    const grid = lasSnrGrid(lossSpec(gaussianTable(400), { refine: true }));
    // Log–log interpolation bends ℓ′ at the 400 table levels; refinement reaches ~4e-3 in ln γ there (measured), below the spacing 9.2e-3.
    expect(maxLogGap(grid, gaussianOptimalGrid(endpoints, steps - 1, 1))).toBeLessThan(spacing);
  });

  it('uses stored sigmas exactly, and buildSchedule dispatches to it', () => {
    const sigmas = [10, 3, 1, 0.3, 0.1, 0.01, 0];
    expect(Array.from(buildLasSchedule(lossSpec(gaussianTable(8), { sigmas })).sigmas)).toEqual(sigmas);
    expect(buildSchedule(lossSpec(gaussianTable(120))).sigmas).toEqual(buildLasSchedule(lossSpec(gaussianTable(120))).sigmas);
  });

  it('names the field of every bad input', () => {
    expect(() => buildLasSchedule(lossSpec(gaussianTable(8), { sigmas: [10, 1, 0] }))).toThrow(/^schedule\.sigmas: expected steps \+ 1 = 7 entries/);
    expect(() => buildLasSchedule(lossSpec(gaussianTable(8), { sigmas: [10, 3, 1, 0.3, 0.1, 0.2, 0] }))).toThrow(/^schedule\.sigmas\[5\]: expected < schedule\.sigmas\[4\]/);
    expect(() => buildLasSchedule(lossSpec(gaussianTable(8), { candidates: 5 }))).toThrow(/^schedule\.candidates: expected an integer ≥ steps = 6/);
    expect(() => buildLasSchedule(lossSpec(gaussianTable(8), { sigmaMin: 20 }))).toThrow(/^schedule\.sigmaMin, schedule\.sigmaMax/);
    expect(() => buildLasSchedule(lossSpec([[1, 0.5], [2, -1]]))).toThrow(/^schedule\.source\.table\[1\]: expected a finite loss ≥ 0, got -1/);
    const mmse = { ...lossSpec([]), source: { kind: 'mmse' as const, draws: 16, levels: 16, seed: 0 } };
    expect(() => buildLasSchedule(mmse)).toThrow(/^schedule\.source: the mmse source is the MMSE curve of the run's data/);
  });
});

describe('buildLasSchedule(spec, { posterior }) on the mmse source', () => {
  it('for N(0, I₂) data (the Rao–Blackwellised trace is exact for a Gaussian) is the T4 optimum to one candidate spacing', () => {
    const spec: LasScheduleSpec = { ...lossSpec([]), source: { kind: 'mmse', draws: 8, levels: 120, seed: 0 } };
    const grid = snrGridFromSigmas(buildLasSchedule(spec, { posterior: gmmSource([{ weight: 1, mean: [0, 0], std: 1 }]) }).sigmas);
    expect(maxLogGap(grid, gaussianOptimalGrid(endpoints, steps - 1, 1))).toBeLessThanOrEqual(spacing);
  });
});
