import { describe, expect, it } from 'vitest';
import { logSnrUniformSigmas } from '../../../src-shared/diffusion/schedules/logSnrUniform';
import { forwardCurves } from '../../../src-shared/info/curves';
import { createEmpiricalForward } from '../../../src-shared/info/empiricalForward';
import { gaussianTensorRule } from '../../../src-shared/info/quadrature';
import { quadratureQueries } from '../../../src-shared/info/queries';
import { infoTrajectories, trajectoryMismatch } from '../../../src-shared/info/trajectories';
import type { SamplerSpec } from '../../../src-shared/diffusion/samplers/spec';
import { twoPoints } from './support';

const set = twoPoints();
const forward = createEmpiricalForward(set, quadratureQueries(set, gaussianTensorRule(1, 100)));

function worstMismatch(sampler: SamplerSpec, steps: number) {
  const paths = infoTrajectories(set, { sampler, sigmas: logSnrUniformSigmas(steps, Math.exp(-2), Math.exp(2)), count: 3000, seed: 1 });
  const mismatch = trajectoryMismatch(paths, forwardCurves(forward, paths.lambdas));
  return {
    entropy: Math.max(...mismatch.map((m) => Math.abs(m.entropyMean))),
    surprisal: Math.max(...mismatch.map((m) => Math.abs(m.surprisalMean))),
    se: Math.max(...mismatch.map((m) => m.entropyMeanSe)),
  };
}

describe('infoTrajectories(set, options) on ±1 data, λ ∈ [−4, 4]', () => {
  it('the path mean of h approaches the forward curve as Euler–Maruyama steps are refined (discretisation error, first order)', () => {
    const coarse = worstMismatch({ name: 'euler-maruyama' }, 20);
    const fine = worstMismatch({ name: 'euler-maruyama' }, 320);
    // 3000 paths: SE ≈ 0.004 per step; the maximum over 320 steps of |N(0, SE²)| stays below ~4 SE.
    expect(coarse.entropy).toBeGreaterThan(3 * fine.entropy);
    expect(fine.entropy).toBeLessThan(4 * fine.se);
    expect(fine.surprisal).toBeLessThan(0.02);
  });

  it('the probability-flow ODE matches the forward h but not ι: it keeps the marginals, not the coupling with the end point', () => {
    const ode = worstMismatch({ name: 'pf-euler' }, 160);
    expect(ode.entropy).toBeLessThan(0.02);
    expect(ode.surprisal).toBeGreaterThan(0.1);
  });

  it('records one entropy and surprisal per trajectory and step, ends every path on a data point, and is reproducible', () => {
    const options = { sampler: { name: 'ddpm' } as const, sigmas: logSnrUniformSigmas(10, 0.1, 10), count: 5, seed: 3 };
    const a = infoTrajectories(set, options), b = infoTrajectories(set, options);
    expect(a.entropyNats).toHaveLength(50);
    expect(Array.from(a.surprisalNats)).toEqual(Array.from(b.surprisalNats));
    for (const v of a.entropyNats) expect(v).toBeGreaterThanOrEqual(0);
    for (const e of a.endpoints) expect([0, 1]).toContain(e);
  });
});
