import { InvalidArgumentError } from '../errors';
import { hotKernels } from '../math/hotKernels';
import { checkBounds, isInBand } from './tolerance';

const LOW = 0;
const FREE = 1;
const HIGH = 2;

/**
 * The sweep's events as parallel arrays, event j = (value[j], id[j]); ordered by ascending value,
 * ties by id (a block's low→free id k precedes any free→high id K + k').
 */
interface Events {
  readonly value: Float64Array;
  readonly id: Int32Array;
}

/** Whether event a precedes event b. */
function precedes(events: Events, a: number, b: number): boolean {
  const { value, id } = events;
  return value[a]! < value[b]! || (value[a] === value[b] && id[a]! < id[b]!);
}

function swap(events: Events, a: number, b: number): void {
  const { value, id } = events;
  const v = value[a]!;
  value[a] = value[b]!;
  value[b] = v;
  const i = id[a]!;
  id[a] = id[b]!;
  id[b] = i;
}

function siftDown(events: Events, start: number, end: number): void {
  let root = start;
  for (let child = 2 * root + 1; child < end; child = 2 * root + 1) {
    if (child + 1 < end && precedes(events, child, child + 1)) child++;
    if (!precedes(events, root, child)) return;
    swap(events, root, child);
    root = child;
  }
}

/** Heap sort of events[0..n): O(n log n), in place, no allocation. */
function heapSortEvents(events: Events, n: number): void {
  for (let start = (n >> 1) - 1; start >= 0; start--) siftDown(events, start, n);
  for (let end = n - 1; end > 0; end--) {
    swap(events, 0, end);
    siftDown(events, 0, end);
  }
}

/** Up to this many events insertion sort beats the heap (K = 16: 32 events). */
const INSERTION_SORT_MAX = 48;

/** The sweep sums its free mass afresh when the running sum falls below this fraction of its peak. */
const RESUM_BELOW = 2 ** -10;

/**
 * Sorts events[0..n) by value, ties by id (a total order, so every sort gives the same result):
 * insertion sort on the parallel arrays for the few events of a small K, heap sort beyond
 * (O(n log n)); in place.
 */
function sortEvents(events: Events, n: number): void {
  if (n > INSERTION_SORT_MAX) {
    heapSortEvents(events, n);
    return;
  }
  const { value, id } = events;
  for (let j = 1; j < n; j++) {
    const v = value[j]!;
    const i = id[j]!;
    let at = j;
    for (; at > 0; at--) {
      const before = value[at - 1]!;
      if (!(v < before || (v === before && i < id[at - 1]!))) break;
      value[at] = before;
      id[at] = id[at - 1]!;
    }
    value[at] = v;
    id[at] = i;
  }
}

/**
 * The exact sweep of spec coarse-kl.md §2 with its buffers for K blocks (2K events), allocated once:
 * `solve(w, lower, upper)` writes c* = clip(s*·w, L, U), Σ c* = 1, into `c` and returns s*, with no
 * validation and no allocation. Bounds must have passed `checkBounds`; a NaN mass makes c and s*
 * NaN. The hot path of `scaleClip`; `scaleClip` documents the edge cases.
 *
 * @example
 * const solver = new ScaleClipSolver(4);
 * solver.solve(Float64Array.of(0.05, 0.2, 0.3, 0.45), [0.1, 0.2, 0.25, 0.25], [0.2, 0.3, 0.35, 0.35])
 * // → 1.1, solver.c = [0.10, 0.22, 0.33, 0.35]  (spec §7 worked example)
 */
export class ScaleClipSolver {
  /** c* of the last `solve`. */
  readonly c: Float64Array;
  private readonly events: Events;
  private readonly state: Int8Array;
  private w: Float64Array = new Float64Array(0);
  private lower: ArrayLike<number> = [];
  private upper: ArrayLike<number> = [];

  constructor(readonly K: number) {
    this.c = new Float64Array(K);
    this.events = { value: new Float64Array(2 * K), id: new Int32Array(2 * K) };
    this.state = new Int8Array(K);
  }

