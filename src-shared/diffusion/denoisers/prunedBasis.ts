import { InvalidArgumentError } from '../../errors';
import { CounterRng } from '../../math/rng';

/** An orthonormal basis of a principal subspace of a point set, with the set's mean. */
export interface PrincipalBasis {
  /** μ = (1/n) Σ_j y_j (length d). */
  readonly mean: Float64Array;
  /** r orthonormal rows v_0 … v_{r−1} of length d, row-major (r × d), by decreasing variance. */
  readonly basis: Float64Array;
  readonly rank: number;
  /** Sample variance of the data along each v_i (Rayleigh quotients; squared data units). */
  readonly variances: Float64Array;
}

export interface PrincipalBasisOptions {
  /** r, the number of directions (1 ≤ r ≤ d). */
  readonly rank: number;
  /** Points used for the covariance: a seeded uniform subset of at most this many (default 1000). */
  readonly samples?: number;
  /** Subspace-iteration sweeps (default 12). */
  readonly iterations?: number;
}

/** Seed of the start block of the subspace iteration (a fixed, documented choice: the basis is reproducible). */
const START_SEED = 0x5eed;

/**
 * Computes an orthonormal basis of the leading r-dimensional principal subspace of n points in ℝ^d.
 *
 * C = (1/m) Σ_{j∈S} (y_j − μ)(y_j − μ)ᵀ over a seeded uniform subset S (m ≤ `samples` points; a
 * stride would alias with periodic data such as class-interleaved digits), then
 * subspace iteration Z ← orth(C Z) from a seeded Gaussian start block (Golub & Van Loan, Matrix
 * Computations §8.2.4) and a Rayleigh–Ritz rotation (cyclic Jacobi on ZᵀCZ) that orders the rows by
 * decreasing variance. Orthonormalisation is modified Gram–Schmidt applied twice, so rows are
 * orthonormal to ~1e-15; directions the data do not span are completed with seeded random ones.
 * The quality of the subspace only affects how much a pruned denoiser can skip, never its error
 * bound. Cost O(m d² + iterations · d² r). Units: variances in squared data units.
 *
 * @example
 * principalBasis(Float64Array.of(0, 0, 2, 0, 4, 0), 3, 2, { rank: 1 }).basis // → [±1, 0] (the x axis)
 */
export function principalBasis(data: Float64Array, count: number, dimension: number, options: PrincipalBasisOptions): PrincipalBasis {
  const { rank, samples = 1000, iterations = 12 } = options;
  if (!Number.isInteger(rank) || rank < 1 || rank > dimension) throw new InvalidArgumentError('rank', `expected an integer in [1, ${dimension}], got ${rank}`);
  if (data.length !== count * dimension) throw new InvalidArgumentError('data', `expected count × dimension = ${count * dimension} values, got ${data.length}`);
  const d = dimension;
  const mean = new Float64Array(d);
  for (let j = 0; j < count; j++) for (let k = 0; k < d; k++) mean[k] = mean[k]! + data[j * d + k]!;
  for (let k = 0; k < d; k++) mean[k] = mean[k]! / count;
  const rng = new CounterRng(START_SEED, 0);
  const cov = covariance(data, d, mean, sampleIndices(count, samples, rng));
  let z: Float64Array = Float64Array.from({ length: rank * d }, () => rng.nextNormal());
  orthonormalizeRows(z, rank, d, rng);
  for (let it = 0; it < iterations; it++) {
    z = multiplyRows(cov, z, rank, d);
    orthonormalizeRows(z, rank, d, rng);
  }
  const { basis, variances } = rayleighRitz(cov, z, rank, d);
  orthonormalizeRows(basis, rank, d, rng);
  return { mean, basis, rank, variances };
}

/** min(n, samples) distinct indices in [0, n), uniformly at random (partial Fisher–Yates), ascending. */
function sampleIndices(count: number, samples: number, rng: CounterRng): Int32Array {
  const all = Int32Array.from({ length: count }, (_, j) => j);
  const m = Math.min(count, Math.max(1, samples));
  if (m === count) return all;
  for (let i = 0; i < m; i++) {
    const pick = i + rng.nextInt(count - i);
    [all[i], all[pick]] = [all[pick]!, all[i]!];
  }
  return all.subarray(0, m).sort();
}

