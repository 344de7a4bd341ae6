import { describe, expect, it } from 'vitest';
import { gridLabels } from '../../../src-shared/coarse/partition';
import { CounterRng } from '../../../src-shared/math/rng';
import {
  blockStats, compactLabels, fillUnassigned, labelsFromRgba, MAX_LABEL_COLOURS, NO_BLOCK, paintDab, partitionProblem, resampleNearest, sameLabels, voronoiLabels,
} from '../../../src-renderer/state/labelMaps';

describe('voronoiLabels(height, width, seeds)', () => {
  it('gives every pixel the seed nearest to its centre, checked by brute force on 50 random seed sets', () => {
    const rng = new CounterRng(7, 0);
    for (let trial = 0; trial < 50; trial++) {
      const height = 1 + rng.nextInt(12), width = 1 + rng.nextInt(12);
      const seeds = Array.from({ length: 1 + rng.nextInt(6) }, () => ({ x: rng.nextUniform() * width, y: rng.nextUniform() * height }));
      const labels = voronoiLabels(height, width, seeds);
      for (let r = 0; r < height; r++) {
        for (let c = 0; c < width; c++) {
          const d = seeds.map((s) => (c + 0.5 - s.x) ** 2 + (r + 0.5 - s.y) ** 2);
          expect(d[labels[r * width + c]!]).toBe(Math.min(...d));
        }
      }
    }
  });

  it('one seed per grid tile centre reproduces the grid; no seed leaves every pixel unassigned', () => {
    const seeds = [0, 1].flatMap((r) => [0, 1, 2].map((c) => ({ x: 4 * c + 2, y: 4 * r + 2 })));
    expect(sameLabels(voronoiLabels(8, 12, seeds), gridLabels(8, 12, 2, 3))).toBe(true);
    expect([...new Set(voronoiLabels(3, 3, []))]).toEqual([NO_BLOCK]);
  });
});

describe('paintDab, fillUnassigned, compactLabels, resampleNearest', () => {
  it('paintDab(labels, h, w, dab) writes the block on the pixels whose centres are within size/2, and leaves the input untouched', () => {
    const labels = new Int32Array(25);
    const out = paintDab(labels, 5, 5, { at: { x: 2.5, y: 2.5 }, size: 3, block: 7 });
    // Radius 1.5 around the centre pixel: the plus-shaped 3 × 3 disc plus the 4 diagonal pixels (√2 ≤ 1.5).
    expect(Array.from(out).filter((k) => k === 7)).toHaveLength(9);
    expect(Array.from(labels).every((k) => k === 0)).toBe(true);
    expect(paintDab(labels, 5, 5, { at: { x: 0.1, y: 4.9 }, size: 1, block: 2 })[20]).toBe(2);
    expect(Array.from(paintDab(labels, 5, 5, { at: { x: -3, y: 9 }, size: 1, block: 2 }))).toEqual(Array.from(labels));
  });

  it('fillUnassigned fills only the unassigned pixels; compactLabels renumbers by first appearance', () => {
    expect(Array.from(fillUnassigned(Int32Array.of(-1, 3, -1), 1))).toEqual([1, 3, 1]);
    expect(Array.from(compactLabels(Int32Array.of(9, 4, 9, -1, 2)))).toEqual([0, 1, 0, -1, 2]);
  });

  it('resampleNearest is the identity at the same size and an exact 2× upsampling of a grid is the grid', () => {
    const grid = gridLabels(4, 6, 2, 3);
    expect(sameLabels(resampleNearest(grid, 4, 6, 4, 6), grid)).toBe(true);
    expect(sameLabels(resampleNearest(grid, 4, 6, 8, 12), gridLabels(8, 12, 2, 3))).toBe(true);
  });
});

describe('blockStats(labels) and partitionProblem(labels)', () => {
  it('counts pixels per block, the unassigned ones and the empty ids', () => {
    const stats = blockStats(Int32Array.of(0, 2, 2, -1, 2));
    expect(Array.from(stats.counts)).toEqual([1, 0, 3]);
    expect([stats.blockCount, stats.unassigned, stats.emptyBlocks]).toEqual([3, 1, [1]]);
  });

  it('names an empty map, unassigned pixels and empty blocks; a grid has no problem', () => {
    expect(partitionProblem(Int32Array.of(-1, -1))).toMatch(/the partition is empty/u);
    expect(partitionProblem(Int32Array.of(0, -1, -1))).toBe('2 pixels have no block: paint them, or use Fill empty');
    expect(partitionProblem(Int32Array.of(0, 3, 3))).toBe('blocks 1, 2 have no pixel: paint them, or Compact ids');
    expect(partitionProblem(gridLabels(8, 8, 2, 2))).toBeNull();
  });
});

describe('labelsFromRgba(rgba, pixels)', () => {
  it('numbers distinct colours by first appearance and leaves transparent pixels unassigned', () => {
    const red = [200, 0, 0, 255], blue = [0, 0, 200, 255], clear = [10, 10, 10, 0];
    const result = labelsFromRgba(Uint8ClampedArray.from([...blue, ...red, ...blue, ...clear]), 4);
    expect(result).toEqual({ labels: Int32Array.of(0, 1, 0, NO_BLOCK), colours: 2 });
  });

  it(`refuses an image with more than ${MAX_LABEL_COLOURS} colours (a photo), with the reason`, () => {
    const rgba = new Uint8ClampedArray(4 * 300);
    for (let i = 0; i < 300; i++) rgba.set([i % 256, Math.floor(i / 256), 0, 255], 4 * i);
    expect(labelsFromRgba(rgba, 300)).toEqual({ error: expect.stringMatching(/at most 256 distinct colours/u) });
  });
});
