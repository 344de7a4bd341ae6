import { describe, expect, it } from 'vitest';
import { cosineBetas } from '../../../src-shared/diffusion/schedules/cosine';
import { discreteVp } from '../../../src-shared/diffusion/schedules/discreteVp';
import { linearBetas } from '../../../src-shared/diffusion/schedules/linearBeta';
import { CounterRng } from '../../../src-shared/math/rng';
import { baselineGrid } from '../../../src-shared/schedules/baselines';
import { mapGridToTimesteps, nearestTimestep, timestepLogSnrs } from '../../../src-shared/schedules/ddpmTimesteps';
import { lossRiemannSum } from '../../../src-shared/schedules/lasDp';
import { endpointsFromTimes, validateSnrGrid } from '../../../src-shared/schedules/snrGrid';
import { expectClose } from '../../support/close';

const linear = discreteVp(linearBetas(1000, 1e-4, 0.02));
const lambdas = timestepLogSnrs(linear);

/** argmin_t |λ_t − λ| by brute force, ties to the smaller t. */
function bruteNearest(ls: Float64Array, lambda: number): number {
  let best = 1;
  for (let t = 2; t < ls.length; t++) if (Math.abs(ls[t]! - lambda) < Math.abs(ls[best]! - lambda)) best = t;
  return best;
}

function expectValidMap(timesteps: Int32Array, grid: Float64Array, ls: Float64Array): void {
  const K = grid.length - 1;
  expect(timesteps).toHaveLength(K + 1);
  for (let k = 1; k <= K; k++) expect(timesteps[k]!, `t_${k} > t_${k - 1}`).toBeGreaterThan(timesteps[k - 1]!);
  expect(timesteps[0]).toBe(bruteNearest(ls, Math.log(grid[0]!)));
  expect(timesteps[K]).toBe(bruteNearest(ls, Math.log(grid[K]!)));
}

describe('timestepLogSnrs(vp)', () => {
  it('is ln(ᾱ_t/(1 − ᾱ_t)) of the linear-β DDPM to 1e-12 relative, strictly decreasing in t', () => {
    let logAlphaBar = 0;
    const betas = linearBetas(1000, 1e-4, 0.02);
    for (let t = 1; t <= 1000; t++) {
      logAlphaBar += Math.log1p(-betas[t - 1]!);
      // Direct formula: fine here except where 1 − ᾱ cancels (t ≤ 10: ~1e-13), which the tolerance covers.
      const alphaBar = Math.exp(logAlphaBar);
      expectClose(lambdas[t]!, Math.log(alphaBar / -Math.expm1(logAlphaBar)), { relTol: 1e-12, absTol: 1e-12 });
      if (t > 1) expect(lambdas[t]!).toBeLessThan(lambdas[t - 1]!);
    }
  });
});

describe('nearestTimestep(lambdas, λ)', () => {
  it('equals the brute-force argmin of |λ_t − λ| on 2,000 random λ in and beyond the trained range, and midpoints go to the smaller t', () => {
    const rng = new CounterRng(7, 0);
    for (let i = 0; i < 2000; i++) {
      const lambda = lambdas[1000]! - 2 + rng.nextUniform() * (lambdas[1]! - lambdas[1000]! + 4);
      expect(nearestTimestep(lambdas, lambda)).toBe(bruteNearest(lambdas, lambda));
    }
    // (λ_t + λ_{t+1})/2 rounds to within an ulp of the midpoint: check ties only where it is exact.
    for (const t of [1, 10, 500, 999]) {
      const mid = 0.5 * (lambdas[t]! + lambdas[t + 1]!);
      if (lambdas[t]! - mid === mid - lambdas[t + 1]!) expect(nearestTimestep(lambdas, mid)).toBe(t);
    }
  });
});

describe('mapGridToTimesteps(grid, vp, options)', () => {
  const endpoints = endpointsFromTimes(1e-3, 5);

  it('maps the Appendix A grids (K = 5 … 50) on the linear-β DDPM (T = 1000) to the timesteps nearest in log-SNR: distinct, increasing, endpoints the nearest', () => {
    for (const name of ['log-snr', 'edm', 'cosine', 'uniform-t'] as const) {
      for (const K of [5, 10, 20, 50]) {
        const grid = baselineGrid(name, K, endpoints);
        const timesteps = mapGridToTimesteps(grid, linear);
        expectValidMap(timesteps, grid, lambdas);
        if (new Set(Array.from(grid, (g) => bruteNearest(lambdas, Math.log(g)))).size === K + 1) {
          expect(Array.from(timesteps)).toEqual(Array.from(grid, (g) => bruteNearest(lambdas, Math.log(g))));
        }
      }
    }
  });

  it('spreads duplicates on a coarse DDPM (cosine, T = 20, K = 12 log-SNR steps): distinct, increasing, endpoints kept, each within its spread of the nearest', () => {
    const coarse = discreteVp(cosineBetas({ T: 20, s: 0.008, maxBeta: 0.999 }));
    const ls = timestepLogSnrs(coarse);
    const grid = baselineGrid('log-snr', 12, { gammaMax: Math.exp(ls[2]!), gammaMin: Math.exp(ls[19]!) });
    const nearest = Array.from(grid, (g) => bruteNearest(ls, Math.log(g)));
    expect(new Set(nearest).size).toBeLessThan(13);
    const timesteps = mapGridToTimesteps(grid, coarse);
    expectValidMap(timesteps, grid, ls);
    // Spreading moves a point no further than the number of points sharing its neighbourhood.
    timesteps.forEach((t, k) => expect(Math.abs(t - nearest[k]!)).toBeLessThanOrEqual(12));
  });

  it('las-dp resolves duplicates with the minimum of S over every choice of distinct trained timesteps between the endpoints (brute force, T = 12, K = 4)', () => {
    const small = discreteVp(linearBetas(12, 1e-3, 0.3));
    const ls = timestepLogSnrs(small);
    const grid = validateSnrGrid([Math.exp(ls[1]!), Math.exp(ls[1]!) * 0.9, Math.exp(ls[1]!) * 0.8, Math.exp(ls[6]!), Math.exp(ls[11]!)]);
    const loss = (g: number) => 1 / (1 + g) + 0.3 / (1 + g * g);
    expect(new Set(Array.from(grid, (g) => bruteNearest(ls, Math.log(g)))).size).toBeLessThan(5);
    const timesteps = mapGridToTimesteps(grid, small, { loss });
    expectValidMap(timesteps, grid, ls);
    const sumOf = (ts: number[]) => lossRiemannSum(validateSnrGrid(ts.map((t) => Math.exp(ls[t]!))), loss);
    let best = Infinity;
    for (let a = 2; a <= 10; a++) for (let b = a + 1; b <= 10; b++) for (let c = b + 1; c <= 10; c++) best = Math.min(best, sumOf([1, a, b, c, 11]));
    expect(sumOf(Array.from(timesteps))).toBe(best);
  });

  it('throws naming K when fewer than K + 1 timesteps lie between the mapped endpoints', () => {
    const coarse = discreteVp(linearBetas(10, 1e-3, 0.3));
    expect(() => mapGridToTimesteps(baselineGrid('log-snr', 20, endpoints), coarse)).toThrow(/^K: expected K ≤ 9: only 10 trained timesteps \(1 … 10\)/);
    expect(() => mapGridToTimesteps(baselineGrid('log-snr', 20, endpoints), coarse, { duplicates: 'las-dp' })).toThrow(/^loss: /);
  });
});
