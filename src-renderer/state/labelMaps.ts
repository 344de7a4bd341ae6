/**
 * Pure operations on label maps (Int32Array, row-major, one block id per pixel; −1 = no block yet)
 * for the partition designer: Voronoi cells, brush strokes, filling, compaction, resampling, block
 * statistics, and reading a label-map image (distinct colours → block ids).
 */

/** A point in pixel coordinates: x to the right, y down; pixel (c, r) covers [c, c+1) × [r, r+1). */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The unassigned label. */
export const NO_BLOCK = -1;

/** Most distinct colours a label-map image may have (more means a photo, not a label map). */
export const MAX_LABEL_COLOURS = 256;

/**
 * Voronoi labels: each pixel gets the index of the nearest seed to its centre (c + ½, r + ½), in
 * Euclidean distance; ties go to the lower index. No seed gives every pixel NO_BLOCK.
 *
 * @example
 * voronoiLabels(1, 4, [{ x: 0, y: 0.5 }, { x: 4, y: 0.5 }]) // → Int32Array [0, 0, 1, 1]
 */
export function voronoiLabels(height: number, width: number, seeds: readonly Point[]): Int32Array {
  const labels = new Int32Array(height * width).fill(NO_BLOCK);
  if (seeds.length === 0) return labels;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      let best = 0;
      let bestD = Infinity;
      for (let k = 0; k < seeds.length; k++) {
        const dx = c + 0.5 - seeds[k]!.x;
        const dy = r + 0.5 - seeds[k]!.y;
        const d = dx * dx + dy * dy;
        if (d < bestD) { bestD = d; best = k; }
      }
      labels[r * width + c] = best;
    }
  }
  return labels;
}

/**
 * A brush dab: a copy of `labels` with `block` written on every pixel whose centre lies within
 * `size`/2 of `at` (a square `size` pixels wide for size ≤ 1: the pixel under `at`).
 *
 * @example
 * paintDab(new Int32Array(4), 2, 2, { at: { x: 0.5, y: 0.5 }, size: 1, block: 3 }) // → Int32Array [3, 0, 0, 0]
 */
export function paintDab(labels: Int32Array, height: number, width: number, dab: { at: Point; size: number; block: number }): Int32Array {
  const out = labels.slice();
  const radius = Math.max(dab.size, 1) / 2;
  const r0 = Math.max(0, Math.floor(dab.at.y - radius)), r1 = Math.min(height - 1, Math.floor(dab.at.y + radius));
  const c0 = Math.max(0, Math.floor(dab.at.x - radius)), c1 = Math.min(width - 1, Math.floor(dab.at.x + radius));
  let hit = false;
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const dx = c + 0.5 - dab.at.x, dy = r + 0.5 - dab.at.y;
      if (dx * dx + dy * dy <= radius * radius) { out[r * width + c] = dab.block; hit = true; }
    }
  }
  const col = Math.floor(dab.at.x), row = Math.floor(dab.at.y);
  // A dab always covers the pixel under the pointer, even when no centre is within the radius.
  if (!hit && row >= 0 && row < height && col >= 0 && col < width) out[row * width + col] = dab.block;
  return out;
}

/**
 * Writes `block` on every unassigned pixel (NO_BLOCK); others are kept.
 *
 * @example
 * fillUnassigned(Int32Array.of(-1, 0, -1), 2) // → Int32Array [2, 0, 2]
 */
export function fillUnassigned(labels: Int32Array, block: number): Int32Array {
  return labels.map((k) => (k === NO_BLOCK ? block : k));
}

/**
 * Renumbers blocks to 0 … K−1 in order of first appearance (row-major), dropping empty ids;
 * unassigned pixels stay NO_BLOCK.
 *
 * @example
 * compactLabels(Int32Array.of(5, 5, 2, -1)) // → Int32Array [0, 0, 1, -1]
 */
export function compactLabels(labels: Int32Array): Int32Array {
  const ids = new Map<number, number>();
  return labels.map((k) => {
    if (k === NO_BLOCK) return NO_BLOCK;
    let id = ids.get(k);
    if (id === undefined) { id = ids.size; ids.set(k, id); }
    return id;
  });
}

/**
 * Nearest-neighbour resampling of a label map from h0 × w0 to h × w: pixel (r, c) takes the label
 * at (⌊(r + ½)·h0/h⌋, ⌊(c + ½)·w0/w⌋).
 *
 * @example
 * resampleNearest(Int32Array.of(0, 1), 1, 2, 1, 4) // → Int32Array [0, 0, 1, 1]
 */
export function resampleNearest(labels: Int32Array, h0: number, w0: number, h: number, w: number): Int32Array {
  const out = new Int32Array(h * w);
  for (let r = 0; r < h; r++) {
    const r0 = Math.min(h0 - 1, Math.floor(((r + 0.5) * h0) / h));
    for (let c = 0; c < w; c++) out[r * w + c] = labels[r0 * w0 + Math.min(w0 - 1, Math.floor(((c + 0.5) * w0) / w))]!;
  }
  return out;
}

/** What the block table shows and the validation checks. */
export interface BlockStats {
  /** K = largest id + 1 (0 when nothing is assigned). */
  readonly blockCount: number;
  /** Pixels per block id 0 … K−1. */
  readonly counts: Int32Array;
  /** Pixels with no block. */
  readonly unassigned: number;
  /** Ids in [0, K) with no pixel. */
  readonly emptyBlocks: readonly number[];
}

