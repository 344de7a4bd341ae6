import { InvalidArgumentError } from '../errors';
import { hotKernels } from '../math/hotKernels';
import { klNats } from '../math/kl';
import { blockSizes, checkImage } from './checks';
import { positivePart } from './masses';
import { countLabels } from './partition';
import { scaleClip } from './scaleClip';
import { checkBounds, checkTargets } from './tolerance';

/**
 * Σ_i u_i log(u_i · n_{b(i)} / W_{b(i)}) over the weights u_i > 0, with W the block sums of u⁺: Φ times
 * Σ u⁺. Terms with u_i ≤ 0 vanish (0 log 0 = 0), so an image x can be passed for x⁺; NaN propagates.
 * Shared with potentialsMeter.ts, which must sum in this order.
 */
export function weightedPhi(u: ArrayLike<number>, labels: ArrayLike<number>, counts: Int32Array, blockSum: Float64Array): number {
  const hot = hotKernels.current;
  if (hot !== null && u instanceof Float64Array && labels instanceof Int32Array && labels.length === u.length) return hot.weightedPhi(u, labels, counts, blockSum);
  let sum = 0;
  for (let i = 0; i < u.length; i++) {
    const ui = u[i]!;
    if (ui <= 0) continue;
    const k = labels[i]!;
    sum += ui * Math.log((ui * counts[k]!) / blockSum[k]!);
  }
  return sum;
}

/**
 * Within-block divergence of a pixel distribution from block-uniform references, in nats:
 *   Φ(p) = Σ_k w_k D(p_k‖π_k) = Σ_x p(x) log(p(x) · n_{b(x)} / w_{b(x)}) = D(p‖Π_{w(p)}),  π_k = 1/n_k.
 *
 * Source: spec coarse-kl.md §2, §7(b). 0 ≤ Φ ≤ log max_k n_k; Φ = 0 iff p is constant on every block.
 * The caller passes a distribution (not checked; NaN propagates); labels are checked (integers in
 * [0, K), one per entry of p; blocks without pixels contribute nothing).
 *
 * @example
 * phiNats([0.25, 0.25, 0.5, 0], [0, 0, 1, 1], 2) // → 0.34657359  (= ½ log 2: block 1 is a point mass on 2 pixels)
 * phiNats([0.25, 0.25, 0.25, 0.25], [0, 0, 1, 1], 2) // → 0  (block-constant)
 */
export function phiNats(p: ArrayLike<number>, labels: ArrayLike<number>, K: number): number {
  const counts = countLabels(labels, K, p.length);
  const w = new Float64Array(K);
  for (let i = 0; i < p.length; i++) w[labels[i]!] = w[labels[i]!]! + p[i]!;
  return weightedPhi(p, labels, counts, w);
}

/** Φ, V, V_δ and V_δ^coarse of one image, in nats (spec coarse-kl.md §2). */
export interface Potentials {
  /** Φ(p) = Σ_k w_k D(p_k‖uniform_k). */
  readonly phiNats: number;
  /** V(p) = D(w‖m) + Φ(p). */
  readonly vNats: number;
  /** V_δ(p) = Φ(p) + D(w‖c*). */
  readonly vDeltaNats: number;
  /** V_δ^coarse(p) = D(w‖c*): 0 iff w is in the box. */
  readonly vDeltaCoarseNats: number;
}

/**
 * Lyapunov potentials of an image read as a distribution, p = x⁺/Z (clip mode, spec §1):
 *   Φ = Σ_k w_k D(p_k‖uniform_k),  V = D(w‖m) + Φ,  V_δ = Φ + D(w‖c*),  V_δ^coarse = D(w‖c*),
 * with w = w(p), m the targets and c* = scaleClip(w, L, U) the closest admissible masses.
 *
 * Source: spec coarse-kl.md §2 and §7(b), in nats. V_δ ≤ V when m ∈ box; V_0 = V; V_δ = Φ inside the
 * band. D(w‖m) is +∞ when some w_k > 0 = m_k. Z = 0 (no positive intensity): p is undefined and every
 * field is NaN. Validates x (finite), labels (one per pixel, in [0, K), no empty block), targets
 * (`checkTargets`: ≥ 0, Σ = 1 within 1e-9; renormalised) and bounds (`checkBounds`, length K).
 *
 * @example
 * potentials([0.01, 0.04, 0.1, 0.1, 0.05, 0.25, 0.2, 0.25], [0, 0, 1, 1, 2, 2, 3, 3], 4,
 *   [0.15, 0.25, 0.3, 0.3], [0.1, 0.2, 0.25, 0.25], [0.2, 0.3, 0.35, 0.35])
 * // → { phiNats: 0.085197, vNats: 0.168097, vDeltaNats: 0.115976, vDeltaCoarseNats: 0.030779 }  (spec §7)
 */
export function potentials(
  x: ArrayLike<number>,
  labels: ArrayLike<number>,
  K: number,
  targets: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): Potentials {
  const counts = blockSizes(labels, K, x.length);
  checkImage(x);
  const m = checkTargets(targets);
  if (m.length !== K) throw new InvalidArgumentError('targets', `expected ${K} target masses (one per block), got ${m.length}`);
  checkBounds(lower, upper, K);
  const u = positivePart(x);
  const blockSum = new Float64Array(K);
  for (let i = 0; i < u.length; i++) blockSum[labels[i]!] = blockSum[labels[i]!]! + u[i]!;
  let z = 0;
  for (let k = 0; k < K; k++) z += blockSum[k]!;
  if (z === 0) return { phiNats: NaN, vNats: NaN, vDeltaNats: NaN, vDeltaCoarseNats: NaN };
  const phi = weightedPhi(u, labels, counts, blockSum) / z;
  const w = blockSum.map((v) => v / z);
  const coarse = klNats(w, scaleClip(w, lower, upper));
  return { phiNats: phi, vNats: klNats(w, m) + phi, vDeltaNats: phi + coarse, vDeltaCoarseNats: coarse };
}
