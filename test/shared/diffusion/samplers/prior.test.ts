import { describe, expect, it } from 'vitest';
import { SampleNoise } from '../../../../src-shared/diffusion/noise';
import { priorSample } from '../../../../src-shared/diffusion/samplers/prior';
import { alphaBarFromSigma } from '../../../../src-shared/diffusion/schedules/conversions';
import { buildSchedule } from '../../../../src-shared/diffusion/schedules/spec';
import { NOISE_STREAM } from '../../../../src-shared/diffusion/types';
import { expectClose } from '../../../support/close';

describe('priorSample(schedule, noise, length)', () => {
  it('VE: x̃_T = σ_0·z with z the prior draw (step 0, NOISE_STREAM.prior)', () => {
    const schedule = buildSchedule({ kind: 'edm', sigmaMin: 0.002, sigmaMax: 80, rho: 7, steps: 10 });
    const noise = new SampleNoise(5, 2);
    const z = Array.from(noise.normal(0, NOISE_STREAM.prior, 257));
    expectClose(priorSample(schedule, noise, 257), z.map((v) => schedule.sigmas[0]! * v), { relTol: Number.EPSILON });
  });

  it('VP: x_T = √ᾱ_T·x̃_T equals z to 4 ulps, i.e. x_T ~ N(0, I) in VP space (linear-β and VP log-SNR)', () => {
    for (const schedule of [
      buildSchedule({ kind: 'linear-beta', T: 1000, betaStart: 1e-4, betaEnd: 0.02, steps: 50 }),
      buildSchedule({ kind: 'log-snr', sigmaMin: 0.01, sigmaMax: 50, steps: 10, variancePreserving: true }),
    ]) {
      const noise = new SampleNoise(5, 3);
      const z = noise.normal(0, NOISE_STREAM.prior, 64);
      const x = priorSample(schedule, noise, 64);
      const sqrtAlphaBar = Math.sqrt(alphaBarFromSigma(schedule.sigmas[0]!));
      expectClose(x.map((v) => v * sqrtAlphaBar), z, { relTol: 4 * Number.EPSILON });
    }
  });

  it('returns a fresh array: mutating it leaves the shared noise and later draws unchanged', () => {
    const schedule = buildSchedule({ kind: 'edm', sigmaMin: 0.002, sigmaMax: 80, rho: 7, steps: 10 });
    const noise = new SampleNoise(1, 0);
    const first = priorSample(schedule, noise, 16);
    const copy = Array.from(first);
    first.fill(0);
    expect(Array.from(priorSample(schedule, noise, 16))).toEqual(copy);
  });

  it('rejects a non-positive length', () => {
    const schedule = buildSchedule({ kind: 'edm', sigmaMin: 0.002, sigmaMax: 80, rho: 7, steps: 10 });
    expect(() => priorSample(schedule, new SampleNoise(1, 0), 0)).toThrow(/length: expected an integer ≥ 1, got 0/);
  });
});