/**
 * Block sizes n_k = |{i : labels[i] = k}|, the unassigned count, and the empty ids below the largest.
 *
 * @example
 * blockStats(Int32Array.of(0, 2, 2, -1)) // → { blockCount: 3, counts: [1, 0, 2], unassigned: 1, emptyBlocks: [1] }
 */
export function blockStats(labels: Int32Array): BlockStats {
  let max = -1, unassigned = 0;
  for (const k of labels) {
    if (k < 0) unassigned++;
    else if (k > max) max = k;
  }
  const counts = new Int32Array(max + 1);
  for (const k of labels) if (k >= 0) counts[k]!++;
  const emptyBlocks: number[] = [];
  counts.forEach((n, k) => { if (n === 0) emptyBlocks.push(k); });
  return { blockCount: max + 1, counts, unassigned, emptyBlocks };
}

/**
 * Why a label map cannot be used as a partition, or null: unassigned pixels and empty blocks are
 * named (the projection needs every n_k ≥ 1).
 *
 * @example
 * partitionProblem(Int32Array.of(0, 2)) // → 'block 1 has no pixel: paint it, or Compact ids'
 */
export function partitionProblem(labels: Int32Array): string | null {
  const stats = blockStats(labels);
  if (stats.blockCount === 0) return 'the partition is empty: draw a grid, place Voronoi seeds or paint blocks';
  if (stats.unassigned > 0) return `${stats.unassigned} pixel${stats.unassigned === 1 ? ' has' : 's have'} no block: paint them, or use Fill empty`;
  const empty = stats.emptyBlocks;
  if (empty.length > 0) {
    const shown = empty.length > 8 ? `${empty.slice(0, 8).join(', ')}, …` : empty.join(', ');
    return `block${empty.length === 1 ? '' : 's'} ${shown} ${empty.length === 1 ? 'has' : 'have'} no pixel: paint ${empty.length === 1 ? 'it' : 'them'}, or Compact ids`;
  }
  return null;
}

/**
 * Block ids from a label-map image: each distinct RGBA colour becomes a block, numbered in order of
 * first appearance (row-major). Fully transparent pixels are unassigned. Returns an error message
 * instead when the image has more than MAX_LABEL_COLOURS colours (a photo or an antialiased drawing).
 *
 * @example
 * labelsFromRgba(Uint8ClampedArray.of(255, 0, 0, 255, 0, 0, 255, 255, 255, 0, 0, 255), 3) // → { labels: Int32Array [0, 1, 0], colours: 2 }
 */
export function labelsFromRgba(rgba: ArrayLike<number>, pixels: number): { labels: Int32Array; colours: number } | { error: string } {
  const ids = new Map<number, number>();
  const labels = new Int32Array(pixels);
  for (let i = 0; i < pixels; i++) {
    const a = rgba[4 * i + 3]!;
    if (a === 0) { labels[i] = NO_BLOCK; continue; }
    const key = ((rgba[4 * i]! << 16) | (rgba[4 * i + 1]! << 8) | rgba[4 * i + 2]!) * 256 + a;
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      if (id >= MAX_LABEL_COLOURS) return { error: `expected a label map with at most ${MAX_LABEL_COLOURS} distinct colours, found more: is this a photo or an antialiased drawing?` };
      ids.set(key, id);
    }
    labels[i] = id;
  }
  return { labels, colours: ids.size };
}

/**
 * Whether two label maps are equal pixel for pixel.
 *
 * @example
 * sameLabels(Int32Array.of(0, 1), [0, 1]) // → true
 * sameLabels(Int32Array.of(0, 1), [0]) // → false
 */
export function sameLabels(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The block boundaries of a label map as line segments in pixel units, [x0, y0, x1, y1] per segment
 * (a vertical edge between horizontally adjacent pixels of different blocks, or a horizontal one
 * between vertically adjacent pixels), runs along a row or column merged into one segment.
 *
 * @example
 * boundarySegments(Int32Array.of(0, 1, 0, 1), 2, 2) // → [1, 0, 1, 2]  (one vertical line x = 1)
 */
export function boundarySegments(labels: ArrayLike<number>, height: number, width: number): number[] {
  const out: number[] = [];
  for (let c = 1; c < width; c++) {
    let start = -1;
    for (let r = 0; r <= height; r++) {
      const edge = r < height && labels[r * width + c] !== labels[r * width + c - 1];
      if (edge && start < 0) start = r;
      if (!edge && start >= 0) { out.push(c, start, c, r); start = -1; }
    }
  }
  for (let r = 1; r < height; r++) {
    let start = -1;
    for (let c = 0; c <= width; c++) {
      const edge = c < width && labels[r * width + c] !== labels[(r - 1) * width + c];
      if (edge && start < 0) start = c;
      if (!edge && start >= 0) { out.push(start, r, c, r); start = -1; }
    }
  }
  return out;
}

/**
 * The centroid (mean pixel centre) of each block, for drawing its id; NaN for an empty block.
 *
 * @example
 * blockCentroids(Int32Array.of(0, 1), 1, 2, 2) // → [{ x: 0.5, y: 0.5 }, { x: 1.5, y: 0.5 }]
 */
export function blockCentroids(labels: ArrayLike<number>, height: number, width: number, blockCount: number): Point[] {
  const sx = new Float64Array(blockCount), sy = new Float64Array(blockCount), n = new Float64Array(blockCount);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const k = labels[r * width + c]!;
      if (k < 0 || k >= blockCount) continue;
      sx[k]! += c + 0.5;
      sy[k]! += r + 0.5;
      n[k]!++;
    }
  }
  return Array.from(n, (count, k) => ({ x: sx[k]! / count, y: sy[k]! / count }));
}
