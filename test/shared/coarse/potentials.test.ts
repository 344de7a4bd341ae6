import { describe, expect, it } from 'vitest';
import { blockMasses } from '../../../src-shared/coarse/masses';
import { countLabels } from '../../../src-shared/coarse/partition';
import { phiNats, potentials } from '../../../src-shared/coarse/potentials';
import { projectDistribution } from '../../../src-shared/coarse/projection';
import { toleranceBand } from '../../../src-shared/coarse/tolerance';
import { CounterRng } from '../../../src-shared/math/rng';
import { expectClose } from '../../support/close';
import fixture from '../../fixtures/coarse/slsqp.json';
import { randomLabels, randomSimplex } from './support';

const printed = { absTol: 1e-6, relTol: 0 };

/** D(p‖Π_c) = Σ_x p(x) log(p(x) / Π_c(x)) with Π_c(x) = c_{b(x)} / n_{b(x)}: the objective V_δ minimises over the box. */
function klToSteady(p: ArrayLike<number>, labels: Int32Array, counts: Int32Array, c: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) d += p[i]! * Math.log((p[i]! * counts[labels[i]!]!) / c[labels[i]!]!);
  return d;
}

/** A random pixel distribution on a random partition (K ≤ 6), with targets and the δ = 0.05 absolute band. */
function randomCase(rng: CounterRng) {
  const n = 4 + rng.nextInt(40);
  const K = 2 + rng.nextInt(Math.min(n - 1, 5));
  const labels = randomLabels(rng, n, K);
  const p = randomSimplex(rng, n, 0.2);
  const targets = randomSimplex(rng, K);
  return { n, K, labels, p, targets };
}

describe('potentials(x, labels, K, targets, lower, upper) on the worked example of spec §7', () => {
  const labels = Int32Array.of(0, 0, 1, 1, 2, 2, 3, 3);
  const p = Float64Array.of(0.01, 0.04, 0.1, 0.1, 0.05, 0.25, 0.2, 0.25);
  const m = Float64Array.of(0.15, 0.25, 0.3, 0.3);
  const { lower, upper } = toleranceBand(m, 0.05, 'absolute');

  it('gives Φ = 0.085197, V = 0.168097, V_δ = 0.115976 and V_δ^coarse = 0.030779 nats', () => {
    const result = potentials(p, labels, 4, m, lower, upper);
    expectClose(result.phiNats, 0.085197, printed);
    expectClose(result.vNats, 0.168097, printed);
    expectClose(result.vDeltaNats, 0.115976, printed);
    expectClose(result.vDeltaCoarseNats, 0.030779, printed);
    expectClose(phiNats(p, labels, 4), 0.085197, printed);
  });

  it('gives Φ(Π_δ p) = V_δ(Π_δ p) = 0.101493 and V_δ^coarse(Π_δ p) = 0', () => {
    const result = potentials(projectDistribution(p, labels, 4, lower, upper), labels, 4, m, lower, upper);
    expectClose(result.phiNats, 0.101493, printed);
    expectClose(result.vDeltaNats, 0.101493, printed);
    expectClose(result.vDeltaCoarseNats, 0, { absTol: 1e-15 });
  });
});

describe('phiNats(p, labels, K)', () => {
  it('phiNats is 0 for block-constant p and w_k log n_k for a point mass in block k', () => {
    expect(phiNats([0.1, 0.1, 0.4, 0.4], [0, 0, 1, 1], 2)).toBe(0);
    // Point mass of weight 0.7 in block 1 of n = 4 pixels, block 0 uniform.
    expectClose(phiNats([0.1, 0.1, 0.1, 0, 0.7, 0, 0], [0, 0, 0, 1, 1, 1, 1], 2), 0.7 * Math.log(4), { relTol: 4 * Number.EPSILON });
  });

  it('phiNats(p) = D(p‖Π_{w(p)}) and 0 ≤ Φ ≤ log max n_k (300 random cases)', () => {
    const rng = new CounterRng(41, 0);
    for (let trial = 0; trial < 300; trial++) {
      const { K, labels, p } = randomCase(rng);
      const counts = countLabels(labels, K);
      const phi = phiNats(p, labels, K);
      expectClose(phi, klToSteady(p, labels, counts, blockMasses(p, labels, K)), { absTol: 1e-15, relTol: 1e-13 });
      expect(phi).toBeGreaterThanOrEqual(-1e-16);
      expect(phi).toBeLessThanOrEqual(Math.log(Math.max(...counts)) + 1e-15);
    }
  });
});

