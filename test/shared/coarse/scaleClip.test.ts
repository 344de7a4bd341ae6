import { describe, expect, it } from 'vitest';
import { ScaleClipSolver, scaleClip, scaleClipWithScale } from '../../../src-shared/coarse/scaleClip';
import { scaleClipBisect } from '../../../src-shared/coarse/scaleClipBisect';
import { isInBand, toleranceBand } from '../../../src-shared/coarse/tolerance';
import { InfeasibleBoundsError } from '../../../src-shared/errors';
import { klNats } from '../../../src-shared/math/kl';
import { CounterRng } from '../../../src-shared/math/rng';
import { expectClose } from '../../support/close';
import fixture from '../../fixtures/coarse/slsqp.json';
import { bruteForceBox, forwardKl, randomBox, randomSimplex, reverseKl, sum } from './support';

// Spec coarse-kl.md §7 worked example.
const w = Float64Array.of(0.05, 0.2, 0.3, 0.45);
const m = Float64Array.of(0.15, 0.25, 0.3, 0.3);
// The spec prints 6 significant digits: agreement to 1e-6 is what the printed numbers carry.
const printed = { absTol: 1e-6, relTol: 0 };

describe('scaleClip(masses, lower, upper) on the worked example of spec §7', () => {
  it('scaleClipWithScale(w, L, U) gives s* = 1.1, c* = (0.10, 0.22, 0.33, 0.35), factors (2, 1.1, 1.1, 0.7778)', () => {
    const { lower, upper } = toleranceBand(m, 0.05, 'absolute');
    expectClose(lower, [0.1, 0.2, 0.25, 0.25], { relTol: 4 * Number.EPSILON });
    expectClose(upper, [0.2, 0.3, 0.35, 0.35], { relTol: 4 * Number.EPSILON });
    const { c, scale } = scaleClipWithScale(w, lower, upper);
    expectClose(scale, 1.1, { relTol: 8 * Number.EPSILON });
    expectClose(c, [0.1, 0.22, 0.33, 0.35], { relTol: 8 * Number.EPSILON });
    expectClose(c.map((ck, k) => ck / w[k]!), [2, 1.1, 1.1, 0.777778], printed);
  });

  it('gives D(w‖c*) = 0.030779, D(c*‖w) = 0.033775 and D(w‖m) = 0.082900 nats', () => {
    const { lower, upper } = toleranceBand(m, 0.05, 'absolute');
    const c = scaleClip(w, lower, upper);
    expectClose(klNats(w, c), 0.030779, printed);
    expectClose(klNats(c, w), 0.033775, printed);
    expectClose(klNats(w, m), 0.0829, printed);
  });

  it('reproduces the δ sweep: δ = 0, 0.01, 0.02, 0.05, 0.10, 0.20 give the printed s*, c* and D(w‖c*)', () => {
    const sweep = [
      { delta: 0, c: [0.15, 0.25, 0.3, 0.3], klNats: 0.0829 },
      { delta: 0.01, scale: 1.0333, c: [0.14, 0.24, 0.31, 0.31], klNats: 0.069922 },
      { delta: 0.02, scale: 1.0667, c: [0.13, 0.23, 0.32, 0.32], klNats: 0.058327 },
      { delta: 0.05, scale: 1.1, c: [0.1, 0.22, 0.33, 0.35], klNats: 0.030779 },
      { delta: 0.1, scale: 1.0909, c: [0.054545, 0.218182, 0.327273, 0.4], klNats: 0.005146 },
      { delta: 0.2, scale: 1, c: Array.from(w), klNats: 0 },
    ];
    for (const row of sweep) {
      const { lower, upper } = toleranceBand(m, row.delta, 'absolute');
      const { c, scale } = scaleClipWithScale(w, lower, upper);
      expectClose(c, row.c, printed);
      expectClose(klNats(w, c), row.klNats, printed);
      // s* is printed with 4 decimals.
      if (row.scale !== undefined) expectClose(scale, row.scale, { absTol: 5e-5 });
    }
  });
});

