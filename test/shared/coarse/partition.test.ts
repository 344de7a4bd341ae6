import { describe, expect, it } from 'vitest';
import { countLabels, gridLabels, gridPartition, makePartition } from '../../../src-shared/coarse/partition';
import { InvalidArgumentError } from '../../../src-shared/errors';

describe('gridLabels(height, width, rows, cols)', () => {
  it('gridLabels(H, W, rows, cols) equals ⌊y/bh⌋·cols + ⌊x/bw⌋ when divisible (spec §7(a))', () => {
    for (const [H, W, rows, cols] of [[32, 32, 4, 4], [6, 9, 3, 3], [4, 6, 1, 2], [5, 5, 5, 5]] as const) {
      const labels = gridLabels(H, W, rows, cols);
      const [bh, bw] = [H / rows, W / cols];
      for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) expect(labels[y * W + x]).toBe(Math.floor(y / bh) * cols + Math.floor(x / bw));
    }
  });

  it('gridLabels(5, 7, 2, 3) cuts at ⌊i·H/rows⌋: row tiles of 2 and 3 rows, column tiles of 2, 2, 3 columns', () => {
    const labels = gridLabels(5, 7, 2, 3);
    // Row boundaries ⌊5/2⌋ = 2; column boundaries ⌊7/3⌋ = 2, ⌊14/3⌋ = 4.
    const row = [0, 0, 1, 1, 1];
    const col = [0, 0, 1, 1, 2, 2, 2];
    for (let y = 0; y < 5; y++) for (let x = 0; x < 7; x++) expect(labels[y * 7 + x]).toBe(row[y]! * 3 + col[x]!);
    expect(Array.from(countLabels(labels, 6))).toEqual([4, 4, 6, 6, 6, 9]);
  });

  it('gridLabels(H, W, rows, cols) gives every tile ⌊H/rows⌋ or ⌈H/rows⌉ rows for all 1 ≤ rows ≤ H ≤ 13 (non-empty tiles)', () => {
    for (let H = 1; H <= 13; H++) {
      for (let rows = 1; rows <= H; rows++) {
        const counts = countLabels(gridLabels(H, 1, rows, 1), rows);
        for (const n of counts) expect([Math.floor(H / rows), Math.ceil(H / rows)]).toContain(n);
      }
    }
  });

  it('rejects rows outside [1, H], cols outside [1, W] and non-integer sizes', () => {
    expect(() => gridLabels(4, 4, 5, 2)).toThrow('rows: expected an integer in [1, height = 4], got 5');
    expect(() => gridLabels(4, 4, 2, 0)).toThrow('cols: expected an integer in [1, width = 4], got 0');
    expect(() => gridLabels(4, 4, 1.5, 2)).toThrow('rows: expected an integer in [1, height = 4], got 1.5');
    expect(() => gridLabels(0, 4, 1, 1)).toThrow('height: expected a positive integer, got 0');
    expect(() => gridLabels(4, 2.5, 1, 1)).toThrow('width: expected a positive integer, got 2.5');
  });

  it('gridPartition(32, 32, 4, 4) has K = 16 blocks of n_k = 64 pixels (the toy of spec §5)', () => {
    const partition = gridPartition(32, 32, 4, 4);
    expect(partition.K).toBe(16);
    expect(Array.from(partition.counts)).toEqual(new Array(16).fill(64));
  });
});

describe('makePartition(height, width, labels, K?)', () => {
  it('makePartition accepts a non-contiguous label map, copies it, infers K = max + 1 and counts n_k', () => {
    const labels = [2, 0, 1, 0, 2, 1];
    const partition = makePartition(2, 3, labels);
    expect(partition.K).toBe(3);
    expect(Array.from(partition.counts)).toEqual([2, 2, 2]);
    expect(Array.from(partition.labels)).toEqual(labels);
    labels[0] = 1;
    expect(partition.labels[0]).toBe(2);
    expect(makePartition(2, 3, Int32Array.from([2, 0, 1, 0, 2, 1]), 3).K).toBe(3);
  });

  it('names the first offending index and value of a label outside [0, K)', () => {
    const labels = new Array(64).fill(0).map((_, i) => i % 16);
    labels[37] = 18;
    expect(() => makePartition(8, 8, labels, 16)).toThrow('labels[37]: expected an integer block id in [0, 16), got 18');
    expect(() => makePartition(1, 3, [0, 1.5, 1], 2)).toThrow('labels[1]: expected an integer block id in [0, 2), got 1.5');
    expect(() => makePartition(1, 3, [0, -1, 1])).toThrow('labels[1]: expected a nonnegative integer block id, got -1');
    expect(() => makePartition(1, 3, [0, NaN, 1])).toThrow(InvalidArgumentError);
  });

  it('names the empty block ids', () => {
    expect(() => makePartition(2, 2, [0, 0, 3, 3])).toThrow('labels: expected every block id in [0, 4) to label at least one pixel; empty blocks: 1, 2');
    expect(() => makePartition(1, 2, [0, 0], 2)).toThrow('empty blocks: 1');
  });

  it('rejects a label map whose length is not height·width, and bad sizes or K', () => {
    expect(() => makePartition(2, 3, [0, 1, 0, 1])).toThrow('labels: expected length height·width = 6, got 4');
    expect(() => makePartition(-2, 3, [0, 1])).toThrow('height: expected a positive integer, got -2');
    expect(() => makePartition(1, 2, [0, 0], 0)).toThrow('K: expected a positive integer, got 0');
  });
});