describe('potentials(…): the identities of spec §2 (spec §7 test 6)', () => {
  it('V_δ ≤ V, V_0 = V, V_δ nonincreasing in δ, V_δ = Φ in the band, V_δ^coarse(Π_δ p) = 0 (300 random cases × 8 δ)', () => {
    const rng = new CounterRng(41, 1);
    const deltas = [0, 0.001, 0.01, 0.03, 0.1, 0.3, 0.6, 1];
    for (let trial = 0; trial < 300; trial++) {
      const { K, labels, p, targets } = randomCase(rng);
      const w = blockMasses(p, labels, K);
      let previous = Infinity;
      for (const delta of deltas) {
        const { lower, upper } = toleranceBand(targets, delta, 'absolute');
        const result = potentials(p, labels, K, targets, lower, upper);
        // Sums of ≤ 43 terms of size ≲ 5: rounding ≲ 1e-13.
        expect(result.vDeltaNats).toBeLessThanOrEqual(result.vNats + 1e-13);
        expect(result.vDeltaNats).toBeLessThanOrEqual(previous + 1e-13);
        expectClose(result.vDeltaNats, result.phiNats + result.vDeltaCoarseNats, { relTol: 4 * Number.EPSILON });
        if (delta === 0) expectClose(result.vDeltaNats, result.vNats, { absTol: 1e-13 });
        if (w.every((wk, k) => wk >= lower[k]! && wk <= upper[k]!)) expect(result.vDeltaCoarseNats).toBe(0);
        const projected = potentials(projectDistribution(p, labels, K, lower, upper), labels, K, targets, lower, upper);
        // The projected masses equal c* up to n_k·ε relative (≤ 43 pixels a block): Σ w log(w/c*) ≤ ~1e-14.
        expectClose(projected.vDeltaCoarseNats, 0, { absTol: 1e-14 });
        previous = result.vDeltaNats;
      }
    }
  });

  it('V_δ equals a nested golden-section search for min_c D(p‖Π_c) over the box, K = 3 (100 cases)', () => {
    const rng = new CounterRng(41, 2);
    for (let trial = 0; trial < 100; trial++) {
      const n = 3 + rng.nextInt(12);
      const labels = randomLabels(rng, n, 3);
      const counts = countLabels(labels, 3);
      const p = randomSimplex(rng, n);
      const targets = randomSimplex(rng, 3);
      const { lower, upper } = toleranceBand(targets, 0.02 + 0.2 * rng.nextUniform(), 'absolute');
      const search = nestedGoldenMinimum((c) => klToSteady(p, labels, counts, c), lower, upper);
      const closedForm = potentials(p, labels, 3, targets, lower, upper).vDeltaNats;
      // The search evaluates feasible points only, so it never goes below the true minimum (up to rounding
      // of the objective, ~1e-15); its brackets close to ~1e-16, which costs ≲ 1e-14 at a boundary minimum.
      expect(closedForm).toBeLessThanOrEqual(search + 1e-14);
      expectClose(closedForm, search, { absTol: 1e-12 });
    }
  });

  it('V_δ equals scipy SLSQP for min_c D(p‖Π_c) on 30 random label maps, K = 2–5 (fixture)', () => {
    for (const row of fixture.potential) {
      const result = potentials(row.p, row.labels, row.K, row.targets, row.lower, row.upper);
      // SLSQP minimises to ~1e-13 from feasible points (feasibility to 1e-13 asserted by the generator).
      expect(result.vDeltaNats).toBeLessThanOrEqual(row.vDeltaNats + 1e-11);
      expectClose(result.vDeltaNats, row.vDeltaNats, { absTol: 1e-10 });
    }
  });
});

/** Minimum of a convex g on [a, b] by golden-section search: 80 steps shrink the bracket by 0.618⁸⁰ ≈ 2e-17. */
function goldenMinimum(g: (t: number) => number, a: number, b: number): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let [lo, hi] = [a, b];
  let [t1, t2] = [hi - ratio * (hi - lo), lo + ratio * (hi - lo)];
  let [g1, g2] = [g(t1), g(t2)];
  for (let step = 0; step < 80; step++) {
    if (g1 <= g2) {
      [hi, t2, g2] = [t2, t1, g1];
      t1 = hi - ratio * (hi - lo);
      g1 = g(t1);
    } else {
      [lo, t1, g1] = [t1, t2, g2];
      t2 = lo + ratio * (hi - lo);
      g2 = g(t2);
    }
  }
  return Math.min(g1, g2, g(lo), g(hi));
}

