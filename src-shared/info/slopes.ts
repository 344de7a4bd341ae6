import { InvalidArgumentError } from '../errors';
import { discreteNoiseKernel, type NoiseLawName } from './noiseLaws';

/** A one-dimensional Gaussian mixture Σ_k w_k N(m_k, v_k). */
export interface Mixture1d {
  readonly weights: readonly number[];
  readonly means: readonly number[];
  readonly variances: readonly number[];
}

/** Options of slopeCheck. */
export interface SlopeCheckOptions {
  readonly p: Mixture1d;
  readonly q: Mixture1d;
  readonly law: NoiseLawName;
  /** Grid spacing (default 0.004) and half-width (default 8): the grid is [−L, L]. */
  readonly step?: number;
  readonly halfWidth?: number;
  /** Noise variances t of the fit (default 24 values evenly in [5e-4, 0.02]). */
  readonly fitTs?: readonly number[];
  /** t of the finite secant slope (default 0.1). */
  readonly secantT?: number;
}

/** Theorem 1 and Proposition 2 of P1 checked numerically for one noise law (spec §2.6.1, test K1). */
export interface SlopeCheck {
  readonly law: NoiseLawName;
  /** J(p)/2 = ½ ∫ p'²/p: the predicted dh/dt at 0 for every law. */
  readonly fisherHalf: number;
  /** −F(p‖q)/2 = −½ ∫ p (s_p − s_q)²: the predicted dKL/dt at 0 for every law. */
  readonly relativeFisherHalf: number;
  /** c₁, c₂ of h(p_t) − h(p) = c₁t + c₂t² + c₃t³ (least squares on the fit ts). */
  readonly entropySlope: number;
  readonly entropyCurvature: number;
  /** c₁', c₂' of KL(p_t‖q_t) − KL(p‖q). */
  readonly klSlope: number;
  readonly klCurvature: number;
  /** (h(p_t) − h(p))/t at t = secantT: no longer universal. */
  readonly secantEntropySlope: number;
}

/**
 * Checks P1's Theorem 1 (d/dt KL(p_t‖q_t)|₀ = −½F(p‖q)) and Proposition 2 (d/dt h(X + √t U)|₀ = ½J(X))
 * for a unit-variance noise law in 1-D (spec §2.3, §2.6.1): p_t = p ⊛ ψ_t and q_t = q ⊛ ψ_t by direct
 * convolution on a grid with the law's discretised kernel, t its actual discrete variance; entropies
 * and KL by Riemann sums; a cubic fit in t through the origin gives the slopes (c₁ universal, c₂
 * law-dependent ∝ excess kurtosis). J and F by quadrature of the analytic mixture scores. Nats.
 *
 * @example
 * slopeCheck({ p, q, law: 'laplace' }).entropySlope // → 1.4512 (K1; = fisherHalf)
 */
export function slopeCheck(options: SlopeCheckOptions): SlopeCheck {
  const step = options.step ?? 0.004, halfWidth = options.halfWidth ?? 8;
  if (!(step > 0 && halfWidth > 10 * step)) throw new InvalidArgumentError('step, halfWidth', `expected 0 < 10·step < halfWidth, got ${step}, ${halfWidth}`);
  const n = 2 * Math.round(halfWidth / step) + 1;
  const xs = Float64Array.from({ length: n }, (_, i) => (i - (n - 1) / 2) * step);
  const p = xs.map((x) => mixtureDensity(options.p, x)), q = xs.map((x) => mixtureDensity(options.q, x));
  const h0 = gridEntropy(p, step), kl0 = gridKl(p, q, step);
  const ts: number[] = [], dh: number[] = [], dkl: number[] = [];
  const fitTs = options.fitTs ?? Array.from({ length: 24 }, (_, i) => 5e-4 + (i * (0.02 - 5e-4)) / 23);
  for (const t of fitTs) {
    const { masses, variance } = discreteNoiseKernel(options.law, t, step);
    const pt = convolve(p, masses), qt = convolve(q, masses);
    ts.push(variance);
    dh.push(gridEntropy(pt, step) - h0);
    dkl.push(gridKl(pt, qt, step) - kl0);
  }
  const [entropySlope, entropyCurvature] = cubicThroughOrigin(ts, dh);
  const [klSlope, klCurvature] = cubicThroughOrigin(ts, dkl);
  const secant = discreteNoiseKernel(options.law, options.secantT ?? 0.1, step);
  const secantEntropySlope = (gridEntropy(convolve(p, secant.masses), step) - h0) / secant.variance;
  let fisher = 0, relative = 0;
  for (const x of xs) {
    const { density, score } = mixtureScore(options.p, x);
    if (density === 0) continue;
    fisher += density * score * score * step;
    relative += density * (score - mixtureScore(options.q, x).score) ** 2 * step;
  }
  return { law: options.law, fisherHalf: 0.5 * fisher, relativeFisherHalf: -0.5 * relative, entropySlope, entropyCurvature, klSlope, klCurvature, secantEntropySlope };
}

function mixtureDensity(m: Mixture1d, x: number): number {
  let s = 0;
  m.weights.forEach((w, k) => { s += (w * Math.exp(-((x - m.means[k]!) ** 2) / (2 * m.variances[k]!))) / Math.sqrt(2 * Math.PI * m.variances[k]!); });
  return s;
}

/** The density and the score (ln p)' of a mixture at x. */
function mixtureScore(m: Mixture1d, x: number): { density: number; score: number } {
  let density = 0, slope = 0;
  m.weights.forEach((w, k) => {
    const v = m.variances[k]!, c = x - m.means[k]!;
    const f = (w * Math.exp(-(c * c) / (2 * v))) / Math.sqrt(2 * Math.PI * v);
    density += f;
    slope -= (f * c) / v;
  });
  return { density, score: density > 0 ? slope / density : 0 };
}

/** (f ⊛ m)(x_i) = Σ_k m_k f(x_{i−k}), the kernel centred; f is 0 outside the grid. */
function convolve(f: Float64Array, masses: Float64Array): Float64Array {
  const n = f.length, half = (masses.length - 1) / 2;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const lo = Math.max(-half, i - n + 1), hi = Math.min(half, i);
    for (let k = lo; k <= hi; k++) s += masses[k + half]! * f[i - k]!;
    out[i] = s;
  }
  return out;
}

function gridEntropy(p: Float64Array, step: number): number {
  let h = 0;
  for (const v of p) if (v > 0) h -= v * Math.log(v);
  return h * step;
}

function gridKl(p: Float64Array, q: Float64Array, step: number): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) s += p[i]! * Math.log(p[i]! / q[i]!);
  return s * step;
}

/** Least squares y ≈ c₁t + c₂t² + c₃t³ by the 3 × 3 normal equations (Cramer's rule). */
function cubicThroughOrigin(ts: readonly number[], ys: readonly number[]): [number, number, number] {
  const a = [[0, 0, 0], [0, 0, 0], [0, 0, 0]], b = [0, 0, 0];
  ts.forEach((t, i) => {
    const basis = [t, t * t, t * t * t];
    for (let r = 0; r < 3; r++) {
      b[r]! += basis[r]! * ys[i]!;
      for (let c = 0; c < 3; c++) a[r]![c]! += basis[r]! * basis[c]!;
    }
  });
  const det = (m: number[][]) => m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) - m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) + m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!);
  const full = det(a);
  const solve = (col: number) => det(a.map((row, r) => row.map((v, c) => (c === col ? b[r]! : v)))) / full;
  return [solve(0), solve(1), solve(2)];
}
