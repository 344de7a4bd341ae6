import { describe, expect, it } from 'vitest';
import { MASS_MODES, projectImageAs, readBlockMasses, writeBlockFactors } from '../../../src-shared/coarse/massModes';
import { makePartition } from '../../../src-shared/coarse/partition';
import { projectImage } from '../../../src-shared/coarse/projection';
import { scaleClip } from '../../../src-shared/coarse/scaleClip';
import { toleranceBand } from '../../../src-shared/coarse/tolerance';
import { CounterRng } from '../../../src-shared/math/rng';
import { expectClose } from '../../support/close';
import { randomLabels, randomSimplex, sum } from './support';

function randomImageCase(rng: CounterRng) {
  const [height, width] = [2 + rng.nextInt(6), 2 + rng.nextInt(6)];
  const K = 1 + rng.nextInt(Math.min(height * width, 6));
  const partition = makePartition(height, width, randomLabels(rng, height * width, K), K);
  const x = Float64Array.from(partition.labels, () => 0.3 + rng.nextNormal());
  return { partition, x, K };
}

describe('readBlockMasses(x, partition, mode)', () => {
  const partition = makePartition(1, 4, [0, 0, 1, 1]);

  it('reads clip, shift, unit-range and softmax masses as defined in spec §8 Q4', () => {
    expectClose(readBlockMasses([1, -2, 3, 0], partition, 'clip'), [0.25, 0.75], { relTol: 4 * Number.EPSILON });
    // shift: x − min = (3, 0, 5, 2).
    expectClose(readBlockMasses([1, -2, 3, 0], partition, 'shift'), [0.3, 0.7], { relTol: 4 * Number.EPSILON });
    // unit-range: ((x + 1)/2)⁺ = (1, 0, 2, 0.5).
    expectClose(readBlockMasses([1, -2, 3, 0], partition, 'unit-range'), [0.2857142857142857, 0.7142857142857143], { relTol: 4 * Number.EPSILON });
    const e = [Math.E, Math.exp(-2), Math.exp(3), 1];
    const total = e[0]! + e[1]! + e[2]! + e[3]!;
    expectClose(readBlockMasses([1, -2, 3, 0], partition, 'softmax'), [(e[0]! + e[1]!) / total, (e[2]! + e[3]!) / total], { relTol: 1e-15 });
  });

  it('gives NaN masses when the total weight is 0 (clip: no positive pixel; shift: a constant image)', () => {
    expect(Array.from(readBlockMasses([-1, -2, 0, -3], partition, 'clip'))).toEqual([NaN, NaN]);
    expect(Array.from(readBlockMasses([2, 2, 2, 2], partition, 'shift'))).toEqual([NaN, NaN]);
  });

  it('softmax masses do not overflow for intensities of 1000', () => {
    expectClose(readBlockMasses([1000, 1000, 1000, 1000], partition, 'softmax'), [0.5, 0.5], { relTol: 4 * Number.EPSILON });
  });
});

describe('writeBlockFactors(x, partition, factors, mode)', () => {
  it('rescales the masses read in the same mode to w·f for every mode when Σ f_k w_k = 1 (200 random images)', () => {
    const rng = new CounterRng(61, 0);
    for (let trial = 0; trial < 200; trial++) {
      const { partition, x, K } = randomImageCase(rng);
      for (const mode of MASS_MODES) {
        const w = readBlockMasses(x, partition, mode);
        if (w.some((v) => !(v > 0))) continue;
        const c = randomSimplex(rng, K);
        const written = writeBlockFactors(x, partition, c.map((ck, k) => ck / w[k]!), mode);
        // Masses are ratios of sums of ≤ 49 rescaled weights: rounding ≲ 1e-14.
        expectClose(readBlockMasses(written, partition, mode), c, { absTol: 1e-13 });
      }
    }
  });

  it('clip multiplies every pixel; shift keeps min x; unit-range leaves pixels ≤ −1; softmax adds log f', () => {
    const partition = makePartition(1, 4, [0, 0, 1, 1]);
    expectClose(writeBlockFactors([1, -2, 3, 0], partition, [2, 0.5], 'clip'), [2, -4, 1.5, 0], { relTol: 4 * Number.EPSILON });
    expectClose(writeBlockFactors([1, -2, 3, 0], partition, [2, 0.5], 'shift'), [4, -2, 0.5, -1], { relTol: 4 * Number.EPSILON });
    expectClose(writeBlockFactors([1, -2, 3, 0], partition, [2, 0.5], 'unit-range'), [3, -2, 1, -0.5], { relTol: 4 * Number.EPSILON });
    expectClose(writeBlockFactors([1, -2, 3, 0], partition, [2, 0.5], 'softmax'), [1 + Math.LN2, -2 + Math.LN2, 3 - Math.LN2, -Math.LN2], { relTol: 4 * Number.EPSILON });
  });

  it('rejects negative, non-finite or missing factors and images that do not fit the partition', () => {
    const partition = makePartition(1, 4, [0, 0, 1, 1]);
    expect(() => writeBlockFactors([1, 2, 3, 4], partition, [1, -1], 'clip')).toThrow('factors[1]: expected a finite factor ≥ 0, got -1');
    expect(() => writeBlockFactors([1, 2, 3, 4], partition, [1], 'clip')).toThrow('factors: expected 2 factors (one per block), got 1');
    expect(() => writeBlockFactors([1, 2, 3], partition, [1, 1], 'clip')).toThrow("x: expected 4 pixels (the partition's), got 3");
    expect(() => readBlockMasses([1, 2, NaN, 4], partition, 'clip')).toThrow('x[2]: expected a finite intensity, got NaN');
  });
});

