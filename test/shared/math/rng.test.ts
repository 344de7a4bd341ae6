import { describe, expect, it } from 'vitest';
import { AddressStream, CounterRng, fillStandardNormal, fillUniform, philox4x32, seedKey, zigguratNormal } from '../../../src-shared/math/rng';

const hex = (b: Uint32Array) => Array.from(b, (v) => v.toString(16).padStart(8, '0'));

describe('philox4x32(counter, key)', () => {
  // Known-answer vectors of Random123 (kat_vectors, philox4x32 with 10 rounds).
  it('reproduces the Random123 known-answer vectors', () => {
    const out = new Uint32Array(4);
    expect(hex(philox4x32(0, 0, 0, 0, 0, 0, out))).toEqual(['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']);
    expect(hex(philox4x32(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, out))).toEqual(['408f276d', '41c83b0e', 'a20bc7c6', '6d5451fd']);
    expect(hex(philox4x32(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, out))).toEqual(['d16cfe09', '94fdcceb', '5001e420', '24126ea1']);
  });
});

describe('fillStandardNormal(out, address)', () => {
  const address = { seed: 7, sample: 3, step: 11, stream: 1 };

  it('gives the same numbers bit for bit on every call', () => {
    const a = fillStandardNormal(new Float64Array(1027), address);
    const b = fillStandardNormal(new Float64Array(1027), address);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
  });

  it('does not depend on the length asked for: a shorter draw is a prefix of a longer one', () => {
    const long = fillStandardNormal(new Float64Array(1030), address);
    for (const n of [1, 2, 3, 5, 17, 1027]) {
      expect(Array.from(fillStandardNormal(new Float64Array(n), address))).toEqual(Array.from(long.subarray(0, n)));
    }
  });

  it('changes with each coordinate of the address', () => {
    const base = fillStandardNormal(new Float64Array(8), address);
    for (const other of [{ ...address, seed: 8 }, { ...address, sample: 4 }, { ...address, step: 12 }, { ...address, stream: 2 }]) {
      expect(Array.from(fillStandardNormal(new Float64Array(8), other))).not.toEqual(Array.from(base));
    }
  });

  it('has mean 0, variance 1 and Gaussian tails within sampling error (n = 400,000)', () => {
    const n = 400_000;
    const z = fillStandardNormal(new Float64Array(n), address);
    let sum = 0, sumSq = 0, beyond2 = 0, sum4 = 0;
    for (const v of z) {
      sum += v;
      sumSq += v * v;
      sum4 += v ** 4;
      if (Math.abs(v) > 2) beyond2++;
    }
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    // Standard errors: mean 1/√n = 0.0016, variance √(2/n) = 0.0022, P(|Z|>2) = 0.0455 ± 0.00033, E Z⁴ = 3 ± √(96/n) = 0.015; 5 s.e. bands.
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(beyond2 / n - 0.0455)).toBeLessThan(5 * Math.sqrt((0.0455 * 0.9545) / n));
    expect(Math.abs(sum4 / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
  });
});

/** P(a < Z < b) for Z ~ N(0, 1) by composite Simpson on the density (error < 1e-13 for these widths). */
function normalProbability(a: number, b: number): number {
  const n = 2000;
  const h = (b - a) / n;
  const f = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

describe('fillStandardNormal: the ziggurat is exact in distribution', () => {
  it('passes a chi-square test over 60 bins, tails beyond ±3.44 included (n = 2,000,000; 0.1% critical value)', () => {
    const n = 2_000_000;
    const edges = [-Infinity, ...Array.from({ length: 59 }, (_, i) => -4.35 + (8.7 * i) / 58), Infinity];
    const counts = new Float64Array(edges.length - 1);
    const z = new Float64Array(100_000);
    let beyondR = 0;
    for (let chunk = 0; chunk < n / z.length; chunk++) {
      fillStandardNormal(z, { seed: 99, sample: chunk, step: 0, stream: 0 });
      for (const v of z) {
        if (Math.abs(v) > 3.442619855899) beyondR++;
        let lo = 0, hi = edges.length - 1;
        while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (v < edges[mid]!) hi = mid; else lo = mid; }
        counts[lo]!++;
      }
    }
    let chi2 = 0;
    for (let b = 0; b < counts.length; b++) {
      const lo = Math.max(edges[b]!, -12), hi = Math.min(edges[b + 1]!, 12);
      const expected = n * normalProbability(lo, hi);
      chi2 += (counts[b]! - expected) ** 2 / expected;
    }
    // 59 degrees of freedom: the 0.1% critical value of χ²₅₉ is 98.3 (scipy.stats.chi2.ppf(0.999, 59)).
    expect(chi2).toBeLessThan(98.3);
    // P(|Z| > R) = 5.7634e-4 (2·(1 − Φ(3.442619855899))): the tail branch runs and has the right mass.
    const pTail = 2 * normalProbability(3.442619855899, 12);
    expect(Math.abs(beyondR / n - pTail)).toBeLessThan(5 * Math.sqrt(pTail / n));
  });

  it('fillStandardNormal (xoshiro inlined on local state) equals zigguratNormal over the AddressStream bit for bit, wedge and tail draws included (600 addresses × 2,048)', () => {
    let tail = 0;
    for (let a = 0; a < 600; a++) {
      const address = { seed: 17 * a + 3, sample: a % 5, step: a, stream: a % 3 };
      const fused = fillStandardNormal(new Float64Array(2048), address);
      const stream = new AddressStream(address);
      for (let e = 0; e < fused.length; e++) {
        const z = zigguratNormal(stream);
        if (Math.abs(z) > 3.442619855899) tail++;
        if (!Object.is(fused[e], z)) throw new Error(`address ${a}, element ${e}: ${fused[e]} ≠ ${z}`);
      }
    }
    // 1.2M draws: about 690 land in the tail (P(|Z| > R) = 5.76e-4), so the tail branch was compared too.
    expect(tail).toBeGreaterThan(500);
  });

  it('AddressStream gives 53-bit uniforms in (0, 1) and spare bits uniform over the 128 layers', () => {
    const stream = new AddressStream({ seed: 3, sample: 1, step: 2, stream: 0 });
    const layers = new Float64Array(128);
    let outside = 0;
    for (let i = 0; i < 256_000; i++) {
      const u = stream.nextUniform53();
      if (!(u > 0 && u < 1)) outside++;
      layers[stream.spare & 127]!++;
    }
    expect(outside).toBe(0);
    let chi2 = 0;
    for (const c of layers) chi2 += (c - 2000) ** 2 / 2000;
    expect(chi2).toBeLessThan(181.99); // χ²₁₂₇ at 0.1%: scipy.stats.chi2.ppf(0.999, 127)
  });
});

describe('fillUniform(out, address)', () => {
  it('lies in the open interval (0, 1) with mean ½ and variance 1/12', () => {
    const n = 200_000;
    const u = fillUniform(new Float64Array(n), { seed: 1, sample: 0, step: 0, stream: 0 });
    let sum = 0, sumSq = 0, outside = 0;
    for (const v of u) {
      if (!(v > 0 && v < 1)) outside++;
      sum += v;
      sumSq += v * v;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sumSq / n - (sum / n) ** 2 - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / n));
  });
});

describe('seedKey(seed) and CounterRng', () => {
  it('rejects seeds that are not safe non-negative integers', () => {
    expect(() => seedKey(-1)).toThrow(/seed/);
    expect(() => seedKey(1.5)).toThrow(/seed/);
    expect(seedKey(2 ** 32 + 5)).toEqual([5, 1]);
  });

  it('replays the same sequence from the same seed and stream', () => {
    const a = new CounterRng(42, 3);
    const b = new CounterRng(42, 3);
    const xs = Array.from({ length: 50 }, () => a.nextNormal());
    expect(Array.from({ length: 50 }, () => b.nextNormal())).toEqual(xs);
    const c = new CounterRng(42, 4);
    expect(c.nextNormal()).not.toBe(xs[0]);
  });

  it('nextInt(n) is uniform over [0, n)', () => {
    const rng = new CounterRng(5, 0);
    const counts = new Array<number>(7).fill(0);
    const n = 70_000;
    for (let i = 0; i < n; i++) counts[rng.nextInt(7)]!++;
    for (const c of counts) expect(Math.abs(c - n / 7)).toBeLessThan(5 * Math.sqrt((n * (1 / 7) * (6 / 7))));
  });
});
