import { InvalidArgumentError, assertNever } from '../errors';
import { fillStandardNormal, fillUniform, type NoiseAddress } from '../math/rng';
import { logAddExp, log1mExp, logNdtr } from './special';

/**
 * The four isotropic warm-up noise laws of P1 (spec info-dynamics-likelihood.md §2.4), each
 * parameterised by its per-coordinate standard deviation σ0 (variance σ0², zero mean).
 */
export type NoiseLawName = 'gaussian' | 'laplace' | 'logistic' | 'uniform';

export const NOISE_LAW_NAMES: readonly NoiseLawName[] = ['gaussian', 'laplace', 'logistic', 'uniform'];

const LN_2PI = Math.log(2 * Math.PI);
const SQRT3 = Math.sqrt(3);

/** Scale of a law with standard deviation σ0: Laplace b = σ0/√2, logistic s = σ0√3/π, uniform half-width a = σ0√3. */
function scaleOf(law: NoiseLawName, sigma0: number): number {
  switch (law) {
    case 'gaussian': return sigma0;
    case 'laplace': return sigma0 / Math.SQRT2;
    case 'logistic': return (sigma0 * SQRT3) / Math.PI;
    case 'uniform': return sigma0 * SQRT3;
    default: return assertNever(law, 'noise law');
  }
}

/**
 * Computes the log density ln ψ(u) of one coordinate of the warm-up noise with standard deviation σ0.
 *
 * Gaussian −u²/(2σ0²) − ½ln(2πσ0²); Laplace (b = σ0/√2) −|u|/b − ln 2b; logistic (s = σ0√3/π)
 * −|u|/s − 2 log1p(e^{−|u|/s}) − ln s; uniform (a = σ0√3) −ln 2a on [−a, a], −∞ outside. In nats.
 *
 * @example
 * noiseLogDensity('laplace', 0, Math.SQRT2) // → −0.6931471805599453 (b = 1: ln ½)
 */
export function noiseLogDensity(law: NoiseLawName, u: number, sigma0: number): number {
  const c = scaleOf(law, sigma0);
  switch (law) {
    case 'gaussian': return -(u * u) / (2 * c * c) - 0.5 * (LN_2PI + 2 * Math.log(c));
    case 'laplace': return -Math.abs(u) / c - Math.log(2 * c);
    case 'logistic': {
      const a = Math.abs(u) / c;
      return -a - 2 * Math.log1p(Math.exp(-a)) - Math.log(c);
    }
    case 'uniform': return Math.abs(u) <= c ? -Math.log(2 * c) : -Infinity;
    default: return assertNever(law, 'noise law');
  }
}

/**
 * Computes the CDF P(U ≤ u) of one coordinate of the warm-up noise with standard deviation σ0.
 *
 * @example
 * noiseCdf('uniform', 0, 1) // → 0.5
 */
export function noiseCdf(law: NoiseLawName, u: number, sigma0: number): number {
  const c = scaleOf(law, sigma0);
  switch (law) {
    case 'gaussian': return Math.exp(logNdtr(u / c));
    case 'laplace': return u < 0 ? 0.5 * Math.exp(u / c) : 1 - 0.5 * Math.exp(-u / c);
    case 'logistic': return 1 / (1 + Math.exp(-u / c));
    case 'uniform': return Math.min(1, Math.max(0, (u + c) / (2 * c)));
    default: return assertNever(law, 'noise law');
  }
}

/** Excess kurtosis κ of each law (0 / 3 / 1.2 / −1.2): the O(t²) term of de Bruijn depends on it (spec §2.3). */
export const EXCESS_KURTOSIS: Readonly<Record<NoiseLawName, number>> = { gaussian: 0, laplace: 3, logistic: 1.2, uniform: -1.2 };

/**
 * Computes ln (ψ ⊛ N(0, τ))(z): the density at z of one coordinate of warm-up noise plus an extra
 * Gaussian of variance τ (spec §2.4, the law of the Gaussian interval).
 *
 * Gaussian: N(z; 0, σ0² + τ). Laplace (b): (1/4b)[e^{τ/2b² − z/b} erfc((τ/b − z)/√(2τ)) + e^{τ/2b² + z/b}
 * erfc((τ/b + z)/√(2τ))], each term in logs through log Φ. Uniform (a): (1/2a)[Φ((z+a)/√τ) − Φ((z−a)/√τ)]
 * in logs, signs flipped when both arguments are positive. Logistic: no closed form; composite Simpson
 * over u in the log domain (spacing min(s, √τ)/10; ~1e-10 relative).
 * τ = 0 gives noiseLogDensity. In nats; finite far into the tails (z = 40: Laplace ≈ ln(1/2b) − z/b + τ/2b²).
 *
 * @example
 * logConvolvedNoiseDensity('laplace', 0, 0.4 * Math.SQRT2, 0.09) // → −0.286907 (spec test LG)
 */
