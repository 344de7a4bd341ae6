import { InvalidArgumentError } from '../errors';
import { dataMean, type EmpiricalSet } from './dataset';
import { allocateValues, type ForwardEvaluator, type ForwardOptions, type ForwardValues } from './forward';
import type { ForwardQueries } from './queries';
import { accumulateWeightedRows, rowDots } from './rowDots';

const BLOCK = 4;
/** Below this ratio tr C/Σ w‖x − μ‖² the uncentred form has lost > 3 digits: recompute centred. */
const CANCELLATION_RATIO = 1e-3;

/**
 * Creates the forward evaluator of an empirical dataset: for every query (x₀ = x_i, ε) and any λ, the
 * exact posterior of x₀ given ỹ = x_i + √ν ε, ν = e^{−λ} (spec §1.2, §3.5, §4.2).
 *
 * The queries are fixed, so the logits are affine in (1/ν, 1/√ν):
 *   ℓ_j = ln π_j − ‖ỹ − x_j‖²/(2ν) + ‖ỹ − x_i‖²/(2ν) = ln π_j − ‖x_i − x_j‖²/(2ν) + ε·(x_j − x_i)/√ν,
 * shifted so that the source's own logit is exactly ln π_i (ι = LSE − ln π_i is then accurate at any ν).
 * The two N-vectors per query cost O(N·d) once; each λ then costs O(N) per query for the softmax, h
 * and ι, plus O(|A|·d) for D, tr C and the class means over the points A whose weight is ≥ weightFloor
 * (all N in the diffuse regime, a handful once the posterior concentrates). tr C = Σ w_j‖x_j − x_i‖²
 * − ‖D − x_i‖² (pivot at the source, whose distances are already known), recomputed in the centred
 * form Σ w‖x − D‖² when that difference has lost more than 3 digits.
 * Points are reordered by class internally; queries go 4 at a time through register-blocked loops
 * (rowDots.ts). Memory 8·N·(M + #sources) bytes.
 *
 * @example
 * createEmpiricalForward(set, monteCarloQueries(set, { count: 256, seed: 0 })).evaluate(0).traceCov // → 256 values
 */
