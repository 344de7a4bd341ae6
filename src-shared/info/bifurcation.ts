import { CancelledError, InvalidArgumentError } from '../errors';
import type { Cancellation } from '../diffusion/types';
import type { EmpiricalSet } from './dataset';
import { dataMean } from './dataset';
import { empiricalPosterior, posteriorCovarianceTimes, topEigenpair } from './posterior';

/** Options of mean-shift mode finding. */
export interface MeanShiftOptions {
  /** Stop when ‖D(x) − x‖ < tol·√ν (default 1e-10, spec §3.5.6). */
  readonly tol?: number;
  /** Default 10,000. */
  readonly maxIterations?: number;
  /** Start of the power iteration for λ_max(M) (the previous direction along a continuation). */
  readonly direction?: ArrayLike<number>;
}

/** A fixed point of the denoiser x* = D(x*; ν) (a critical point of p_ν) and its stability. */
export interface ModePoint {
  readonly nu: number;
  readonly lambda: number;
  readonly x: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** λ_max(M), M = Cov[x₀|x*]/ν = ∇D: < 1 stable mode, > 1 unstable (spec §3.3e). */
  readonly topEigenvalue: number;
  /** The unit eigenvector of λ_max(M). */
  readonly direction: Float64Array;
}

/**
 * Finds the fixed point of the denoiser reached by mean shift x ← D(x; ν) from `start` (spec §3.5.6):
 * the mode of p_ν whose basin contains `start` (or the critical point it starts on, e.g. a symmetric
 * centre), with λ_max(M) by power iteration on C v = Σ w_j (x_j − D)((x_j − D)·v).
 *
 * @example
 * meanShiftMode(pm1, Float64Array.of(0.3), 0.5).x // → [0.95750] (tanh(x/ν) = x, spec test CW)
 */
export function meanShiftMode(set: EmpiricalSet, start: ArrayLike<number>, nu: number, options: MeanShiftOptions = {}): ModePoint {
  if (!(nu > 0 && Number.isFinite(nu))) throw new InvalidArgumentError('nu', `expected a finite variance > 0, got ${nu}`);
  const tol = (options.tol ?? 1e-10) * Math.sqrt(nu);
  const maxIterations = options.maxIterations ?? 10_000;
  let x: Float64Array = Float64Array.from(start);
  let posterior = empiricalPosterior(set, x, nu);
  let iterations = 0, converged = false;
  for (; iterations < maxIterations; iterations++) {
    const step = distance(posterior.denoised, x);
    if (step < tol) { converged = true; break; }
    x = posterior.denoised;
    posterior = empiricalPosterior(set, x, nu);
  }
  // 1e-10 relative on λ_max is far below what a crossing or a fold needs.
  const top = topEigenpair((v) => posteriorCovarianceTimes(set, posterior, v).map((c) => c / nu), set.dimension, 1e-10, options.direction);
  return { nu, lambda: -Math.log(nu), x, iterations, converged, topEigenvalue: top.value, direction: top.vector };
}

/** The tracked branch and where its stability is lost. */
export interface ModeTrack {
  readonly points: ModePoint[];
  /** First crossing of λ_max(M) = 1 along the track (pitchfork or loss of stability), ln λ_max interpolated linearly in λ; null when none. */
  readonly crossing: { readonly nu: number; readonly lambda: number } | null;
  /** Modes reached from x* ± 1e-3·√ν·v₁ at the first ν past the crossing with λ_max(M) > 1 (the new branches). */
  readonly newBranches: ModePoint[];
}

/**
 * Tracks a fixed point of the denoiser from high to low noise by mean shift with continuation (each ν
 * starts from the previous x*), recording λ_max(M) (spec §3.5.6, `track_modes` of §3.6). Started on
 * the data mean, the track stays on the central critical point after it turns unstable, so the
 * crossing λ_max(M) = 1 marks the first symmetry breaking; the new branches are followed from
 * x* ± 1e-3·√ν·v₁. `nus` must decrease.
 *
 * @example
 * trackModes(pm1, geometricNus(4, 0.25, 41)).crossing // → { nu: 1, lambda: 0 } (spec test T1)
 */
