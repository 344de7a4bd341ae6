import { describe, expect, it } from 'vitest';
import { createToyOracle } from '../../../../src-shared/diffusion/denoisers/toyOracle';
import { SampleNoise } from '../../../../src-shared/diffusion/noise';
import { ddimStep } from '../../../../src-shared/diffusion/samplers/ddim';
import { ddpmStep } from '../../../../src-shared/diffusion/samplers/ddpm';
import { eulerMaruyamaStep } from '../../../../src-shared/diffusion/samplers/eulerMaruyama';
import { pfEulerStep } from '../../../../src-shared/diffusion/samplers/pfEuler';
import { pfHeunStep } from '../../../../src-shared/diffusion/samplers/pfHeun';
import { priorSample } from '../../../../src-shared/diffusion/samplers/prior';
import { sampleTrajectory, type TrajectoryStepInfo } from '../../../../src-shared/diffusion/samplers/trajectory';
import { buildSchedule, type ScheduleSpec } from '../../../../src-shared/diffusion/schedules/spec';
import type { SamplerStep } from '../../../../src-shared/diffusion/types';
import { CancelledError } from '../../../../src-shared/errors';
import { CounterRng } from '../../../../src-shared/math/rng';
import { expectClose } from '../../../support/close';
import { gaussianDenoiser } from './gaussianTarget';

const height = 8;
const width = 8;
const rng = new CounterRng(1000, 0);
const reference = Float64Array.from({ length: height * width }, () => 0.1 + 0.8 * rng.nextUniform());
const linearBeta = (steps: number): ScheduleSpec => ({ kind: 'linear-beta', T: 1000, betaStart: 1e-4, betaEnd: 0.02, steps });

/** The toy pipeline of spec coarse-kl.md §5 for one (seed, sample). */
function toyRun(step: SamplerStep, spec: ScheduleSpec, seed: number, sample: number, options: { blurSigma?: number; noiseStd?: number } = {}): Float64Array {
  const schedule = buildSchedule(spec);
  const noise = new SampleNoise(seed, sample);
  const denoiser = createToyOracle({ reference, height, width, ...options });
  return sampleTrajectory(step, priorSample(schedule, noise, height * width), { sigmas: schedule.sigmas, denoiser, noise });
}

describe('sampleTrajectory(step, xT, { sigmas, denoiser, noise }, hooks)', () => {
  it('gives identical trajectories, bit for bit, for the same (seed, sample), and different ones for another sample or seed', () => {
    for (const step of [ddpmStep, eulerMaruyamaStep, pfHeunStep]) {
      const a = toyRun(step, linearBeta(100), 4, 2);
      expect(Array.from(toyRun(step, linearBeta(100), 4, 2))).toEqual(Array.from(a));
      expect(Array.from(toyRun(step, linearBeta(100), 4, 3))).not.toEqual(Array.from(a));
      expect(Array.from(toyRun(step, linearBeta(100), 5, 2))).not.toEqual(Array.from(a));
    }
  });

  it('reproduces x₀ exactly with a perfect oracle (σ_b = σ_err = 0) for ddpm, ddim(0), ddim(0.5), euler-maruyama; pf-euler/heun to 1e-14', () => {
    const perfect = { blurSigma: 0, noiseStd: 0 };
    const edm: ScheduleSpec = { kind: 'edm', sigmaMin: 0.002, sigmaMax: 80, rho: 7, steps: 40 };
    for (const spec of [linearBeta(1000), edm]) {
      for (const step of [ddpmStep, ddimStep(0), ddimStep(0.5), eulerMaruyamaStep]) {
        expect(Array.from(toyRun(step, spec, 0, 0, perfect))).toEqual(Array.from(reference));
      }
      // x + (0 − σ)(x − x̂₀)/σ = x̂₀ up to rounding of O(|x|) terms.
      for (const step of [pfEulerStep, pfHeunStep]) expectClose(toyRun(step, spec, 0, 0, perfect), reference, { absTol: 1e-14 });
    }
  });

  it('applies projectState after every step but the last unless projectFinal (default true), and reports the projected state', () => {
    const schedule = buildSchedule({ kind: 'edm', sigmaMin: 0.002, sigmaMax: 80, rho: 7, steps: 5 });
    const problem = { sigmas: schedule.sigmas, denoiser: gaussianDenoiser(0.5), noise: new SampleNoise(0, 0) };
    const xT = priorSample(schedule, problem.noise, 4);
    for (const projectFinal of [undefined, true, false]) {
      let calls = 0;
      const infos: TrajectoryStepInfo[] = [];
      const projected: Float64Array[] = [];
      const final = sampleTrajectory(ddpmStep, xT, problem, {
        projectState: (x) => {
          calls++;
          const shifted = x.map((v) => v + 1);
          projected.push(shifted);
          return shifted;
        },
        onStep: (info) => infos.push(info),
        ...(projectFinal === undefined ? {} : { projectFinal }),
      });
      expect(calls).toBe(projectFinal === false ? 4 : 5);
      expect(infos.map((info) => [info.i, info.sigma, info.sigmaNext])).toEqual([0, 1, 2, 3, 4].map((i) => [i, schedule.sigmas[i], schedule.sigmas[i + 1]]));
      infos.slice(0, calls).forEach((info, i) => expect(info.x).toBe(projected[i]));
      expect(infos[4]!.x).toBe(final);
    }
  });

  it('passes every denoiser output through projectDenoised, both Heun evaluations included (2N − 1 calls)', () => {
    const schedule = buildSchedule({ kind: 'edm', sigmaMin: 0.002, sigmaMax: 80, rho: 7, steps: 6 });
    const noise = new SampleNoise(0, 0);
    let calls = 0;
    const infos: TrajectoryStepInfo[] = [];
    sampleTrajectory(pfHeunStep, priorSample(schedule, noise, 3), { sigmas: schedule.sigmas, denoiser: gaussianDenoiser(0.5), noise }, {
      projectDenoised: (d) => {
        calls++;
        return d.map(() => 0.25);
      },
      onStep: (info) => infos.push(info),
    });
    expect(calls).toBe(11);
    for (const info of infos) expect(Array.from(info.denoised)).toEqual([0.25, 0.25, 0.25]);
  });

  it('throws CancelledError before the next step once cancellation.aborted is set, and leaves xT untouched', () => {
    const schedule = buildSchedule(linearBeta(50));
    const noise = new SampleNoise(0, 0);
    const xT = priorSample(schedule, noise, height * width);
    const before = Array.from(xT);
    const cancellation = { aborted: false };
    const steps: number[] = [];
    const denoiser = createToyOracle({ reference, height, width });
    const run = () => sampleTrajectory(ddpmStep, xT, { sigmas: schedule.sigmas, denoiser, noise }, {
      cancellation,
      onStep: ({ i }) => {
        steps.push(i);
        cancellation.aborted = i === 6;
      },
    });
    expect(run).toThrow(CancelledError);
    expect(steps).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(xT)).toEqual(before);
  });
});