export function createEmpiricalForward(set: EmpiricalSet, queries: ForwardQueries, options: ForwardOptions = {}): ForwardEvaluator {
  const { count: n, dimension: d } = set;
  if (queries.dimension !== d) throw new InvalidArgumentError('queries', `expected queries of dimension ${d}, got ${queries.dimension}`);
  const withSquared = options.traceCovSquared ?? false;
  if (withSquared && d > 64) throw new InvalidArgumentError('traceCovSquared', `needs dimension ≤ 64, got ${d}`);
  const floor = options.weightFloor ?? 1e-22;
  const m = queries.count;
  for (let q = 0; q < m; q++) {
    const i = queries.sources[q]!;
    if (!(i >= 0 && i < n)) throw new InvalidArgumentError(`queries.sources[${q}]`, `expected a point index in [0, ${n}), got ${i}`);
  }
  const { centred, centredNorm2, logPrior, classStart, position } = sortedCentredData(set);
  const classCount = set.classCount;
  const sources = Int32Array.from(queries.sources, (i) => position[i]!);
  const { rows: halfDistance, rowOf } = sourceHalfDistances(centred, centredNorm2, n, d, sources);
  const noiseDots = queryNoiseDots(centred, n, d, queries.eps, sources);

  const logits = Array.from({ length: BLOCK }, () => new Float64Array(n));
  const weights = Array.from({ length: BLOCK }, () => new Float64Array(n)) as [Float64Array, Float64Array, Float64Array, Float64Array];
  const sums = Array.from({ length: BLOCK }, () => new Float64Array(classCount * d)) as [Float64Array, Float64Array, Float64Array, Float64Array];
  const activeMass = new Float64Array(classCount);
  const denoisedC = new Float64Array(d);

  function softmaxInto(b: number, q: number, invNu: number, invRoot: number, out: ForwardValues): void {
    const l = logits[b]!, w = weights[b]!;
    const hRow = rowOf[q]! * n, eRow = q * n;
    let max = -Infinity;
    for (let j = 0; j < n; j++) {
      const v = logPrior[j]! + halfDistance[hRow + j]! * invNu + noiseDots[eRow + j]! * invRoot;
      l[j] = v;
      if (v > max) max = v;
    }
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const e = Math.exp(l[j]! - max);
      w[j] = e;
      sum += e;
    }
    const lse = max + Math.log(sum);
    const inv = 1 / sum;
    let mean = 0;
    for (let j = 0; j < n; j++) {
      const wj = w[j]! * inv;
      if (wj !== 0) mean += wj * l[j]!;
      w[j] = wj;
    }
    out.entropyNats[q] = lse - mean;
    out.surprisalNats[q] = lse - l[sources[q]!]!;
  }

  /** Class masses (all weights) and class entropy; then drops weights below the floor. */
  function classesAndFloor(b: number, q: number, out: ForwardValues): void {
    const w = weights[b]!;
    let hz = 0;
    for (let z = 0; z < classCount; z++) {
      let p = 0;
      for (let j = classStart[z]!; j < classStart[z + 1]!; j++) p += w[j]!;
      if (p > 0) hz -= p * Math.log(p);
    }
    out.classEntropyNats[q] = hz;
    for (let j = 0; j < n; j++) if (w[j]! < floor) w[j] = 0;
  }

  function finishQuery(b: number, q: number, out: ForwardValues): void {
    const acc = sums[b]!, w = weights[b]!;
    const hRow = rowOf[q]! * n;
    denoisedC.fill(0);
    let spread = 0;
    for (let z = 0; z < classCount; z++) {
      let p = 0;
      for (let j = classStart[z]!; j < classStart[z + 1]!; j++) {
        const wj = w[j]!;
        p += wj;
        spread -= 2 * wj * halfDistance[hRow + j]!;
      }
      activeMass[z] = p;
      for (let k = 0; k < d; k++) denoisedC[k] = denoisedC[k]! + acc[z * d + k]!;
    }
    // Pivot at the source: tr C = Σ w_j‖x_j − x_i‖² − ‖D − x_i‖², no cancellation while the posterior sits near x_i.
    const src = sources[q]! * d;
    let err = 0;
    for (let k = 0; k < d; k++) err += (centred[src + k]! - denoisedC[k]!) ** 2;
    out.squaredError[q] = err;
    let traceCov = spread - err;
    if (!(traceCov >= CANCELLATION_RATIO * spread)) {
      traceCov = 0;
      for (let j = 0; j < n; j++) {
        const wj = w[j]!;
        if (wj === 0) continue;
        let d2 = 0;
        for (let k = 0, o = j * d; k < d; k++, o++) d2 += (centred[o]! - denoisedC[k]!) ** 2;
        traceCov += wj * d2;
      }
    }
    out.traceCov[q] = traceCov;
    let between = 0;
    for (let z = 0; classCount > 1 && z < classCount; z++) {
      const p = activeMass[z]!;
      if (p === 0) continue;
      let d2 = 0;
      for (let k = 0; k < d; k++) d2 += (acc[z * d + k]! / p - denoisedC[k]!) ** 2;
      between += p * d2;
    }
    out.betweenClass[q] = between;
    if (out.traceCovSquared) out.traceCovSquared[q] = traceCovSquaredOf(centred, n, d, w, denoisedC);
  }

  return {
    queries,
    dimension: d,
    classCount,
    evaluate(lambda) {
      const nu = Math.exp(-lambda);
      const invNu = 1 / nu, invRoot = 1 / Math.sqrt(nu);
      const out = allocateValues(m, withSquared);
      for (let start = 0; start < m; start += BLOCK) {
        const size = Math.min(BLOCK, m - start);
        for (let b = 0; b < BLOCK; b++) {
          sums[b]!.fill(0);
          if (b < size) {
            softmaxInto(b, start + b, invNu, invRoot, out);
            classesAndFloor(b, start + b, out);
          } else weights[b]!.fill(0);
        }
        for (let z = 0; z < classCount; z++) accumulateWeightedRows(weights, centred, classStart[z]!, classStart[z + 1]!, d, sums, z * d);
        for (let b = 0; b < size; b++) finishQuery(b, start + b, out);
      }
      return out;
    },
  };
}

