import { describe, expect, it } from 'vitest';
import { buildSchedule, type ScheduleSpec } from '../../../../src-shared/diffusion/schedules/spec';
import { InvalidArgumentError } from '../../../../src-shared/errors';
import { expectClose } from '../../../support/close';

const specs: ScheduleSpec[] = [
  { kind: 'linear-beta', T: 1000, betaStart: 1e-4, betaEnd: 0.02, steps: 1000 },
  { kind: 'linear-beta', T: 1000, betaStart: 1e-4, betaEnd: 0.02, steps: 50 },
  { kind: 'cosine', T: 1000, s: 0.008, steps: 1000 },
  { kind: 'cosine', T: 1000, s: 0.008, maxBeta: 0.999, steps: 20 },
  { kind: 'edm', sigmaMin: 0.002, sigmaMax: 80, rho: 7, steps: 18 },
  { kind: 'log-snr', sigmaMin: 0.002, sigmaMax: 80, steps: 30 },
  { kind: 'log-snr', sigmaMin: 0.002, sigmaMax: 80, steps: 30, variancePreserving: true },
  { kind: 'custom', sigmas: [14.6, 3.1, 0.7, 0.03, 0], variancePreserving: false },
];

describe('buildSchedule(spec)', () => {
  it.each(specs.map((s) => [`${s.kind}${'steps' in s ? `, ${s.steps} steps` : ''}`, s] as const))(
    'gives N + 1 finite, strictly decreasing levels ending in exactly 0 (%s)',
    (_, spec) => {
      const { sigmas } = buildSchedule(spec);
      const n = spec.kind === 'custom' ? spec.sigmas.length - 1 : spec.steps;
      expect(sigmas.length).toBe(n + 1);
      expect(sigmas[n]).toBe(0);
      expect(Array.from(sigmas).every(Number.isFinite)).toBe(true);
      for (let i = 1; i <= n; i++) expect(sigmas[i]!).toBeLessThan(sigmas[i - 1]!);
    },
  );

  it('marks linear-beta and cosine VP, edm VE, log-snr VE unless asked, custom as given', () => {
    expect(specs.map((s) => buildSchedule(s).variancePreserving)).toEqual([true, true, true, true, false, false, true, false]);
  });

  it('starts linear-beta T = 1000 at σ_0 = √(1/ᾱ_T − 1) ≈ 157.4 (ᾱ_T the direct product) and visits every t for steps = T', () => {
    let alphaBar = 1;
    const alphaBars = [1];
    for (let t = 1; t <= 1000; t++) {
      alphaBar *= 1 - (1e-4 + ((t - 1) * (0.02 - 1e-4)) / 999);
      alphaBars.push(alphaBar);
    }
    const { sigmas } = buildSchedule(specs[0]!);
    expectClose(sigmas[0]!, Math.sqrt(1 / alphaBars[1000]! - 1), { relTol: 1e-12 });
    expectClose(sigmas[0]!, 157.4, { relTol: 1e-3 });
    // σ_i = σ(t = T − i); 1 − ᾱ cancels in the reference near t = 1: tolerance ε/(1 − ᾱ_t).
    for (let i = 0; i < 1000; i++) {
      const a = alphaBars[1000 - i]!;
      expectClose(sigmas[i]!, Math.sqrt((1 - a) / a), { relTol: 1e-12 + (4 * Number.EPSILON) / (1 - a) });
    }
  });

  it('passes a custom list through bit for bit and reports bad fields as InvalidArgumentError', () => {
    expect(Array.from(buildSchedule(specs[7]!).sigmas)).toEqual([14.6, 3.1, 0.7, 0.03, 0]);
    expect(() => buildSchedule({ kind: 'custom', sigmas: [3, 1], variancePreserving: true })).toThrow(InvalidArgumentError);
    expect(() => buildSchedule({ kind: 'linear-beta', T: 1000, betaStart: 1e-4, betaEnd: 0.02, steps: 2000 })).toThrow(/steps: expected an integer in \[1, T = 1000\]/);
    expect(() => buildSchedule({ kind: 'edm', sigmaMin: 0.002, sigmaMax: 80, rho: 7, steps: 0 })).toThrow(/steps/);
  });
});
