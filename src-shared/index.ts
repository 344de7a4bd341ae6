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
export { createPotentialsMeter, type PotentialsMeter } from './coarse/potentialsMeter';
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

// Schedules (schedules-las.md): grids of every named schedule, the loss-adaptive schedule (LAS) by the
// exact dynamic programme, the discretisation KL, MMSE curves with closed forms.
export { gridForSchedule, customAtK } from './schedules/scheduleGrids';
export { logSpacedCandidates, lasDynamicProgramme, lossRiemannSum } from './schedules/lasDp';
export { isotonicNonIncreasing } from './schedules/isotonic';
export { prepareLossCurve } from './schedules/lossCurve';
export { parseLossCsv } from './schedules/lossCsv';
export { discretisationKlPerStep, discretisationKlFromInformation } from './schedules/discretisationKl';
export { gaussianMmseCurve, binaryMmseCurve } from './schedules/mmseCurve';

// Information dynamics and likelihood (info-dynamics-likelihood.md): bandwidth, entropy, bifurcations,
// I-MMSE likelihoods with warm start.
export { bandwidthFromMmse, rateInTime } from './info/bandwidth';
export { entropyFromBandwidth, bitsPerDim } from './info/entropy';
export { trackModes, followBranch, spectralSpeciation } from './info/bifurcation';
export { discreteNll } from './info/likelihood';
export { warmStartNll, heldOutCurve } from './info/warmStart';
export { empiricalSet } from './info/dataset';
export { parseDynamicsConfig, parseLikelihoodConfig } from './info/config';
export * from './errors';