/** The data centred at the prior mean and reordered so each class is a contiguous range. */
function sortedCentredData(set: EmpiricalSet) {
  const { count: n, dimension: d, points } = set;
  const classCount = set.classCount;
  const labelOf = set.labels ?? new Int32Array(n);
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => labelOf[a]! - labelOf[b]! || a - b);
  const position = new Int32Array(n);
  order.forEach((j, p) => { position[j] = p; });
  const mean = dataMean(set);
  const centred = new Float64Array(n * d);
  const centredNorm2 = new Float64Array(n);
  const logPrior = new Float64Array(n);
  const classStart = new Int32Array(classCount + 1);
  order.forEach((j, p) => {
    let s = 0;
    for (let k = 0; k < d; k++) {
      const c = points[j * d + k]! - mean[k]!;
      centred[p * d + k] = c;
      s += c * c;
    }
    centredNorm2[p] = s;
    logPrior[p] = set.logPrior[j]!;
    classStart[labelOf[j]! + 1] = classStart[labelOf[j]! + 1]! + 1;
  });
  for (let z = 0; z < classCount; z++) classStart[z + 1] = classStart[z + 1]! + classStart[z]!;
  return { centred, centredNorm2, logPrior, classStart, position };
}

/** tr(C²) = ‖Σ_j w_j c_j c_jᵀ‖_F², c_j = x_j − D (d ≤ 64). */
function traceCovSquaredOf(centred: Float64Array, n: number, d: number, w: Float64Array, denoisedC: Float64Array): number {
  const g = new Float64Array(d * d);
  const c = new Float64Array(d);
  for (let j = 0; j < n; j++) {
    const wj = w[j]!;
    if (wj === 0) continue;
    for (let k = 0; k < d; k++) c[k] = centred[j * d + k]! - denoisedC[k]!;
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) g[a * d + b] = g[a * d + b]! + wj * c[a]! * c[b]!;
  }
  let s = 0;
  for (const v of g) s += v * v;
  return s;
}

/**
 * −½‖x_i − x_j‖² for every distinct source i (rows) and point j, by the Gram form
 * −½(‖c_i‖² + ‖c_j‖² − 2 c_i·c_j) on centred data, exactly 0 at j = i and clamped to ≤ 0.
 */
function sourceHalfDistances(centred: Float64Array, norm2: Float64Array, n: number, d: number, sources: Int32Array): { rows: Float64Array; rowOf: Int32Array } {
  const unique = [...new Set(sources)];
  const index = new Map(unique.map((i, r) => [i, r]));
  const sourceRows = new Float64Array(unique.length * d);
  unique.forEach((i, r) => sourceRows.set(centred.subarray(i * d, (i + 1) * d), r * d));
  const rows = rowDots(sourceRows, unique.length, centred, n, d);
  unique.forEach((i, r) => {
    for (let j = 0; j < n; j++) rows[r * n + j] = j === i ? 0 : Math.min(0, rows[r * n + j]! - 0.5 * (norm2[i]! + norm2[j]!));
  });
  return { rows, rowOf: Int32Array.from(sources, (i) => index.get(i)!) };
}

/** ε_q·(x_j − x_i) for every query q (source i) and point j. */
function queryNoiseDots(centred: Float64Array, n: number, d: number, eps: Float64Array, sources: Int32Array): Float64Array {
  const m = sources.length;
  const dots = rowDots(eps, m, centred, n, d);
  for (let q = 0; q < m; q++) {
    const own = dots[q * n + sources[q]!]!;
    for (let j = 0; j < n; j++) dots[q * n + j] = dots[q * n + j]! - own;
  }
  return dots;
}
