import { blockMasses } from '../coarse/masses';
import { gridLabels, makePartition, type Partition } from '../coarse/partition';
import { createEmpiricalDenoiser } from '../diffusion/denoisers/empirical';
import { createGmmDenoiser } from '../diffusion/denoisers/gmm';
import { createToyOracle } from '../diffusion/denoisers/toyOracle';
import { samplerStep } from '../diffusion/samplers';
import { buildSchedule } from '../diffusion/schedules';
import type { Cancellation, Denoiser, SamplerStep, Schedule } from '../diffusion/types';
import { InvalidArgumentError } from '../errors';
import { buildLasSchedule } from '../schedules/lasSchedule';
import { empiricalSource, gmmSource, type PosteriorSource } from '../schedules/mmseMonteCarlo';
import type { ExperimentConfig } from './config';
import { datasetImage, type RunInputs } from './inputs';
import { toyBlockImage } from './toyData';
import { variantsOf, type VariantSpec } from './variants';

/** What one sample of one seed needs: its reference image (if any), its target masses and its denoiser. */
export interface SampleSetup {
  readonly reference: Float64Array | null;
  readonly targets: Float64Array;
  readonly denoiser: Denoiser;
}

/** A config resolved into the objects a run uses; built once per run (and once per worker). */
export interface RunPlan {
  readonly config: ExperimentConfig;
  readonly height: number;
  readonly width: number;
  readonly partition: Partition;
  readonly schedule: Schedule;
  readonly step: SamplerStep;
  readonly variants: readonly VariantSpec[];
  readonly seeds: readonly number[];
  /** Peak value for PSNR (data in [0, 1]). */
  readonly peak: number;
  /** Whether metrics are recorded after step i (every recordEvery steps and at the last step). */
  isRecorded(i: number): boolean;
  /** Steps after which sample frames are kept (evenly spaced, the last included). */
  readonly frameSteps: readonly number[];
  sampleSetup(seed: number, j: number): SampleSetup;
}

function shapeOf(config: ExperimentConfig, inputs: RunInputs): { height: number; width: number } {
  const data = config.data;
  if (data.kind === 'digits') {
    if (!inputs.digits) throw new InvalidArgumentError('inputs.digits', 'the digits dataset was not loaded');
    return { height: inputs.digits.height, width: inputs.digits.width };
  }
  return { height: data.height, width: data.width };
}

function partitionOf(config: ExperimentConfig, height: number, width: number): Partition {
  const spec = config.partition;
  if (spec.kind === 'grid') return makePartition(height, width, gridLabels(height, width, spec.rows, spec.cols));
  return makePartition(height, width, Int32Array.from(spec.labels));
}

function evenlySpaced(count: number, steps: number): number[] {
  if (count <= 0) return [];
  const picks = new Set<number>();
  for (let f = 1; f <= count; f++) picks.add(Math.round((f * steps) / count) - 1);
  return [...picks].filter((i) => i >= 0).sort((a, b) => a - b);
}

/**
 * The user's images split for the empirical denoiser: image `heldOutIndex` is the reference, the
 * others (in order) are the training set, row-major `count × (height·width)`.
 *
 * @example
 * imagesTrainingSet([[0], [1], [0.5]], 1) // → { reference: [1], train: [0, 0.5], count: 2 }
 */
export function imagesTrainingSet(images: readonly (readonly number[])[], heldOutIndex: number): { reference: Float64Array; train: Float64Array; count: number } {
  const reference = Float64Array.from(images[heldOutIndex] ?? []);
  const kept = images.filter((_, i) => i !== heldOutIndex);
  const size = reference.length;
  const train = new Float64Array(kept.length * size);
  kept.forEach((image, j) => train.set(image, j * size));
  return { reference, train, count: kept.length };
}

/** Target masses: the reference's own masses, or the typed proportions normalised to sum 1. */
function targetsFor(config: ExperimentConfig, partition: Partition, reference: Float64Array | null): Float64Array {
  if (config.targets.kind === 'proportions') {
    const values = config.targets.values;
    if (values.length !== partition.K) throw new InvalidArgumentError('targets.values', `expected ${partition.K} proportions (one per block), got ${values.length}`);
    const total = values.reduce((a, b) => a + b, 0);
    return Float64Array.from(values, (v) => v / total);
  }
  if (!reference) throw new InvalidArgumentError('targets', `${config.data.kind} data has no reference image: give the targets as proportions`);
  let z = 0;
  const p = new Float64Array(reference.length);
  for (let x = 0; x < p.length; x++) z += (p[x] = Math.max(reference[x]!, 0));
  for (let x = 0; x < p.length; x++) p[x]! /= z;
  return blockMasses(p, partition.labels, partition.K);
}

