import { describe, expect, it } from 'vitest';
import { massErrors, measureImage } from '../../../src-shared/coarse/masses';
import { gridPartition, makePartition, type Partition } from '../../../src-shared/coarse/partition';
import { createProjectionScratch, createProjector, projectImage, projectImageInPlace } from '../../../src-shared/coarse/projection';
import { scaleClip } from '../../../src-shared/coarse/scaleClip';
import { toleranceBand } from '../../../src-shared/coarse/tolerance';
import { InfeasibleBoundsError } from '../../../src-shared/errors';
import { klNats } from '../../../src-shared/math/kl';
import { CounterRng, fillStandardNormal } from '../../../src-shared/math/rng';
import { expectClose } from '../../support/close';
import { randomLabels, randomSimplex, worstCloseness } from './support';

/** The toy's 32×32 image on a 4×4 grid (spec §5) with noise of the given size around block values in [0.1, 0.9]. */
function toyImage(rng: CounterRng, partition: Partition, noise: number): Float64Array {
  const values = Float64Array.from({ length: partition.K }, () => 0.1 + 0.8 * rng.nextUniform());
  return Float64Array.from(partition.labels, (k) => values[k]! + noise * rng.nextNormal());
}

function norm2(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(s);
}

describe('projectImageInPlace(x, partition, lower, upper, scratch): the sampler hot path', () => {
  it('agrees with projectImage to 1e-12, with costNats = D(c*‖w) and displacement = ‖Π_δ x − x‖₂ (300 noisy 32×32 images)', () => {
    const rng = new CounterRng(53, 0);
    const partition = gridPartition(32, 32, 4, 4);
    const scratch = createProjectionScratch(partition.K);
    const w = new Float64Array(partition.K);
    for (let trial = 0; trial < 300; trial++) {
      const x = toyImage(rng, partition, [0, 0.05, 0.5, 2][trial % 4]!);
      const targets = randomSimplex(rng, partition.K);
      const { lower, upper } = toleranceBand(targets, [0.002, 0.005, 0.01, 0.1][rng.nextInt(4)]!, 'absolute');
      const expected = projectImage(x, partition.labels, partition.K, lower, upper);
      measureImage(x, partition, w);
      const c = scaleClip(w, lower, upper);
      const before = Float64Array.from(x);
      const result = projectImageInPlace(x, partition, lower, upper, scratch);
      expect(worstCloseness(x, expected, { relTol: 1e-12, absTol: 1e-15 })).toBeLessThanOrEqual(1);
      expectClose(result.costNats, klNats(c, w), { relTol: 1e-12, absTol: 1e-16 });
      expectClose(result.displacement, norm2(expected, before), { relTol: 1e-12, absTol: 1e-16 });
    }
  });

  it('keeps e∞ = max_k |w_k − m_k| ≤ δ + 1e-12 after every projection (spec §7 "extra")', () => {
    const rng = new CounterRng(53, 1);
    const partition = gridPartition(32, 32, 4, 4);
    const projected = new Float64Array(partition.K);
    for (const delta of [0.002, 0.005, 0.01]) {
      for (let trial = 0; trial < 50; trial++) {
        const targets = randomSimplex(rng, partition.K);
        const { lower, upper } = toleranceBand(targets, delta, 'absolute');
        const projector = createProjector(partition, lower, upper);
        const x = fillStandardNormal(new Float64Array(1024), { seed: trial, sample: 0, step: 0, stream: 0 });
        projector.projectInPlace(x);
        measureImage(x, partition, projected);
        expect(massErrors(projected, targets).eInf).toBeLessThanOrEqual(delta + 1e-12);
      }
    }
  });

  it('leaves x bit for bit unchanged, with cost and displacement 0, when w is in the box (whole-simplex band: 200 Gaussian images)', () => {
    const partition = gridPartition(32, 32, 4, 4);
    const scratch = createProjectionScratch(partition.K);
    const { lower, upper } = toleranceBand(new Float64Array(16).fill(1 / 16), 1, 'absolute');
    for (let sample = 0; sample < 200; sample++) {
      const x = fillStandardNormal(new Float64Array(1024), { seed: 3, sample, step: 0, stream: 0 });
      const before = Float64Array.from(x);
      const result = projectImageInPlace(x, partition, lower, upper, scratch);
      expect(Buffer.from(x.buffer).equals(Buffer.from(before.buffer))).toBe(true);
      expect(result).toEqual({ costNats: 0, displacement: 0 });
    }
  });

  it('returns scratch.result every call (no allocation), and exposes w before and c* after in the scratch', () => {
    const partition = makePartition(1, 4, [0, 0, 1, 1]);
    const scratch = createProjectionScratch(2);
    const first = projectImageInPlace(Float64Array.of(1, 4, 10, 10), partition, [0.3, 0.3], [0.7, 0.7], scratch);
    expect(first).toBe(scratch.result);
    // x⁺ = (1, 4 | 10, 10): w = (0.2, 0.8) → c* = (0.3, 0.7); cost 0.3 ln 1.5 + 0.7 ln 0.875, displacement √7.375.
    expectClose(scratch.masses, [0.2, 0.8], { relTol: 4 * Number.EPSILON });
    expectClose(scratch.solver.c, [0.3, 0.7], { relTol: 8 * Number.EPSILON });
    expectClose(first.costNats, 0.3 * Math.log(1.5) + 0.7 * Math.log(0.875), { relTol: 1e-14 });
    expectClose(first.displacement, Math.sqrt(7.375), { relTol: 1e-15 });
    expect(projectImageInPlace(Float64Array.of(1, 1, 1, 1), partition, [0.3, 0.3], [0.7, 0.7], scratch)).toBe(first);
  });

  it('fills a block with no positive pixel with c*_k·Z/n_k (cost +∞), leaves Z = 0 images as they are, and NaN images with NaN results', () => {
    const partition = makePartition(1, 4, [0, 0, 1, 1]);
    const scratch = createProjectionScratch(2);
    const x = Float64Array.of(-1, -3, 1, 1);
    const result = projectImageInPlace(x, partition, [0.25, 0], [1, 0.75], scratch);
    expectClose(x, projectImage([-1, -3, 1, 1], [0, 0, 1, 1], 2, [0.25, 0], [1, 0.75]), { relTol: 4 * Number.EPSILON });
    expect(result.costNats).toBe(Infinity);
    const zero = Float64Array.of(-1, 0, -2, -3);
    expect(projectImageInPlace(zero, partition, [0.5, 0.5], [0.5, 0.5], scratch)).toEqual({ costNats: 0, displacement: 0 });
    expect(Array.from(zero)).toEqual([-1, 0, -2, -3]);
    const nan = Float64Array.of(1, NaN, 2, 3);
    const nanResult = projectImageInPlace(nan, partition, [0.5, 0.5], [0.5, 0.5], scratch);
    expect(nanResult.costNats).toBeNaN();
    expect(nanResult.displacement).toBeNaN();
    expect(Array.from(nan)).toEqual([1, NaN, 2, 3]);
  });

  it('agrees with projectImage on arbitrary non-contiguous partitions, massless blocks included (300 cases)', () => {
    const rng = new CounterRng(53, 2);
    for (let trial = 0; trial < 300; trial++) {
      const [height, width] = [1 + rng.nextInt(8), 1 + rng.nextInt(8)];
      const n = height * width;
      const K = 1 + rng.nextInt(Math.min(n, 6));
      const partition = makePartition(height, width, randomLabels(rng, n, K), K);
      const { lower, upper } = toleranceBand(randomSimplex(rng, K), 0.2 * rng.nextUniform(), 'absolute');
      const x = Float64Array.from(partition.labels, (k) => (k === 0 ? -Math.abs(rng.nextNormal()) : rng.nextNormal()));
      const expected = projectImage(x, partition.labels, K, lower, upper);
      projectImageInPlace(x, partition, lower, upper, createProjectionScratch(K));
      expectClose(x, expected, { relTol: 1e-12, absTol: 1e-15 });
    }
  });

  it('rejects an image, bounds or scratch that do not fit the partition', () => {
    const partition = makePartition(1, 4, [0, 0, 1, 1]);
    expect(() => projectImageInPlace(new Float64Array(3), partition, [0, 0], [1, 1], createProjectionScratch(2))).toThrow("x: expected 4 pixels (the partition's), got 3");
    expect(() => projectImageInPlace(new Float64Array(4), partition, [0, 0], [1, 1], createProjectionScratch(3))).toThrow('lower, upper, scratch: expected K = 2 blocks, got 2, 2, 3');
  });
});

describe('createProjector(partition, lower, upper)', () => {
  it('validates the box once (InfeasibleBoundsError, length K) and copies the bounds', () => {
    const partition = makePartition(1, 4, [0, 0, 1, 1]);
    expect(() => createProjector(partition, [0.6, 0.6], [0.7, 0.7])).toThrow(InfeasibleBoundsError);
    expect(() => createProjector(partition, [0.3], [0.7])).toThrow('lower, upper: expected one bound per block (K = 2), got 1');
    const lower = [0.3, 0.3];
    const projector = createProjector(partition, lower, [0.7, 0.7]);
    lower[0] = 0;
    const x = Float64Array.of(1, 4, 10, 10);
    projector.projectInPlace(x);
    expectClose(x, [1.5, 6, 8.75, 8.75], { relTol: 4 * Number.EPSILON });
    expectClose(projector.massesBefore, [0.2, 0.8], { relTol: 4 * Number.EPSILON });
    expectClose(projector.massesAfter, [0.3, 0.7], { relTol: 8 * Number.EPSILON });
  });
});