describe('scaleClip(masses, lower, upper): properties on 2,000 random cases (spec §7 test 1)', () => {
  it('Σc = 1, L ≤ c ≤ U, and the exact sweep equals bisection to 1e-12', () => {
    const rng = new CounterRng(2026, 1);
    let worstGap = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const K = 1 + rng.nextInt(24);
      const masses = randomSimplex(rng, K, trial % 4 === 0 ? 0.3 : 0);
      const { lower, upper } = randomBox(rng, K);
      const c = scaleClip(masses, lower, upper);
      // K ≤ 24 terms of size ≤ 1: the sum rounds by at most 24ε ≈ 5e-15.
      expectClose(sum(c), 1, { absTol: 1e-14 });
      const outside = Array.from(c).findIndex((ck, k) => !(ck >= lower[k]! && ck <= upper[k]!));
      expect(outside, `trial ${trial}: c[${outside}] = ${c[outside]} outside [${lower[outside]}, ${upper[outside]}]`).toBe(-1);
      const reference = scaleClipBisect(masses, lower, upper);
      for (let k = 0; k < K; k++) worstGap = Math.max(worstGap, Math.abs(c[k]! - reference[k]!));
    }
    // Bisection runs to adjacent doubles, so both solve g(s) = 1 to rounding: 1e-12 leaves ~4 orders of margin.
    expect(worstGap).toBeLessThan(1e-12);
  });

  it('equals bisection to 1e-12 for K from 25 to 200 as well (beyond 48 events the sweep sorts them with a heap; 300 cases)', () => {
    const rng = new CounterRng(2026, 5);
    let worstGap = 0;
    for (let trial = 0; trial < 300; trial++) {
      const K = 25 + rng.nextInt(176);
      const masses = randomSimplex(rng, K, trial % 4 === 0 ? 0.3 : 0);
      const { lower, upper } = randomBox(rng, K);
      const c = scaleClip(masses, lower, upper);
      // K ≤ 200 terms of size ≤ 1: the sum rounds by at most 200ε ≈ 4.4e-14.
      expectClose(sum(c), 1, { absTol: 1e-13 });
      const reference = scaleClipBisect(masses, lower, upper);
      for (let k = 0; k < K; k++) worstGap = Math.max(worstGap, Math.abs(c[k]! - reference[k]!));
    }
    expect(worstGap).toBeLessThan(1e-12);
  });

  it('Σc = 1, L ≤ c ≤ U and equal to bisection when the masses span 300 orders of magnitude (the softmax reading of a noisy state; 500 cases)', () => {
    // One block far heavier than the rest: a running sum that adds and removes it loses the small
    // masses entirely ((1 + 1e-27) − 1 = 0), which the sweep must not rely on.
    const rng = new CounterRng(2026, 3);
    for (let trial = 0; trial < 500; trial++) {
      const K = 4 + rng.nextInt(21);
      const raw = Array.from({ length: K }, (_, k) => (k === 0 ? 1 : 10 ** (-300 * rng.nextUniform())));
      const total = sum(raw);
      const masses = raw.map((v) => v / total);
      const upper = Array.from({ length: K }, () => 0.3 + 0.4 * rng.nextUniform());
      const lower = Array.from({ length: K }, (_, k) => (trial % 2 === 0 ? 0 : Math.min(upper[k]!, 0.2) * rng.nextUniform() / K));
      const { c, scale } = scaleClipWithScale(masses, lower, upper);
      expectClose(sum(c), 1, { absTol: 1e-14 });
      const outside = Array.from(c).findIndex((ck, k) => !(ck >= lower[k]! && ck <= upper[k]!));
      expect(outside, `trial ${trial}: c[${outside}] = ${c[outside]} outside [${lower[outside]}, ${upper[outside]}]`).toBe(-1);
      expect(scale).toBeGreaterThan(0);
      expectClose(c, scaleClipBisect(masses, lower, upper), { absTol: 1e-12 });
    }
  });

  it('returns c = w bit for bit and s* = 1 when w lies in the box (2,000 cases)', () => {
    const rng = new CounterRng(2026, 2);
    for (let trial = 0; trial < 2000; trial++) {
      const K = 1 + rng.nextInt(24);
      const targets = randomSimplex(rng, K);
      const t = rng.nextUniform();
      const masses = randomSimplex(rng, K).map((v, k) => (1 - t) * targets[k]! + t * v);
      let delta = 0;
      for (let k = 0; k < K; k++) delta = Math.max(delta, Math.abs(masses[k]! - targets[k]!));
      const { lower, upper } = toleranceBand(targets, delta * (1 + rng.nextUniform()) + 1e-15, 'absolute');
      expect(isInBand(masses, lower, upper)).toBe(true);
      const { c, scale } = scaleClipWithScale(masses, lower, upper);
      expect(Array.from(c)).toEqual(Array.from(masses));
      expect(scale).toBe(1);
    }
  });
});

