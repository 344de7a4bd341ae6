import { InvalidArgumentError } from '../errors';
import { hotKernels } from '../math/hotKernels';
import { klNats } from '../math/kl';
import { checkImage } from './checks';
import type { Partition } from './partition';
import { weightedPhi, type Potentials } from './potentials';
import { ScaleClipSolver } from './scaleClip';
import { checkBounds, checkTargets } from './tolerance';

/** blockSum_k = Σ_{i ∈ B_k} max(x_i, 0) in pixel order; false when some x_i is not finite. */
function clipBlockSums(x: Float64Array, labels: Int32Array, blockSum: Float64Array): boolean {
  if (hotKernels.current !== null) return hotKernels.current.clipBlockSums(x, labels, blockSum);
  blockSum.fill(0);
  let finite = true;
  for (let i = 0; i < labels.length; i++) {
    const v = x[i]!;
    if (!Number.isFinite(v)) finite = false;
    const k = labels[i]!;
    blockSum[k] = blockSum[k]! + Math.max(v, 0);
  }
  return finite;
}

/** `potentials` for one partition, target vector and box, validated once; `measure(x)` allocates nothing but its result. */
export interface PotentialsMeter {
  /** The potentials of x; with `masses` (length K), x's clip-mode block masses go there too, as measureImage gives them. */
  measure(x: Float64Array, masses?: Float64Array): Potentials;
}

/**
 * Builds the metrics' fast form of `potentials` (spec coarse-kl.md §2): the same Φ, V = D(w‖m) + Φ,
 * V_δ = Φ + D(w‖c*) and V_δ^coarse = D(w‖c*) of x read as p = x⁺/Z, equal to `potentials(x, labels, K,
 * targets, lower, upper)` bit for bit, with the targets (renormalised by `checkTargets`) and the
 * bounds (`checkBounds`) validated here once instead of on every call, and the partition's counts
 * reused. `measure` still refuses a non-finite pixel with potentials' error (InvalidArgumentError
 * naming x[i]); Z = 0 gives NaN in every field.
 *
 * @example
 * const meter = createPotentialsMeter(makePartition(1, 8, [0, 0, 1, 1, 2, 2, 3, 3]), [0.15, 0.25, 0.3, 0.3], [0.1, 0.2, 0.25, 0.25], [0.2, 0.3, 0.35, 0.35]);
 * meter.measure(Float64Array.of(0.01, 0.04, 0.1, 0.1, 0.05, 0.25, 0.2, 0.25))
 * // → { phiNats: 0.085197, vNats: 0.168097, vDeltaNats: 0.115976, vDeltaCoarseNats: 0.030779 }  (spec §7)
 */
export function createPotentialsMeter(partition: Partition, targets: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): PotentialsMeter {
  const { labels, counts, K } = partition;
  const m = checkTargets(targets);
  if (m.length !== K) throw new InvalidArgumentError('targets', `expected ${K} target masses (one per block), got ${m.length}`);
  checkBounds(lower, upper, K);
  const lo = Float64Array.from(lower);
  const hi = Float64Array.from(upper);
  const blockSum = new Float64Array(K);
  const w = new Float64Array(K);
  const solver = new ScaleClipSolver(K);
  return {
    measure(x, masses) {
      if (x.length !== labels.length) throw new InvalidArgumentError('x', `expected ${labels.length} pixels (the partition's), got ${x.length}`);
      if (!clipBlockSums(x, labels, blockSum)) checkImage(x);
      let z = 0;
      for (let k = 0; k < K; k++) z += blockSum[k]!;
      // w_k = blockSum_k / Z: measureImage's masses bit for bit (its sums skip x_i ≤ 0, these add +0), NaN when Z = 0.
      for (let k = 0; k < K; k++) w[k] = blockSum[k]! / z;
      masses?.set(w);
      if (z === 0) return { phiNats: NaN, vNats: NaN, vDeltaNats: NaN, vDeltaCoarseNats: NaN };
      const phi = weightedPhi(x, labels, counts, blockSum) / z;
      solver.solve(w, lo, hi);
      const coarse = klNats(w, solver.c);
      return { phiNats: phi, vNats: klNats(w, m) + phi, vDeltaNats: phi + coarse, vDeltaCoarseNats: coarse };
    },
  };
}
