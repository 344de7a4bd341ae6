/**
 * InfoDiff Lab's science core as a library (documented in docs/api.md). Environment-free: runs in
 * Node, a browser or a worker. Arrays in (any ArrayLike<number>), Float64Array out; information
 * quantities in nats.
 */

// Coarse-grained KL (coarse-kl.md §1–4): masses, tolerance bands, the exact scaling-and-clipping
// solver, the V_δ projection and the potentials Φ, V, V_δ.
export { blockMasses, massErrors, measureImage } from './coarse/masses';
export { toleranceBand, checkBounds, isInBand } from './coarse/tolerance';
export { scaleClip, scaleClipWithScale } from './coarse/scaleClip';
export { scaleClipBisect } from './coarse/scaleClipBisect';
export { projectImage, projectDistribution } from './coarse/projection';
export { potentials } from './coarse/potentials';
export { gridLabels, gridPartition, makePartition, type Partition } from './coarse/partition';
export { klNats } from './math/kl';

// Diffusion: schedules, denoisers, samplers (types.ts holds the contracts).
export * from './diffusion/types';
export { buildSchedule, type ScheduleSpec } from './diffusion/schedules';
export { createEmpiricalDenoiser, createGmmDenoiser, createToyOracle } from './diffusion/denoisers';
export { samplerStep, priorSample, sampleTrajectory } from './diffusion/samplers';
export { SampleNoise } from './diffusion/noise';

// Randomness and statistics.
export { CounterRng, fillStandardNormal, fillUniform, philox4x32 } from './math/rng';
export { mean, sampleStd, summarize, pairedDifference, type Summary } from './math/stats';

// Experiments: config, presets, the per-seed runner, aggregation, CSV.
export { parseConfig, safeParseConfig, type ExperimentConfig, type ExperimentConfigInput } from './experiment/config';
export { PRESETS, PRESET_NAMES, presetConfig } from './experiment/presets';
export { resolvePlan, type RunPlan } from './experiment/plan';
export { runSeed, type SeedResult } from './experiment/runSeed';
export { summarizeFinals, meanTrace } from './experiment/aggregate';
export { stepsCsv, finalsCsv } from './experiment/csv';
export * from './experiment/records';
export * from './errors';