/** (1/m) Σ_{j ∈ S} (y_j − μ)(y_j − μ)ᵀ over the chosen points S (d × d, symmetric). */
function covariance(data: Float64Array, d: number, mean: Float64Array, indices: Int32Array): Float64Array {
  const cov = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (const j of indices) {
    for (let k = 0; k < d; k++) centred[k] = data[j * d + k]! - mean[k]!;
    for (let a = 0; a < d; a++) {
      const ca = centred[a]!;
      if (ca === 0) continue;
      for (let b = a, o = a * d + a; b < d; b++, o++) cov[o] = cov[o]! + ca * centred[b]!;
    }
  }
  const m = indices.length;
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const v = cov[a * d + b]! / m;
      cov[a * d + b] = v;
      cov[b * d + a] = v;
    }
  }
  return cov;
}

/** Rows of Z·C (C symmetric d × d, Z r × d). */
function multiplyRows(cov: Float64Array, z: Float64Array, r: number, d: number): Float64Array {
  const out = new Float64Array(r * d);
  for (let i = 0; i < r; i++) {
    for (let a = 0; a < d; a++) {
      const zia = z[i * d + a]!;
      if (zia === 0) continue;
      for (let b = 0, o = a * d; b < d; b++, o++) out[i * d + b] = out[i * d + b]! + zia * cov[o]!;
    }
  }
  return out;
}

/** Modified Gram–Schmidt, twice ("twice is enough"), in place; a vanishing row is replaced by a random one. */
function orthonormalizeRows(z: Float64Array, r: number, d: number, rng: CounterRng): void {
  for (let i = 0; i < r; i++) {
    const row = z.subarray(i * d, (i + 1) * d);
    for (let attempt = 0; ; attempt++) {
      const before = norm(row);
      for (let pass = 0; pass < 2; pass++) {
        for (let p = 0; p < i; p++) {
          const prev = z.subarray(p * d, (p + 1) * d);
          let dot = 0;
          for (let k = 0; k < d; k++) dot += row[k]! * prev[k]!;
          for (let k = 0; k < d; k++) row[k] = row[k]! - dot * prev[k]!;
        }
      }
      const after = norm(row);
      // Cancellation to < 1e-8 of the row: the row lay (numerically) in the span of the previous ones.
      if (after > 1e-8 * before && after > 0) {
        for (let k = 0; k < d; k++) row[k] = row[k]! / after;
        break;
      }
      if (attempt > 8) throw new InvalidArgumentError('rank', `expected rank ≤ dimension; could not complete an orthonormal basis at row ${i}`);
      for (let k = 0; k < d; k++) row[k] = rng.nextNormal();
    }
  }
}

function norm(v: Float64Array): number {
  let s = 0;
  for (let k = 0; k < v.length; k++) s += v[k]! * v[k]!;
  return Math.sqrt(s);
}

/** Rotates the rows of Z to the eigenvectors of H = Z C Zᵀ (cyclic Jacobi), ordered by decreasing eigenvalue. */
function rayleighRitz(cov: Float64Array, z: Float64Array, r: number, d: number): { basis: Float64Array; variances: Float64Array } {
  const cz = multiplyRows(cov, z, r, d);
  const h = new Float64Array(r * r);
  for (let a = 0; a < r; a++) {
    for (let b = 0; b < r; b++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += z[a * d + k]! * cz[b * d + k]!;
      h[a * r + b] = s;
    }
  }
  const { values, vectors } = jacobiEigen(h, r);
  const order = Array.from({ length: r }, (_, i) => i).sort((a, b) => values[b]! - values[a]!);
  const basis = new Float64Array(r * d);
  const variances = new Float64Array(r);
  order.forEach((col, i) => {
    variances[i] = values[col]!;
    for (let a = 0; a < r; a++) {
      const coef = vectors[a * r + col]!;
      for (let k = 0; k < d; k++) basis[i * d + k] = basis[i * d + k]! + coef * z[a * d + k]!;
    }
  });
  return { basis, variances };
}

/** Eigen-decomposition of a small symmetric matrix (n × n) by cyclic Jacobi rotations: A = V diag(λ) Vᵀ. */
function jacobiEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = matrix.slice();
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        // Rotation angle of Rutishauser's stable form: t = sgn(θ)/(|θ| + √(θ² + 1)), θ = (a_qq − a_pp)/(2a_pq).
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!, akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!, aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!, vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: n }, (_, i) => a[i * n + i]!), vectors: v };
}
