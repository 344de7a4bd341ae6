import { InvalidArgumentError } from '../errors';

/** Eigenvalues (ascending) and orthonormal eigenvectors of a real symmetric matrix. */
export interface SymmetricEigen {
  readonly values: Float64Array;
  /** n × n row-major; row i (vectors[i·n + k], k = 0 … n−1) is the unit eigenvector of values[i]. */
  readonly vectors: Float64Array;
}

/**
 * Diagonalises a symmetric tridiagonal matrix in place by the implicit QL method with Wilkinson-type
 * shifts (Numerical Recipes `tqli`), accumulating the rotations into zRows (n × n row-major, row i
 * the i-th eigenvector, so a rotation touches two contiguous rows). `diagonal` becomes the eigenvalues; `offDiagonal[i]` couples rows i and i+1 (length n,
 * last entry unused) and is destroyed.
 */
function tridiagonalQl(diagonal: Float64Array, offDiagonal: Float64Array, zRows: Float64Array | null): void {
  const n = diagonal.length;
  const d = diagonal;
  const e = offDiagonal;
  e[n - 1] = 0;
  for (let l = 0; l < n; l++) {
    for (let iteration = 0; ; iteration++) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= Number.EPSILON * dd) break;
      }
      if (m === l || iteration > 60) break;
      let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
      let r = Math.hypot(g, 1);
      g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? r : -r));
      let s = 1, c = 1, p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        const f = s * e[i]!;
        const b = c * e[i]!;
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] = d[i + 1]! - p;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1]! - p;
        r = (d[i]! - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        if (zRows) {
          const r0 = i * n, r1 = r0 + n;
          for (let k = 0; k < n; k++) {
            const zi1 = zRows[r1 + k]!;
            const zi = zRows[r0 + k]!;
            zRows[r1 + k] = s * zi + c * zi1;
            zRows[r0 + k] = c * zi - s * zi1;
          }
        }
      }
      if (r === 0 && i >= l) continue;
      d[l] = d[l]! - p;
      e[l] = g;
      e[m] = 0;
    }
  }
}

/**
 * Reduces a symmetric matrix (n × n row-major, overwritten) to tridiagonal form T = QᵀAQ by
 * Householder reflections; returns Q (row-major) and the diagonal and off-diagonal of T.
 */
function householderTridiagonal(a: Float64Array, n: number, withQ: boolean): { q: Float64Array | null; diagonal: Float64Array; offDiagonal: Float64Array } {
  const q = withQ ? new Float64Array(n * n) : null;
  if (q) for (let i = 0; i < n; i++) q[i * n + i] = 1;
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  const offDiagonal = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    // Reflector v (unit, zero above k+1) with H·A[k+1:, k] = −sign(a)·‖·‖ e_{k+1}.
    let norm2 = 0;
    for (let i = k + 1; i < n; i++) norm2 += a[i * n + k]! ** 2;
    const alpha = a[(k + 1) * n + k]!;
    const norm = Math.sqrt(norm2);
    if (norm === 0) {
      offDiagonal[k] = 0;
      continue;
    }
    const beta = alpha >= 0 ? -norm : norm;
    v.fill(0);
    v[k + 1] = alpha - beta;
    for (let i = k + 2; i < n; i++) v[i] = a[i * n + k]!;
    let vNorm2 = 0;
    for (let i = k + 1; i < n; i++) vNorm2 += v[i]! ** 2;
    const scale = 1 / Math.sqrt(vNorm2);
    for (let i = k + 1; i < n; i++) v[i] = v[i]! * scale;
    // A ← HAH = A − 2 v wᵀ − 2 w vᵀ with p = A v, w = p − (vᵀp) v (rows and columns k … n−1).
    for (let i = k; i < n; i++) {
      let sum = 0;
      for (let j = k + 1; j < n; j++) sum += a[i * n + j]! * v[j]!;
      p[i] = sum;
    }
    let vp = 0;
    for (let i = k + 1; i < n; i++) vp += v[i]! * p[i]!;
    for (let i = k; i < n; i++) p[i] = p[i]! - vp * v[i]!;
    for (let i = k; i < n; i++) {
      const vi = v[i]!, pi = p[i]!;
      for (let j = k; j < n; j++) a[i * n + j] = a[i * n + j]! - 2 * (vi * p[j]! + pi * v[j]!);
    }
    offDiagonal[k] = beta;
    // Q ← Q·H.
    for (let i = 0; q && i < n; i++) {
      let sum = 0;
      for (let j = k + 1; j < n; j++) sum += q[i * n + j]! * v[j]!;
      const twice = 2 * sum;
      for (let j = k + 1; j < n; j++) q[i * n + j] = q[i * n + j]! - twice * v[j]!;
    }
  }
  if (n >= 2) offDiagonal[n - 2] = a[(n - 1) * n + n - 2]!;
  const diagonal = new Float64Array(n);
  for (let i = 0; i < n; i++) diagonal[i] = a[i * n + i]!;
  return { q, diagonal, offDiagonal };
}

