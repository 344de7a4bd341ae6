import { describe, expect, it } from 'vitest';
import { empiricalPosterior, posteriorCovarianceTimes, topEigenpair } from '../../../src-shared/info/posterior';
import { expectClose } from '../../support/close';
import { fivePoints, twoPoints } from './support';

describe('empiricalPosterior(set, ỹ, ν)', () => {
  it('has div D = tr C/ν by central finite differences to 8 digits on the 2-D data at ν = 0.8 (spec H1)', () => {
    const set = fivePoints();
    const nu = 0.8, h = 1e-5;
    for (const y of [[0.3, 0.4], [1.2, 1.9], [-0.7, 0.2], [2.5, -1]]) {
      let divergence = 0;
      for (let k = 0; k < 2; k++) {
        const plus = Float64Array.from(y), minus = Float64Array.from(y);
        plus[k] = plus[k]! + h;
        minus[k] = minus[k]! - h;
        divergence += (empiricalPosterior(set, plus, nu).denoised[k]! - empiricalPosterior(set, minus, nu).denoised[k]!) / (2 * h);
      }
      // Central differences: truncation O(h²)·|D'''| ≈ 1e-10, rounding ε/h ≈ 1e-11.
      expectClose(divergence, empiricalPosterior(set, Float64Array.from(y), nu).traceCov / nu, { relTol: 1e-8 });
    }
  });

  it('gives D(ỹ) = tanh(ỹ/ν) for ±1 data, an entropy ≤ ln 2, and weights summing to 1', () => {
    const post = empiricalPosterior(twoPoints(), Float64Array.of(0.5), 1);
    expectClose(post.denoised[0]!, Math.tanh(0.5));
    expect(post.entropyNats).toBeLessThanOrEqual(Math.LN2);
    expectClose(post.weights[0]! + post.weights[1]!, 1);
    expectClose(post.traceCov, 1 - Math.tanh(0.5) ** 2, { relTol: 1e-15 });
  });

  it('posteriorCovarianceTimes and topEigenpair give M(0) = 1/ν at the centre of ±1 data (spec T1)', () => {
    const set = twoPoints();
    for (const [lambda, expected] of [[-0.5, 0.6065], [0.5, 1.6487]] as const) {
      const nu = Math.exp(-lambda);
      const post = empiricalPosterior(set, Float64Array.of(0), nu);
      const top = topEigenpair((v) => posteriorCovarianceTimes(set, post, v).map((c) => c / nu), 1);
      expectClose(top.value, Math.exp(lambda), { relTol: 1e-14 });
      expectClose(top.value, expected, { absTol: 1e-4 });
    }
  });
});
