import { z } from 'zod';
import { InvalidArgumentError } from '../errors';
import { BASELINE_DEFAULTS, BASELINE_SCHEDULES } from './baselines';
import { LOSS_PARAMETERISATIONS } from './lossCurve';
import { NOISE_LEVEL_KINDS } from './lossCsv';
import { endpointsFromTimes } from './snrGrid';
import { TARGET_NAMES } from './targets';

/** Every schedule `infodiff schedules` knows: the loss-adaptive ones, then Appendix A. */
export const SCHEDULE_NAMES = ['las', 'las-density', 'entropic', ...BASELINE_SCHEDULES] as const;
export type ScheduleName = (typeof SCHEDULE_NAMES)[number];
/** The suggested default comparison set (issue 8). */
export const DEFAULT_SCHEDULES: readonly ScheduleName[] = ['las', 'edm', 'cosine', 'log-snr', 'linear-beta', 'uniform-t', 'quadratic-t'];
/** Spec §5.2's endpoints: δ = 1e-3, T = 5. */
export const DEFAULT_ENDPOINTS = endpointsFromTimes(1e-3, 5);

const finite = () => z.number().refine(Number.isFinite, 'expected a finite number');
const positive = () => finite().refine((v) => v > 0, 'expected a number > 0');
const int = (min: number, max: number) => z.number().int('expected an integer').min(min, `expected an integer ≥ ${min}`).max(max, `expected an integer ≤ ${max}`);

/** A loss curve given as data (from a training-log CSV), kept in the config so a run re-runs exactly. */
const LossSamplesSpec = z.object({
  source: z.literal('samples'),
  /** Where the samples came from (file name), for the record. */
  label: z.string().default('loss.csv'),
  level: z.enum(NOISE_LEVEL_KINDS).default('sigma'),
  parameterisation: z.enum(LOSS_PARAMETERISATIONS).default('x0'),
  /** SNRs γ and x₀-MSE losses after conversion. */
  gammas: z.array(positive()).min(2),
  losses: z.array(finite().refine((v) => v >= 0, 'expected a loss ≥ 0')).min(2),
});

