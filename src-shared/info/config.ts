import { z } from 'zod';
import { InvalidConfigError, SamplerSpec, ScheduleSpecSchema, type ConfigIssue } from '../experiment/config';
import { NOISE_LAW_NAMES } from './noiseLaws';
import { TIME_SCHEDULE_NAMES } from './scheduleTime';

/**
 * The configs of the two information instruments (spec info-dynamics-likelihood.md; docs/dynamics.md,
 * docs/likelihood.md): plain data, validated with zod, defaults filled, stored with every run.
 */

const finite = () => z.number().refine(Number.isFinite, 'expected a finite number');
const positive = () => finite().refine((v) => v > 0, 'expected a number > 0');
const int = (min: number, max: number) => z.number().int('expected an integer').min(min, `expected an integer ≥ ${min}`).max(max, `expected an integer ≤ ${max}`);

/** Datasets with an exact denoiser. */
export const InfoDataSpec = z.discriminatedUnion('kind', [
  /** Explicit points (rows), optional prior weights and class labels. */
  z.object({ kind: z.literal('points'), points: z.array(z.array(finite()).min(1)).min(1), weights: z.array(finite().refine((v) => v >= 0, 'expected a weight ≥ 0')).optional(), labels: z.array(int(0, 1e6)).optional() }),
  /** The bundled MNIST digits (28 × 28 in [0, 1]) with their class labels; the first `count`. */
  z.object({ kind: z.literal('digits'), count: int(2, 10_000).default(10_000) }),
  /** Block images: d = Σ blockSizes pixels, every block constant at one of two values: 2^B images. */
  z.object({ kind: z.literal('block-images'), blockSizes: z.array(int(1, 1024)).min(1).max(16), values: z.tuple([finite(), finite()]).default([-1, 1]) }),
  /** An isotropic Gaussian mixture; components are the classes. */
  z.object({ kind: z.literal('gmm'), components: z.array(z.object({ weight: positive(), mean: z.array(finite()).min(1), std: finite().refine((v) => v >= 0, 'expected a std ≥ 0') })).min(1) }),
  /** `count` points evenly spaced on the segment from `from` to `to` (a 1-D manifold, test LID). */
  z.object({ kind: z.literal('segment'), count: int(2, 100_000), from: z.array(finite()).min(1), to: z.array(finite()).min(1) }),
  /** The two points ±scale·1_d (the symmetric binary decision in d dimensions, test T3). */
  z.object({ kind: z.literal('hypercube'), dimension: int(1, 100_000), scale: positive().default(1) }),
]);

/** How expectations over the forward process are taken. */
export const EstimatorSpec = z.discriminatedUnion('kind', [
  /** M i.i.d. (source, ε) pairs, common random numbers across λ; standard errors reported. */
  z.object({ kind: z.literal('monte-carlo'), queries: int(2, 1_000_000).default(256), seed: int(0, 2 ** 31).default(0) }),
  /** Every source × a tensor Gauss–Hermite rule over ε (nodes^d ≤ 10⁶): deterministic, for d ≤ 2. */
  z.object({ kind: z.literal('gauss-hermite'), nodes: int(2, 400).default(80) }),
]);

/** A uniform log-SNR grid. */
export const LambdaGridSpec = z.object({ min: finite(), max: finite(), count: int(3, 100_000) }).refine((g) => g.min < g.max, { message: 'expected min < max', path: ['max'] });

