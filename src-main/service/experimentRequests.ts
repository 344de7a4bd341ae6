import { LabError } from '../../src-shared/errors';
import { parseConfig, safeParseConfig, type ExperimentConfig } from '../../src-shared/experiment/config';
import { PRESETS, PRESET_NAMES, presetConfig, type PresetName } from '../../src-shared/experiment/presets';
import { variantsOf } from '../../src-shared/experiment/variants';
import type { ParsedRequest, Response } from '../../src-shared/ipc/contract';

/** What runs:start, presets:list and config:validate compute before any run exists. */

const PRESET_DESCRIPTIONS = {
  'paper-toy': 'The paper’s toy: 32 × 32 block images, 4 × 4 grid, DDPM with the leaky oracle, δ ∈ {0.01, 0.005, 0.002}',
  digits: 'MNIST digits with the exact empirical denoiser, EDM schedule, probability-flow Euler',
  'gmm-2d': 'A 2-D Gaussian mixture on a ring with its exact denoiser; the band keeps x/(x + y) near ½',
} as const satisfies Record<PresetName, string>;

/**
 * Sampler steps N of a config (a custom σ list has N + 1 levels).
 *
 * @example
 * samplerSteps(presetConfig('paper-toy')) // → 1000
 */
export function samplerSteps(config: ExperimentConfig): number {
  return config.schedule.kind === 'custom' ? config.schedule.sigmas.length - 1 : config.schedule.steps;
}

/**
 * Every preset with its validated config, seeds, steps and variants.
 *
 * @example
 * presetInfos().map((p) => p.name) // → ['paper-toy', 'digits', 'gmm-2d']
 */
export function presetInfos(): Response<'presets:list'> {
  return PRESET_NAMES.map((name) => {
    const config = presetConfig(name);
    return { name, description: PRESET_DESCRIPTIONS[name], config, seeds: config.seeds.count, steps: samplerSteps(config), variants: variantsOf(config).map((v) => v.id) };
  });
}

/**
 * A config validated with its defaults filled in, or every issue (field path and reason).
 *
 * @example
 * validateConfig({ ...presetConfig('paper-toy'), batch: 0 }) // → { ok: false, issues: [{ path: 'batch', message: 'expected an integer ≥ 1' }] }
 */
export function validateConfig(config: unknown): Response<'config:validate'> {
  const result = safeParseConfig(config);
  if (!result.ok) return { ok: false, issues: result.issues };
  const parsed = result.config;
  return { ok: true, config: parsed, variants: variantsOf(parsed).map((v) => v.id), seeds: parsed.seeds.count, steps: samplerSteps(parsed) };
}

/**
 * The config a runs:start request asks for: the preset (or the given config) with the request's
 * seeds count, steps and name applied, then validated. Throws 'invalid-config' naming every bad
 * field, or 'invalid-argument' for steps on a custom σ list.
 *
 * @example
 * configOfStartRequest({ preset: 'paper-toy', seeds: 4, steps: 100 }).seeds // → { start: 0, count: 4 }
 */
export function configOfStartRequest(request: ParsedRequest<'runs:start'>): ExperimentConfig {
  const input = structuredClone(request.preset === undefined ? request.config : PRESETS[request.preset]) as Record<string, unknown>;
  if (request.seeds !== undefined) input['seeds'] = { start: (input['seeds'] as { start?: number } | undefined)?.start ?? 0, count: request.seeds };
  if (request.steps !== undefined) {
    const schedule = input['schedule'] as Record<string, unknown> | undefined;
    if (schedule?.['kind'] === 'custom') throw new LabError('invalid-argument', 'steps: the schedule is a custom σ list; change the list instead');
    input['schedule'] = { ...schedule, steps: request.steps };
  }
  if (request.name !== undefined) input['name'] = request.name;
  return parseConfig(input);
}
