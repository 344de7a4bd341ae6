/**
 * Gauss–Legendre quadrature: nodes and weights on [−1, 1] and a composite rule on [a, b]. Used for
 * the per-step integrals of the discretisation KL (spec schedules-las.md §6.2: 8 sub-panels × 96
 * nodes in log γ) and for the channel expectations of the exact MMSE curves.
 */

/** Nodes x_i (ascending) and weights w_i of an n-point Gauss–Legendre rule on [−1, 1]. */
export interface GaussRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

const rules = new Map<number, GaussRule>();

/**
 * Computes the n-point Gauss–Legendre rule on [−1, 1]: ∫_{−1}^{1} f ≈ Σ_i w_i f(x_i), exact for
 * polynomials of degree ≤ 2n − 1.
 *
 * Nodes are the roots of the Legendre polynomial P_n, found by Newton's method from
 * cos(π(i + 3/4)/(n + 1/2)) with the three-term recurrence; w_i = 2/((1 − x_i²) P_n′(x_i)²)
 * (Numerical Recipes §4.6 `gauleg`). Nodes and weights are accurate to a few ulps for n ≤ 500.
 * Rules are cached per n; n is an integer ≥ 1.
 *
 * @example
 * gaussLegendre(2).nodes // → [−0.5773502691896258, 0.5773502691896258] (±1/√3)
 * gaussLegendre(1).weights // → [2]
 */
export function gaussLegendre(n: number): GaussRule {
  const hit = rules.get(n);
  if (hit) return hit;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const half = Math.floor((n + 1) / 2);
  for (let i = 0; i < half; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      // P_n(z) by the recurrence j P_j = (2j − 1) z P_{j−1} − (j − 1) P_{j−2}.
      let p1 = 1;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
      }
      derivative = (n * (z * p1 - p2)) / (z * z - 1);
      const previous = z;
      z = previous - p1 / derivative;
      if (Math.abs(z - previous) <= 1e-16) break;
    }
    nodes[i] = -z;
    nodes[n - 1 - i] = z;
    const w = 2 / ((1 - z * z) * derivative * derivative);
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  const rule = { nodes, weights };
  rules.set(n, rule);
  return rule;
}

/** Panels and nodes per panel of a composite Gauss–Legendre rule. */
export interface CompositeOptions {
  /** Equal sub-intervals of [a, b]; default 8 (spec §6.2). */
  readonly panels?: number;
  /** Gauss–Legendre nodes per panel; default 96 (spec §6.2). */
  readonly nodes?: number;
}

/**
 * Computes ∫_a^b f(x) dx by a composite Gauss–Legendre rule: `panels` equal sub-intervals with
 * `nodes` points each.
 *
 * Σ_p Σ_i (h/2) w_i f(m_p + (h/2) x_i), h = (b − a)/panels, m_p the panel midpoints. Exact for
 * piecewise polynomials of degree ≤ 2·nodes − 1 on the panels. a > b gives the negated integral;
 * NaN from f propagates.
 *
 * @example
 * integrateGaussLegendre((x) => x * x, 0, 3) // → 9
 * integrateGaussLegendre(Math.exp, 0, 1, { panels: 1, nodes: 8 }) // → 1.718281828459045
 */
export function integrateGaussLegendre(f: (x: number) => number, a: number, b: number, options: CompositeOptions = {}): number {
  const panels = options.panels ?? 8;
  const { nodes, weights } = gaussLegendre(options.nodes ?? 96);
  const width = (b - a) / panels;
  const halfWidth = 0.5 * width;
  let total = 0;
  for (let p = 0; p < panels; p++) {
    const middle = a + (p + 0.5) * width;
    let sum = 0;
    for (let i = 0; i < nodes.length; i++) sum += weights[i]! * f(middle + halfWidth * nodes[i]!);
    total += halfWidth * sum;
  }
  return total;
}

/**
 * Computes ∫ f over consecutive panels [b_0, b_1], [b_1, b_2], … given by ascending breakpoints,
 * with an n-point Gauss–Legendre rule on each (for integrands whose scales are known in advance).
 *
 * @example
 * integrateOnBreakpoints((x) => Math.abs(x), [-1, 0, 2], 4) // → 2.5
 */
export function integrateOnBreakpoints(f: (x: number) => number, breakpoints: ArrayLike<number>, n: number): number {
  const { nodes, weights } = gaussLegendre(n);
  let total = 0;
  for (let p = 0; p + 1 < breakpoints.length; p++) {
    const a = breakpoints[p]!;
    const b = breakpoints[p + 1]!;
    const half = 0.5 * (b - a);
    const middle = 0.5 * (a + b);
    let sum = 0;
    for (let i = 0; i < nodes.length; i++) sum += weights[i]! * f(middle + half * nodes[i]!);
    total += half * sum;
  }
  return total;
}
