import { z } from 'zod';
import { validateSigmas } from '../diffusion/schedules/custom';
import { buildSchedule } from '../diffusion/schedules/spec';
import { LabError } from '../errors';
import { LOSS_PARAMETERISATIONS } from '../schedules/lossCurve';
import { NOISE_LEVEL_KINDS, snrFromLevel } from '../schedules/lossCsv';

/**
 * The versioned experiment config: everything a run needs to be re-run exactly. Every [ASSUMED]
 * choice of the specs is a field here with the spec's default (coarse-kl.md §5, §8).
 */

const finite = () => z.number().refine(Number.isFinite, 'expected a finite number');
const positive = () => finite().refine((v) => v > 0, 'expected a number > 0');
const probability = () => finite().refine((v) => v >= 0 && v <= 1, 'expected a number in [0, 1]');
const int = (min: number, max: number) => z.number().int(`expected an integer`).min(min, `expected an integer ≥ ${min}`).max(max, `expected an integer ≤ ${max}`);

/** Block-constant toy images (coarse-kl.md §5): block values v_k ~ U[valueMin, valueMax], data seed dataSeed + sample. */
const ToyBlocksData = z.object({
  kind: z.literal('toy-blocks'),
  height: int(2, 512).default(32),
  width: int(2, 512).default(32),
  valueMin: probability().default(0.1),
  valueMax: probability().default(0.9),
  dataSeed: int(0, 2 ** 31).default(1000),
});

/** The bundled MNIST subset (10,000 digits of 28 × 28 in [0, 1]); one digit is held out as the reference. */
const DigitsData = z.object({
  kind: z.literal('digits'),
  trainCount: int(1, 9999).default(9999),
  heldOutIndex: int(0, 9999).default(9999),
});

const GmmComponent = z.object({ weight: positive(), mean: z.array(finite()).min(1), std: positive() });

/** An isotropic Gaussian mixture with an exact denoiser; the reference is its component-mean mixture draw. */
const GmmData = z.object({
  kind: z.literal('gmm'),
  components: z.array(GmmComponent).min(1),
  /** Shape of the state read as an image (height × width = dimension). */
  height: int(1, 512),
  width: int(1, 512),
});

/**
 * The user's own images: grayscale in [0, 1], row-major, already resized to height × width by the
 * client. Image heldOutIndex is the reference (target masses, PSNR) and is left out of the training
 * set of the empirical denoiser, as the held-out digit is for `digits`.
 */
const ImagesData = z.object({
  kind: z.literal('images'),
  height: int(1, 512),
  width: int(1, 512),
  images: z.array(z.array(probability())).min(2, 'expected at least 2 images (one is held out as the reference)').max(10_000, 'expected at most 10000 images'),
  heldOutIndex: int(0, 9999).default(0),
  /** Where the images came from (file names), for the history; not used by the run. */
  sources: z.array(z.string().max(500)).max(10_000).optional(),
});

export const DataSpec = z.discriminatedUnion('kind', [ToyBlocksData, DigitsData, GmmData, ImagesData]);

export const PartitionSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('grid'), rows: int(1, 512), cols: int(1, 512) }),
  z.object({ kind: z.literal('labels'), labels: z.array(z.number().int()).min(1), name: z.string().optional() }),
]);

export const TargetSpec = z.discriminatedUnion('kind', [
  /** m = block masses of each sample's own reference image (the oracle toy). */
  z.object({ kind: z.literal('reference') }),
  /** m typed as proportions; normalised, must be nonnegative with a positive sum. */
  z.object({ kind: z.literal('proportions'), values: z.array(finite().refine((v) => v >= 0, 'expected a proportion ≥ 0')).min(1) }),
]);

export const ToleranceSpec = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('absolute'), deltas: z.array(probability()).min(1) }),
  z.object({ mode: z.literal('relative'), deltas: z.array(probability()).min(1) }),
  z.object({ mode: z.literal('bounds'), lower: z.array(probability()).min(1), upper: z.array(probability()).min(1) }),
]);

export const DenoiserSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('toy-oracle'), blurSigma: finite().min(0).default(1), noiseStd: finite().min(0).default(0.05) }),
  z.object({ kind: z.literal('empirical') }),
  z.object({ kind: z.literal('gmm') }),
]);

export const SamplerSpec = z.discriminatedUnion('name', [
  z.object({ name: z.literal('ddpm') }),
  z.object({ name: z.literal('ddim'), eta: finite().min(0).max(1).default(0) }),
  z.object({ name: z.literal('euler-maruyama') }),
  z.object({ name: z.literal('pf-euler') }),
  z.object({ name: z.literal('pf-heun') }),
]);

