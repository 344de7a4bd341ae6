import { describe, expect, it } from 'vitest';
import { createLogLogInterpolant, hermiteAt } from '../../../src-shared/schedules/interpolate';
import { expectClose } from '../../support/close';

describe('createLogLogInterpolant(gammas, values)', () => {
  it('reproduces a power law c·γ^p exactly between nodes and holds the end values outside', () => {
    const gammas = [1e-3, 0.1, 10, 1e3];
    const f = createLogLogInterpolant(gammas, gammas.map((g) => 3 * g ** -0.7));
    for (const g of [2e-3, 0.5, 7, 999]) expectClose(f(g), 3 * g ** -0.7, { relTol: 1e-13 });
    expect(f(1e-9)).toBe(3 * 1e-3 ** -0.7);
    expect(f(1e9)).toBe(3 * 1e3 ** -0.7);
    expect(f(NaN)).toBeNaN();
  });

  it('interpolates linearly in ln γ on a segment that touches 0', () => {
    const f = createLogLogInterpolant([1, 100], [1, 0]);
    expectClose(f(10), 0.5, { relTol: 1e-15 });
    expect(() => createLogLogInterpolant([1, 1], [1, 2])).toThrow(/gammas\[1\]: expected a finite SNR > 0, strictly ascending/);
    expect(() => createLogLogInterpolant([1, 2], [1, -2])).toThrow(/values\[1\]/);
  });
});

describe('hermiteAt(xs, ys, slopes, x)', () => {
  it('hermiteAt(…) reproduces cubics exactly from values and slopes at the nodes', () => {
    const cubic = (x: number) => 2 * x ** 3 - x + 1;
    const xs = Float64Array.of(-1, 0.5, 2);
    const ys = xs.map(cubic);
    const slopes = xs.map((x) => 6 * x * x - 1);
    for (const x of [-0.9, 0, 0.7, 1.9]) expectClose(hermiteAt(xs, ys, slopes, x), cubic(x), { relTol: 1e-14, absTol: 1e-14 });
  });
});