describe('ScaleClipSolver(K).solve(w, lower, upper)', () => {
  it('reused across 500 calls, writes exactly scaleClip’s c* and s* into its one buffer, NaN for a NaN mass', () => {
    const rng = new CounterRng(2026, 6);
    const solver = new ScaleClipSolver(12);
    const buffer = solver.c;
    for (let trial = 0; trial < 500; trial++) {
      const masses = randomSimplex(rng, 12, 0.2);
      const { lower, upper } = randomBox(rng, 12);
      const scale = solver.solve(masses, lower, upper);
      const expected = scaleClipWithScale(masses, lower, upper);
      expect(solver.c).toBe(buffer);
      expect(Array.from(solver.c)).toEqual(Array.from(expected.c));
      expect(scale).toBe(expected.scale);
    }
    const masses = randomSimplex(rng, 12);
    masses[3] = NaN;
    expect(solver.solve(masses, new Float64Array(12), new Float64Array(12).fill(1))).toBeNaN();
    expect(solver.c.every(Number.isNaN)).toBe(true);
  });
});

describe('scaleClip(masses, lower, upper) is optimal for both KL directions (spec §7 test 2)', () => {
  it('equals the brute force over all 3^K active sets (L, free, U) for D(w‖c) and D(c‖w), K ≤ 7, 300 cases', () => {
    const rng = new CounterRng(2026, 3);
    for (let trial = 0; trial < 300; trial++) {
      const K = 1 + rng.nextInt(7);
      const masses = randomSimplex(rng, K).map((v) => v + 1e-3);
      masses.forEach((v, k) => (masses[k] = v / (1 + K * 1e-3)));
      const { lower, upper } = randomBox(rng, K);
      const c = scaleClip(masses, lower, upper);
      // Both brute forces solve the same 3^K linear systems in closed form: agreement to rounding.
      expectClose(c, bruteForceBox(masses, lower, upper, forwardKl(masses)), { absTol: 1e-13 });
      expectClose(c, bruteForceBox(masses, lower, upper, reverseKl(masses)), { absTol: 1e-13 });
    }
  });

  it('matches scipy SLSQP on 60 boxes (fixture): never a worse objective, minimiser within 2e-7', () => {
    for (const row of fixture.box) {
      const masses = Float64Array.from(row.w);
      const c = scaleClip(masses, row.lower, row.upper);
      // SLSQP points are feasible only to 1e-13 (asserted by the generator); with multipliers ≲ 20 that
      // can buy them ~2e-12 of objective. Beyond 1e-11, ours is never larger.
      expect(klNats(masses, c)).toBeLessThanOrEqual(row.forwardNats + 1e-11);
      expect(klNats(c, masses)).toBeLessThanOrEqual(row.reverseNats + 1e-11);
      // Strong convexity ties SLSQP's minimiser to its ~1e-13 objective gap: observed ≤ 2.6e-9, checked to 2e-7.
      expectClose(c, row.cForward, { absTol: 2e-7 });
      expectClose(c, row.cReverse, { absTol: 2e-7 });
    }
  });

  it('no feasible move of mass t between two blocks lowers D(w‖c*) or D(c*‖w) (500 cases, K ≤ 24)', () => {
    const rng = new CounterRng(2026, 4);
    for (let trial = 0; trial < 500; trial++) {
      const K = 2 + rng.nextInt(23);
      const masses = randomSimplex(rng, K).map((v) => (v + 1e-3) / (1 + K * 1e-3));
      const { lower, upper } = randomBox(rng, K);
      const c = scaleClip(masses, lower, upper);
      const [forward, reverse] = [klNats(masses, c), klNats(c, masses)];
      for (let move = 0; move < 20; move++) {
        const i = rng.nextInt(K);
        const j = rng.nextInt(K);
        const t = Math.min(1e-6, c[i]! - lower[i]!, upper[j]! - c[j]!);
        if (i === j || t <= 0) continue;
        const moved = Float64Array.from(c);
        moved[i] = moved[i]! - t;
        moved[j] = moved[j]! + t;
        // First-order change ≥ 0 at the optimum, second-order ~t² = 1e-12 ≫ rounding of the objectives (~1e-16).
        expect(klNats(masses, moved)).toBeGreaterThanOrEqual(forward - 1e-15);
        expect(klNats(moved, masses)).toBeGreaterThanOrEqual(reverse - 1e-15);
      }
    }
  });
});

