import { expect } from 'vitest';
import { probeBackends, unavailableReason } from '../../../../src-main/engine/backend';
import { GPU_BACKENDS, type GpuBackend } from '../../../../src-main/engine/gpu/context';

/** Unit roundoff of float32, u = 2⁻²⁴. */
export const F32_U = 2 ** -24;

/**
 * Relative tolerance of a float32 sum of n terms: 8u·√n ≈ 5e-7·√n. Rounding errors of a recursive
 * sum behave like a random walk of n steps of size ≤ u·|partial sum| (Higham, Accuracy and Stability
 * of Numerical Algorithms, §4.2), whose standard deviation is ≈ 0.6u·√n·|sum|; 8u√n is over ten of
 * them, yet far below the worst case n·u that would make the tests vacuous.
 */
export function sumTol(n: number): number {
  return 8 * F32_U * Math.sqrt(n);
}

/**
 * Relative error of a float32 exp(x): (3 + 2|x|) ulp, the WGSL accuracy requirement (the loosest of
 * the backends: webasm and gpujs-cpu round an f64 exp, ≤ 1 ulp; GLSL ES 3 requires 3 ulp).
 */
export function expTol(x: number): number {
  return (3 + 2 * Math.abs(x)) * F32_U;
}

/** Absolute error of a float32 ln(s) for s ≥ 1/2: 2⁻²¹ (WGSL) plus one ulp of the result. */
export function logTol(value: number): number {
  return 2 ** -21 + F32_U * Math.abs(value);
}

/**
 * Which gpu.js backends this machine has (the engine's own probe, which also installs Dawn's
 * navigator.gpu under Node), and "no <backend> on this machine" when it has not. Software adapters
 * count as present: parity is about correctness, not speed.
 */
export async function backendAvailability(): Promise<Record<GpuBackend, string | null>> {
  const probe = await probeBackends();
  return Object.fromEntries(GPU_BACKENDS.map((b) => [b, unavailableReason(b, probe) === null ? null : `no ${b} on this machine`])) as Record<GpuBackend, string | null>;
}

/** The name of a parity test: itself when the backend is here, else "not run: <reason> (<name>)". */
export function parityName(backend: GpuBackend, missing: string | null, name: string): string {
  return missing === null ? `${backend}: ${name}` : `not run: ${missing} (${backend}: ${name})`;
}

/** Asserts |actual_i − expected_i| ≤ tol_i elementwise, naming the worst index on failure. */
export function expectWithin(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: ArrayLike<number>, what: string): void {
  expect(actual.length, `${what}: lengths`).toBe(expected.length);
  let worst = -1;
  let worstRatio = 0;
  for (let i = 0; i < expected.length; i++) {
    const delta = Math.abs(actual[i]! - expected[i]!);
    const ratio = delta / tol[i]!;
    if (!(ratio <= worstRatio)) {
      worstRatio = ratio;
      worst = i;
    }
  }
  const i = worst;
  expect(worstRatio, `${what}[${i}]: actual ${actual[i]}, expected ${expected[i]}, Δ ${Math.abs(actual[i]! - expected[i]!)} > tol ${tol[i]}`).toBeLessThanOrEqual(1);
}
