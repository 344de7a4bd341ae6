import { InvalidArgumentError } from '../errors';
import { parseDynamicsConfig, parseLikelihoodConfig, type DynamicsConfig, type DynamicsConfigInput, type LikelihoodConfig, type LikelihoodConfigInput } from './config';

/**
 * Presets of the information instruments: the spec's analytic cases (§6) as runnable configs, and
 * the digits workloads.
 */
export const DYNAMICS_PRESETS = {
  /** ±1 in 1-D (tests T1, T2, CW): exact Gauss–Hermite curves, the pitchfork at ν = 1, trajectories. */
  'two-points': {
    name: 'two-points', preset: 'two-points',
    data: { kind: 'points', points: [[-1], [1]] },
    estimator: { kind: 'gauss-hermite', nodes: 160 },
    lambdas: { min: -6, max: 8, count: 701 },
    bifurcation: { enabled: true, nuMax: 4, nuMin: 0.25, count: 61, folds: 2 },
    trajectories: { enabled: true, count: 2000, sampler: { name: 'euler-maruyama' }, schedule: { kind: 'log-snr', sigmaMin: 0.05, sigmaMax: 20, steps: 200 }, seed: 0 },
  },
  /** Two classes {−2.2, −1.8} and {1.8, 2.2} (test C2): class-resolved bandwidth, two bumps of R. */
  'two-classes': {
    name: 'two-classes', preset: 'two-classes',
    data: { kind: 'points', points: [[-2.2], [-1.8], [1.8], [2.2]], labels: [0, 0, 1, 1] },
    estimator: { kind: 'gauss-hermite', nodes: 160 },
    lambdas: { min: -6, max: 9, count: 751 },
    bifurcation: { enabled: true, nuMax: 16, nuMin: 0.005, count: 121, folds: 4 },
  },
  /** Block images of 1/2/5 pixels, ±1 per block (test B1): one bump per block size. */
  'block-images': {
    name: 'block-images', preset: 'block-images',
    data: { kind: 'block-images', blockSizes: [1, 2, 5], values: [-1, 1] },
    estimator: { kind: 'monte-carlo', queries: 8192, seed: 0 },
    lambdas: { min: -6, max: 6, count: 241 },
  },
  /** 200 points on a segment in 2-D (test LID): the plateau R = k/2 = ½, then collapse. */
  segment: {
    name: 'segment', preset: 'segment',
    data: { kind: 'segment', count: 200, from: [-1, 0], to: [1, 0] },
    estimator: { kind: 'monte-carlo', queries: 4096, seed: 0 },
    lambdas: { min: -4, max: 16, count: 401 },
  },
  /** The 2-D ring of 8 Gaussians: continuous data (R → d/2), class entropy and R_Z. */
  'gmm-ring': {
    name: 'gmm-ring', preset: 'gmm-ring',
    data: { kind: 'gmm', components: Array.from({ length: 8 }, (_, j) => ({ weight: 1, mean: [2 + Math.cos((2 * Math.PI * j) / 8), 2 + Math.sin((2 * Math.PI * j) / 8)], std: 0.15 })) },
    estimator: { kind: 'monte-carlo', queries: 4096, seed: 0 },
    lambdas: { min: -8, max: 10, count: 361 },
  },
  /** 10,000 MNIST digits: 256 Monte Carlo queries, 200 λ (the benchmark workload), class-resolved; bifurcations on the first 500. */
  digits: {
    name: 'digits', preset: 'digits',
    data: { kind: 'digits', count: 10_000 },
    estimator: { kind: 'monte-carlo', queries: 256, seed: 0 },
    lambdas: { min: -13.2, max: 9.4, count: 200 },
    samplerSchedules: [{ kind: 'edm', sigmaMin: 0.002, sigmaMax: 80, rho: 7, steps: 100 }],
    peaks: { refine: true, tol: 1e-4, minRelativeHeight: 0.02 },
    bifurcation: { enabled: true, count: 24, folds: 4, subset: 500, maxIterations: 500 },
    trajectories: { enabled: true, count: 16, sampler: { name: 'euler-maruyama' }, schedule: { kind: 'log-snr', sigmaMin: 0.02, sigmaMax: 40, steps: 100 }, seed: 0 },
  },
} satisfies Record<string, DynamicsConfigInput>;