describe('scaleClip(masses, lower, upper): edge cases of spec §2', () => {
  it('gives a massless block its lower bound L_k', () => {
    expectClose(scaleClip([0, 0.5, 0.5], [0.1, 0.2, 0.2], [0.5, 0.6, 0.6]), [0.1, 0.45, 0.45], { relTol: 4 * Number.EPSILON });
  });

  it('splits the deficit among massless blocks in proportion to U_k − L_k when c = U on positive blocks cannot reach 1', () => {
    const c = scaleClip([0.5, 0.5, 0, 0], [0.1, 0.1, 0.1, 0.1], [0.2, 0.3, 0.4, 0.6]);
    // Deficit 1 − 0.2 − 0.2 − 0.3 = 0.3 over room (0.3, 0.5): 0.1 + 0.3·3/8, 0.1 + 0.3·5/8.
    expectClose(c, [0.2, 0.3, 0.2125, 0.2875], { relTol: 8 * Number.EPSILON });
    expectClose(scaleClipBisect([0.5, 0.5, 0, 0], [0.1, 0.1, 0.1, 0.1], [0.2, 0.3, 0.4, 0.6]), c, { relTol: 8 * Number.EPSILON });
  });

  it('gives c = L plus the deficit split when every mass is 0', () => {
    // Deficit 0.6 over room (0.3, 0.5): 0.2 + 0.6·3/8, 0.2 + 0.6·5/8.
    expectClose(scaleClip([0, 0], [0.2, 0.2], [0.5, 0.7]), [0.425, 0.575], { relTol: 4 * Number.EPSILON });
  });

  it('returns c* = m for δ = 0 (L = U = m), whatever w is', () => {
    const rng = new CounterRng(2026, 5);
    for (let trial = 0; trial < 200; trial++) {
      const K = 1 + rng.nextInt(16);
      const targets = randomSimplex(rng, K);
      const { lower, upper } = toleranceBand(targets, 0, 'absolute');
      expectClose(scaleClip(randomSimplex(rng, K, 0.2), lower, upper), targets, { absTol: 4 * Number.EPSILON });
    }
  });

  it('returns c* = w when the band is the whole simplex (huge δ, or L = 0, U = 1)', () => {
    const masses = Float64Array.of(0.05, 0.2, 0.3, 0.45);
    const { lower, upper } = toleranceBand(m, 1e6, 'absolute');
    expect(Array.from(scaleClip(masses, lower, upper))).toEqual(Array.from(masses));
    expect(Array.from(scaleClip(masses, [0, 0, 0, 0], [1, 1, 1, 1]))).toEqual(Array.from(masses));
  });

  it('returns the unique c* and the smallest s* on a flat piece of g (g = 1 for s ∈ [0.875, 1.5])', () => {
    // g(s) = clip(0.2s, 0.3, 0.5) + clip(0.8s, 0.5, 0.7) = 0.3 + 0.7 on [0.875, 1.5].
    const { c, scale } = scaleClipWithScale([0.2, 0.8], [0.3, 0.5], [0.5, 0.7]);
    expectClose(c, [0.3, 0.7], { relTol: 4 * Number.EPSILON });
    expectClose(scale, 0.875, { relTol: 4 * Number.EPSILON });
    expectClose(scaleClipBisect([0.2, 0.8], [0.3, 0.5], [0.5, 0.7]), [0.3, 0.7], { relTol: 4 * Number.EPSILON });
  });

  it('raises InfeasibleBoundsError for a box with Σ L > 1 or Σ U < 1', () => {
    expect(() => scaleClip([0.5, 0.5], [0.6, 0.6], [0.7, 0.7])).toThrow(InfeasibleBoundsError);
    expect(() => scaleClip([0.5, 0.5], [0.1, 0.1], [0.3, 0.3])).toThrow(/Σ lower = 0\.200000, Σ upper = 0\.600000/);
  });

  it('rejects masses that are negative, not finite or of the wrong length, naming the entry', () => {
    expect(() => scaleClip([0.5, -0.1], [0, 0], [1, 1])).toThrow('masses[1]: expected a finite mass ≥ 0, got -0.1');
    expect(() => scaleClip([0.5, NaN], [0, 0], [1, 1])).toThrow('masses[1]: expected a finite mass ≥ 0, got NaN');
    expect(() => scaleClip([1], [0, 0], [1, 1])).toThrow('masses: expected 2 block masses (one per bound), got 1');
    expect(() => scaleClipBisect([1], [0, 0], [1, 1])).toThrow('masses: expected 2 block masses');
  });
});
