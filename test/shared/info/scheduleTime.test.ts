import { describe, expect, it } from 'vitest';
import { rateInTime, veRateFromScoreDivergence, bandwidthFromMmse, scoreDivergence } from '../../../src-shared/info/bandwidth';
import { buildSchedule } from '../../../src-shared/diffusion/schedules/spec';
import { gaussianBandwidth, gaussianMmse } from '../../../src-shared/info/gaussian';
import { brentMaximizer, gridMaxima, halfMaxWidth, maximizeSync } from '../../../src-shared/info/peaks';
import { simpson, uniformGrid } from '../../../src-shared/info/quadrature';
import { informationPerStep, lambdaAtTime, lambdaRate, timeAtLambda, TIME_SCHEDULE_NAMES } from '../../../src-shared/info/scheduleTime';
import { expectClose } from '../../support/close';
import { exactCurve, twoPoints } from './support';

describe('schedule time ↔ log-SNR', () => {
  it('timeAtLambda inverts lambdaAtTime and lambdaRate is |dλ/dt| (central differences, 1e-7 relative) for every schedule', () => {
    for (const schedule of TIME_SCHEDULE_NAMES) {
      for (const lambda of [-8, -2, 0, 3, 9]) {
        const t = timeAtLambda(schedule, lambda);
        expectClose(lambdaAtTime(schedule, t), lambda, { absTol: 1e-10 });
        const h = 1e-6 * t;
        expectClose(lambdaRate(schedule, t), Math.abs(lambdaAtTime(schedule, t + h) - lambdaAtTime(schedule, t - h)) / (2 * h), { relTol: 1e-7 });
      }
    }
  });

  it('the OU-VP rate of ±1_d data peaks at spec T3 times: t_c = ½ln(1 + d), argmax dH/dt, argmax Var h (d = 10, 100, 1000)', () => {
    // The spec's times carry ~1e-3 of grid error (its Var h times are off the exact map t = ½ln(1 + d·e^{−0.29675})
    // by up to 1.5e-3): 5e-3 against them, 1e-5 against that exact map.
    // ±1_d is the 1-D two-point problem with m² = d (spec §3.3g).
    const expected: Record<number, [number, number, number]> = { 10: [1.1989, 0.9448, 1.0646], 100: [2.3076, 2.0972, 2.1591], 1000: [3.4544, 3.2437, 3.3056] };
    for (const d of [10, 100, 1000]) {
      const curve = exactCurve(twoPoints(Math.sqrt(d)), 120);
      const tc = timeAtLambda('ou-vp', -Math.log(d));
      const rate = maximizeSync(brentMaximizer(expected[d]![1] - 0.3, expected[d]![1] + 0.3, 1e-9), (t) => curve(lambdaAtTime('ou-vp', t)).bandwidthNats * lambdaRate('ou-vp', t));
      const variance = maximizeSync(brentMaximizer(expected[d]![2] - 0.3, expected[d]![2] + 0.3, 1e-9), (t) => curve(lambdaAtTime('ou-vp', t)).entropy.variance);
      expectClose([tc, rate.x, variance.x], expected[d]!, { absTol: 5e-3 });
      expectClose(tc, 0.5 * Math.log1p(d), { relTol: 1e-14 });
      expectClose(variance.x, 0.5 * Math.log1p(d * Math.exp(-0.29675)), { absTol: 1e-5 });
    }
  });

  it('under VE (σ = t) the Var h peak of ±1_d sits at t = 0.86√d with FWHM ≈ 1.00√d (spec T3, d = 1000: 27.22 and 31.72)', () => {
    const d = 1000;
    const curve = exactCurve(twoPoints(Math.sqrt(d)), 120);
    const ts = uniformGrid(5, 80, 1501);
    const ys = Array.from(ts, (t) => curve(lambdaAtTime('ve', t)).entropy.variance);
    const [i] = gridMaxima(ys);
    // The spec's numbers are grid values; the peak location to 0.1 and the width to 0.1 (grid step 0.05).
    expect(Math.abs(ts[i!]! - 27.22)).toBeLessThan(0.1);
    expect(Math.abs(halfMaxWidth(ts, ys, i!) - 31.72)).toBeLessThan(0.1);
  });

  it('rateInTime(ve, …) equals the score-divergence form ½g²(d/σ² + E div score) for Gaussian data (spec §3.3b)', () => {
    const v = [4, 4, 4, 4];
    const lambdas = uniformGrid(-3, 3, 7);
    const curve = rateInTime('ve', lambdas, Array.from(lambdas, (l) => gaussianBandwidth(v, l)));
    curve.t.forEach((sigma, i) => {
      const divergence = scoreDivergence(gaussianMmse(v, lambdas[i]!), sigma * sigma, 4);
      expectClose(curve.rate[i]!, veRateFromScoreDivergence(sigma, 4, divergence), { relTol: 1e-13 });
      expectClose(bandwidthFromMmse(lambdas[i]!, gaussianMmse(v, lambdas[i]!)), gaussianBandwidth(v, lambdas[i]!), { relTol: 1e-14 });
    });
  });

  it('informationPerStep(…) sums to ∫R dλ over the schedule’s λ range (EDM, 50 steps, Gaussian R on a fine grid)', () => {
    const v = [4, 1, 0.25];
    const lambdas = uniformGrid(-12, 14, 5201);
    const R = Array.from(lambdas, (l) => gaussianBandwidth(v, l));
    const { sigmas } = buildSchedule({ kind: 'edm', sigmaMin: 0.002, sigmaMax: 80, rho: 7, steps: 50 });
    const steps = informationPerStep(sigmas, lambdas, R);
    expect(steps).toHaveLength(50);
    const total = steps.reduce((s, x) => s + x.nats, 0);
    const from = lambdas.findIndex((l) => l >= -2 * Math.log(80));
    // Every step's nats ≥ 0 and the steps tile [λ(σ_max), λ_end]; Simpson on the same grid for the reference.
    for (const s of steps) expect(s.nats).toBeGreaterThanOrEqual(0);
    const reference = simpson(R.slice(from - (from % 2 === 1 ? 1 : 0)), 0.005) - (from % 2 === 1 ? 0.5 * 0.005 * (R[from - 1]! + R[from]!) : 0);
    expectClose(total, reference, { absTol: 2e-3 });
  });
});
