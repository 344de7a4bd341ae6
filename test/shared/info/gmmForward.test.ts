import { describe, expect, it } from 'vitest';
import { createGmmDenoiser } from '../../../src-shared/diffusion/denoisers/gmm';
import { scoreDivergence } from '../../../src-shared/info/bandwidth';
import { summarizeValues } from '../../../src-shared/info/curves';
import type { GmmSet } from '../../../src-shared/info/dataset';
import { gaussianConditionalEntropyNats } from '../../../src-shared/info/gaussian';
import { createGmmForward } from '../../../src-shared/info/gmmForward';
import { gaussianTensorRule } from '../../../src-shared/info/quadrature';
import { monteCarloQueries, quadratureQueries } from '../../../src-shared/info/queries';
import { expectClose } from '../../support/close';

const gaussian4: GmmSet = { kind: 'gmm', dimension: 4, components: [{ weight: 1, mean: [0, 0, 0, 0], std: 2 }] };

describe('createGmmForward(set, queries)', () => {
  it('on N(0, 4 I₄) gives mmse(γ = 1) = 3.2 and div score = −0.8 at every ỹ (spec G1)', () => {
    const queries = monteCarloQueries(gaussian4, { count: 50, seed: 0 });
    const values = createGmmForward(gaussian4, queries).evaluate(0);
    for (let q = 0; q < queries.count; q++) {
      expectClose(values.traceCov[q]!, 3.2, { relTol: 1e-15 });
      expectClose(scoreDivergence(values.traceCov[q]!, 1, 4), -0.8, { relTol: 1e-14 });
    }
  });

  it('on Gaussian data has Var ι = d/2 flat in λ and E ι = the posterior entropy (spec G2, null control), within 4 standard errors', () => {
    const queries = monteCarloQueries(gaussian4, { count: 20_000, seed: 3 });
    const evaluator = createGmmForward(gaussian4, queries);
    for (const lambda of [-3, -1, 0, 1, 3]) {
      const p = summarizeValues(lambda, evaluator.evaluate(lambda), queries);
      expect(Math.abs(p.surprisal.variance - 2)).toBeLessThan(4 * p.surprisal.varianceSe);
      expect(Math.abs(p.surprisal.mean - gaussianConditionalEntropyNats([4, 4, 4, 4], lambda))).toBeLessThan(4 * p.surprisal.meanSe);
      expect(p.classEntropy.variance).toBe(0);
    }
  });

  it('matches createGmmDenoiser’s tr C on a 3-component mixture, and the class-resolved parts add up', () => {
    const set: GmmSet = { kind: 'gmm', dimension: 2, components: [{ weight: 1, mean: [0, 0], std: 0.3 }, { weight: 2, mean: [2, 1], std: 0.5 }, { weight: 1, mean: [-1, 2], std: 0.2 }] };
    const queries = quadratureQueries(set, gaussianTensorRule(2, 5));
    const values = createGmmForward(set, queries, { traceCovSquared: true }).evaluate(0.4);
    const denoiser = createGmmDenoiser(set.components);
    const nu = Math.exp(-0.4);
    for (let q = 0; q < queries.count; q++) {
      const c = set.components[queries.sources[q]!]!;
      const y = Float64Array.from({ length: 2 }, (_, k) => c.mean[k]! + Math.sqrt(c.std ** 2 + nu) * queries.eps[2 * q + k]!);
      expectClose(values.traceCov[q]!, denoiser.denoiseWithTrace(y, Math.sqrt(nu)).traceCov, { relTol: 1e-13 });
      expect(values.betweenClass[q]!).toBeLessThanOrEqual(values.traceCov[q]!);
      // tr C² ≥ (tr C)²/d (Cauchy–Schwarz on the eigenvalues).
      expect(values.traceCovSquared![q]!).toBeGreaterThanOrEqual(values.traceCov[q]! ** 2 / 2 - 1e-12);
    }
  });
});
