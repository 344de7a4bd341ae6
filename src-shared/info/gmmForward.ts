import { InvalidArgumentError } from '../errors';
import type { GmmSet } from './dataset';
import { allocateValues, type ForwardEvaluator, type ForwardOptions } from './forward';
import type { ForwardQueries } from './queries';

const LN_2PI = Math.log(2 * Math.PI);

/**
 * Creates the forward evaluator of an isotropic Gaussian mixture Σ_k π_k N(μ_k, s_k² I) (spec §1.2):
 * for every query and any λ, the exact posterior of x₀ given ỹ = x₀ + √ν ε, ν = e^{−λ}.
 *
 * ỹ = μ_k + s_k z + √ν ε when the queries carry z (Monte Carlo), else μ_k + √(s_k² + ν)·ε (a rule over
 * the whole noise). Responsibilities r_c ∝ π_c N(ỹ; μ_c, (s_c² + ν)I) in the log domain; component
 * posteriors m_c = μ_c + s_c²/(s_c² + ν)(ỹ − μ_c), V_c = ν s_c²/(s_c² + ν); D = Σ r_c m_c;
 * tr C = Σ r_c (d V_c + ‖m_c − D‖²); between-class = Σ r_c‖m_c − D‖² (components are the classes);
 * H[Z|ỹ] = −Σ r ln r; tr C² = d a² + 2a Σ r_c‖u_c‖² + Σ_{c,c'} r_c r_c' (u_c·u_c')², a = Σ r_c V_c,
 * u_c = m_c − D. ι = −ln Σ_c r_c N(x₀; m_c, V_c I) needs z and every s_c > 0 (else NaN). The posterior
 * entropy h is differential for continuous data and is reported as NaN (use H[Z|ỹ], spec §7.9).
 *
 * @example
 * createGmmForward(set, quadratureQueries(set, gaussianTensorRule(1, 60))).evaluate(0).traceCov
 */
export function createGmmForward(set: GmmSet, queries: ForwardQueries, options: ForwardOptions = {}): ForwardEvaluator {
  const d = set.dimension;
  if (queries.dimension !== d) throw new InvalidArgumentError('queries', `expected queries of dimension ${d}, got ${queries.dimension}`);
  const comps = set.components;
  const K = comps.length;
  let total = 0;
  for (const c of comps) total += c.weight;
  const logWeights = comps.map((c) => Math.log(c.weight / total));
  const variances = comps.map((c) => c.std * c.std);
  const means = comps.map((c) => Float64Array.from(c.mean));
  const withSquared = options.traceCovSquared ?? false;
  const m = queries.count;
  const y = new Float64Array(d), x0 = new Float64Array(d), D = new Float64Array(d);
  const r = new Float64Array(K);
  const post = Array.from({ length: K }, () => new Float64Array(d));

  return {
    queries,
    dimension: d,
    classCount: K,
    evaluate(lambda) {
      const nu = Math.exp(-lambda);
      const out = allocateValues(m, withSquared);
      for (let q = 0; q < m; q++) {
        const k0 = queries.sources[q]!;
        const mu0 = means[k0]!;
        const eps = queries.eps.subarray(q * d, (q + 1) * d);
        const z = queries.sourceNoise?.subarray(q * d, (q + 1) * d);
        const s0 = Math.sqrt(variances[k0]!);
        for (let k = 0; k < d; k++) {
          x0[k] = z ? mu0[k]! + s0 * z[k]! : NaN;
          y[k] = z ? x0[k]! + Math.sqrt(nu) * eps[k]! : mu0[k]! + Math.sqrt(variances[k0]! + nu) * eps[k]!;
        }
        let max = -Infinity;
        for (let c = 0; c < K; c++) {
          const v = variances[c]! + nu;
          let d2 = 0;
          for (let k = 0; k < d; k++) d2 += (y[k]! - means[c]![k]!) ** 2;
          r[c] = logWeights[c]! - 0.5 * d * Math.log(v) - d2 / (2 * v);
          if (r[c]! > max) max = r[c]!;
        }
        let sum = 0;
        for (let c = 0; c < K; c++) { r[c] = Math.exp(r[c]! - max); sum += r[c]!; }
        D.fill(0);
        let a = 0, hz = 0;
        for (let c = 0; c < K; c++) {
          r[c] = r[c]! / sum;
          const g = variances[c]! / (variances[c]! + nu);
          for (let k = 0; k < d; k++) post[c]![k] = means[c]![k]! + g * (y[k]! - means[c]![k]!);
          if (r[c] === 0) continue;
          hz -= r[c]! * Math.log(r[c]!);
          a += r[c]! * nu * g;
          for (let k = 0; k < d; k++) D[k] = D[k]! + r[c]! * post[c]![k]!;
        }
        let between = 0;
        for (let c = 0; c < K; c++) {
          if (r[c] === 0) continue;
          let d2 = 0;
          for (let k = 0; k < d; k++) d2 += (post[c]![k]! - D[k]!) ** 2;
          between += r[c]! * d2;
        }
        out.traceCov[q] = d * a + between;
        out.betweenClass[q] = between;
        out.classEntropyNats[q] = hz;
        out.entropyNats[q] = NaN;
        let err = 0;
        for (let k = 0; k < d; k++) err += ((z ? x0[k]! : NaN) - D[k]!) ** 2;
        out.squaredError[q] = err;
        out.surprisalNats[q] = z ? surprisal(x0, post, r, variances, nu, d) : NaN;
        if (out.traceCovSquared) out.traceCovSquared[q] = gmmTraceCovSquared(post, r, D, a, d);
      }
      return out;
    },
  };
}

/** −ln Σ_c r_c N(x₀; m_c, V_c I), V_c = ν s_c²/(s_c² + ν); NaN when some V_c = 0 (a point mass). */
function surprisal(x0: Float64Array, post: readonly Float64Array[], r: Float64Array, variances: readonly number[], nu: number, d: number): number {
  let max = -Infinity;
  const terms = new Float64Array(r.length);
  for (let c = 0; c < r.length; c++) {
    const v = (nu * variances[c]!) / (variances[c]! + nu);
    if (!(v > 0)) return NaN;
    let d2 = 0;
    for (let k = 0; k < d; k++) d2 += (x0[k]! - post[c]![k]!) ** 2;
    terms[c] = r[c]! > 0 ? Math.log(r[c]!) - 0.5 * d * (LN_2PI + Math.log(v)) - d2 / (2 * v) : -Infinity;
    if (terms[c]! > max) max = terms[c]!;
  }
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - max);
  return -(max + Math.log(sum));
}

/** tr C² for C = aI + Σ_c r_c u_c u_cᵀ, u_c = m_c − D. */
function gmmTraceCovSquared(post: readonly Float64Array[], r: Float64Array, D: Float64Array, a: number, d: number): number {
  const u = post.map((m) => m.map((v, k) => v - D[k]!));
  let s = d * a * a;
  for (let c = 0; c < r.length; c++) {
    let n2 = 0;
    for (let k = 0; k < d; k++) n2 += u[c]![k]! ** 2;
    s += 2 * a * r[c]! * n2;
    for (let e = 0; e < r.length; e++) {
      let dot = 0;
      for (let k = 0; k < d; k++) dot += u[c]![k]! * u[e]![k]!;
      s += r[c]! * r[e]! * dot * dot;
    }
  }
  return s;
}
