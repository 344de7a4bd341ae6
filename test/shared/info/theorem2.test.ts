import { describe, expect, it } from 'vitest';
import { empiricalSet, type EmpiricalSet } from '../../../src-shared/info/dataset';
import { kdeModel, kdeSubsetModel, wienerModel } from '../../../src-shared/info/modelDenoisers';
import { fillNoise } from '../../../src-shared/info/noiseLaws';
import { gaussianTensorRule, uniformGrid } from '../../../src-shared/info/quadrature';
import { theorem2Bound } from '../../../src-shared/info/theorem2';
import { CounterRng } from '../../../src-shared/math/rng';
import { expectClose } from '../../support/close';
import { fivePoints } from './support';

/** `count` points x̃ = x_i + σ0 z drawn from the warm-started data p̃ (seeded). */
function warmPoints(set: EmpiricalSet, sigma0: number, count: number, seed: number): Float64Array {
  const d = set.dimension;
  const rng = new CounterRng(seed, 0);
  const out = new Float64Array(count * d);
  for (let p = 0; p < count; p++) {
    const i = Math.floor(rng.nextUniform() * set.count);
    const z = fillNoise('gaussian', sigma0, new Float64Array(d), { seed, sample: p, step: 0, stream: 9 });
    for (let k = 0; k < d; k++) out[p * d + k] = set.points[i * d + k]! + z[k]!;
  }
  return out;
}

describe('theorem2Bound (P1 Theorem 2, ScoreFlow form from the warm start)', () => {
  const set = fivePoints();
  const sigma0 = 0.3;
  const points = warmPoints(set, sigma0, 6, 1);
  const lambdas = uniformGrid(-Math.log(30 ** 2 - sigma0 ** 2), 16, 641);
  const rule = gaussianTensorRule(2, 32);

  it('is an equality for the exact score and the exact terminal marginal: |L − (−ln p̃)| ≤ 1e-5 at points of p̃ (spec W2: 4.8e-6)', () => {
    // Gauss–Hermite 32² over n and Simpson over 641 λ up to λ = 16 (truncation ½ e^{−16} J ≈ 1e-6).
    for (const b of theorem2Bound(kdeModel(set, sigma0), points, { lambdas, rule, prior: { kind: 'model-terminal' } })) expect(Math.abs(b.gapNats)).toBeLessThan(1e-5);
  });

  it('with π = N(0, 30² I) has pointwise gaps of either sign, a few 1e-3 nats (spec W2: range [−2.3e-3, 2.7e-3] on its 40 points)', () => {
    // The gap is the pointwise prior mismatch ln q_T − ln π averaged over the start's noise: its scale is
    // KL(p_T‖π) ~ ‖μ‖²/σ1² + tr Σ²/σ1⁴ ≈ 3e-3, with a sign that depends on the point.
    const gaps = theorem2Bound(kdeModel(set, sigma0), points, { lambdas, rule, prior: { kind: 'gaussian', variance: 900 } }).map((b) => b.gapNats);
    for (const g of gaps) expect(Math.abs(g)).toBeLessThan(3.5e-3);
    expect(Math.min(...gaps)).toBeLessThan(0);
    expect(Math.max(...gaps)).toBeGreaterThan(0);
  });

  it('is tight for a mismatched model with its own exact score and prior: KDE h = 0.5 (spec W4, 7.9e-7), the Wiener model, a KDE on 3 points', () => {
    for (const model of [kdeModel(set, 0.5), wienerModel(set, sigma0)]) {
      const bounds = theorem2Bound(model, points, { lambdas: uniformGrid(-Math.log(900 - 0.25), 16, 641), rule, prior: { kind: 'model-terminal' } });
      for (const b of bounds) expect(Math.abs(b.gapNats), model.name).toBeLessThan(1e-5);
    }
    // The memorising model (KDE on the first 3 points), checked at points of its own warm-started law:
    // off its support the posterior switches sharply with n and Gauss–Hermite 32² is not enough.
    const subset = empiricalSet(set.points.slice(0, 6), 3, 2);
    const own = theorem2Bound(kdeSubsetModel(set, 0.3, 3), warmPoints(subset, 0.3, 4, 2), { lambdas, rule, prior: { kind: 'model-terminal' } });
    for (const b of own) expect(Math.abs(b.gapNats)).toBeLessThan(1e-5);
    // The mismatched model costs likelihood on average: mean −ln q₀ > mean −ln p̃ (W4: 2.3222 > 1.9417 on its points).
    const mean = (m: ReturnType<typeof kdeModel>) => Array.from({ length: 6 }, (_, p) => m.negLogDensity(points.subarray(2 * p, 2 * p + 2), 0)).reduce((a, b) => a + b, 0) / 6;
    expect(mean(kdeModel(set, 0.5))).toBeGreaterThan(mean(kdeModel(set, sigma0)));
  });

  it('in the VP form with the drift term, L = −ln p̃ within 2.3e-5 on {0, 1, 3} with σ0 = 0.3, λ ∈ [−12, 18] (spec W3)', () => {
    const set013 = empiricalSet(Float64Array.of(0, 1, 3), 3, 1);
    const bounds = theorem2Bound(kdeModel(set013, 0.3), Float64Array.of(-0.2, 0.4, 1.1, 2.0, 3.3), { lambdas: uniformGrid(-12, 18, 1201), rule: gaussianTensorRule(1, 120), form: 'vp' });
    for (const b of bounds) expect(Math.abs(b.gapNats)).toBeLessThan(2.3e-5);
  });
});
