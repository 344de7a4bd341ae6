import { LabError } from '../../src-shared/errors';
import type { ConfigIssue } from '../../src-shared/experiment/config';
import { DynamicsConfigSchema, LikelihoodConfigSchema, type DynamicsConfig, type DynamicsConfigInput, type LikelihoodConfig, type LikelihoodConfigInput } from '../../src-shared/info/config';
import type { InstrumentKind, Response } from '../../src-shared/ipc/contract';
import { ScheduleCompareConfigSchema, type ScheduleCompareConfig, type ScheduleCompareConfigInput } from '../../src-shared/schedules/compareConfig';

/** A validated instrument config, tagged with its kind. */
export type InstrumentConfig =
  | { readonly kind: 'schedules'; readonly config: ScheduleCompareConfig }
  | { readonly kind: 'dynamics'; readonly config: DynamicsConfig }
  | { readonly kind: 'likelihood'; readonly config: LikelihoodConfig };

interface PresetEntry<T> {
  readonly description: string;
  readonly config: T;
}

const RING = Array.from({ length: 8 }, (_, j) => ({ weight: 1, mean: [2 + Math.cos((2 * Math.PI * j) / 8), 2 + Math.sin((2 * Math.PI * j) / 8)], std: 0.15 }));
const POINTS_2D = [[0, 0], [1, 0], [0, 2], [-1.5, -1], [2, 2.5]];

/**
 * The app's instrument presets: the spec's analytic cases and small digits workloads, sized to finish
 * in seconds on two cores (measured on the shared development machine, load 3–5: schedules 1–5 s,
 * dynamics 1–2 s and 15 s for digits-1000, likelihood 4–8 s). The CLI's presets
 * (src-shared/info/presets.ts) are the full-size versions.
 */
const SCHEDULE_PRESETS: Record<string, PresetEntry<ScheduleCompareConfigInput>> = {
  binary: { description: 'Binary ±1 data, exact MMSE: LAS against the six Appendix A schedules, K = 5…50', config: { name: 'schedules-binary', target: 'binary', Ks: [5, 10, 20, 50] } },
  gaussian: { description: 'Gaussian data (closed forms): the spec’s §5.2 table, K = 5…100', config: { name: 'schedules-gaussian', target: 'gaussian', Ks: [5, 10, 20, 50, 100] } },
  'gmm-2d': { description: 'The 2-D ring of 8 Gaussians: Monte Carlo MMSE (256 draws, 60 levels), K = 5…50', config: { name: 'schedules-gmm-2d', target: 'gmm-2d', Ks: [5, 10, 20, 50], mc: { draws: 256, levels: 60, seed: 0 } } },
};

const DYNAMICS_PRESETS: Record<string, PresetEntry<DynamicsConfigInput>> = {
  'two-points': {
    description: '±1 in 1-D (tests T1, T2): exact Gauss–Hermite curves, the pitchfork at ν = 1',
    config: { name: 'two-points', preset: 'two-points', data: { kind: 'points', points: [[-1], [1]] }, estimator: { kind: 'gauss-hermite', nodes: 80 }, lambdas: { min: -6, max: 8, count: 281 }, bifurcation: { enabled: true, nuMax: 4, nuMin: 0.25, count: 41, folds: 2 } },
  },
  'two-classes': {
    description: 'Two classes of two points (test C2): class-resolved bandwidth, two bumps of R, two bifurcations',
    config: { name: 'two-classes', preset: 'two-classes', data: { kind: 'points', points: [[-2.2], [-1.8], [1.8], [2.2]], labels: [0, 0, 1, 1] }, estimator: { kind: 'gauss-hermite', nodes: 80 }, lambdas: { min: -6, max: 9, count: 301 }, bifurcation: { enabled: true, nuMax: 16, nuMin: 0.005, count: 61, folds: 4 } },
  },
  'gmm-ring': {
    description: 'The 2-D ring of 8 Gaussians (continuous data: R → d/2), 1,024 Monte Carlo queries',
    config: { name: 'gmm-ring', preset: 'gmm-ring', data: { kind: 'gmm', components: RING }, estimator: { kind: 'monte-carlo', queries: 1024, seed: 0 }, lambdas: { min: -8, max: 10, count: 181 } },
  },
  'digits-1000': {
    description: '1,000 MNIST digits, 64 queries, 60 λ, class-resolved; bifurcation on the first 200 (≈ 15 s)',
    config: {
      name: 'digits-1000', preset: 'digits-1000', data: { kind: 'digits', count: 1000 }, estimator: { kind: 'monte-carlo', queries: 64, seed: 0 }, lambdas: { min: -13.2, max: 9.4, count: 60 },
      peaks: { refine: true, tol: 1e-3, minRelativeHeight: 0.02 }, bifurcation: { enabled: true, count: 16, folds: 0, subset: 200, maxIterations: 300 },
    },
  },
};