export function logConvolvedNoiseDensity(law: NoiseLawName, z: number, sigma0: number, tau: number): number {
  if (tau === 0) return noiseLogDensity(law, z, sigma0);
  const c = scaleOf(law, sigma0);
  switch (law) {
    case 'gaussian': {
      const v = c * c + tau;
      return -(z * z) / (2 * v) - 0.5 * (LN_2PI + Math.log(v));
    }
    case 'laplace': {
      const r = Math.sqrt(2 * tau);
      const shift = tau / (2 * c * c);
      const t1 = shift - z / c + Math.LN2 + logNdtr((-Math.SQRT2 * (tau / c - z)) / r);
      const t2 = shift + z / c + Math.LN2 + logNdtr((-Math.SQRT2 * (tau / c + z)) / r);
      return logAddExp(t1, t2) - Math.log(4 * c);
    }
    case 'uniform': {
      const s = Math.sqrt(tau);
      // Φ(u) − Φ(l) = Φ(−l) − Φ(−u); use the side where both CDF values are small (no cancellation).
      const [u, l] = z > 0 ? [(c - z) / s, (-c - z) / s] : [(z + c) / s, (z - c) / s];
      const logU = logNdtr(u);
      return logU + log1mExp(logU - logNdtr(l)) - Math.log(2 * c);
    }
    case 'logistic': return logisticConvolved(z, c, tau);
    default: return assertNever(law, 'noise law');
  }
}

/**
 * ln ∫ ψ_s(u) N(z − u; 0, τ) du for the logistic law of scale s: composite Simpson in u with spacing
 * min(s, √τ)/10 over [min(0, z) − 12√τ − 40s, max(0, z) + 12√τ + 40s], summed in the log domain.
 */
function logisticConvolved(z: number, s: number, tau: number): number {
  const root = Math.sqrt(tau);
  const lo = Math.min(0, z) - 12 * root - 40 * s, hi = Math.max(0, z) + 12 * root + 40 * s;
  const intervals = 2 * Math.ceil((hi - lo) / (2 * (Math.min(s, root) / 10)));
  const h = (hi - lo) / intervals;
  const logs = new Float64Array(intervals + 1);
  let max = -Infinity;
  for (let i = 0; i <= intervals; i++) {
    const u = lo + i * h;
    const a = Math.abs(u) / s;
    const weight = i === 0 || i === intervals ? 1 : i % 2 === 1 ? 4 : 2;
    const v = Math.log(weight) - a - 2 * Math.log1p(Math.exp(-a)) - Math.log(s) - ((z - u) ** 2) / (2 * tau) - 0.5 * (LN_2PI + Math.log(tau));
    logs[i] = v;
    if (v > max) max = v;
  }
  let sum = 0;
  for (const v of logs) sum += Math.exp(v - max);
  return max + Math.log(sum) + Math.log(h / 3);
}

/**
 * Fills `out` with i.i.d. draws of the warm-up noise of standard deviation σ0 from one seeded noise
 * address: Gaussian σ0·z (ziggurat normals), otherwise the inverse CDF of uniform draws p:
 * Laplace −b·sgn(p − ½)·ln(1 − 2|p − ½|), logistic s·ln(p/(1 − p)), uniform a(2p − 1).
 *
 * @example
 * fillNoise('uniform', 1, new Float64Array(3), { seed: 0, sample: 0, step: 0, stream: 9 }) // → 3 values in [−√3, √3]
 */
export function fillNoise(law: NoiseLawName, sigma0: number, out: Float64Array, address: NoiseAddress): Float64Array {
  if (!(sigma0 >= 0 && Number.isFinite(sigma0))) throw new InvalidArgumentError('sigma0', `expected a finite number ≥ 0, got ${sigma0}`);
  const c = scaleOf(law, sigma0);
  if (law === 'gaussian') {
    fillStandardNormal(out, address);
    for (let k = 0; k < out.length; k++) out[k] = c * out[k]!;
    return out;
  }
  fillUniform(out, address);
  for (let k = 0; k < out.length; k++) {
    const p = out[k]!;
    if (law === 'laplace') out[k] = -c * Math.sign(p - 0.5) * Math.log1p(-2 * Math.abs(p - 0.5));
    else if (law === 'logistic') out[k] = c * Math.log(p / (1 - p));
    else out[k] = c * (2 * p - 1);
  }
  return out;
}

/**
 * Discretises the warm-up law of variance t on a grid of spacing h: cell masses P(U ∈ [kh − h/2, kh + h/2])
 * for |k| ≤ half (12 standard deviations), renormalised, and the kernel's actual variance Σ m_k (kh)²
 * (spec §2.6.1: use that variance as t).
 *
 * @example
 * discreteNoiseKernel('uniform', 0.01, 0.001).variance // → ≈ 0.01
 */
export function discreteNoiseKernel(law: NoiseLawName, t: number, h: number): { masses: Float64Array; variance: number } {
  if (!(t > 0 && h > 0)) throw new InvalidArgumentError('t, h', `expected t > 0 and h > 0, got ${t}, ${h}`);
  const sigma0 = Math.sqrt(t);
  const half = Math.ceil((12 * sigma0) / h) + 2;
  const masses = new Float64Array(2 * half + 1);
  let total = 0;
  // Left half from CDF differences (small values, no cancellation), the right half by symmetry.
  for (let k = -half; k <= 0; k++) {
    const m = k === 0 ? 1 - 2 * noiseCdf(law, -0.5 * h, sigma0) : noiseCdf(law, (k + 0.5) * h, sigma0) - noiseCdf(law, (k - 0.5) * h, sigma0);
    masses[k + half] = m;
    masses[half - k] = m;
    total += k === 0 ? m : 2 * m;
  }
  let variance = 0;
  for (let k = -half; k <= half; k++) {
    masses[k + half] = masses[k + half]! / total;
    variance += masses[k + half]! * (k * h) ** 2;
  }
  return { masses, variance };
}