export function trackModes(set: EmpiricalSet, nus: ArrayLike<number>, options: MeanShiftOptions & { start?: ArrayLike<number>; cancellation?: Cancellation; onProgress?: (done: number, total: number) => void } = {}): ModeTrack {
  for (let i = 1; i < nus.length; i++) if (!(nus[i]! < nus[i - 1]!)) throw new InvalidArgumentError(`nus[${i}]`, `expected a decreasing sequence, got ${nus[i]} after ${nus[i - 1]}`);
  const points: ModePoint[] = [];
  let x: ArrayLike<number> = options.start ?? dataMean(set);
  for (let i = 0; i < nus.length; i++) {
    if (options.cancellation?.aborted) throw new CancelledError();
    const previous = points[points.length - 1];
    const point = meanShiftMode(set, x, nus[i]!, previous ? { ...options, direction: previous.direction } : options);
    points.push(point);
    x = point.x;
    options.onProgress?.(i + 1, nus.length);
  }
  let crossing: ModeTrack['crossing'] = null;
  let newBranches: ModePoint[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!, b = points[i + 1]!;
    if (a.topEigenvalue < 1 && b.topEigenvalue >= 1) {
      // ln λ_max is close to linear in λ (exactly so on a symmetric centre, λ_max = e^λ·const).
      const f = -Math.log(a.topEigenvalue) / (Math.log(b.topEigenvalue) - Math.log(a.topEigenvalue));
      const lambda = a.lambda + f * (b.lambda - a.lambda);
      crossing = { nu: Math.exp(-lambda), lambda };
      const unstable = points.slice(i + 1).find((p) => p.topEigenvalue > 1 + 1e-6);
      if (unstable) {
        const kick = 1e-3 * Math.sqrt(unstable.nu);
        newBranches = [1, -1].map((sign) => meanShiftMode(set, unstable.x.map((v, k) => v + sign * kick * unstable.direction[k]!), unstable.nu, options));
      }
      break;
    }
  }
  return { points, crossing, newBranches };
}

/** Where a branch followed upwards in ν ceases to exist (a fold, saddle-node). */
export interface Fold {
  /** The branch's points, ν increasing, all alive. */
  readonly points: ModePoint[];
  /** Largest ν where the branch was found alive. */
  readonly lastAliveNu: number;
  /** The fold ν_f: zero of (1 − λ_max(M))², linear in ν near a saddle-node, fitted on the last alive points. */
  readonly nu: number;
  readonly lambda: number;
  /** False when the branch was still alive at nuMax. */
  readonly found: boolean;
}

/** Options of followBranch. */
export interface FollowBranchOptions extends MeanShiftOptions {
  readonly nuStart: number;
  readonly nuMax: number;
  /** Geometric step in ν before the fold is bracketed (default 1.05). */
  readonly factor?: number;
  /** Bisection until the bracket's relative width is below this (default 1e-8). */
  readonly bracketTol?: number;
  readonly cancellation?: Cancellation;
}

/**
 * Follows the branch of modes that starts at `start` (e.g. a data point, at small ν) upwards in ν
 * until it dies, the fold of spec §3.5.6: folds do not show on the tracked central branch. A step is
 * alive when mean shift from the previous mode converges, stays within √ν of it and λ_max(M) < 1; the
 * death is bracketed geometrically, then bisected to a relative width of bracketTol, and ν_f is the zero of a line through the last
 * three alive (ν, (1 − λ_max)²) (λ_max → 1 like √(ν_f − ν) at a saddle-node).
 *
 * @example
 * followBranch(weighted, Float64Array.of(-1), { nuStart: 0.01, nuMax: 4 }).nu // → 0.81878² for weights (0.6, 0.4) on ±1 (spec test A1)
 */
export function followBranch(set: EmpiricalSet, start: ArrayLike<number>, options: FollowBranchOptions): Fold {
  const { nuStart, nuMax } = options;
  if (!(nuStart > 0 && nuStart < nuMax)) throw new InvalidArgumentError('nuStart, nuMax', `expected 0 < nuStart < nuMax, got ${nuStart}, ${nuMax}`);
  const factor = options.factor ?? 1.05;
  const msOptions = { tol: options.tol ?? 1e-10, maxIterations: options.maxIterations ?? 20_000 };
  const alive = (from: ModePoint | null, x: ArrayLike<number>, nu: number): ModePoint | null => {
    const p = meanShiftMode(set, x, nu, from ? { ...msOptions, direction: from.direction } : msOptions);
    const stays = from === null || distance(p.x, from.x) < Math.sqrt(nu);
    return p.converged && stays && p.topEigenvalue < 1 ? p : null;
  };
  const first = alive(null, start, nuStart);
  if (!first) throw new InvalidArgumentError('start', `no stable mode found from the start at ν = ${nuStart}`);
  const points: ModePoint[] = [first];
  let last = first;
  let deadNu = NaN;
  for (let nu = nuStart * factor; nu <= nuMax * factor; nu *= factor) {
    if (options.cancellation?.aborted) throw new CancelledError();
    const p = alive(last, last.x, Math.min(nu, nuMax));
    if (!p) { deadNu = Math.min(nu, nuMax); break; }
    points.push(p);
    last = p;
    if (nu >= nuMax) break;
  }
  if (Number.isNaN(deadNu)) return { points, lastAliveNu: last.nu, nu: NaN, lambda: NaN, found: false };
  let lo = last.nu, hi = deadNu;
  const bracketTol = options.bracketTol ?? 1e-8;
  while (hi / lo - 1 > bracketTol) {
    if (options.cancellation?.aborted) throw new CancelledError();
    const mid = Math.sqrt(lo * hi);
    const p = alive(last, last.x, mid);
    if (p) { points.push(p); last = p; lo = mid; }
    else hi = mid;
  }
  const nu = foldFromSquareRoot(points.slice(-3));
  return { points, lastAliveNu: last.nu, nu, lambda: -Math.log(nu), found: true };
}

