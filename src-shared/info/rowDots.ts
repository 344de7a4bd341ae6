/**
 * Computes every dot product r_a·x_j of `rowCount` rows (row-major, length d) with `count` data rows
 * (row-major, length d) into a rowCount × count matrix.
 *
 * Register-blocked 4 rows × 4 data points per pass over k (16 running sums, 8 loads per 16
 * multiply-adds), the plain-JavaScript analogue of a GEMM micro-kernel; tails handled one by one.
 *
 * @example
 * rowDots(Float64Array.of(1, 2), 1, Float64Array.of(3, 4, 5, 6), 2, 2) // → [11, 17]
 */
export function rowDots(rows: Float64Array, rowCount: number, data: Float64Array, count: number, d: number): Float64Array {
  const out = new Float64Array(rowCount * count);
  let a = 0;
  for (; a + 4 <= rowCount; a += 4) {
    const r0 = a * d, r1 = r0 + d, r2 = r1 + d, r3 = r2 + d;
    let j = 0;
    for (; j + 4 <= count; j += 4) {
      const o0 = j * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let k = 0; k < d; k++) {
        const x0 = data[o0 + k]!, x1 = data[o1 + k]!, x2 = data[o2 + k]!, x3 = data[o3 + k]!;
        const e0 = rows[r0 + k]!, e1 = rows[r1 + k]!, e2 = rows[r2 + k]!, e3 = rows[r3 + k]!;
        s00 += e0 * x0; s01 += e0 * x1; s02 += e0 * x2; s03 += e0 * x3;
        s10 += e1 * x0; s11 += e1 * x1; s12 += e1 * x2; s13 += e1 * x3;
        s20 += e2 * x0; s21 += e2 * x1; s22 += e2 * x2; s23 += e2 * x3;
        s30 += e3 * x0; s31 += e3 * x1; s32 += e3 * x2; s33 += e3 * x3;
      }
      const b0 = a * count + j, b1 = b0 + count, b2 = b1 + count, b3 = b2 + count;
      out[b0] = s00; out[b0 + 1] = s01; out[b0 + 2] = s02; out[b0 + 3] = s03;
      out[b1] = s10; out[b1 + 1] = s11; out[b1 + 2] = s12; out[b1 + 3] = s13;
      out[b2] = s20; out[b2 + 1] = s21; out[b2 + 2] = s22; out[b2 + 3] = s23;
      out[b3] = s30; out[b3 + 1] = s31; out[b3 + 2] = s32; out[b3 + 3] = s33;
    }
    for (; j < count; j++) for (let b = 0; b < 4; b++) out[(a + b) * count + j] = dot(rows, (a + b) * d, data, j * d, d);
  }
  for (; a < rowCount; a++) for (let j = 0; j < count; j++) out[a * count + j] = dot(rows, a * d, data, j * d, d);
  return out;
}

function dot(u: Float64Array, uo: number, v: Float64Array, vo: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) s += u[uo + k]! * v[vo + k]!;
  return s;
}

/**
 * Accumulates acc_b += Σ_j w_b[j]·x_j over rows j ∈ [from, to) for 4 weight vectors at once
 * (acc_b has length d; x row-major, length d). Blocks of 4 rows whose 16 weights are all 0 are
 * skipped, so sparse weights cost little.
 *
 * @example
 * accumulateWeightedRows(weights, data, 0, n, d, sums) // sums[b] += Σ_j weights[b][j]·x_j
 */
export function accumulateWeightedRows(
  weights: readonly [Float64Array, Float64Array, Float64Array, Float64Array],
  data: Float64Array,
  from: number,
  to: number,
  d: number,
  acc: readonly [Float64Array, Float64Array, Float64Array, Float64Array],
  accOffset: number,
): void {
  const [w0, w1, w2, w3] = weights;
  const [a0, a1, a2, a3] = acc;
  let j = from;
  for (; j + 4 <= to; j += 4) {
    const p00 = w0[j]!, p01 = w0[j + 1]!, p02 = w0[j + 2]!, p03 = w0[j + 3]!;
    const p10 = w1[j]!, p11 = w1[j + 1]!, p12 = w1[j + 2]!, p13 = w1[j + 3]!;
    const p20 = w2[j]!, p21 = w2[j + 1]!, p22 = w2[j + 2]!, p23 = w2[j + 3]!;
    const p30 = w3[j]!, p31 = w3[j + 1]!, p32 = w3[j + 2]!, p33 = w3[j + 3]!;
    if (p00 + p01 + p02 + p03 + p10 + p11 + p12 + p13 + p20 + p21 + p22 + p23 + p30 + p31 + p32 + p33 === 0) continue;
    const o0 = j * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
    for (let k = 0; k < d; k++) {
      const x0 = data[o0 + k]!, x1 = data[o1 + k]!, x2 = data[o2 + k]!, x3 = data[o3 + k]!;
      const t = accOffset + k;
      a0[t] = a0[t]! + (p00 * x0 + p01 * x1 + p02 * x2 + p03 * x3);
      a1[t] = a1[t]! + (p10 * x0 + p11 * x1 + p12 * x2 + p13 * x3);
      a2[t] = a2[t]! + (p20 * x0 + p21 * x1 + p22 * x2 + p23 * x3);
      a3[t] = a3[t]! + (p30 * x0 + p31 * x1 + p32 * x2 + p33 * x3);
    }
  }
  for (; j < to; j++) {
    const v0 = w0[j]!, v1 = w1[j]!, v2 = w2[j]!, v3 = w3[j]!;
    if (v0 + v1 + v2 + v3 === 0) continue;
    const o = j * d;
    for (let k = 0; k < d; k++) {
      const x = data[o + k]!;
      const t = accOffset + k;
      a0[t] = a0[t]! + v0 * x;
      a1[t] = a1[t]! + v1 * x;
      a2[t] = a2[t]! + v2 * x;
      a3[t] = a3[t]! + v3 * x;
    }
  }
}