export const DynamicsConfigSchema = z.object({
  version: z.literal(1).default(1),
  name: z.string().min(1, 'expected a non-empty name').max(200).default('dynamics'),
  preset: z.string().optional(),
  data: InfoDataSpec,
  estimator: EstimatorSpec.default({ kind: 'monte-carlo', queries: 256, seed: 0 }),
  lambdas: LambdaGridSpec,
  /** Posterior weights below this are dropped from D and tr C (spec §4.2); 0 keeps every point. */
  weightFloor: finite().refine((v) => v >= 0 && v < 1e-6, 'expected a number in [0, 1e-6)').default(1e-22),
  /** Continuous schedules for R per unit time (spec §1.1). */
  schedules: z.array(z.enum(TIME_SCHEDULE_NAMES as [string, ...string[]])).default([...TIME_SCHEDULE_NAMES]),
  /** Sampler schedules whose per-step information ∫R dλ is reported. */
  samplerSchedules: z.array(ScheduleSpecSchema).default([]),
  peaks: z.object({ refine: z.boolean().default(true), tol: positive().default(1e-6), minRelativeHeight: finite().default(0.02) }).default({ refine: true, tol: 1e-6, minRelativeHeight: 0.02 }),
  bifurcation: z.object({
    enabled: z.boolean().default(false),
    /** Tracking grid ν from nuMax down to nuMin, geometric (default: 4·λ_max(Σ) to λ_max(Σ)/16). */
    nuMax: positive().optional(),
    nuMin: positive().optional(),
    count: int(3, 10_000).default(60),
    /** Branches followed upwards from this many data points (evenly spaced indices) to find folds. */
    folds: int(0, 10_000).default(0),
    maxIterations: int(10, 1_000_000).default(10_000),
    /** Use only the first this-many points (digits: the tracking costs N·d per iteration). */
    subset: int(2, 1_000_000).optional(),
  }).default({ enabled: false, count: 60, folds: 0, maxIterations: 10_000 }),
  trajectories: z.object({
    enabled: z.boolean().default(false),
    count: int(2, 1_000_000).default(256),
    sampler: SamplerSpec.default({ name: 'euler-maruyama' }),
    schedule: ScheduleSpecSchema.default({ kind: 'log-snr', sigmaMin: 0.01, sigmaMax: 10, steps: 100, variancePreserving: false }),
    seed: int(0, 2 ** 31).default(0),
  }).default({ enabled: false, count: 256, sampler: { name: 'euler-maruyama' }, schedule: { kind: 'log-snr', sigmaMin: 0.01, sigmaMax: 10, steps: 100, variancePreserving: false }, seed: 0 }),
}).superRefine((config, ctx) => {
  if (config.data.kind !== 'gmm') return;
  if (config.bifurcation.enabled) ctx.addIssue({ code: 'custom', path: ['bifurcation', 'enabled'], message: 'mode tracking needs empirical data, got gmm data' });
  if (config.trajectories.enabled) ctx.addIssue({ code: 'custom', path: ['trajectories', 'enabled'], message: 'reverse trajectories need empirical data, got gmm data' });
});

export type DynamicsConfigInput = z.input<typeof DynamicsConfigSchema>;
export type DynamicsConfig = z.output<typeof DynamicsConfigSchema>;
export type InfoData = z.output<typeof InfoDataSpec>;
export type Estimator = z.output<typeof EstimatorSpec>;

const Mixture1dSpec = z.object({ weights: z.array(positive()).min(1), means: z.array(finite()).min(1), variances: z.array(positive()).min(1) });

const RuleSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('gauss-hermite'), nodes: int(2, 400) }),
  z.object({ kind: z.literal('monte-carlo'), draws: int(2, 1_000_000), seed: int(0, 2 ** 31).default(0) }),
]);

const ModelSpec = z.discriminatedUnion('kind', [
  /** The warm-started data law itself (KDE with h = σ0 on all points): the bound is tight. */
  z.object({ kind: z.literal('exact') }),
  z.object({ kind: z.literal('kde'), h: positive() }),
  z.object({ kind: z.literal('kde-subset'), h: positive(), count: int(1, 1_000_000) }),
  z.object({ kind: z.literal('wiener') }),
]);

const laws = () => z.array(z.enum(NOISE_LAW_NAMES as [string, ...string[]])).min(1).default([...NOISE_LAW_NAMES]);