/** Sorts eigenvalues ascending, permuting the eigenvector rows with them. */
function sortAscending(values: Float64Array, rows: Float64Array | null, n: number): SymmetricEigen {
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => values[i]! - values[j]!);
  const sorted = Float64Array.from(order, (i) => values[i]!);
  if (!rows) return { values: sorted, vectors: new Float64Array(0) };
  const out = new Float64Array(n * n);
  order.forEach((from, to) => out.set(rows.subarray(from * n, from * n + n), to * n));
  return { values: sorted, vectors: out };
}

/** The transpose of an n × n row-major matrix. */
function transpose(m: Float64Array, n: number): Float64Array {
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j * n + i] = m[i * n + j]!;
  return t;
}

/**
 * Computes the eigen-decomposition A = V diag(λ) Vᵀ of a real symmetric n × n matrix (row-major).
 *
 * Householder tridiagonalisation, then implicit QL with shifts (Golub & Van Loan §8.3; Numerical
 * Recipes `tred2`/`tqli`), O(n³): ~1 s for n = 784. Only the lower triangle's symmetry is assumed,
 * not checked. Eigenvalues ascending, eigenvectors as rows; backward stable (‖AV − VΛ‖ ≈ ε‖A‖);
 * withVectors = false skips the vectors (O(n³) with a 3× smaller constant). `a` is not modified.
 *
 * @example
 * symmetricEigen(Float64Array.of(2, 1, 1, 2), 2).values // → [1, 3]
 */
export function symmetricEigen(a: Float64Array, n: number, withVectors = true): SymmetricEigen {
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('n', `expected an integer ≥ 1, got ${n}`);
  if (a.length !== n * n) throw new InvalidArgumentError('a', `expected n² = ${n * n} entries, got ${a.length}`);
  const { q, diagonal, offDiagonal } = householderTridiagonal(a.slice(), n, withVectors);
  const rows = q ? transpose(q, n) : null;
  tridiagonalQl(diagonal, offDiagonal, rows);
  return sortAscending(diagonal, rows, n);
}

/**
 * Computes the eigenvalues and eigenvectors of a symmetric tridiagonal matrix (implicit QL).
 *
 * `diagonal` has n entries; `offDiagonal[i]` (n − 1 entries) couples i and i+1. Returns them
 * ascending with the eigenvectors as rows of an n × n row-major matrix. Inputs are not modified.
 *
 * @example
 * tridiagonalEigen(Float64Array.of(0, 0), Float64Array.of(1)).values // → [−1, 1]
 */
export function tridiagonalEigen(diagonal: Float64Array, offDiagonal: Float64Array): SymmetricEigen {
  const n = diagonal.length;
  if (n < 1 || offDiagonal.length !== n - 1) throw new InvalidArgumentError('offDiagonal', `expected ${n - 1} entries for ${n} diagonal entries, got ${offDiagonal.length}`);
  const d = diagonal.slice();
  const e = new Float64Array(n);
  e.set(offDiagonal);
  const z = new Float64Array(n * n);
  for (let i = 0; i < n; i++) z[i * n + i] = 1;
  tridiagonalQl(d, e, z);
  return sortAscending(d, z, n);
}
