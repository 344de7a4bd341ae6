import { describe, expect, it } from 'vitest';
import { createEmpiricalForward } from '../../../src-shared/info/empiricalForward';
import { summarizeValues } from '../../../src-shared/info/curves';
import { dataCovariance, empiricalSet } from '../../../src-shared/info/dataset';
import { gaussianEntropyNats, gaussianMmse } from '../../../src-shared/info/gaussian';
import { discreteNll, gaussianReferenceEntropyNats, itdEntropyNats, priorFormEntropyNats } from '../../../src-shared/info/likelihood';
import { gaussianTensorRule, monteCarloRule, uniformGrid } from '../../../src-shared/info/quadrature';
import { quadratureQueries } from '../../../src-shared/info/queries';
import { symmetricEigen } from '../../../src-shared/info/symmetricEigen';
import { expectClose } from '../../support/close';
import { fivePoints } from './support';

/** H(p̃) of p̃ = (1/5) Σ N(x_i, σ0² I) by a 2-D Riemann sum (spacing 0.01 on [−5, 6]²): an independent reference. */
function gridEntropy(sigma0: number): number {
  const pts = [[0, 0], [1, 0], [0, 2], [-1.5, -1], [2, 2.5]];
  const h = 0.01;
  let H = 0;
  for (let x = -5; x <= 6; x += h) {
    for (let y = -5; y <= 6; y += h) {
      let p = 0;
      for (const [a, b] of pts) p += Math.exp(-((x - a!) ** 2 + (y - b!) ** 2) / (2 * sigma0 ** 2));
      p /= 5 * 2 * Math.PI * sigma0 ** 2;
      if (p > 0) H -= p * Math.log(p) * h * h;
    }
  }
  return H;
}

describe('likelihoods through I-MMSE', () => {
  it('discreteNll gives −ln P(x) = ln 3 for each of {0, 1, 3} to 1e-8 (spec D1), 6 digits with 64 Monte Carlo draws ± 4 SE', () => {
    const set = empiricalSet(Float64Array.of(0, 1, 3), 3, 1);
    const lambdas = uniformGrid(-14, 16, 1201);
    for (let i = 0; i < 3; i++) {
      const r = discreteNll(set, i, { lambdas, rule: gaussianTensorRule(1, 80) });
      expectClose(r.nats, Math.log(3), { absTol: 1e-8 });
      expectClose(r.bitsPerDim, Math.log2(3), { absTol: 1e-8 });
    }
    const mc = discreteNll(set, 1, { lambdas, rule: monteCarloRule(1, 64, 0) });
    expect(Math.abs(mc.nats - Math.log(3))).toBeLessThan(4 * mc.natsSe);
  });

  it('itdEntropyNats on N(0, 4 I₄) equals (d/2) ln(2πe s²) = 8.448343 to 1e-6 (spec G1, VP ε-form)', () => {
    const lambdas = uniformGrid(-30, 30, 2401);
    const v = [4, 4, 4, 4];
    expectClose(itdEntropyNats(lambdas, Array.from(lambdas, (l) => gaussianMmse(v, l)), 4, v), gaussianEntropyNats(v), { absTol: 1e-6 });
    expectClose(gaussianEntropyNats(v), 8.448343, { absTol: 1e-6 });
  });

  it('gaussianReferenceEntropyNats on the 2-D data equals the grid entropy: 1.988162 (σ0 = 0.3), 3.069637 (σ0 = 0.6), spec W1', () => {
    const set = fivePoints();
    const eigenvalues = symmetricEigen(dataCovariance(set), 2, false).values;
    const mmseCurve = (nodes: number) => {
      const evaluator = createEmpiricalForward(set, quadratureQueries(set, gaussianTensorRule(2, nodes)), { weightFloor: 0 });
      return (l: number) => summarizeValues(l, evaluator.evaluate(l), evaluator.queries).mmse.mean;
    };
    // Gauss–Hermite error at 60² (σ0 = 0.3) and 48² (σ0 = 0.6, smoother) is ≤ 5e-7, Simpson with 201 λ (O(Δλ⁴)) ≤ 5e-8.
    for (const [sigma0, nodes, expected, gaussian] of [[0.3, 60, 1.988162, 3.038739], [0.6, 48, 3.069637, 3.287612]] as const) {
      const lambdas = uniformGrid(-14, -2 * Math.log(sigma0), 201);
      const h = gaussianReferenceEntropyNats(lambdas, Array.from(lambdas, mmseCurve(nodes)), eigenvalues, sigma0);
      expectClose(h, expected, { absTol: 1e-6 });
      expectClose(h, gridEntropy(sigma0), { absTol: 1e-6 });
      expectClose(gaussianEntropyNats(Array.from(eigenvalues, (v) => v + sigma0 ** 2)), gaussian, { absTol: 1e-6 });
    }
  });

  it('priorFormEntropyNats exceeds H(p̃) by KL(p_{σ1}‖N(0, σ1² I)): 3.08e-3 at σ1 = 10, 2.9e-5 at σ1 = 100 (spec W1)', () => {
    const set = fivePoints();
    const eigenvalues = symmetricEigen(dataCovariance(set), 2, false).values;
    const evaluator = createEmpiricalForward(set, quadratureQueries(set, gaussianTensorRule(2, 40)), { weightFloor: 0 });
    const mmseAt = (l: number) => summarizeValues(l, evaluator.evaluate(l), evaluator.queries).mmse.mean;
    const lambda0 = -2 * Math.log(0.3);
    const reference = uniformGrid(-14, lambda0, 201);
    const h = gaussianReferenceEntropyNats(reference, Array.from(reference, mmseAt), eigenvalues, 0.3);
    let m2 = 0;
    for (const x of set.points) m2 += (x * x) / 5;
    for (const [sigma1, gap] of [[10, 3.08e-3], [100, 2.9e-5]] as const) {
      const grid = uniformGrid(-2 * Math.log(sigma1), lambda0, 201);
      // Both forms share the Gauss–Hermite error (~5e-6 at 40²), which largely cancels in the difference.
      expectClose(priorFormEntropyNats(grid, Array.from(grid, mmseAt), 2, m2, sigma1) - h, gap, { relTol: 0.03 });
    }
  });

  it('rejects grids that are not uniform or do not end at λ0', () => {
    expect(() => itdEntropyNats([0, 1, 3], [1, 1, 1], 1)).toThrow(/lambdas\[1\]: expected a uniform increasing grid/);
    expect(() => gaussianReferenceEntropyNats(uniformGrid(-5, 1, 7), new Float64Array(7), [1], 0.3)).toThrow(/expected the grid to end at λ0/);
  });
});
