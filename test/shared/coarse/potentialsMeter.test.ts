import { describe, expect, it } from 'vitest';
import { measureImage } from '../../../src-shared/coarse/masses';
import { makePartition } from '../../../src-shared/coarse/partition';
import { potentials } from '../../../src-shared/coarse/potentials';
import { createPotentialsMeter } from '../../../src-shared/coarse/potentialsMeter';
import { CounterRng } from '../../../src-shared/math/rng';
import { randomBox, randomLabels } from './support';

describe('createPotentialsMeter(partition, targets, lower, upper).measure(x)', () => {
  it('equals potentials(x, labels, K, targets, lower, upper), and its masses measureImage, bit for bit on 400 random images, boxes and partitions (negative pixels and empty-positive blocks included)', () => {
    const rng = new CounterRng(41, 0);
    let finite = 0;
    for (let trial = 0; trial < 400; trial++) {
      const K = 1 + rng.nextInt(12);
      const n = K + rng.nextInt(60);
      const labels = randomLabels(rng, n, K);
      const partition = makePartition(1, n, labels);
      const box = randomBox(rng, K);
      const meter = createPotentialsMeter(partition, box.targets, box.lower, box.upper);
      for (let draw = 0; draw < 3; draw++) {
        const x = Float64Array.from({ length: n }, () => (rng.nextUniform() < 0.2 ? -rng.nextUniform() : 2 * rng.nextUniform()));
        const expected = potentials(x, labels, K, box.targets, box.lower, box.upper);
        const masses = new Float64Array(K);
        const actual = meter.measure(x, masses);
        const expectedMasses = new Float64Array(K);
        measureImage(x, partition, expectedMasses);
        expectedMasses.forEach((m, k) => { if (!Object.is(masses[k], m)) throw new Error(`trial ${trial}, masses[${k}]: ${masses[k]} ≠ ${m}`); });
        for (const key of ['phiNats', 'vNats', 'vDeltaNats', 'vDeltaCoarseNats'] as const) {
          if (!Object.is(actual[key], expected[key])) throw new Error(`trial ${trial}, ${key}: ${actual[key]} ≠ ${expected[key]}`);
          if (Number.isFinite(actual[key])) finite++;
        }
      }
    }
    // Most comparisons are of finite values (V is +∞ only where a positive block has target 0).
    expect(finite).toBeGreaterThan(0.9 * 400 * 3 * 4);
  });

  it('gives NaN in every field and every mass when no pixel is positive (Z = 0), as potentials and measureImage do', () => {
    const meter = createPotentialsMeter(makePartition(1, 4, [0, 0, 1, 1]), [0.5, 0.5], [0.4, 0.4], [0.6, 0.6]);
    const masses = new Float64Array(2);
    expect(meter.measure(Float64Array.of(-1, 0, -2, 0), masses)).toEqual({ phiNats: NaN, vNats: NaN, vDeltaNats: NaN, vDeltaCoarseNats: NaN });
    expect([...masses]).toEqual([NaN, NaN]);
  });

  it('refuses a non-finite pixel, a wrong length, bad targets and bad bounds with the errors potentials gives', () => {
    const partition = makePartition(1, 4, [0, 0, 1, 1]);
    const meter = createPotentialsMeter(partition, [0.5, 0.5], [0.4, 0.4], [0.6, 0.6]);
    expect(() => meter.measure(Float64Array.of(1, NaN, 1, 1))).toThrow('x[1]: expected a finite intensity, got NaN');
    expect(() => meter.measure(Float64Array.of(1, 1, 1))).toThrow("x: expected 4 pixels (the partition's), got 3");
    expect(() => createPotentialsMeter(partition, [0.5, 0.6], [0.4, 0.4], [0.6, 0.6])).toThrow('targets: expected entries summing to 1');
    expect(() => createPotentialsMeter(partition, [1], [0.4], [0.6])).toThrow('targets: expected 2 target masses (one per block), got 1');
    expect(() => createPotentialsMeter(partition, [0.5, 0.5], [0.7, 0.7], [0.6, 0.6])).toThrow();
  });
});