  /** Writes c* for masses w (length K) into `this.c` and returns s*. */
  solve(w: Float64Array, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
    const hot = hotKernels.current;
    // The installed sweep sorts by insertion: it takes the small K that insertion sort is for.
    if (hot !== null && 2 * this.K <= INSERTION_SORT_MAX && lower instanceof Float64Array && upper instanceof Float64Array) return hot.scaleClip(w, lower, upper, this.c);
    const { c, K, state } = this;
    const { value: eventValue, id: eventId } = this.events;
    // w already admissible: c* = w exactly, s* = 1 (keeps in-band projections bit-exact).
    if (isInBand(w, lower, upper)) {
      c.set(w);
      return 1;
    }
    this.w = w;
    this.lower = lower;
    this.upper = upper;
    // Blocks without mass sit at L (zero weight in D(w‖c)); R is what the positive blocks must carry.
    let rest = 1;
    let sumLow = 0;
    let events = 0;
    for (let k = 0; k < K; k++) {
      const wk = w[k]!;
      if (Number.isNaN(wk)) return this.fillNaN();
      c[k] = lower[k]!;
      if (wk > 0) {
        eventValue[events] = lower[k]! / wk;
        eventId[events++] = k;
        eventValue[events] = upper[k]! / wk;
        eventId[events++] = K + k;
        state[k] = LOW;
        sumLow += lower[k]!;
      } else {
        rest -= lower[k]!;
      }
    }
    if (sumLow >= rest) return 0;
    sortEvents(this.events, events);

    // Sweep: on the current interval g_P(s) = a + s·bw; stop at the first event where g_P ≥ R.
    let a = sumLow;
    let bw = 0;
    let bwPeak = 0;
    let previous = 0;
    for (let j = 0; j < events; j++) {
      const id = eventId[j]!;
      const e = eventValue[j]!;
      if (bw > 0 ? a + e * bw >= rest : a >= rest) return this.finishInterval(rest, previous);
      previous = e;
      if (id < K) {
        // Block id: low → free.
        state[id] = FREE;
        a -= lower[id]!;
        bw += w[id]!;
        bwPeak = Math.max(bwPeak, bw);
      } else {
        // Block id − K: free → high.
        const k = id - K;
        state[k] = HIGH;
        a += upper[k]!;
        bw -= w[k]!;
        // The running sum's error is ε·bwPeak: below bwPeak·2^-10 it may have lost the small masses
        // ((1 + 1e-27) − 1 = 0 with masses 30 orders apart, as the softmax reading of a noisy state
        // gives), so it is summed afresh.
        if (bw < bwPeak * RESUM_BELOW) {
          bw = this.freeMass();
          bwPeak = bw;
        }
      }
    }
    return this.distributeDeficit(rest, previous);
  }

  /** Σ w_k over the free blocks, in block order. */
  private freeMass(): number {
    const { w, state } = this;
    let bw = 0;
    for (let k = 0; k < w.length; k++) if (w[k]! > 0 && state[k] === FREE) bw += w[k]!;
    return bw;
  }

  private fillNaN(): number {
    this.c.fill(NaN);
    return NaN;
  }

  /**
   * Solves g_P(s) = R on the interval (start, next event] found by the sweep. The running sums a, bw
   * drift by rounding, so the active set's sums are recomputed before solving the linear piece; on a
   * flat piece (no free block) g = R already at `start`, the smallest solution.
   */
  private finishInterval(rest: number, start: number): number {
    const { c, w, lower, upper, state } = this;
    let a = 0;
    let bw = 0;
    for (let k = 0; k < w.length; k++) {
      if (!(w[k]! > 0)) continue;
      if (state[k] === LOW) a += lower[k]!;
      else if (state[k] === HIGH) a += upper[k]!;
      else bw += w[k]!;
    }
    const scale = bw > 0 ? (rest - a) / bw : start;
    for (let k = 0; k < w.length; k++) {
      if (w[k]! > 0) c[k] = Math.min(Math.max(scale * w[k]!, lower[k]!), upper[k]!);
    }
    return scale;
  }

