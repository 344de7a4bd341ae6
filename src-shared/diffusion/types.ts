/**
 * The contracts that join schedules, denoisers and samplers (k-diffusion's separation: the three
 * meet only through D(x; σ)). Every sampler works in the variance-exploding parameterisation
 * x̃ = x/α, where x̃_σ = x₀ + σ ε; a VP (DDPM) state x_t = √ᾱ x₀ + √(1−ᾱ) ε maps to it with
 * σ = √((1−ᾱ)/ᾱ). Glossary: ./NOTATION.md.
 */

declare const sigmasBrand: unique symbol;

/**
 * Noise levels σ_0 > σ_1 > … > σ_{N−1} > σ_N = 0: N steps, N + 1 entries, the last exactly 0.
 * Only schedule constructors create this type, so samplers need not re-check it.
 */
export type Sigmas = Float64Array & { readonly [sigmasBrand]: true };

/** A discretisation of the reverse process as used by a run (stored exactly, never re-derived). */
export interface Schedule {
  readonly sigmas: Sigmas;
  /** VP schedules start from x_T ~ N(0, I) in VP space, i.e. x̃ ~ N(0, (1 + σ_0²) I); VE ones from N(0, σ_0² I). */
  readonly variancePreserving: boolean;
}

/** Structural subset of AbortSignal, so this environment-free code needs no DOM or Node types. */
export interface Cancellation {
  readonly aborted: boolean;
}

/** Noise streams of one sample; with (seed, sample, step) they address a Philox draw. */
export const NOISE_STREAM = {
  /** x_T, drawn once (step 0). */
  prior: 0,
  /** z of ancestral / SDE steps. */
  sampler: 1,
  /** ξ of stochastic (toy) denoisers; evaluation e of a step uses stream denoiser + e. */
  denoiser: 2,
} as const;

/**
 * Standard normal noise of one (seed, sample): a pure function of (step, stream, length).
 * Returned arrays may be shared between callers (common random numbers): never mutate them.
 */
export interface NoiseSource {
  normal(step: number, stream: number, length: number): Float64Array;
}

/** Where a denoiser evaluation happens: the step index and the evaluation within the step (Heun: 0, 1). */
export interface DenoiseContext {
  readonly step: number;
  readonly evaluation: number;
  readonly noise: NoiseSource;
}

/**
 * A denoiser D(x; σ): the estimate of the clean sample x₀ given x̃ = x₀ + σ ε (Karras et al. 2022).
 * Must not mutate x. The returned array is read-only for the caller: a denoiser whose output does not
 * depend on x (the toy oracle) returns the same array to every call with the same context, so
 * variants advancing in lockstep share it.
 */
export interface Denoiser {
  denoise(x: Float64Array, sigma: number, ctx: DenoiseContext): Float64Array;
}

/** What a sampler step may use: the schedule, the (possibly projected) denoiser and the step's noise. */
export interface StepEnv {
  readonly sigmas: Sigmas;
  /** D(x; σ) at step i, evaluation e; a projection on x̂₀ is applied inside this function. */
  denoise(x: Float64Array, sigma: number, i: number, evaluation: number): Float64Array;
  /** Sampler noise z for step i (stream NOISE_STREAM.sampler). */
  noise(i: number): Float64Array;
}

/** The state after one step from σ_i to σ_{i+1}, and the x̂₀ of the step's first evaluation. */
export interface StepResult {
  readonly x: Float64Array;
  readonly denoised: Float64Array;
}

/** One reverse step x(σ_i) → x(σ_{i+1}); i runs 0 … N−1. Must not mutate x. */
export type SamplerStep = (x: Float64Array, i: number, env: StepEnv) => StepResult;
