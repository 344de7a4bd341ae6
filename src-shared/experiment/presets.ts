import { InvalidArgumentError } from '../errors';
import { parseConfig, type ExperimentConfig, type ExperimentConfigInput } from './config';

/**
 * The paper's toy (coarse-kl.md §5, every [ASSUMED] value as the spec's default): 32 × 32 block-
 * constant images, a 4 × 4 grid (K = 16), DDPM linear-β with T = 1000, the leaky oracle (σ_b = 1 px,
 * σ_err = 0.05), δ ∈ {0.01, 0.005, 0.002} absolute plus the unprojected baseline, 64 seeds,
 * metrics every 10 steps.
 */
const paperToy: ExperimentConfigInput = {
  name: 'paper-toy',
  preset: 'paper-toy',
  data: { kind: 'toy-blocks', height: 32, width: 32, valueMin: 0.1, valueMax: 0.9, dataSeed: 1000 },
  partition: { kind: 'grid', rows: 4, cols: 4 },
  targets: { kind: 'reference' },
  tolerance: { mode: 'absolute', deltas: [0.01, 0.005, 0.002] },
  massMode: 'clip',
  denoiser: { kind: 'toy-oracle', blurSigma: 1, noiseStd: 0.05 },
  sampler: { name: 'ddpm' },
  schedule: { kind: 'linear-beta', T: 1000, betaStart: 1e-4, betaEnd: 0.02, steps: 1000 },
  projection: { on: 'state', projectFinal: true },
  includeUnprojected: true,
  seeds: { start: 0, count: 64 },
  batch: 1,
  recordEvery: 10,
};

/**
 * Digits: the exact empirical posterior mean of 9,999 bundled MNIST digits; target masses from the
 * held-out digit on a 4 × 4 grid; EDM (ρ = 7) with 100 probability-flow Euler steps.
 */
const digits: ExperimentConfigInput = {
  name: 'digits',
  preset: 'digits',
  data: { kind: 'digits', trainCount: 9999, heldOutIndex: 9999 },
  partition: { kind: 'grid', rows: 4, cols: 4 },
  targets: { kind: 'reference' },
  tolerance: { mode: 'absolute', deltas: [0.01] },
  massMode: 'clip',
  denoiser: { kind: 'empirical' },
  sampler: { name: 'pf-euler' },
  schedule: { kind: 'edm', sigmaMin: 0.002, sigmaMax: 80, rho: 7, steps: 100 },
  projection: { on: 'state', projectFinal: true },
  includeUnprojected: true,
  seeds: { start: 0, count: 16 },
  batch: 1,
  recordEvery: 5,
};

/**
 * A 2-D Gaussian mixture (8 components on a ring in the positive quadrant, exact denoiser), read as
 * a 1 × 2 "image" with one block per coordinate: the band on the masses confines x/(x + y) to a
 * wedge around ½, which the projected sampler keeps while the plain one spreads over the ring.
 */
const ringMeans = Array.from({ length: 8 }, (_, j) => {
  const angle = (2 * Math.PI * j) / 8;
  return [2 + Math.cos(angle), 2 + Math.sin(angle)];
});
const gmm2d: ExperimentConfigInput = {
  name: 'gmm-2d',
  preset: 'gmm-2d',
  data: { kind: 'gmm', height: 1, width: 2, components: ringMeans.map((mean) => ({ weight: 1, mean, std: 0.15 })) },
  partition: { kind: 'grid', rows: 1, cols: 2 },
  targets: { kind: 'proportions', values: [0.5, 0.5] },
  tolerance: { mode: 'absolute', deltas: [0.05] },
  massMode: 'clip',
  denoiser: { kind: 'gmm' },
  sampler: { name: 'ddpm' },
  schedule: { kind: 'edm', sigmaMin: 0.002, sigmaMax: 80, rho: 7, steps: 200 },
  projection: { on: 'state', projectFinal: true },
  includeUnprojected: true,
  seeds: { start: 0, count: 256 },
  batch: 1,
  recordEvery: 5,
};

export const PRESETS = { 'paper-toy': paperToy, digits, 'gmm-2d': gmm2d } as const;
export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

/** The validated config of a preset, defaults filled in. Throws for an unknown name, listing the known ones. */
export function presetConfig(name: string): ExperimentConfig {
  if (!Object.hasOwn(PRESETS, name)) throw new InvalidArgumentError('preset', `expected one of ${PRESET_NAMES.join(', ')}, got "${name}"`);
  return parseConfig(PRESETS[name as PresetName]);
}
