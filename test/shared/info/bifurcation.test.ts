import { describe, expect, it } from 'vitest';
import { collapseTime, followBranch, geometricNus, meanShiftMode, spectralSpeciation, trackModes } from '../../../src-shared/info/bifurcation';
import { empiricalSet } from '../../../src-shared/info/dataset';
import { expectClose } from '../../support/close';
import { twoPoints } from './support';

/** σ_f of a two-point Dirac mixture (w, 1 − w) on ±1 from Robertson–Fryer (1969): bimodal iff |ln(w/(1−w))| < 2d√(d² − 1) − 2 arccosh d, d = 1/σ. */
function robertsonFryerSigma(w: number): number {
  const g = (sigma: number) => { const d = 1 / sigma; return 2 * d * Math.sqrt(d * d - 1) - 2 * Math.acosh(d) - Math.abs(Math.log(w / (1 - w))); };
  let lo = 1e-3, hi = 1 - 1e-12;
  for (let i = 0; i < 200; i++) { const mid = 0.5 * (lo + hi); if (g(mid) > 0) lo = mid; else hi = mid; }
  return 0.5 * (lo + hi);
}

describe('bifurcations of ±1 data', () => {
  it('trackModes from the data mean: λ_max(M) = 1/ν on the central point, crossing 1 at ν_c = 1 (λ_c = 0), spec T1', () => {
    const track = trackModes(twoPoints(), geometricNus(4, 0.25, 41));
    for (const p of track.points) {
      expect(p.x[0]).toBe(0);
      expectClose(p.topEigenvalue, 1 / p.nu, { relTol: 1e-12 });
    }
    expectClose(track.crossing!.nu, 1, { relTol: 1e-12 });
    expect(track.newBranches).toHaveLength(2);
    // The two new branches are the symmetric Curie–Weiss modes ±x*, x* = tanh(x*/ν), at the first unstable ν.
    const [a, b] = track.newBranches as [typeof track.newBranches[0], typeof track.newBranches[0]];
    expect(a.x[0]! * b.x[0]!).toBeLessThan(0);
    expectClose(Math.abs(a.x[0]!), Math.abs(b.x[0]!), { relTol: 1e-9 });
    expectClose(a.x[0]!, Math.tanh(a.x[0]! / a.nu), { absTol: 1e-9 });
    expect(a.nu).toBeLessThan(1);
  });

  it('meanShiftMode gives the Curie–Weiss order parameter x* = tanh(x*/ν): 0.17251, 0.52543, 0.95750, 0.99933 (spec CW)', () => {
    const modes = [0.99, 0.9, 0.5, 0.25].map((nu) => meanShiftMode(twoPoints(), Float64Array.of(0.3), nu));
    expectClose(modes.map((m) => m.x[0]!), [0.17251, 0.52543, 0.9575, 0.99933], { absTol: 5e-6 });
    for (const m of modes) {
      expect(m.converged).toBe(true);
      expectClose(m.x[0]!, Math.tanh(m.x[0]! / m.nu), { absTol: 1e-9 });
      expect(m.topEigenvalue).toBeLessThan(1);
    }
    // Near ν_c: x*² ≈ 3ν²(1 − ν) (mean-field exponent ½), to relative O(1 − ν).
    const near = meanShiftMode(twoPoints(), Float64Array.of(0.3), 0.999, { maxIterations: 200_000 });
    expectClose(near.x[0]! ** 2, 3 * 0.999 ** 2 * 0.001, { relTol: 5e-3 });
  });

  it('followBranch from the minority point of weights (w, 1 − w) finds the fold σ_f = 0.81878, 0.73676, 0.60341 (spec A1) as Robertson–Fryer', () => {
    for (const [w, expected] of [[0.6, 0.81878], [0.7, 0.73676], [0.9, 0.60341]] as const) {
      const set = empiricalSet(Float64Array.of(-1, 1), 2, 1, { weights: [1 - w, w] });
      const fold = followBranch(set, Float64Array.of(-1), { nuStart: 0.01, nuMax: 4 });
      expect(fold.found).toBe(true);
      expectClose(Math.sqrt(fold.nu), expected, { absTol: 5e-6 });
      expectClose(Math.sqrt(fold.nu), robertsonFryerSigma(w), { relTol: 1e-6 });
      expect(fold.lastAliveNu).toBeLessThanOrEqual(fold.nu * (1 + 1e-9));
    }
  });

  it('spectralSpeciation(±1) = 1 and collapseTime reproduces spec BC: 0.7535, 0.9454, 0.4132', () => {
    expectClose(spectralSpeciation(twoPoints()).nu, 1, { relTol: 1e-12 });
    expectClose([collapseTime(60000, 784, 0.1), collapseTime(1000, 784, 0.1), collapseTime(100, 16, 1)], [0.7535, 0.9454, 0.4132], { absTol: 1e-4 });
  });

  it('trackModes rejects a ν grid that does not decrease', () => {
    expect(() => trackModes(twoPoints(), [1, 2])).toThrow(/nus\[1\]: expected a decreasing sequence/);
  });
});
