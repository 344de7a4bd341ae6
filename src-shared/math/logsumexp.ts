/**
 * Log-sum-exp and softmax by the max-shift: ln Σ_k exp(v_k) = m + ln Σ_k exp(v_k − m), m = max_k v_k,
 * so no term overflows and the largest term is exactly exp(0) = 1.
 */

/**
 * The largest entry of the first `length` values, NaN if any of them is NaN, −∞ if there are none.
 *
 * @example
 * maxOf([1, 3, 2]) // → 3
 * maxOf([]) // → -Infinity
 */
export function maxOf(values: ArrayLike<number>, length = values.length): number {
  let m = -Infinity;
  for (let k = 0; k < length; k++) {
    const v = values[k]!;
    if (v > m) m = v;
    else if (v !== v) return NaN;
  }
  return m;
}

/**
 * Computes ln Σ_k exp(v_k) over the first `length` values without overflow or underflow.
 *
 * ln Σ_k e^{v_k} = m + ln Σ_k e^{v_k − m}, m = max_k v_k (the standard max-shift). Dimensionless
 * (the log of a sum of weights, in nats when the v_k are log-probabilities).
 * Domain: empty input or all entries −∞ → −∞; any +∞ → +∞; any NaN → NaN.
 *
 * @example
 * logSumExp([0, 0]) // → 0.6931471805599453 (ln 2)
 * logSumExp([1000, 1000]) // → 1000.6931471805599 (no overflow)
 * logSumExp([-Infinity, -Infinity]) // → -Infinity
 */
export function logSumExp(values: ArrayLike<number>, length = values.length): number {
  const m = maxOf(values, length);
  if (m === -Infinity || m === Infinity || m !== m) return m;
  let sum = 0;
  for (let k = 0; k < length; k++) sum += Math.exp(values[k]! - m);
  return m + Math.log(sum);
}

/**
 * Computes the softmax w_k = exp(v_k − LSE(v)) of the first `length` values into `out` and returns
 * the normaliser LSE(v) = ln Σ_k exp(v_k).
 *
 * The weights sum to 1 up to rounding, and the largest one is computed as 1/Σ_k exp(v_k − m), so a
 * single dominant entry gets weight exactly 1 when all others underflow. Domain: as logSumExp; when
 * the normaliser is not finite the weights are NaN. `out` may be `values` itself (in place).
 *
 * @example
 * const w = new Float64Array(2);
 * softmaxInto([0, Math.log(3)], w) // → 1.3862943611198906 (ln 4); w → [0.25, 0.75]
 */
export function softmaxInto(values: ArrayLike<number>, out: Float64Array, length = values.length): number {
  const m = maxOf(values, length);
  if (!Number.isFinite(m)) {
    out.fill(NaN, 0, length);
    return m;
  }
  let sum = 0;
  for (let k = 0; k < length; k++) {
    const e = Math.exp(values[k]! - m);
    out[k] = e;
    sum += e;
  }
  const inv = 1 / sum;
  for (let k = 0; k < length; k++) out[k] = out[k]! * inv;
  return m + Math.log(sum);
}