/** Zero of the least-squares line through (ν, (1 − λ_max)²) of the given points (the last alive ones). */
function foldFromSquareRoot(points: readonly ModePoint[]): number {
  if (points.length < 2) return points[0]?.nu ?? NaN;
  const xs = points.map((p) => p.nu), ys = points.map((p) => (1 - p.topEigenvalue) ** 2);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length, my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0, sxx = 0;
  xs.forEach((x, i) => { sxy += (x - mx) * (ys[i]! - my); sxx += (x - mx) ** 2; });
  const slope = sxy / sxx;
  return slope < 0 ? mx - my / slope : xs[xs.length - 1]!;
}

/**
 * Computes the spectral estimate of the first speciation: ν_S ≈ λ_max(Σ_data), λ_S = −ln ν_S, OU-VP
 * time t_S = ½ ln λ_max (Biroli et al. 2024; spec §3.3e, §7 Q6), by power iteration on
 * Σ v = Σ_j π_j (x_j − μ)((x_j − μ)·v).
 *
 * @example
 * spectralSpeciation(pm1) // → { nu: 1, lambda: 0, ouTime: 0 }
 */
export function spectralSpeciation(set: EmpiricalSet): { nu: number; lambda: number; ouTime: number } {
  const { count, dimension: d, points, logPrior } = set;
  const mean = dataMean(set);
  const times = (v: Float64Array) => {
    const out = new Float64Array(d);
    for (let j = 0; j < count; j++) {
      let dot = 0;
      for (let k = 0; k < d; k++) dot += (points[j * d + k]! - mean[k]!) * v[k]!;
      const s = Math.exp(logPrior[j]!) * dot;
      for (let k = 0; k < d; k++) out[k] = out[k]! + s * (points[j * d + k]! - mean[k]!);
    }
    return out;
  };
  const nu = topEigenpair(times, d).value;
  return { nu, lambda: 0 - Math.log(nu), ouTime: 0.5 * Math.log(nu) };
}

/**
 * Computes the collapse time onto the training points for isotropic Gaussian data of per-dimension
 * variance v, N points in d dimensions (OU-VP time): t_C = ½ ln(1 + v/(N^{2/d} − 1)) (spec §3.3e,
 * Biroli et al. 2024, re-derived; test BC).
 *
 * @example
 * collapseTime(60000, 784, 0.1) // → 0.7535
 */
export function collapseTime(count: number, dimension: number, variance: number): number {
  return 0.5 * Math.log1p(variance / Math.expm1((2 * Math.log(count)) / dimension));
}

/**
 * Returns `count` values of ν decreasing geometrically from nuMax to nuMin (a tracking grid uniform in λ).
 *
 * @example
 * geometricNus(4, 0.25, 3) // → [4, 1, 0.25]
 */
export function geometricNus(nuMax: number, nuMin: number, count: number): Float64Array {
  if (!(nuMax > nuMin && nuMin > 0) || !Number.isInteger(count) || count < 2) throw new InvalidArgumentError('nuMax, nuMin, count', `expected nuMax > nuMin > 0 and count ≥ 2, got ${nuMax}, ${nuMin}, ${count}`);
  return Float64Array.from({ length: count }, (_, i) => Math.exp(Math.log(nuMax) + (i / (count - 1)) * (Math.log(nuMin) - Math.log(nuMax))));
}

function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k]! - b[k]!) ** 2;
  return Math.sqrt(s);
}
