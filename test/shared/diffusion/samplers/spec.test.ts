import { describe, expect, it } from 'vitest';
import { SampleNoise } from '../../../../src-shared/diffusion/noise';
import { ddpmStep } from '../../../../src-shared/diffusion/samplers/ddpm';
import { priorSample } from '../../../../src-shared/diffusion/samplers/prior';
import { denoiserEvaluations, samplerStep, type SamplerSpec } from '../../../../src-shared/diffusion/samplers/spec';
import { makeStepEnv } from '../../../../src-shared/diffusion/samplers/stepEnv';
import { buildSchedule, type ScheduleSpec } from '../../../../src-shared/diffusion/schedules/spec';
import { expectClose } from '../../../support/close';
import { gaussianDenoiser, meanSquare, predictedVariance, type LinearStepLaw } from './gaussianTarget';

const s = 0.5;

/**
 * Each sampler with D = k·x is linear, x' = a·x + b·z; these are its (a, b²), written from the
 * formulas of the brief, independently of the step code.
 */
function lawOf(spec: SamplerSpec): LinearStepLaw {
  switch (spec.name) {
    case 'ddpm':
      return lawOf({ name: 'ddim', eta: 1 });
    case 'ddim':
      return (sigma, sigmaNext, k) => {
        const sigmaUp = Math.min(sigmaNext, (spec.eta * sigmaNext * Math.sqrt(sigma * sigma - sigmaNext * sigmaNext)) / sigma);
        const sigmaDown = Math.sqrt(sigmaNext * sigmaNext - sigmaUp * sigmaUp);
        return { a: k + (sigmaDown / sigma) * (1 - k), b2: sigmaUp * sigmaUp };
      };
    case 'euler-maruyama':
      return (sigma, sigmaNext, k) => (sigmaNext === 0 ? { a: k, b2: 0 } : { a: 1 + (2 * (sigma - sigmaNext) * (k - 1)) / sigma, b2: 2 * sigma * (sigma - sigmaNext) });
    case 'pf-euler':
      return (sigma, sigmaNext, k) => ({ a: 1 + ((sigmaNext - sigma) * (1 - k)) / sigma, b2: 0 });
    case 'pf-heun':
      return (sigma, sigmaNext, k) => {
        const dt = sigmaNext - sigma;
        const euler = 1 + (dt * (1 - k)) / sigma;
        if (sigmaNext === 0) return { a: euler, b2: 0 };
        const kNext = (s * s) / (s * s + sigmaNext * sigmaNext);
        return { a: 1 + 0.5 * dt * ((1 - k) / sigma + ((1 - kNext) / sigmaNext) * euler), b2: 0 };
      };
  }
}

interface Lane {
  readonly label: string;
  readonly sampler: SamplerSpec;
  readonly schedule: ScheduleSpec;
}

/** Advances every lane in lockstep on one (seed, sample) noise path, as the experiment runner does. */
function runLockstep(lanes: readonly Lane[], n: number, seed: number) {
  const noise = new SampleNoise(seed, 0);
  const states = lanes.map((lane) => {
    const schedule = buildSchedule(lane.schedule);
    const env = makeStepEnv({ sigmas: schedule.sigmas, denoiser: gaussianDenoiser(s), noise, length: n });
    const sigma0 = schedule.sigmas[0]!;
    const predicted = predictedVariance(schedule.sigmas, schedule.variancePreserving ? 1 + sigma0 ** 2 : sigma0 ** 2, s, lawOf(lane.sampler));
    return { lane, env, step: samplerStep(lane.sampler), x: priorSample(schedule, noise, n), steps: schedule.sigmas.length - 1, predicted };
  });
  const steps = Math.max(...states.map((st) => st.steps));
  for (let i = 0; i < steps; i++) {
    for (const st of states) if (i < st.steps) st.x = st.step(st.x, i, st.env).x;
  }
  return states;
}

const edm = (steps: number): ScheduleSpec => ({ kind: 'edm', sigmaMin: 0.002, sigmaMax: 80, rho: 7, steps });