export const LikelihoodConfigSchema = z.object({
  version: z.literal(1).default(1),
  name: z.string().min(1, 'expected a non-empty name').max(200).default('likelihood'),
  preset: z.string().optional(),
  data: InfoDataSpec,
  /** Exact NLL of discrete points via the I-MMSE integral (ITD, test D1). */
  discrete: z.object({
    enabled: z.boolean().default(true),
    /** Point indices (default: the first min(N, 16)). */
    points: z.array(int(0, 1e9)).optional(),
    rule: RuleSpec.default({ kind: 'gauss-hermite', nodes: 80 }),
    lambdas: LambdaGridSpec.default({ min: -14, max: 16, count: 1201 }),
  }).default({ enabled: true, rule: { kind: 'gauss-hermite', nodes: 80 }, lambdas: { min: -14, max: 16, count: 1201 } }),
  /** Exact NLL of warm-started data for each law: mean of −ln p̃(x̃) over x̃ ~ p̃ (≈ H(p̃)). */
  warmStart: z.object({ enabled: z.boolean().default(true), laws: laws(), sigma0: positive().default(0.3), samples: int(2, 1_000_000).default(2000), seed: int(0, 2 ** 31).default(0) })
    .default({ enabled: true, laws: [...NOISE_LAW_NAMES], sigma0: 0.3, samples: 2000, seed: 0 }),
  /** H(p̃) of the Gaussian warm start through the Gaussian-reference I-MMSE form, and the prior forms. */
  entropy: z.object({ enabled: z.boolean().default(true), sigma0: positive().default(0.3), estimator: EstimatorSpec.default({ kind: 'gauss-hermite', nodes: 60 }), lambdaMin: finite().default(-14), count: int(3, 100_000).default(801), sigma1s: z.array(positive()).default([10, 100]) })
    .default({ enabled: true, sigma0: 0.3, estimator: { kind: 'gauss-hermite', nodes: 60 }, lambdaMin: -14, count: 801, sigma1s: [10, 100] }),
  /** Theorem 2's pointwise bound for model denoisers, with its gap to −ln q_0. */
  bound: z.object({
    enabled: z.boolean().default(true),
    sigma0: positive().default(0.3),
    models: z.array(ModelSpec).min(1).default([{ kind: 'exact' }, { kind: 'kde', h: 0.5 }, { kind: 'wiener' }]),
    points: int(1, 100_000).default(8),
    seed: int(0, 2 ** 31).default(0),
    prior: z.discriminatedUnion('kind', [z.object({ kind: z.literal('gaussian'), variance: positive() }), z.object({ kind: z.literal('model-terminal') })]).default({ kind: 'model-terminal' }),
    form: z.enum(['ve', 'vp']).default('ve'),
    /** Extra variance τ_T at the top of the Gaussian interval (λ_T = −ln τ_T). */
    tauT: positive().default(900),
    lambdaMax: finite().default(16),
    count: int(3, 100_000).default(641),
    rule: RuleSpec.default({ kind: 'gauss-hermite', nodes: 32 }),
  }).default({ enabled: true, sigma0: 0.3, models: [{ kind: 'exact' }, { kind: 'kde', h: 0.5 }, { kind: 'wiener' }], points: 8, seed: 0, prior: { kind: 'model-terminal' }, form: 've', tauT: 900, lambdaMax: 16, count: 641, rule: { kind: 'gauss-hermite', nodes: 32 } }),
  /** Held-out NLL against σ0 per law (the U-shaped curve). Train on the first trainCount points, test on the next testCount. */
  heldOut: z.object({
    enabled: z.boolean().default(false),
    laws: laws(),
    sigma0: z.object({ min: positive(), max: positive(), count: int(2, 1000) }).default({ min: 0.02, max: 2, count: 13 }),
    trainCount: int(1, 1_000_000).default(2000),
    testCount: int(1, 1_000_000).default(200),
    seed: int(0, 2 ** 31).default(0),
    binWidth: positive().optional(),
  }).default({ enabled: false, laws: [...NOISE_LAW_NAMES], sigma0: { min: 0.02, max: 2, count: 13 }, trainCount: 2000, testCount: 200, seed: 0 }),
  /** Theorem 1 / Proposition 2 slopes in 1-D for each law (test K1). */
  slopes: z.object({
    enabled: z.boolean().default(true),
    laws: laws(),
    p: Mixture1dSpec.default({ weights: [0.5, 0.5], means: [-1, 1], variances: [0.25, 0.25] }),
    q: Mixture1dSpec.default({ weights: [0.3, 0.7], means: [-0.5, 1.2], variances: [0.49, 0.36] }),
  }).default({ enabled: true, laws: [...NOISE_LAW_NAMES], p: { weights: [0.5, 0.5], means: [-1, 1], variances: [0.25, 0.25] }, q: { weights: [0.3, 0.7], means: [-0.5, 1.2], variances: [0.49, 0.36] } }),
}).superRefine((config, ctx) => {
  if (config.data.kind === 'gmm') ctx.addIssue({ code: 'custom', path: ['data', 'kind'], message: 'the likelihood instrument needs empirical data (points, digits, block-images, segment, hypercube), got gmm' });
  for (const [name, m] of [['p', config.slopes.p], ['q', config.slopes.q]] as const) {
    if (m.means.length !== m.weights.length || m.variances.length !== m.weights.length) ctx.addIssue({ code: 'custom', path: ['slopes', name], message: `expected as many means and variances as weights (${m.weights.length})` });
  }
  gridIssues(config, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
});

/** The λ (and σ0) grids the likelihood sections integrate over must run upwards (likelihoodRun.ts). */
function gridIssues(
  config: {
    readonly entropy: { readonly enabled: boolean; readonly sigma0: number; readonly lambdaMin: number; readonly sigma1s: readonly number[] };
    readonly bound: { readonly enabled: boolean; readonly tauT: number; readonly lambdaMax: number };
    readonly heldOut: { readonly enabled: boolean; readonly sigma0: { readonly min: number; readonly max: number } };
  },
  issue: (path: string[], message: string) => void,
): void {
  const { entropy, bound, heldOut } = config;
  if (entropy.enabled) {
    // Entropy integrates λ from lambdaMin, and from −2 ln σ1 for each σ1, up to λ0 = −2 ln σ0.
    const lambda0 = -2 * Math.log(entropy.sigma0);
    if (!(entropy.lambdaMin < lambda0)) issue(['entropy', 'lambdaMin'], `expected lambdaMin below λ0 = −2 ln σ0 = ${lambda0.toPrecision(6)}, got ${entropy.lambdaMin}`);
    entropy.sigma1s.forEach((sigma1, i) => {
      if (!(sigma1 > entropy.sigma0)) issue(['entropy', 'sigma1s', String(i)], `expected σ1 above σ0 = ${entropy.sigma0}, got ${sigma1}`);
    });
  }
  if (bound.enabled && !(-Math.log(bound.tauT) < bound.lambdaMax)) {
    issue(['bound', 'tauT'], `expected λ_T = −ln τ_T = ${(-Math.log(bound.tauT)).toPrecision(6)} below lambdaMax = ${bound.lambdaMax}: a larger τ_T or lambdaMax`);
  }
  if (heldOut.enabled && !(heldOut.sigma0.min < heldOut.sigma0.max)) issue(['heldOut', 'sigma0', 'min'], `expected min < max (${heldOut.sigma0.max}), got ${heldOut.sigma0.min}`);
}

export type LikelihoodConfigInput = z.input<typeof LikelihoodConfigSchema>;
export type LikelihoodConfig = z.output<typeof LikelihoodConfigSchema>;

function parseWith<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues: ConfigIssue[] = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  throw new InvalidConfigError(issues);
}

/**
 * Validates a dynamics config and fills in defaults; throws InvalidConfigError naming every bad field.
 *
 * @example
 * parseDynamicsConfig({ data: { kind: 'hypercube', dimension: 1 }, lambdas: { min: -6, max: 6, count: 241 } }).estimator.kind // → 'monte-carlo'
 */
export function parseDynamicsConfig(input: unknown): DynamicsConfig {
  return parseWith(DynamicsConfigSchema, input);
}

/**
 * Validates a likelihood config and fills in defaults; throws InvalidConfigError naming every bad field.
 *
 * @example
 * parseLikelihoodConfig({ data: { kind: 'points', points: [[0], [1], [3]] } }).discrete.enabled // → true
 */
export function parseLikelihoodConfig(input: unknown): LikelihoodConfig {
  return parseWith(LikelihoodConfigSchema, input);
}
