import { describe, expect, it } from 'vitest';
import { columnChunks, sparseData } from '../../../../src-shared/diffusion/denoisers/sparseData';
import { InvalidArgumentError } from '../../../../src-shared/errors';
import { CounterRng } from '../../../../src-shared/math/rng';

describe('columnChunks(sparse, chunkPoints)', () => {
  it('stores the documented example by column within chunks', () => {
    const s = sparseData(Float64Array.of(0, 2, 0, 3, 4, 0, 5, 0, 6), 3, 3);
    const c = columnChunks(s, 2);
    expect(c.chunks).toBe(2);
    expect([...c.chunkStart]).toEqual([0, 1, 3, 3, 3, 4, 4, 5]);
    expect([...c.points]).toEqual([1, 0, 1, 2, 2]);
    expect([...c.values]).toEqual([3, 2, 4, 5, 6]);
  });

  it('holds every entry once, in its chunk and column, points ascending within each (random data, zero columns and an empty point, chunk sizes 1, 7, 64 and ≥ n)', () => {
    const n = 61, d = 23;
    const rng = new CounterRng(5, 0);
    const data = Float64Array.from({ length: n * d }, (_, i) => (i % d === 4 || rng.nextUniform() > 0.3 ? 0 : rng.nextNormal()));
    data.fill(0, 10 * d, 11 * d);
    const s = sparseData(data, n, d);
    const c = s.columns.length;
    for (const chunkPoints of [1, 7, 64, 1000]) {
      const chunks = columnChunks(s, chunkPoints);
      expect(chunks.chunks).toBe(Math.ceil(n / chunkPoints));
      const seen = new Set<string>();
      for (let h = 0; h < chunks.chunks; h++) {
        for (let k = 0; k < c; k++) {
          for (let e = chunks.chunkStart[h * (c + 1) + k]!; e < chunks.chunkStart[h * (c + 1) + k + 1]!; e++) {
            const j = chunks.points[e]!;
            expect(Math.floor(j / chunkPoints)).toBe(h);
            if (e > chunks.chunkStart[h * (c + 1) + k]!) expect(j).toBeGreaterThan(chunks.points[e - 1]!);
            expect(chunks.values[e]).toBe(data[j * d + s.columns[k]!]);
            seen.add(`${j},${k}`);
          }
        }
      }
      expect(seen.size).toBe(s.values.length);
    }
  });

  it('refuses a chunk size that is not a positive integer', () => {
    const s = sparseData(Float64Array.of(1, 0), 1, 2);
    expect(() => columnChunks(s, 0)).toThrow(InvalidArgumentError);
    expect(() => columnChunks(s, 2.5)).toThrow(/chunkPoints: expected a positive integer/);
  });
});