describe('samplerStep(spec) on N(0, s²) data with the exact denoiser (s = 0.5, one long vector of iid coordinates)', () => {
  it('ddpm, ddim(η = 1) and euler-maruyama end with variance s² within 5 standard errors + the discretisation bias (N = 1000, n = 20,000)', () => {
    const n = 20_000;
    const lanes: Lane[] = [
      { label: 'ddpm, EDM', sampler: { name: 'ddpm' }, schedule: edm(1000) },
      { label: 'ddim η=1, EDM', sampler: { name: 'ddim', eta: 1 }, schedule: edm(1000) },
      { label: 'euler-maruyama, EDM', sampler: { name: 'euler-maruyama' }, schedule: edm(1000) },
      { label: 'ddpm, linear-β T = 1000', sampler: { name: 'ddpm' }, schedule: { kind: 'linear-beta', T: 1000, betaStart: 1e-4, betaEnd: 0.02, steps: 1000 } },
    ];
    const states = runLockstep(lanes, n, 11);
    for (const st of states) {
      // Discretisation: the exact law of the sampler is within 2 % of s² at N = 1000 (first-order bias:
      // ≈ −1.2 % for ddpm on EDM, −1.5 % on linear-β, +0.5 % for Euler–Maruyama).
      const bias = Math.abs(st.predicted - s * s);
      expect(bias, st.lane.label).toBeLessThan(0.02 * s * s);
      // Sampling: the standard error of Σx²/n is v·√(2/n) ≈ 1 % here.
      const variance = meanSquare(st.x);
      expect(Math.abs(variance - s * s), `${st.lane.label}: variance ${variance}`).toBeLessThan(5 * st.predicted * Math.sqrt(2 / n) + bias);
      expect(Math.abs(st.x.reduce((a, b) => a + b, 0) / n), st.lane.label).toBeLessThan(5 * Math.sqrt(st.predicted / n));
    }
    // ddim(η = 1) is ddpm written through the ancestral split: the same path to rounding.
    const [ddpm, ddim] = [states[0]!.x, states[1]!.x];
    expectClose(ddim, ddpm, { absTol: 1e-12, relTol: 0 });
  });

  it('every sampler matches its exact linear law within 5 standard errors at coarse N = 100, where the laws differ from s²', () => {
    const n = 20_000;
    const samplers: SamplerSpec[] = [{ name: 'ddpm' }, { name: 'ddim', eta: 0.5 }, { name: 'ddim', eta: 0 }, { name: 'euler-maruyama' }, { name: 'pf-euler' }, { name: 'pf-heun' }];
    const states = runLockstep(samplers.map((sampler) => ({ label: JSON.stringify(sampler), sampler, schedule: edm(100) })), n, 12);
    for (const st of states) {
      const variance = meanSquare(st.x);
      expect(Math.abs(variance - st.predicted), `${st.lane.label}: variance ${variance}, law ${st.predicted}`).toBeLessThan(5 * st.predicted * Math.sqrt(2 / n));
    }
    // ddpm's law at N = 100 is ≈ 11 % below s²: far outside the sampling tolerance, so the law is what is tested.
    expect(s * s - states[0]!.predicted).toBeGreaterThan(2 * 5 * states[0]!.predicted * Math.sqrt(2 / n));
  });
});

describe('samplerStep(spec) and denoiserEvaluations(spec, steps)', () => {
  it('maps each name to its step and counts N evaluations, 2N − 1 for pf-heun', () => {
    expect(samplerStep({ name: 'ddpm' })).toBe(ddpmStep);
    expect(denoiserEvaluations({ name: 'ddpm' }, 18)).toBe(18);
    expect(denoiserEvaluations({ name: 'ddim', eta: 0 }, 18)).toBe(18);
    expect(denoiserEvaluations({ name: 'pf-heun' }, 18)).toBe(35);
  });

  it('rejects a negative or non-finite η', () => {
    expect(() => samplerStep({ name: 'ddim', eta: -0.1 })).toThrow(/eta: expected a finite number ≥ 0, got -0.1/);
    expect(() => samplerStep({ name: 'ddim', eta: Number.NaN })).toThrow(/eta: expected a finite number ≥ 0/);
  });
});
