import { InvalidArgumentError } from '../errors';
import { dataCovariance, dataMean, empiricalSet, type EmpiricalSet } from './dataset';
import { symmetricEigen, type SymmetricEigen } from './symmetricEigen';

const LN_2PI = Math.log(2 * Math.PI);

/**
 * A model density q_0 known through its diffused scores: q_τ = q_0 ⊛ N(0, τ I) (spec §2.3, §2.6.4). What
 * the Theorem-2 bound needs is the noise prediction n̂_θ(y, τ) = −√τ ∇ln q_τ(y) = √τ (y − D_θ(y))/(ν_θ)
 * for a model denoiser D_θ at its total variance ν_θ.
 */
export interface ModelDenoiser {
  readonly name: string;
  readonly dimension: number;
  /** n̂_θ for every row of ys (B × d) at extra variance τ, into out (B × d). */
  noisePredictions(ys: Float64Array, tau: number, out: Float64Array): void;
  /** −ln q_τ(y) (τ = 0: the model's exact negative log-density, the bound's target). */
  negLogDensity(y: ArrayLike<number>, tau: number): number;
}

/**
 * The kernel density estimate q_0 = Σ_i π_i N(x_i, h² I) of a dataset (spec §2.6.4 (a)); on a subset of
 * the points it is model (c), memorisation. q_τ = Σ_i π_i N(x_i, (h² + τ) I), so
 * n̂ = √τ (y − D(y; h² + τ))/(h² + τ) with D the empirical posterior mean at variance h² + τ: an exact
 * score, so the bound equals −ln q_0 up to quadrature and the prior's mismatch (tests W2–W4).
 * h = σ0 on the full data is the warm-started data law itself.
 *
 * @example
 * kdeModel(set, 0.5).negLogDensity(Float64Array.of(0, 0), 0) // → −ln q_0(0)
 */
export function kdeModel(set: EmpiricalSet, bandwidth: number, name = `kde(h=${bandwidth})`): ModelDenoiser {
  if (!(bandwidth > 0 && Number.isFinite(bandwidth))) throw new InvalidArgumentError('bandwidth', `expected a finite h > 0, got ${bandwidth}`);
  const { count: n, dimension: d, points, logPrior } = set;
  const logits = new Float64Array(n);
  const denoised = new Float64Array(d);
  const logDensity = (y: ArrayLike<number>, nu: number): number => {
    let max = -Infinity;
    for (let j = 0; j < n; j++) {
      let d2 = 0;
      for (let k = 0; k < d; k++) d2 += (y[k]! - points[j * d + k]!) ** 2;
      const l = logPrior[j]! - d2 / (2 * nu);
      logits[j] = l;
      if (l > max) max = l;
    }
    let sum = 0;
    for (let j = 0; j < n; j++) sum += Math.exp(logits[j]! - max);
    return max + Math.log(sum) - 0.5 * d * (LN_2PI + Math.log(nu));
  };
  return {
    name,
    dimension: d,
    noisePredictions(ys, tau, out) {
      const nu = bandwidth * bandwidth + tau;
      const scale = Math.sqrt(tau) / nu;
      const rows = ys.length / d;
      for (let b = 0; b < rows; b++) {
        const y = ys.subarray(b * d, (b + 1) * d);
        logDensity(y, nu);
        let max = -Infinity;
        for (let j = 0; j < n; j++) if (logits[j]! > max) max = logits[j]!;
        let sum = 0;
        denoised.fill(0);
        for (let j = 0; j < n; j++) {
          const w = Math.exp(logits[j]! - max);
          sum += w;
          for (let k = 0; k < d; k++) denoised[k] = denoised[k]! + w * points[j * d + k]!;
        }
        for (let k = 0; k < d; k++) out[b * d + k] = scale * (y[k]! - denoised[k]! / sum);
      }
    },
    negLogDensity: (y, tau) => -logDensity(y, bandwidth * bandwidth + tau),
  };
}

/**
 * The KDE on the first `count` points only (spec §2.6.4 (c): a memorising model of a subset).
 *
 * @example
 * kdeSubsetModel(set, 0.3, 100).name // → 'kde-subset(h=0.3, n=100)'
 */
export function kdeSubsetModel(set: EmpiricalSet, bandwidth: number, count: number): ModelDenoiser {
  if (!(Number.isInteger(count) && count >= 1 && count <= set.count)) throw new InvalidArgumentError('count', `expected an integer in [1, ${set.count}], got ${count}`);
  const d = set.dimension;
  const weights = Array.from(set.logPrior.subarray(0, count), Math.exp);
  const subset = empiricalSet(set.points.slice(0, count * d), count, d, { weights });
  return kdeModel(subset, bandwidth, `kde-subset(h=${bandwidth}, n=${count})`);
}

/**
 * The linear (Wiener) model q_0 = N(μ, Σ + σ0² I) fitted to a dataset's mean and covariance (spec
 * §2.6.4 (b)): D(ỹ) = μ + Σ(Σ + νI)^{-1}(ỹ − μ), n̂ = √τ (Σ + (σ0² + τ) I)^{-1}(y − μ) through the
 * eigen-decomposition of Σ (O(d³) once, O(d²) per row). Its bound with the exact terminal prior equals
 * the Gaussian negative log-density.
 *
 * @example
 * wienerModel(set, 0.3).negLogDensity(mean, 0) // → ½ Σ ln(2π(v_k + σ0²))
 */
export function wienerModel(set: EmpiricalSet, sigma0: number, eigen?: SymmetricEigen): ModelDenoiser {
  if (!(sigma0 >= 0 && Number.isFinite(sigma0))) throw new InvalidArgumentError('sigma0', `expected a finite σ0 ≥ 0, got ${sigma0}`);
  const d = set.dimension;
  const mean = dataMean(set);
  const { values, vectors } = eigen ?? symmetricEigen(dataCovariance(set), d);
  const coords = new Float64Array(d);
  const project = (y: ArrayLike<number>) => {
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += vectors[a * d + k]! * (y[k]! - mean[k]!);
      coords[a] = s;
    }
  };
  const variance = (a: number, tau: number) => Math.max(0, values[a]!) + sigma0 * sigma0 + tau;
  return {
    name: `wiener(σ0=${sigma0})`,
    dimension: d,
    noisePredictions(ys, tau, out) {
      const root = Math.sqrt(tau);
      for (let b = 0; b < ys.length / d; b++) {
        project(ys.subarray(b * d, (b + 1) * d));
        for (let k = 0; k < d; k++) out[b * d + k] = 0;
        for (let a = 0; a < d; a++) {
          const c = (root * coords[a]!) / variance(a, tau);
          for (let k = 0; k < d; k++) out[b * d + k] = out[b * d + k]! + c * vectors[a * d + k]!;
        }
      }
    },
    negLogDensity(y, tau) {
      project(y);
      let s = 0;
      for (let a = 0; a < d; a++) {
        const v = variance(a, tau);
        s += LN_2PI + Math.log(v) + coords[a]! ** 2 / v;
      }
      return 0.5 * s;
    },
  };
}