/**
 * min over { c ∈ box : Σc = 1 } of a convex f, K = 3, by nested golden sections: over c0 outside, over c1
 * inside (c2 = 1 − c0 − c1, c1 restricted so that c2 stays in its box). Partial minimisation of a
 * convex function keeps the outer function convex.
 */
function nestedGoldenMinimum(f: (c: Float64Array) => number, lower: Float64Array, upper: Float64Array): number {
  const c1Range = (c0: number): [number, number] => [Math.max(lower[1]!, 1 - c0 - upper[2]!), Math.min(upper[1]!, 1 - c0 - lower[2]!)];
  const inner = (c0: number): number => {
    const [a, b] = c1Range(c0);
    return a > b ? Infinity : goldenMinimum((c1) => f(Float64Array.of(c0, c1, 1 - c0 - c1)), a, b);
  };
  const c0Low = Math.max(lower[0]!, 1 - upper[1]! - upper[2]!);
  const c0High = Math.min(upper[0]!, 1 - lower[1]! - lower[2]!);
  return goldenMinimum(inner, c0Low, c0High);
}

describe('potentials(…) on images and the example of spec §3 property 7', () => {
  it('raises V_δ from 0.853 to 1.109 by projecting (2 blocks of 16 pixels, m = (½, ½), δ = 0.1, w = (0.3, 0.7))', () => {
    // Block 0: a point mass of 0.3 on one of its 16 pixels; block 1: 0.7 spread uniformly.
    const labels = Int32Array.from({ length: 32 }, (_, i) => (i < 16 ? 0 : 1));
    const p = Float64Array.from(labels, (k, i) => (k === 0 ? (i === 0 ? 0.3 : 0) : 0.7 / 16));
    const { lower, upper } = toleranceBand([0.5, 0.5], 0.1, 'absolute');
    // Printed with 3 decimals.
    expectClose(potentials(p, labels, 2, [0.5, 0.5], lower, upper).vDeltaNats, 0.853, { absTol: 5e-4 });
    const projected = projectDistribution(p, labels, 2, lower, upper);
    expectClose(potentials(projected, labels, 2, [0.5, 0.5], lower, upper).vDeltaNats, 1.109, { absTol: 5e-4 });
  });

  it('reads an image as x⁺/Z: scaling x by a > 0 or changing its negative pixels leaves every potential unchanged', () => {
    const rng = new CounterRng(41, 3);
    const labels = randomLabels(rng, 30, 4);
    const targets = randomSimplex(rng, 4);
    const { lower, upper } = toleranceBand(targets, 0.05, 'absolute');
    const x = Float64Array.from(labels, () => rng.nextNormal());
    const reference = potentials(x.map((v) => Math.max(v, 0)), labels, 4, targets, lower, upper);
    for (const variant of [x.map((v) => 3.5 * v), x.map((v) => (v < 0 ? -10 : v))]) {
      const result = potentials(variant, labels, 4, targets, lower, upper);
      expectClose([result.phiNats, result.vNats, result.vDeltaNats, result.vDeltaCoarseNats], [reference.phiNats, reference.vNats, reference.vDeltaNats, reference.vDeltaCoarseNats], { relTol: 1e-13, absTol: 1e-16 });
    }
  });

  it('gives NaN for Z = 0 and rejects targets of the wrong length or sum, and non-finite pixels', () => {
    const result = potentials([-1, -2], [0, 1], 2, [0.5, 0.5], [0, 0], [1, 1]);
    expect([result.phiNats, result.vNats, result.vDeltaNats, result.vDeltaCoarseNats].every(Number.isNaN)).toBe(true);
    expect(() => potentials([1, 2], [0, 1], 2, [1], [0, 0], [1, 1])).toThrow('targets: expected 2 target masses (one per block), got 1');
    expect(() => potentials([1, 2], [0, 1], 2, [0.5, 0.6], [0, 0], [1, 1])).toThrow('targets: expected entries summing to 1 (within 1e-9), got Σ = 1.1');
    expect(() => potentials([1, Infinity], [0, 1], 2, [0.5, 0.5], [0, 0], [1, 1])).toThrow('x[1]: expected a finite intensity, got Infinity');
  });
});