const LIKELIHOOD_PRESETS: Record<string, PresetEntry<LikelihoodConfigInput>> = {
  'points-2d': {
    description: 'The five 2-D points of tests W1–W4: discrete NLL, warm start for the four laws, Theorem 2 for three models',
    config: {
      name: 'points-2d', preset: 'points-2d', data: { kind: 'points', points: POINTS_2D },
      discrete: { enabled: true, rule: { kind: 'gauss-hermite', nodes: 20 }, lambdas: { min: -14, max: 16, count: 301 } },
      warmStart: { sigma0: 0.3, samples: 1000 },
      entropy: { enabled: false },
      bound: { sigma0: 0.3, models: [{ kind: 'exact' }, { kind: 'kde', h: 0.5 }, { kind: 'wiener' }], points: 6, count: 161, rule: { kind: 'gauss-hermite', nodes: 16 } },
      slopes: { enabled: false },
    },
  },
  'three-points': {
    description: 'Points {0, 1, 3} (tests D1, W3): exact discrete NLL = ln 3, the VP-form bound of the exact law',
    config: {
      name: 'three-points', preset: 'three-points', data: { kind: 'points', points: [[0], [1], [3]] },
      discrete: { enabled: true, rule: { kind: 'gauss-hermite', nodes: 40 }, lambdas: { min: -14, max: 16, count: 601 } },
      warmStart: { sigma0: 0.3, samples: 2000 }, entropy: { enabled: false },
      bound: { sigma0: 0.3, models: [{ kind: 'exact' }, { kind: 'wiener' }], form: 'vp', tauT: Math.exp(12), lambdaMax: 18, count: 301, rule: { kind: 'gauss-hermite', nodes: 40 }, points: 6 },
      slopes: { enabled: true },
    },
  },
  'digits-held-out': {
    description: '200 digits: held-out NLL (bits/dim) of 40 test digits against σ0 for three warm-up laws (U-curves)',
    config: {
      name: 'digits-held-out', preset: 'digits-held-out', data: { kind: 'digits', count: 200 },
      discrete: { enabled: false }, warmStart: { enabled: false }, entropy: { enabled: false }, bound: { enabled: false }, slopes: { enabled: false },
      heldOut: { enabled: true, laws: ['gaussian', 'laplace', 'uniform'], sigma0: { min: 0.02, max: 1, count: 6 }, trainCount: 160, testCount: 40, binWidth: 1 / 255 },
    },
  },
};

const SCHEMAS = { schedules: ScheduleCompareConfigSchema, dynamics: DynamicsConfigSchema, likelihood: LikelihoodConfigSchema } as const;
const PRESETS = { schedules: SCHEDULE_PRESETS, dynamics: DYNAMICS_PRESETS, likelihood: LIKELIHOOD_PRESETS } as const;

/**
 * Validates an instrument config with its kind's zod schema (the one the CLI uses) and fills in the
 * defaults; throws 'invalid-config' naming every bad field, one per line.
 *
 * @example
 * parseInstrumentConfig('schedules', { target: 'binary' }).config.Ks // → [5, 10, 20, 50]
 * parseInstrumentConfig('schedules', { target: 'binary', Ks: [0] }) // throws "invalid schedules config:\n  Ks.0: expected an integer ≥ 1"
 */
export function parseInstrumentConfig(kind: InstrumentKind, input: unknown): InstrumentConfig {
  const parsed = SCHEMAS[kind].safeParse(input);
  if (!parsed.success) {
    const issues: ConfigIssue[] = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    throw new LabError('invalid-config', `invalid ${kind} config:\n${issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n')}`);
  }
  return { kind, config: parsed.data } as InstrumentConfig;
}

/**
 * The validated config of an app preset; unknown names are 'invalid-argument' listing the known ones.
 *
 * @example
 * instrumentPreset('dynamics', 'two-points').config.name // → 'two-points'
 */
export function instrumentPreset(kind: InstrumentKind, name: string): InstrumentConfig {
  const presets: Record<string, PresetEntry<unknown>> = PRESETS[kind];
  if (!Object.hasOwn(presets, name)) throw new LabError('invalid-argument', `preset: expected one of ${Object.keys(presets).join(', ')} for ${kind}, got "${name}"`);
  return parseInstrumentConfig(kind, presets[name]!.config);
}

/**
 * Every app preset with its validated config, schedules first, then dynamics and likelihood.
 *
 * @example
 * instrumentPresetInfos().filter((p) => p.kind === 'schedules').map((p) => p.name) // → ['binary', 'gaussian', 'gmm-2d']
 */
export function instrumentPresetInfos(): Response<'instruments:presets'> {
  return (Object.keys(PRESETS) as InstrumentKind[]).flatMap((kind) =>
    Object.entries(PRESETS[kind] as Record<string, PresetEntry<unknown>>).map(([name, entry]) => ({
      kind, name, description: entry.description, config: instrumentPreset(kind, name).config as unknown as Record<string, unknown>,
    })),
  );
}
