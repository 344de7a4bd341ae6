import { describe, expect, it } from 'vitest';
import { empiricalSet } from '../../../src-shared/info/dataset';
import { fillNoise, noiseLogDensity, NOISE_LAW_NAMES } from '../../../src-shared/info/noiseLaws';
import { heldOutCurve, warmStartNll } from '../../../src-shared/info/warmStart';
import { CounterRng } from '../../../src-shared/math/rng';
import { expectClose } from '../../support/close';

describe('warm-started likelihoods', () => {
  it('warmStartNll(…) = −ln((1/N) Σ_i Π_k ψ(x̃_k − x_ik)) computed directly, for each law', () => {
    const set = empiricalSet(Float64Array.of(0, 0, 1, 0, 0, 2), 3, 2);
    const x = Float64Array.of(0.4, 0.3);
    for (const law of NOISE_LAW_NAMES) {
      let p = 0;
      for (let i = 0; i < 3; i++) p += Math.exp(noiseLogDensity(law, x[0]! - set.points[2 * i]!, 0.5) + noiseLogDensity(law, x[1]! - set.points[2 * i + 1]!, 0.5)) / 3;
      expectClose(warmStartNll(set, x, law, 0.5), -Math.log(p), { relTol: 1e-13 });
    }
    expect(warmStartNll(set, Float64Array.of(5, 5), 'uniform', 0.5)).toBe(Infinity);
  });

  it('heldOutCurve is U-shaped in σ0 for every law with a finite minimum, and the uniform law is worst there (spec §2.6.2, §7 Q7)', () => {
    const rng = new CounterRng(4, 0);
    const all = Float64Array.from({ length: 260 * 3 }, () => rng.nextNormal());
    const train = empiricalSet(all.slice(0, 200 * 3), 200, 3);
    const test = all.slice(200 * 3);
    const sigma0s = [0.05, 0.1, 0.2, 0.35, 0.6, 1, 2, 4];
    const curve = heldOutCurve(train, test, { laws: [...NOISE_LAW_NAMES], sigma0s, seed: 1 });
    expect(curve).toHaveLength(32);
    const best: Record<string, number> = {};
    for (const law of NOISE_LAW_NAMES) {
      const rows = curve.filter((c) => c.law === law);
      const i = rows.reduce((b, r, k) => (r.meanNats < rows[b]!.meanNats ? k : b), 0);
      expect(i, law).toBeGreaterThan(0);
      expect(i, law).toBeLessThan(rows.length - 1);
      best[law] = rows[i]!.meanNats;
    }
    expect(best.uniform).toBeGreaterThan(Math.max(best.gaussian!, best.laplace!, best.logistic!));
    expect(curve.find((c) => c.law === 'uniform' && c.sigma0 === 0.05)!.finiteFraction).toBeLessThan(1);
  });

  it('the Gaussian fast path equals the per-coordinate path to 1e-12 relative', () => {
    const rng = new CounterRng(9, 0);
    const train = empiricalSet(Float64Array.from({ length: 40 * 4 }, () => rng.nextNormal()), 40, 4);
    const test = Float64Array.from({ length: 5 * 4 }, () => rng.nextNormal());
    const [row] = heldOutCurve(train, test, { laws: ['gaussian'], sigma0s: [0.7], seed: 2 });
    // The evaluation noise of test point t is the unit-variance draw at (seed, t, 0, stream 32).
    let mean = 0;
    for (let t = 0; t < 5; t++) {
      const u = fillNoise('gaussian', 1, new Float64Array(4), { seed: 2, sample: t, step: 0, stream: 32 });
      mean += warmStartNll(train, Float64Array.from({ length: 4 }, (_, k) => test[4 * t + k]! + 0.7 * u[k]!), 'gaussian', 0.7) / 5;
    }
    expectClose(row!.meanNats, mean, { relTol: 1e-12 });
    expect(Number.isFinite(row!.meanNatsSe)).toBe(true);
  });
});
