import { InvalidArgumentError } from '../errors';
import { asSnrGrid, type SnrGrid } from './snrGrid';

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** Minimises f on [a, b] by golden-section search to an interval width ≤ tolerance; returns the argmin. */
function goldenSection(f: (x: number) => number, a: number, b: number, tolerance: number): number {
  let x1 = b - GOLDEN * (b - a);
  let x2 = a + GOLDEN * (b - a);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let iteration = 0; iteration < 200 && b - a > tolerance; iteration++) {
    if (f1 <= f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - GOLDEN * (b - a);
      f1 = f(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + GOLDEN * (b - a);
      f2 = f(x2);
    }
  }
  return f1 <= f2 ? x1 : x2;
}

/** Sweeps and tolerance of the continuous LAS refinement. */
export interface RefineOptions {
  /** Maximum coordinate sweeps; default 200. */
  readonly sweeps?: number;
  /** Stop when no ln γ_j moves by more than this in a sweep; default 1e-12. */
  readonly tolerance?: number;
}

/**
 * Refines a LAS grid off the candidate set: coordinate-wise golden-section search in ln γ_j on the
 * continuous loss, the endpoints fixed (spec schedules-las.md §4.3, "continuous refinement").
 *
 * Each interior γ_j (j = 1 … K − 1) minimises its two terms of S = ½ Σ (γ_{k−1} − γ_k) ℓ(γ_k),
 * ½(γ_{j−1} − γ_j) ℓ(γ_j) + ½(γ_j − γ_{j+1}) ℓ(γ_{j+1}), over ln γ_j ∈ (ln γ_{j+1}, ln γ_{j−1});
 * sweeps repeat until no coordinate moves by more than `tolerance` (in ln γ). Converges to a
 * coordinate-wise minimum; from the DP grid that is the global one on smooth curves (it reproduces
 * the Gaussian closed form to ~1e-9). The result is a new grid.
 *
 * @example
 * refineLasGrid(lasGridOnCandidates, (g) => 1 / (1 + g)) // → the equal-ratio grid of T4, to 1e-9
 */
export function refineLasGrid(grid: SnrGrid, loss: (gamma: number) => number, options: RefineOptions = {}): SnrGrid {
  const sweeps = options.sweeps ?? 200;
  const tolerance = options.tolerance ?? 1e-12;
  if (!(tolerance > 0)) throw new InvalidArgumentError('tolerance', `expected a number > 0, got ${tolerance}`);
  const gammas = Float64Array.from(grid);
  const K = gammas.length - 1;
  for (let sweep = 0; sweep < sweeps; sweep++) {
    let moved = 0;
    for (let j = 1; j < K; j++) {
      const above = gammas[j - 1]!;
      const below = gammas[j + 1]!;
      const belowTerm = loss(below);
      const local = (logGamma: number) => {
        const gamma = Math.exp(logGamma);
        return (above - gamma) * loss(gamma) + (gamma - below) * belowTerm;
      };
      const before = Math.log(gammas[j]!);
      const after = goldenSection(local, Math.log(below), Math.log(above), tolerance * 0.1);
      if (local(after) < local(before)) {
        gammas[j] = Math.exp(after);
        moved = Math.max(moved, Math.abs(after - before));
      }
    }
    if (moved <= tolerance) break;
  }
  return asSnrGrid(gammas);
}
