import { describe, expect, it } from 'vitest';
import { blockMasses, massErrors, measureImage, positivePart } from '../../../src-shared/coarse/masses';
import { gridPartition, makePartition } from '../../../src-shared/coarse/partition';
import { CounterRng } from '../../../src-shared/math/rng';
import { expectClose } from '../../support/close';
import { massesByLoop, randomLabels, randomSimplex } from './support';

describe('blockMasses(p, labels, K) (spec §7 test 9)', () => {
  it('blockMasses with an arbitrary, non-contiguous label map equals an explicit loop (300 random maps)', () => {
    const rng = new CounterRng(9, 0);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + rng.nextInt(200);
      const K = 1 + rng.nextInt(Math.min(n, 20));
      const labels = randomLabels(rng, n, K);
      const p = randomSimplex(rng, n, 0.2);
      // Same additions in the same order per block: equal bit for bit.
      expect(Array.from(blockMasses(p, labels, K))).toEqual(Array.from(massesByLoop(p, labels, K)));
    }
  });

  it('gives mass 0 to a block without pixels and rejects labels outside [0, K) or of the wrong length', () => {
    expect(Array.from(blockMasses([0.5, 0.5], [0, 0], 2))).toEqual([1, 0]);
    expect(() => blockMasses([0.5, 0.5], [0, 2], 2)).toThrow('labels[1]: expected an integer block id in [0, 2), got 2');
    expect(() => blockMasses([0.5, 0.5], [0], 2)).toThrow('labels: expected length 2 (one label per pixel), got 1');
  });
});

describe('positivePart(x)', () => {
  it('positivePart(x) = max(x, 0) elementwise as a new array, NaN kept', () => {
    const x = [1, -2, 0.5, -0, NaN];
    const positive = positivePart(x);
    expect(Array.from(positive.subarray(0, 4))).toEqual([1, 0, 0.5, 0]);
    expect(positive[4]).toBeNaN();
  });
});

describe('measureImage(x, partition, out)', () => {
  it('returns Z = Σ x⁺ and writes the clip-mode masses, equal to blockMasses(x⁺/Z) to 1e-15 (200 random images)', () => {
    const rng = new CounterRng(9, 1);
    const partition = gridPartition(12, 10, 3, 4);
    const out = new Float64Array(partition.K);
    for (let trial = 0; trial < 200; trial++) {
      const x = Float64Array.from(partition.labels, () => rng.nextNormal());
      const z = measureImage(x, partition, out);
      const positive = x.map((v) => Math.max(v, 0));
      const zLoop = positive.reduce((s, v) => s + v, 0);
      // Two summation orders of 120 terms ≤ 7: they differ by at most ~120ε·Σ.
      expectClose(z, zLoop, { relTol: 1e-13 });
      expectClose(out, massesByLoop(positive.map((v) => v / zLoop), partition.labels, partition.K), { absTol: 1e-15 });
    }
  });

  it('leaves NaN masses for Z = 0 and propagates NaN pixels', () => {
    const partition = makePartition(1, 4, [0, 0, 1, 1]);
    const out = new Float64Array(2);
    expect(measureImage(Float64Array.of(-1, 0, -2, -3), partition, out)).toBe(0);
    expect(Array.from(out)).toEqual([NaN, NaN]);
    expect(measureImage(Float64Array.of(1, NaN, 2, 3), partition, out)).toBeNaN();
    expect(out[0]).toBeNaN();
  });
});

describe('massErrors(w, m, out?)', () => {
  it('massErrors(w, m) gives e∞ = max |w − m| and e1 = Σ |w − m|', () => {
    const errors = massErrors([0.2, 0.3, 0.5], [0.25, 0.25, 0.5]);
    expectClose(errors.eInf, 0.05, { relTol: 1e-14 });
    expectClose(errors.e1, 0.1, { relTol: 1e-14 });
  });

  it('fills and returns the object it is given, propagates NaN, and rejects different lengths', () => {
    const out = { eInf: -1, e1: -1 };
    expect(massErrors([0.5, 0.5], [0.5, 0.5], out)).toBe(out);
    expect(out).toEqual({ eInf: 0, e1: 0 });
    const nan = massErrors([NaN, 0.5], [0.5, 0.5]);
    expect(nan.eInf).toBeNaN();
    expect(nan.e1).toBeNaN();
    expect(() => massErrors([0.5], [0.5, 0.5])).toThrow('w, m: expected mass vectors of equal length, got 1 and 2');
  });
});