/**
 * Where a `las` schedule's loss comes from (schedules-las.md §4.2): the exact MMSE curve of the run's
 * data (Monte Carlo with common random numbers over its exact denoiser, §6.1; gmm, digits, images), or
 * an inline training-log table [(level, loss)] as `infodiff schedules --loss-csv` imports it.
 */
export const LasSourceSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mmse'), draws: int(2, 1_000_000).default(256), levels: int(8, 2000).default(120), seed: int(0, 2 ** 31).default(0) }),
  z.object({
    kind: z.literal('loss'),
    table: z.array(z.tuple([finite(), finite().refine((v) => v >= 0, 'expected a loss ≥ 0')])).min(2, 'expected at least 2 rows (noise level, loss)'),
    level: z.enum(NOISE_LEVEL_KINDS).default('sigma'),
    parameterisation: z.enum(LOSS_PARAMETERISATIONS).default('x0'),
    sigmaData: positive().default(0.5),
  }),
]);

const ScheduleSpecUnion = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('linear-beta'), T: int(2, 100_000).default(1000), betaStart: positive().default(1e-4), betaEnd: positive().default(0.02), steps: int(1, 100_000) }),
  z.object({ kind: z.literal('cosine'), T: int(2, 100_000).default(1000), s: positive().default(0.008), steps: int(1, 100_000) }),
  z.object({ kind: z.literal('edm'), sigmaMin: positive().default(0.002), sigmaMax: positive().default(80), rho: positive().default(7), steps: int(2, 100_000) }),
  z.object({ kind: z.literal('log-snr'), sigmaMin: positive().default(0.002), sigmaMax: positive().default(80), steps: int(2, 100_000), variancePreserving: z.boolean().default(false) }),
  z.object({ kind: z.literal('custom'), sigmas: z.array(finite()).min(2), variancePreserving: z.boolean().default(false) }),
  z.object({
    kind: z.literal('las'),
    /** N levels σ_max … σ_min placed by LAS (K = N − 1 SNR steps), then 0: N sampler steps. */
    steps: int(2, 100_000),
    sigmaMin: positive().default(0.002),
    sigmaMax: positive().default(80),
    source: LasSourceSpec,
    /** LAS candidates N, log-spaced over the endpoints (spec §4.3). */
    candidates: int(16, 20_000).default(1500),
    /** Golden-section refinement off the candidates (spec §4.3). */
    refine: z.boolean().default(false),
    /** The grid is an OU (VP) grid: prior N(0, I) in VP space (scheduleFromSnrGrid). */
    variancePreserving: z.boolean().default(true),
    /** The resolved σ list (steps + 1 entries, last 0), filled in when the run starts and then used exactly. */
    sigmas: z.array(finite()).optional(),
  }),
]);
type ScheduleSpecOutput = z.output<typeof ScheduleSpecUnion>;
export const ScheduleSpecSchema = ScheduleSpecUnion.superRefine(scheduleSpecIssues);

/**
 * What building the schedule would refuse, found while validating, at the field to change: more steps
 * than trained timesteps (the trailing rule picks N of T), β ≥ 1, an empty σ range, then whatever the
 * builder itself refuses (a σ list that is not σ_0 > … > σ_{N−1} > 0 = σ_N, levels beyond float64).
 */
function scheduleSpecIssues(spec: ScheduleSpecOutput, ctx: z.RefinementCtx): void {
  let found = 0;
  const issue = (path: string, message: string) => {
    found++;
    ctx.addIssue({ code: 'custom', path: [path], message });
  };
  if ((spec.kind === 'linear-beta' || spec.kind === 'cosine') && spec.steps > spec.T) issue('steps', `expected at most T = ${spec.T} steps (one per trained timestep), got ${spec.steps}`);
  if (spec.kind === 'linear-beta') {
    for (const key of ['betaStart', 'betaEnd'] as const) if (!(spec[key] < 1)) issue(key, `expected a β in (0, 1), got ${spec[key]}`);
  }
  if ((spec.kind === 'edm' || spec.kind === 'log-snr' || spec.kind === 'las') && !(spec.sigmaMin < spec.sigmaMax)) issue('sigmaMin', `expected sigmaMin < sigmaMax (${spec.sigmaMax}), got ${spec.sigmaMin}`);
  if (found > 0) return;
  // The levels themselves (cheap; a las schedule's only once resolved): ρ or Π(1 − β_t) beyond float64,
  // more steps than the range holds doubles, a σ list out of order.
  const sigmas = spec.kind === 'las' ? spec.sigmas : undefined;
  const fail = spec.kind !== 'las' ? refusal(() => buildSchedule(spec)) : sigmas === undefined ? null : refusal(() => validateSigmas(sigmas));
  if (fail !== null) issue(fieldOfRefusal(fail, spec), fail);
}

