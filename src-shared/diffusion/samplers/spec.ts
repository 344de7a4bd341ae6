import { assertNever } from '../../errors';
import type { SamplerStep } from '../types';
import { ddimStep } from './ddim';
import { ddpmStep } from './ddpm';
import { eulerMaruyamaStep } from './eulerMaruyama';
import { pfEulerStep } from './pfEuler';
import { pfHeunStep } from './pfHeun';

/** Every sampler as plain data (storable, comparable). */
export type SamplerSpec =
  | { readonly name: 'ddpm' }
  | { readonly name: 'ddim'; readonly eta: number }
  | { readonly name: 'euler-maruyama' }
  | { readonly name: 'pf-euler' }
  | { readonly name: 'pf-heun' };

export type SamplerName = SamplerSpec['name'];

/**
 * Returns the SamplerStep a spec names: ddpm → ddpmStep, ddim → ddimStep(η), euler-maruyama →
 * eulerMaruyamaStep, pf-euler → pfEulerStep, pf-heun → pfHeunStep.
 *
 * @example
 * samplerStep({ name: 'ddim', eta: 0 }) // → a deterministic DDIM step
 */
export function samplerStep(spec: SamplerSpec): SamplerStep {
  switch (spec.name) {
    case 'ddpm':
      return ddpmStep;
    case 'ddim':
      return ddimStep(spec.eta);
    case 'euler-maruyama':
      return eulerMaruyamaStep;
    case 'pf-euler':
      return pfEulerStep;
    case 'pf-heun':
      return pfHeunStep;
    default:
      return assertNever(spec, 'sampler name');
  }
}

/**
 * Counts the denoiser evaluations (NFE) of an N-step run: N for every sampler but pf-heun, which
 * needs 2N − 1 (no correction on the step into σ_N = 0).
 *
 * @example
 * denoiserEvaluations({ name: 'pf-heun' }, 18) // → 35
 */
export function denoiserEvaluations(spec: SamplerSpec, steps: number): number {
  return spec.name === 'pf-heun' ? 2 * steps - 1 : steps;
}
