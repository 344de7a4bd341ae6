import { CancelledError, InvalidArgumentError } from '../errors';
import type { Cancellation } from '../diffusion/types';
import type { EmpiricalSet } from './dataset';
import { bitsPerDim } from './entropy';
import { fillNoise, noiseLogDensity, type NoiseLawName } from './noiseLaws';

const LN_2PI = Math.log(2 * Math.PI);

/**
 * Computes the exact negative log-likelihood of a warm-started point under the warm-started empirical
 * law p̃ = Σ_i π_i Π_k ψ_{σ0}(· − x_ik) (spec §2.6.2): −ln p̃(x̃) = −LSE_i[ln π_i + Σ_k ln ψ(x̃_k − x_ik)].
 * +∞ when x̃ lies outside every training box of the uniform law. Nats.
 *
 * @example
 * warmStartNll(set, Float64Array.of(0.1), 'gaussian', 0.3) // → −ln p̃(0.1)
 */
export function warmStartNll(set: EmpiricalSet, x: ArrayLike<number>, law: NoiseLawName, sigma0: number): number {
  const { count: n, dimension: d, points, logPrior } = set;
  if (x.length !== d) throw new InvalidArgumentError('x', `expected ${d} coordinates, got ${x.length}`);
  let max = -Infinity;
  const terms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = logPrior[j]!;
    for (let k = 0; k < d && s > -Infinity; k++) s += noiseLogDensity(law, x[k]! - points[j * d + k]!, sigma0);
    terms[j] = s;
    if (s > max) max = s;
  }
  if (max === -Infinity) return Infinity;
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - max);
  return -(max + Math.log(sum));
}

/** Options of heldOutCurve. */
export interface HeldOutOptions {
  readonly laws: readonly NoiseLawName[];
  /** Warm-up standard deviations σ0 to evaluate (any order). */
  readonly sigma0s: readonly number[];
  /** Seed of the evaluation warm-up noise u (x̃ = x + σ0 u, the same u for every σ0: common random numbers). */
  readonly seed: number;
  /** Bin width Δ of the data's quantisation for bits per dimension (spec §1.4); undefined: nats/(d ln 2). */
  readonly binWidth?: number;
  readonly cancellation?: Cancellation;
  readonly onProgress?: (done: number, total: number) => void;
}

/** The held-out NLL at one (law, σ0). */
export interface HeldOutPoint {
  readonly law: NoiseLawName;
  readonly sigma0: number;
  /** Mean over test points of −ln p̃_train(x̃_test), nats (+∞ when some point has zero density). */
  readonly meanNats: number;
  readonly meanNatsSe: number;
  readonly bitsPerDim: number;
  /** Fraction of test points with finite NLL (< 1 only for the uniform law). */
  readonly finiteFraction: number;
}

/**
 * Computes the held-out NLL of warm-started test points against σ0 for each warm-up law: the
 * "KDE bandwidth" U-curve of spec §2.6.2 and §7 Q7 (P1's likelihood trade-off in miniature). Test point
 * x_t is evaluated warm-started as in P1, x̃_t = x_t + σ0 u_t with u_t ~ ψ₁ (unit variance) fixed per
 * point, under p̃_train = train ⊛ ψ_{σ0}. Small σ0: the density collapses onto the training points and
 * the NLL of unseen points grows like ‖x_t − x_nn‖²/(2σ0²); large σ0: it grows like (d/2) ln(2πeσ0²).
 * Light tails lose (uniform: +∞ outside every box). Cost O(T·N·d) per (law, σ0).
 *
 * @example
 * heldOutCurve(train, test, { laws: ['gaussian'], sigma0s: [0.1, 0.3, 1], seed: 0 }) // U-shaped in σ0
 */
export function heldOutCurve(train: EmpiricalSet, test: Float64Array, options: HeldOutOptions): HeldOutPoint[] {
  const d = train.dimension;
  if (test.length === 0 || test.length % d !== 0) throw new InvalidArgumentError('test', `expected rows of ${d} values, got ${test.length} values`);
  for (const s of options.sigma0s) if (!(s > 0 && Number.isFinite(s))) throw new InvalidArgumentError('sigma0s', `expected finite σ0 > 0, got ${s}`);
  const count = test.length / d;
  const total = options.laws.length * options.sigma0s.length;
  const out: HeldOutPoint[] = [];
  const x = new Float64Array(d);
  for (const law of options.laws) {
    const unit = new Float64Array(count * d);
    for (let t = 0; t < count; t++) fillNoise(law, 1, unit.subarray(t * d, (t + 1) * d), { seed: options.seed, sample: t, step: 0, stream: 32 });
    for (const sigma0 of options.sigma0s) {
      if (options.cancellation?.aborted) throw new CancelledError();
      const nll = new Float64Array(count);
      for (let t = 0; t < count; t++) {
        for (let k = 0; k < d; k++) x[k] = test[t * d + k]! + sigma0 * unit[t * d + k]!;
        nll[t] = law === 'gaussian' ? gaussianNll(train, x, sigma0) : warmStartNll(train, x, law, sigma0);
      }
      const finite = nll.filter(Number.isFinite);
      let mean = 0;
      for (const v of nll) mean += v / count;
      let ss = 0;
      for (const v of finite) ss += (v - mean) ** 2;
      const se = finite.length === count && count > 1 ? Math.sqrt(ss / (count - 1) / count) : NaN;
      out.push({ law, sigma0, meanNats: mean, meanNatsSe: se, bitsPerDim: bitsPerDim(mean, d, options.binWidth), finiteFraction: finite.length / count });
      options.onProgress?.(out.length, total);
    }
  }
  return out;
}

/** −ln p̃(x) for the Gaussian warm start by squared distances (one exp per training point, not per coordinate). */
function gaussianNll(set: EmpiricalSet, x: Float64Array, sigma0: number): number {
  const { count: n, dimension: d, points, logPrior } = set;
  const scale = 1 / (2 * sigma0 * sigma0);
  let max = -Infinity;
  const terms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let d2 = 0;
    for (let k = 0, o = j * d; k < d; k++, o++) {
      const diff = x[k]! - points[o]!;
      d2 += diff * diff;
    }
    const t = logPrior[j]! - d2 * scale;
    terms[j] = t;
    if (t > max) max = t;
  }
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - max);
  return -(max + Math.log(sum)) + 0.5 * d * (LN_2PI + 2 * Math.log(sigma0));
}