/** The field a schedule builder's message names ("rho: …" → rho), its β_t → T, anything else → steps. */
function fieldOfRefusal(message: string, spec: ScheduleSpecOutput): string {
  const argument = /^\w+/u.exec(message)?.[0] ?? '';
  if (argument === 'betas') return 'T';
  return argument in spec ? argument : 'steps';
}

/** The message of the LabError `build` throws, or null when it returns. */
function refusal(build: () => unknown): string | null {
  try {
    build();
    return null;
  } catch (error) {
    if (!(error instanceof LabError)) throw error;
    return error.message;
  }
}

export const MassMode = z.enum(['clip', 'shift', 'unit-range', 'softmax']);

/**
 * Engine backends a config may ask for (the names of src-main/engine/backend.ts): `auto` (the
 * engine chooses), the float64 CPU paths `reference` and `pruned`, and the gpu.js float32 kinds.
 */
export const BACKEND_NAMES = ['auto', 'reference', 'pruned', 'webgpu', 'headlessgl', 'webasm-threaded', 'webasm-simd', 'gpujs-cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export const BackendSpec = z.enum(BACKEND_NAMES, { error: (issue) => `expected one of ${BACKEND_NAMES.join(', ')}, got ${JSON.stringify(issue.input)}` });

export const ExperimentConfigSchema = z
  .object({
    version: z.literal(1).default(1),
    name: z.string().min(1, 'expected a non-empty name').max(200).default('experiment'),
    preset: z.string().optional(),
    data: DataSpec,
    partition: PartitionSpec,
    targets: TargetSpec.default({ kind: 'reference' }),
    tolerance: ToleranceSpec,
    /** How an image is read as a distribution (coarse-kl.md §1, §8 Q4). */
    massMode: MassMode.default('clip'),
    denoiser: DenoiserSpec,
    sampler: SamplerSpec,
    schedule: ScheduleSpecSchema,
    projection: z
      .object({
        /** What is projected after each step: the state x_t, the denoised x̂₀, or both (§8 Q5). */
        on: z.enum(['state', 'denoised', 'both']).default('state'),
        /** Project the final state (with `on: 'state'`, false leaves only the last update unprojected). */
        projectFinal: z.boolean().default(true),
      })
      .default({ on: 'state', projectFinal: true }),
    includeUnprojected: z.boolean().default(true),
    seeds: z.object({ start: int(0, 2 ** 31), count: int(1, 100_000) }).default({ start: 0, count: 64 }),
    /** Samples per seed; per-seed metrics are averaged over them. */
    batch: int(1, 4096).default(1),
    /** Record metrics every this many steps (and always at the last step). */
    recordEvery: int(1, 100_000).default(10),
    /** Sample frames kept as artifacts: this many evenly spaced steps, for the first `seeds` seeds. */
    frames: z.object({ count: int(0, 200).default(10), seeds: int(0, 64).default(4) }).default({ count: 10, seeds: 4 }),
    /**
     * The engine backend of the run; absent means `auto`, which defers to INFODIFF_BACKEND (no default
     * is filled in, so configs stored before this field keep their hash). Any other value wins over
     * INFODIFF_BACKEND and is refused at run time when this machine lacks it.
     */
    backend: BackendSpec.optional(),
  })
  .superRefine((config, ctx) => {
    if (config.data.kind === 'toy-blocks' && config.data.valueMin > config.data.valueMax) {
      ctx.addIssue({ code: 'custom', path: ['data', 'valueMin'], message: `expected valueMin ≤ valueMax (${config.data.valueMax}), got ${config.data.valueMin}` });
    }
    if (config.data.kind === 'gmm') {
      const dim = config.data.height * config.data.width;
      config.data.components.forEach((c, i) => {
        if (c.mean.length !== dim) ctx.addIssue({ code: 'custom', path: ['data', 'components', i, 'mean'], message: `expected ${dim} = height × width entries, got ${c.mean.length}` });
      });
    }
    if (config.data.kind === 'images') {
      const { height, width, images, heldOutIndex } = config.data;
      images.forEach((image, i) => {
        if (image.length !== height * width) ctx.addIssue({ code: 'custom', path: ['data', 'images', i], message: `expected ${height * width} = height × width pixels, got ${image.length}` });
      });
      if (heldOutIndex >= images.length) ctx.addIssue({ code: 'custom', path: ['data', 'heldOutIndex'], message: `expected an image index in [0, ${images.length}), got ${heldOutIndex}` });
    }
    if (config.tolerance.mode === 'bounds' && config.tolerance.lower.length !== config.tolerance.upper.length) {
      ctx.addIssue({ code: 'custom', path: ['tolerance', 'upper'], message: `expected as many upper bounds as lower bounds (${config.tolerance.lower.length}), got ${config.tolerance.upper.length}` });
    }
    if (config.denoiser.kind === 'toy-oracle' && config.data.kind !== 'toy-blocks') {
      ctx.addIssue({ code: 'custom', path: ['denoiser', 'kind'], message: `the toy oracle needs toy-blocks data, got ${config.data.kind}` });
    }
    if (config.denoiser.kind === 'empirical' && config.data.kind !== 'digits' && config.data.kind !== 'images') {
      ctx.addIssue({ code: 'custom', path: ['denoiser', 'kind'], message: `the empirical denoiser needs a dataset (digits or images), got ${config.data.kind} data` });
    }
    if (config.denoiser.kind === 'gmm' && config.data.kind !== 'gmm') {
      ctx.addIssue({ code: 'custom', path: ['denoiser', 'kind'], message: `the exact GMM denoiser needs gmm data, got ${config.data.kind}` });
    }
    if (config.schedule.kind === 'las') lasIssues(config.schedule, config.data.kind, ctx);
    if (config.targets.kind === 'proportions' && !(config.targets.values.reduce((a, b) => a + b, 0) > 0)) {
      ctx.addIssue({ code: 'custom', path: ['targets', 'values'], message: 'expected proportions with a positive sum' });
    }
  });

/** What a `las` schedule cannot run with beyond scheduleSpecIssues: candidates, the sigmas' count, an MMSE source on inexact data. */
function lasIssues(schedule: Extract<z.output<typeof ScheduleSpecSchema>, { kind: 'las' }>, dataKind: string, ctx: z.RefinementCtx): void {
  const at = (...path: (string | number)[]) => ['schedule', ...path];
  if (schedule.candidates < schedule.steps) ctx.addIssue({ code: 'custom', path: at('candidates'), message: `expected at least steps = ${schedule.steps} candidates, got ${schedule.candidates}` });
  if (schedule.source.kind === 'mmse' && dataKind === 'toy-blocks') {
    ctx.addIssue({ code: 'custom', path: at('source', 'kind'), message: 'the mmse source needs data with an exact denoiser (gmm, digits, images); the toy oracle is not a posterior mean: give a loss table (kind: loss)' });
  }
  if (schedule.source.kind === 'loss') {
    const { level, table } = schedule.source;
    table.forEach(([value], i) => {
      const gamma = snrFromLevel(level, value);
      if (!((level === 'log-snr' || value > 0) && gamma > 0 && Number.isFinite(gamma))) {
        ctx.addIssue({ code: 'custom', path: at('source', 'table', i, 0), message: `expected a ${level} level giving a finite SNR > 0, got ${value}` });
      }
    });
  }
  if (schedule.sigmas !== undefined && schedule.sigmas.length !== schedule.steps + 1) {
    ctx.addIssue({ code: 'custom', path: at('sigmas'), message: `expected steps + 1 = ${schedule.steps + 1} entries (the resolved levels, then 0), got ${schedule.sigmas.length}` });
  }
}

/** A config as written by a user or preset (defaults may be omitted). */
export type ExperimentConfigInput = z.input<typeof ExperimentConfigSchema>;
/** A validated config with every default filled in: what a run stores. */
export type ExperimentConfig = z.output<typeof ExperimentConfigSchema>;
export type ScheduleConfig = ExperimentConfig['schedule'];
export type SamplerConfig = ExperimentConfig['sampler'];

/** One issue of a failed validation: the dotted path of the field and why. */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

/** Thrown for an invalid config; the message lists every field and reason, one per line. */
export class InvalidConfigError extends LabError {
  override readonly name = 'InvalidConfigError';
  constructor(readonly issues: readonly ConfigIssue[]) {
    super('invalid-config', `invalid experiment config:\n${issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n')}`);
  }
}

/** Validates a config and fills in defaults, or returns the issues (field path and reason). */
export function safeParseConfig(input: unknown): { ok: true; config: ExperimentConfig } | { ok: false; issues: ConfigIssue[] } {
  const parsed = ExperimentConfigSchema.safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
}

/** Validates a config and fills in defaults; throws InvalidConfigError naming every bad field. */
export function parseConfig(input: unknown): ExperimentConfig {
  const result = safeParseConfig(input);
  if (!result.ok) throw new InvalidConfigError(result.issues);
  return result.config;
}