export const ScheduleCompareConfigSchema = z
  .object({
    version: z.literal(1).default(1),
    name: z.string().min(1).max(200).default('schedules'),
    /** The data D is exact for; null: D is the Riemann gap of the loss curve itself (spec §2, D̂), no measurement. */
    target: z.enum(TARGET_NAMES).nullable().default(null),
    Ks: z.array(int(1, 5000)).min(1).default([5, 10, 20, 50]),
    schedules: z.array(z.enum(SCHEDULE_NAMES)).default([...DEFAULT_SCHEDULES]),
    /** User σ lists (σ_0 > … , trailing 0 optional), resampled to each K, their own endpoints kept. */
    custom: z.array(z.object({ name: z.string().min(1).max(100), sigmas: z.array(finite()).min(2) })).default([]),
    endpoints: z.object({ gammaMax: positive(), gammaMin: positive() }).default({ ...DEFAULT_ENDPOINTS }),
    baseline: z
      .object({ rho: positive().default(BASELINE_DEFAULTS.rho), cosineS: finite().min(0).max(0.5).default(BASELINE_DEFAULTS.cosineS), betaMin: positive().default(BASELINE_DEFAULTS.betaMin), betaMax: positive().default(BASELINE_DEFAULTS.betaMax) })
      .default({ ...BASELINE_DEFAULTS }),
    /** The loss LAS uses: the target's exact (or Monte Carlo) MMSE curve, or imported samples. */
    loss: z.discriminatedUnion('source', [z.object({ source: z.literal('mmse') }), LossSamplesSpec]).default({ source: 'mmse' }),
    /** LAS candidates N (log-spaced over the endpoints, spec §4.3). */
    candidates: int(16, 20_000).default(1500),
    /** Refine LAS grids off the candidates by golden-section search (spec §4.3). */
    refine: z.boolean().default(false),
    /** Monte Carlo MMSE of n-D targets: draws M (common random numbers), levels G, seed. */
    mc: z.object({ draws: int(2, 1_000_000).default(256), levels: int(8, 2000).default(120), seed: int(0, 2 ** 31).default(0) }).default({ draws: 256, levels: 120, seed: 0 }),
    /**
     * A trained discrete-time DDPM to map every grid onto (spec §8 Q8, ddpmTimesteps.ts): its β schedule.
     * LAS grids resolve duplicate timesteps by the DP on the trained timesteps, others by spreading.
     */
    ddpm: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('linear-beta'), T: int(2, 100_000).default(1000), betaStart: positive().default(1e-4), betaEnd: positive().default(0.02) }),
        z.object({ kind: z.literal('cosine'), T: int(2, 100_000).default(1000), s: positive().default(0.008) }),
      ])
      .optional(),
    /** Digits used by the digits target (a class-balanced prefix of the bundled 10,000). */
    digitsCount: int(2, 10_000).default(1000),
    /** Measured quality against K (null: predicted D only). */
    measure: z
      .object({
        seeds: z.object({ start: int(0, 2 ** 31).default(0), count: int(1, 10_000).default(8) }).default({ start: 0, count: 8 }),
        /** Samples per seed (n-D targets). */
        batch: int(2, 100_000).default(256),
        /** Data samples the generated ones are compared with (n-D targets). */
        referenceSize: int(2, 100_000).default(2048),
        /** Directions of the sliced Wasserstein distance. */
        projections: int(1, 10_000).default(64),
        /** Block-mass error of the preset's projected sampler (n-D targets). */
        blockMass: z.boolean().default(true),
        /** Propagation grid points per smallest length scale (1-D targets). */
        pointsPerScale: positive().default(8),
      })
      .nullable()
      .default(null),
  })
  .superRefine((config, ctx) => {
    if (!(config.endpoints.gammaMin < config.endpoints.gammaMax)) {
      ctx.addIssue({ code: 'custom', path: ['endpoints', 'gammaMin'], message: `expected gammaMin < gammaMax (${config.endpoints.gammaMax}), got ${config.endpoints.gammaMin}` });
    }
    if (config.target === null && config.loss.source !== 'samples') ctx.addIssue({ code: 'custom', path: ['target'], message: 'expected a target, or a loss curve (loss.source: samples) to compute D from' });
    if (config.target === null && config.measure !== null) ctx.addIssue({ code: 'custom', path: ['measure'], message: 'measuring quality needs a target with an exact denoiser' });
    if (config.schedules.length + config.custom.length === 0) ctx.addIssue({ code: 'custom', path: ['schedules'], message: 'expected at least one schedule' });
    if (config.loss.source === 'samples' && config.loss.gammas.length !== config.loss.losses.length) {
      ctx.addIssue({ code: 'custom', path: ['loss', 'losses'], message: `expected one loss per level (${config.loss.gammas.length}), got ${config.loss.losses.length}` });
    }
    if (config.baseline.betaMax <= config.baseline.betaMin) ctx.addIssue({ code: 'custom', path: ['baseline', 'betaMax'], message: 'expected betaMax > betaMin' });
    const names = new Set<string>(config.schedules);
    config.custom.forEach((c, i) => {
      if (names.has(c.name)) ctx.addIssue({ code: 'custom', path: ['custom', i, 'name'], message: `expected a name not used by another schedule, got "${c.name}"` });
      names.add(c.name);
    });
  });

export type ScheduleCompareConfigInput = z.input<typeof ScheduleCompareConfigSchema>;
export type ScheduleCompareConfig = z.output<typeof ScheduleCompareConfigSchema>;

/**
 * Validates a comparison config and fills in defaults; throws InvalidArgumentError listing every
 * bad field ("Ks.0: expected an integer ≥ 1").
 *
 * @example
 * parseCompareConfig({ target: 'binary' }).Ks // → [5, 10, 20, 50]
 * parseCompareConfig({}) // throws "config: target: expected a target, or a loss curve …"
 */
export function parseCompareConfig(input: unknown): ScheduleCompareConfig {
  const parsed = ScheduleCompareConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
  throw new InvalidArgumentError('config', issues.join('; '));
}