  /**
   * Every positive block at U and still Σ < 1: the deficit goes to the massless blocks in proportion
   * to U_k − L_k (any split is optimal for D(w‖c), spec §2 edge cases). Returns `scale` = max_k U_k/w_k,
   * the smallest s that puts every positive block at U.
   */
  private distributeDeficit(rest: number, scale: number): number {
    const { c, w, lower, upper } = this;
    let deficit = rest;
    let room = 0;
    for (let k = 0; k < w.length; k++) {
      if (w[k]! > 0) {
        c[k] = upper[k]!;
        deficit -= upper[k]!;
      } else {
        room += upper[k]! - lower[k]!;
      }
    }
    if (!(deficit > 0 && room > 0)) return scale;
    const fraction = Math.min(deficit / room, 1);
    for (let k = 0; k < w.length; k++) {
      if (!(w[k]! > 0)) c[k] = lower[k]! + fraction * (upper[k]! - lower[k]!);
    }
    return scale;
  }
}

function checkMasses(masses: ArrayLike<number>, K: number): Float64Array {
  if (masses.length !== K) {
    throw new InvalidArgumentError('masses', `expected ${K} block masses (one per bound), got ${masses.length}`);
  }
  for (let k = 0; k < K; k++) {
    const wk = masses[k]!;
    if (!(Number.isFinite(wk) && wk >= 0)) throw new InvalidArgumentError(`masses[${k}]`, `expected a finite mass ≥ 0, got ${wk}`);
  }
  return Float64Array.from(masses);
}

/**
 * The minimiser c* of D(w‖c) (and of D(c‖w)) over the box ∩ simplex, with its scale:
 *   c*_k = clip(s*·w_k, L_k, U_k),  Σ_k c*_k = 1  (spec coarse-kl.md §2, KKT of both directions).
 *
 * Exact O(K log K) sweep over the breakpoints L_k/w_k, U_k/w_k of g(s) = Σ clip(s w_k, L_k, U_k).
 * Edge cases (spec §2): w ∈ box → c* = w, s* = 1; blocks with w_k = 0 get L_k, and if even U on all
 * positive blocks cannot reach 1, the deficit is split among them in proportion to U_k − L_k
 * (then s* = max U_k/w_k); on flat pieces of g (s* not unique, c* is) the smallest s* is returned.
 * Validates masses (finite, ≥ 0, length K; need not sum to 1) and the bounds (`checkBounds`).
 *
 * @example
 * scaleClipWithScale([0.05, 0.2, 0.3, 0.45], [0.1, 0.2, 0.25, 0.25], [0.2, 0.3, 0.35, 0.35])
 * // → { c: [0.10, 0.22, 0.33, 0.35], scale: 1.1 }  (spec §7 worked example)
 */
export function scaleClipWithScale(masses: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): { c: Float64Array; scale: number } {
  checkBounds(lower, upper);
  const w = checkMasses(masses, lower.length);
  const solver = new ScaleClipSolver(w.length);
  const scale = solver.solve(w, lower, upper);
  return { c: solver.c, scale };
}

/**
 * Closest admissible block masses c* = argmin_{c ∈ Box ∩ Δ_K} D(w‖c) = clip(s*·w, L, U), Σ c* = 1;
 * the same c* minimises D(c‖w) (spec coarse-kl.md §2). See `scaleClipWithScale` for edge cases.
 *
 * @example
 * scaleClip([0.05, 0.2, 0.3, 0.45], [0.1, 0.2, 0.25, 0.25], [0.2, 0.3, 0.35, 0.35]) // → [0.10, 0.22, 0.33, 0.35]
 * scaleClip([0.3, 0.7], [0, 0], [1, 1])                                             // → [0.3, 0.7]  (band = simplex)
 */
export function scaleClip(masses: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): Float64Array {
  return scaleClipWithScale(masses, lower, upper).c;
}