/** The run's data with its exact posterior (for a las schedule's MMSE source): gmm, or the empirical training set. */
function posteriorOf(config: ExperimentConfig, inputs: RunInputs): PosteriorSource {
  const data = config.data;
  if (data.kind === 'gmm') return gmmSource(data.components);
  if (data.kind === 'images') {
    const { train, count } = imagesTrainingSet(data.images, data.heldOutIndex);
    return empiricalSource(train, count, data.height * data.width);
  }
  if (data.kind === 'digits') {
    const digits = inputs.digits;
    if (!digits) throw new InvalidArgumentError('inputs.digits', 'the digits dataset was not loaded');
    const size = digits.height * digits.width;
    return empiricalSource(digits.pixels.subarray(0, data.trainCount * size), data.trainCount, size);
  }
  throw new InvalidArgumentError('schedule.source.kind', `the mmse source needs data with an exact denoiser (gmm, digits, images), got ${data.kind}`);
}

/**
 * Builds the schedule a run of `config` uses: buildSchedule, except a `las` schedule without resolved
 * sigmas on the `mmse` source, whose loss is the Monte Carlo MMSE curve of the run's own data under
 * its exact denoiser (gmm: the mixture; digits: the first trainCount digits; images: all but the
 * held-out one), as `infodiff schedules las --target` computes it (schedules-las.md §4, §6.1).
 *
 * @example
 * scheduleOf(gmmConfigWithLas).sigmas // → the LAS levels σ_max … σ_min, then 0
 */
export function scheduleOf(config: ExperimentConfig, inputs: RunInputs = {}, cancellation?: Cancellation): Schedule {
  const spec = config.schedule;
  if (spec.kind !== 'las' || spec.sigmas !== undefined || spec.source.kind !== 'mmse') return buildSchedule(spec);
  return buildLasSchedule(spec, { posterior: posteriorOf(config, inputs), ...(cancellation ? { cancellation } : {}) });
}

/**
 * Returns the config as a run stores it: a `las` schedule gets its resolved `sigmas` (steps + 1
 * levels, last 0), so the stored config re-runs with exactly these levels and workers need not
 * recompute them; any other config is returned as is. Resolve once, before hashing and storing.
 *
 * @example
 * resolveSchedule(lasConfig).schedule.sigmas // → [σ_max, …, σ_min, 0]
 */
export function resolveSchedule(config: ExperimentConfig, inputs: RunInputs = {}, cancellation?: Cancellation): ExperimentConfig {
  if (config.schedule.kind !== 'las' || config.schedule.sigmas !== undefined) return config;
  const { sigmas } = scheduleOf(config, inputs, cancellation);
  return { ...config, schedule: { ...config.schedule, sigmas: Array.from(sigmas) } };
}

/** Resolves a validated config (and the host's inputs) into a RunPlan; throws for an inconsistent config. */
export function resolvePlan(config: ExperimentConfig, inputs: RunInputs = {}): RunPlan {
  const { height, width } = shapeOf(config, inputs);
  const partition = partitionOf(config, height, width);
  const schedule = scheduleOf(config, inputs);
  const steps = schedule.sigmas.length - 1;
  const data = config.data;
  const seeds = Array.from({ length: config.seeds.count }, (_, k) => config.seeds.start + k);

  let shared: { reference: Float64Array | null; denoiser: Denoiser } | undefined;
  if (data.kind === 'digits') {
    const digits = inputs.digits!;
    const train = digits.pixels.subarray(0, data.trainCount * height * width);
    shared = { reference: datasetImage(digits, data.heldOutIndex), denoiser: createEmpiricalDenoiser(train, data.trainCount, height * width) };
  } else if (data.kind === 'images') {
    const { reference, train, count } = imagesTrainingSet(data.images, data.heldOutIndex);
    shared = { reference, denoiser: createEmpiricalDenoiser(train, count, height * width) };
  } else if (data.kind === 'gmm') {
    shared = { reference: null, denoiser: createGmmDenoiser(data.components) };
  }
  const sharedTargets = shared ? targetsFor(config, partition, shared.reference) : undefined;

  return {
    config,
    height,
    width,
    partition,
    schedule,
    step: samplerStep(config.sampler),
    variants: variantsOf(config),
    seeds,
    peak: 1,
    isRecorded: (i) => (i + 1) % config.recordEvery === 0 || i === steps - 1,
    frameSteps: evenlySpaced(config.frames.count, steps),
    sampleSetup(seed, j) {
      if (shared) return { reference: shared.reference, targets: sharedTargets!, denoiser: shared.denoiser };
      if (data.kind !== 'toy-blocks') throw new InvalidArgumentError('data.kind', `unsupported data kind ${data.kind}`);
      const reference = toyBlockImage(partition, data.valueMin, data.valueMax, data.dataSeed + seed * config.batch + j);
      if (config.denoiser.kind !== 'toy-oracle') throw new InvalidArgumentError('denoiser.kind', `toy-blocks data use the toy oracle, got ${config.denoiser.kind}`);
      const denoiser = createToyOracle({ reference, height, width, blurSigma: config.denoiser.blurSigma, noiseStd: config.denoiser.noiseStd });
      return { reference, targets: targetsFor(config, partition, reference), denoiser };
    },
  };
}