export const LIKELIHOOD_PRESETS = {
  /** The 2-D five-point data of tests W1–W4: warm start σ0 = 0.3, entropy, Theorem 2 for three models, slopes. */
  'points-2d': {
    name: 'points-2d', preset: 'points-2d',
    data: { kind: 'points', points: [[0, 0], [1, 0], [0, 2], [-1.5, -1], [2, 2.5]] },
    discrete: { enabled: true, rule: { kind: 'gauss-hermite', nodes: 40 }, lambdas: { min: -14, max: 16, count: 601 } },
    warmStart: { sigma0: 0.3, samples: 4000 },
    entropy: { sigma0: 0.3, estimator: { kind: 'gauss-hermite', nodes: 60 } },
    bound: { sigma0: 0.3, models: [{ kind: 'exact' }, { kind: 'kde', h: 0.5 }, { kind: 'kde-subset', h: 0.3, count: 3 }, { kind: 'wiener' }], points: 8 },
  },
  /** Points {0, 1, 3} in 1-D (tests D1, W3): exact discrete NLL = ln 3 each, the VP-form bound. */
  'three-points': {
    name: 'three-points', preset: 'three-points',
    data: { kind: 'points', points: [[0], [1], [3]] },
    warmStart: { sigma0: 0.3, samples: 4000 },
    entropy: { sigma0: 0.3, estimator: { kind: 'gauss-hermite', nodes: 80 } },
    bound: { sigma0: 0.3, models: [{ kind: 'exact' }], form: 'vp', tauT: Math.exp(12), lambdaMax: 18, count: 1201, rule: { kind: 'gauss-hermite', nodes: 120 }, points: 6 },
  },
  /** Digits: held-out NLL against σ0 for the four laws (U-curves), warm-started NLL, two exact discrete NLLs. */
  digits: {
    name: 'digits', preset: 'digits',
    data: { kind: 'digits', count: 2200 },
    discrete: { enabled: true, points: [0, 1], rule: { kind: 'monte-carlo', draws: 64, seed: 0 }, lambdas: { min: -14, max: 12, count: 261 } },
    warmStart: { sigma0: 0.1, samples: 200 },
    entropy: { enabled: false },
    bound: { enabled: false },
    heldOut: { enabled: true, sigma0: { min: 0.02, max: 1, count: 12 }, trainCount: 2000, testCount: 200, binWidth: 1 / 255 },
    slopes: { enabled: true },
  },
} satisfies Record<string, LikelihoodConfigInput>;

export type DynamicsPresetName = keyof typeof DYNAMICS_PRESETS;
export type LikelihoodPresetName = keyof typeof LIKELIHOOD_PRESETS;
export const DYNAMICS_PRESET_NAMES = Object.keys(DYNAMICS_PRESETS) as DynamicsPresetName[];
export const LIKELIHOOD_PRESET_NAMES = Object.keys(LIKELIHOOD_PRESETS) as LikelihoodPresetName[];

/**
 * The validated config of a dynamics preset. Throws InvalidArgumentError for an unknown name.
 *
 * @example
 * dynamicsPreset('two-points').estimator // → { kind: 'gauss-hermite', nodes: 160 }
 */
export function dynamicsPreset(name: string): DynamicsConfig {
  if (!Object.hasOwn(DYNAMICS_PRESETS, name)) throw new InvalidArgumentError('preset', `expected one of ${DYNAMICS_PRESET_NAMES.join(', ')}, got "${name}"`);
  return parseDynamicsConfig(DYNAMICS_PRESETS[name as DynamicsPresetName]);
}

/**
 * The validated config of a likelihood preset. Throws InvalidArgumentError for an unknown name.
 *
 * @example
 * likelihoodPreset('three-points').bound.form // → 'vp'
 */
export function likelihoodPreset(name: string): LikelihoodConfig {
  if (!Object.hasOwn(LIKELIHOOD_PRESETS, name)) throw new InvalidArgumentError('preset', `expected one of ${LIKELIHOOD_PRESET_NAMES.join(', ')}, got "${name}"`);
  return parseLikelihoodConfig(LIKELIHOOD_PRESETS[name as LikelihoodPresetName]);
}
