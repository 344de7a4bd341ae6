import { describe, expect, it } from 'vitest';
import { SampleNoise } from '../../../../src-shared/diffusion/noise';
import { makeStepEnv } from '../../../../src-shared/diffusion/samplers/stepEnv';
import { karrasSigmas } from '../../../../src-shared/diffusion/schedules/karras';
import { NOISE_STREAM, type DenoiseContext, type Denoiser } from '../../../../src-shared/diffusion/types';
import { BugIndicatingError } from '../../../../src-shared/errors';

const sigmas = karrasSigmas(5, 0.002, 80);

function recordingDenoiser(): { denoiser: Denoiser; contexts: DenoiseContext[] } {
  const contexts: DenoiseContext[] = [];
  const denoiser: Denoiser = {
    denoise(x, _sigma, ctx) {
      contexts.push(ctx);
      return x.map((v) => 0.5 * v);
    },
  };
  return { denoiser, contexts };
}

describe('makeStepEnv({ sigmas, denoiser, noise, length, projectDenoised })', () => {
  it('passes {step: i, evaluation: e, noise} to the denoiser and applies projectDenoised to its output', () => {
    const { denoiser, contexts } = recordingDenoiser();
    const noise = new SampleNoise(3, 0);
    const env = makeStepEnv({ sigmas, denoiser, noise, length: 2, projectDenoised: (d) => d.map((v) => v + 1) });
    expect(Array.from(env.denoise(Float64Array.of(2, 4), sigmas[3]!, 3, 1))).toEqual([2, 3]);
    expect(contexts).toEqual([{ step: 3, evaluation: 1, noise }]);
    expect(env.sigmas).toBe(sigmas);
  });

  it('draws z_i = noise.normal(i, NOISE_STREAM.sampler, length), the array shared with other lanes of the same noise', () => {
    const noise = new SampleNoise(3, 0);
    const a = makeStepEnv({ sigmas, denoiser: recordingDenoiser().denoiser, noise, length: 6 });
    const b = makeStepEnv({ sigmas, denoiser: recordingDenoiser().denoiser, noise, length: 6 });
    const z = a.noise(2);
    expect(Array.from(z)).toEqual(Array.from(new SampleNoise(3, 0).normal(2, NOISE_STREAM.sampler, 6)));
    expect(b.noise(2)).toBe(z);
  });

  it('without a length, takes it from the latest state denoised; before any, noise(i) is a bug', () => {
    const env = makeStepEnv({ sigmas, denoiser: recordingDenoiser().denoiser, noise: new SampleNoise(3, 0) });
    expect(() => env.noise(0)).toThrow(BugIndicatingError);
    env.denoise(new Float64Array(5), sigmas[0]!, 0, 0);
    expect(env.noise(0).length).toBe(5);
  });
});