describe('projectImageAs(x, partition, band, mode)', () => {
  it("equals projectImage bit for bit with mode 'clip' (200 random images)", () => {
    const rng = new CounterRng(61, 1);
    for (let trial = 0; trial < 200; trial++) {
      const { partition, x, K } = randomImageCase(rng);
      const { lower, upper } = toleranceBand(randomSimplex(rng, K), 0.1 * rng.nextUniform(), 'absolute');
      expect(Array.from(projectImageAs(x, partition, { lower, upper }, 'clip'))).toEqual(Array.from(projectImage(x, partition.labels, K, lower, upper)));
    }
  });

  it('puts the masses read in every mode at c* = scaleClip(w, L, U) (200 random images × 4 modes)', () => {
    const rng = new CounterRng(61, 2);
    for (let trial = 0; trial < 200; trial++) {
      const { partition, x, K } = randomImageCase(rng);
      const { lower, upper } = toleranceBand(randomSimplex(rng, K), 0.1 * rng.nextUniform(), 'absolute');
      for (const mode of MASS_MODES) {
        const w = readBlockMasses(x, partition, mode);
        if (!(sum(w) > 0)) continue;
        const c = scaleClip(w, lower, upper);
        // Shift mode cannot represent a fill of the block holding min x: the fill raises the minimum (documented).
        if (mode === 'shift' && w.some((wk, k) => wk === 0 && c[k]! > 0)) continue;
        expectClose(readBlockMasses(projectImageAs(x, partition, { lower, upper }, mode), partition, mode), c, { absTol: 1e-13 });
      }
    }
  });

  it('fills a massless block with the value of weight c*_k·total/n_k in each mode', () => {
    const partition = makePartition(1, 4, [0, 0, 1, 1]);
    // Block 0 carries no weight in any mode below, c* = (0.25, 0.75).
    expectClose(projectImageAs([-1, -3, 1, 1], partition, { lower: [0.25, 0], upper: [1, 0.75] }, 'clip'), [0.25, 0.25, 0.75, 0.75], { relTol: 4 * Number.EPSILON });
    // shift: min = −3, weights (0, 0 | 4, 4), total 8: block 0 gets weight 0.25·8/2 above the old minimum
    // (which it held, so reading the result back gives other masses: the documented limit of shift mode).
    expectClose(projectImageAs([-3, -3, 1, 1], partition, { lower: [0.25, 0], upper: [1, 0.75] }, 'shift'), [-3 + (0.25 * 8) / 2, -3 + (0.25 * 8) / 2, -3 + 4 * 0.75, -3 + 4 * 0.75], { relTol: 4 * Number.EPSILON });
    // unit-range: weights (0, 0 | 1, 1), total 2: block 0 gets weight 0.25 → x = 2·0.25 − 1.
    expectClose(projectImageAs([-2, -1, 1, 1], partition, { lower: [0.25, 0], upper: [1, 0.75] }, 'unit-range'), [-0.5, -0.5, 0.5, 0.5], { relTol: 4 * Number.EPSILON });
    // softmax: e^(−2000) underflows to 0; block 0 gets weight 0.25·2/2 relative to the max: x = log 0.25.
    expectClose(projectImageAs([-2000, -2000, 0, 0], partition, { lower: [0.25, 0], upper: [1, 0.75] }, 'softmax'), [Math.log(0.25), Math.log(0.25), Math.log(0.75), Math.log(0.75)], { relTol: 4 * Number.EPSILON });
  });

  it('softmax on a noisy state (intensities ±600: masses 300 orders apart) stays finite and puts the masses in the band (100 states)', () => {
    const rng = new CounterRng(61, 3);
    const partition = makePartition(16, 16, Int32Array.from({ length: 256 }, (_, i) => 4 * Math.floor(i / 64) + Math.floor((i % 16) / 4)));
    for (let trial = 0; trial < 100; trial++) {
      const x = Float64Array.from({ length: 256 }, () => 600 * (2 * rng.nextUniform() - 1));
      const { lower, upper } = toleranceBand(randomSimplex(rng, 16), trial % 2 === 0 ? 0.5 : 0.01, 'absolute');
      const projected = projectImageAs(x, partition, { lower, upper }, 'softmax');
      expect(projected.every(Number.isFinite), `trial ${trial}`).toBe(true);
      const c = readBlockMasses(projected, partition, 'softmax');
      expectClose(sum(c), 1, { absTol: 1e-12 });
      c.forEach((ck, k) => expect(ck >= lower[k]! - 1e-12 && ck <= upper[k]! + 1e-12, `trial ${trial}: block ${k}: ${ck} outside [${lower[k]}, ${upper[k]}]`).toBe(true));
    }
  });

  it('softmax cannot hold a block at mass 0 (every e^x > 0): a band that demands it is an error that says so', () => {
    const partition = makePartition(1, 4, [0, 0, 1, 1]);
    expect(() => projectImageAs([0, 0, 1, 1], partition, { lower: [0, 1], upper: [0, 1] }, 'softmax')).toThrow(/softmax gives every pixel a weight e\^x > 0, so block 0 cannot be held at mass 0/);
  });

  it('returns a copy when the total weight is 0', () => {
    const partition = makePartition(1, 4, [0, 0, 1, 1]);
    expect(Array.from(projectImageAs([2, 2, 2, 2], partition, { lower: [0.5, 0.5], upper: [0.5, 0.5] }, 'shift'))).toEqual([2, 2, 2, 2]);
  });
});
