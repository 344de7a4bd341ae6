/**
 * Special functions the likelihood instruments need in the log domain: erfc, the scaled erfcx and
 * log Φ (scipy's log_ndtr), accurate to ~1e-14 relative across the real line.
 */

const SQRT_PI = Math.sqrt(Math.PI);
const LN_HALF = Math.log(0.5);

/** erf(x) for |x| ≤ 2.5 by its Maclaurin series (2/√π)·Σ (−1)ⁿ x^{2n+1}/(n!(2n+1)); < 2 digits lost. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 80; n++) {
    term *= -x2 / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / SQRT_PI) * sum;
}

/** erfcx(x) = e^{x²} erfc(x) for x ≥ 2 by the continued fraction 1/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) (modified Lentz). */
function erfcxContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / (SQRT_PI * f);
}

/**
 * Computes the scaled complementary error function erfcx(x) = e^{x²}·erfc(x).
 *
 * Series for erf when |x| < 2, the continued fraction of erfc for x ≥ 2 (no e^{x²} overflow: erfcx(x)
 * ~ 1/(x√π) as x → ∞), and erfcx(x) = 2e^{x²} − erfcx(−x) for x ≤ −2 (+∞ once e^{x²} overflows).
 * Dimensionless; NaN propagates.
 *
 * @example
 * erfcx(0) // → 1
 * erfcx(30) // → 0.018795888861416751 (≈ 1/(30√π))
 */
export function erfcx(x: number): number {
  if (x !== x) return NaN;
  if (x >= 2) return erfcxContinuedFraction(x);
  if (x > -2) return Math.exp(x * x) * (1 - erfSeries(x));
  return 2 * Math.exp(x * x) - erfcxContinuedFraction(-x);
}

/**
 * Computes the complementary error function erfc(x) = (2/√π)∫_x^∞ e^{−t²} dt.
 *
 * erfc(x) = e^{−x²}·erfcx(x) for x ≥ 0 (no cancellation in the tail), 2 − erfc(−x) for x < 0.
 * Relative error ~1e-14 (the series loses < 2 digits up to |x| = 2). Underflows to 0 beyond x ≈ 26.5.
 *
 * @example
 * erfc(0) // → 1
 * erfc(1) // → 0.15729920705028513
 */
export function erfc(x: number): number {
  if (x !== x) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 0.5) return 1 - erfSeries(x);
  return Math.exp(-x * x) * erfcx(x);
}

/**
 * Computes log Φ(x), the log of the standard normal CDF, without underflow (scipy.special.log_ndtr).
 *
 * Φ(x) = ½ erfc(−x/√2). For x < −1: log Φ = ln ½ − x²/2 + ln erfcx(−x/√2), finite for every finite x
 * (≈ −x²/2 − ln(−x√(2π)) as x → −∞). For x ≥ −1: log1p(−½ erfc(x/√2)), accurate near 0 when x is
 * large. In nats.
 *
 * @example
 * logNdtr(0) // → −0.6931471805599453 (ln ½)
 * logNdtr(-40) // → −804.6084420137538
 */
export function logNdtr(x: number): number {
  if (x !== x) return NaN;
  const z = x / Math.SQRT2;
  if (x < -1) return LN_HALF - z * z + Math.log(erfcx(-z));
  return Math.log1p(-0.5 * erfc(z));
}

/**
 * Computes ln(e^a + e^b) without overflow; −∞ when both are −∞.
 *
 * @example
 * logAddExp(0, 0) // → 0.6931471805599453
 */
export function logAddExp(a: number, b: number): number {
  const m = Math.max(a, b);
  if (m === -Infinity) return -Infinity;
  if (m === Infinity) return Infinity;
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}

/**
 * Computes ln(1 − e^{−a}) for a ≥ 0 (Mächler 2012: log(−expm1(−a)) below ln 2, log1p(−e^{−a}) above).
 * a = 0 → −∞; a < 0 → NaN.
 *
 * @example
 * log1mExp(Math.LN2) // → −0.6931471805599453
 */
export function log1mExp(a: number): number {
  if (!(a >= 0)) return NaN;
  return a <= Math.LN2 ? Math.log(-Math.expm1(-a)) : Math.log1p(-Math.exp(-a));
}
