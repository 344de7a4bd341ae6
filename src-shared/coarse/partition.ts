import { InvalidArgumentError } from '../errors';

/**
 * A partition of the pixel sites of an H×W single-channel image into K blocks B_0, …, B_{K−1}
 * (spec coarse-kl.md §1). `labels[i]` is the block b(i) of pixel i (row-major, i = row·W + col);
 * `counts[k]` = n_k = |B_k| ≥ 1. Blocks need not be contiguous (class maps, painted regions).
 * Build one with `makePartition` or `gridPartition`, which validate it; the hot-path functions trust it.
 */
export interface Partition {
  readonly height: number;
  readonly width: number;
  readonly K: number;
  readonly labels: Int32Array;
  readonly counts: Int32Array;
}

function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError(name, `expected a positive integer, got ${value}`);
  }
}

/**
 * Counts the pixels of each block, n_k = |{i : labels[i] = k}|, after checking that every label
 * is an integer in [0, K).
 *
 * Source: spec coarse-kl.md §1. Empty blocks (n_k = 0) are allowed here; `makePartition` rejects
 * them. Throws InvalidArgumentError naming the first offending index and value, or the length
 * mismatch when `length` is given.
 *
 * @example
 * countLabels([0, 2, 2, 0], 3) // → Int32Array [2, 0, 2]
 * countLabels([0, 3], 3)       // throws "labels[1]: expected an integer block id in [0, 3), got 3"
 */
export function countLabels(labels: ArrayLike<number>, K: number, length?: number): Int32Array {
  requirePositiveInteger('K', K);
  if (length !== undefined && labels.length !== length) {
    throw new InvalidArgumentError('labels', `expected length ${length} (one label per pixel), got ${labels.length}`);
  }
  const counts = new Int32Array(K);
  for (let i = 0; i < labels.length; i++) {
    const k = labels[i]!;
    if (!Number.isInteger(k) || k < 0 || k >= K) {
      throw new InvalidArgumentError(`labels[${i}]`, `expected an integer block id in [0, ${K}), got ${k}`);
    }
    counts[k] = counts[k]! + 1;
  }
  return counts;
}

/**
 * Throws InvalidArgumentError when some block has no pixel (n_k = 0); the message lists the empty
 * block ids. Projections need n_k ≥ 1 to place the mass c*_k of a block.
 *
 * @example
 * requireNonEmptyBlocks(Int32Array.of(2, 0, 1)) // throws "labels: … empty blocks: 1"
 */
export function requireNonEmptyBlocks(counts: Int32Array): void {
  const empty: number[] = [];
  for (let k = 0; k < counts.length; k++) if (counts[k] === 0) empty.push(k);
  if (empty.length > 0) {
    const shown = empty.length > 20 ? `${empty.slice(0, 20).join(', ')}, … (${empty.length} in all)` : empty.join(', ');
    throw new InvalidArgumentError('labels', `expected every block id in [0, ${counts.length}) to label at least one pixel; empty blocks: ${shown}`);
  }
}

/**
 * Validates an arbitrary label map and returns it as a Partition with block sizes n_k.
 *
 * Checks: height, width positive integers; labels.length = height·width; every label an integer
 * in [0, K) (K inferred as max label + 1 when omitted); every block non-empty. Blocks need not
 * be contiguous. The labels are copied. Errors name the first offending index and value, or the
 * empty block ids. Source: spec coarse-kl.md §1.
 *
 * @example
 * makePartition(2, 2, [1, 0, 0, 1]).counts // → Int32Array [2, 2]  (K = 2 inferred, non-contiguous)
 * makePartition(2, 2, [0, 0, 2, 2])        // throws "labels: … empty blocks: 1"
 */
export function makePartition(height: number, width: number, labels: ArrayLike<number>, K?: number): Partition {
  requirePositiveInteger('height', height);
  requirePositiveInteger('width', width);
  const n = height * width;
  if (labels.length !== n) {
    throw new InvalidArgumentError('labels', `expected length height·width = ${n}, got ${labels.length}`);
  }
  let blockCount = K;
  if (blockCount === undefined) {
    let max = -1;
    for (let i = 0; i < n; i++) {
      const k = labels[i]!;
      if (!Number.isInteger(k) || k < 0 || k >= 2 ** 31 - 1) {
        throw new InvalidArgumentError(`labels[${i}]`, `expected a nonnegative integer block id, got ${k}`);
      }
      if (k > max) max = k;
    }
    blockCount = max + 1;
  }
  const counts = countLabels(labels, blockCount);
  requireNonEmptyBlocks(counts);
  return { height, width, K: blockCount, labels: Int32Array.from(labels), counts };
}

/**
 * Label map of a rows×cols grid of rectangular tiles on an H×W image, row-major, block id
 * b = r·cols + c.
 *
 * Tile row r covers image rows ⌊r·H/rows⌋ ≤ y < ⌊(r+1)·H/rows⌋ (columns likewise), so sizes differ by
 * at most one pixel when H or W is not divisible, and every tile is non-empty because rows ≤ H,
 * cols ≤ W. When divisible this is b = ⌊y/bh⌋·cols + ⌊x/bw⌋ with bh = H/rows, bw = W/cols
 * (spec coarse-kl.md §7(a)). Throws InvalidArgumentError unless 1 ≤ rows ≤ H and 1 ≤ cols ≤ W.
 *
 * @example
 * gridLabels(2, 4, 1, 2) // → Int32Array [0, 0, 1, 1, 0, 0, 1, 1]
 * gridLabels(5, 1, 2, 1) // → Int32Array [0, 0, 1, 1, 1]  (⌊5/2⌋ = 2: tiles of 2 and 3 rows)
 */
export function gridLabels(height: number, width: number, rows: number, cols: number): Int32Array {
  requirePositiveInteger('height', height);
  requirePositiveInteger('width', width);
  if (!Number.isInteger(rows) || rows < 1 || rows > height) {
    throw new InvalidArgumentError('rows', `expected an integer in [1, height = ${height}], got ${rows}`);
  }
  if (!Number.isInteger(cols) || cols < 1 || cols > width) {
    throw new InvalidArgumentError('cols', `expected an integer in [1, width = ${width}], got ${cols}`);
  }
  const tileRow = tileIndex(height, rows);
  const tileCol = tileIndex(width, cols);
  const labels = new Int32Array(height * width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) labels[y * width + x] = tileRow[y]! * cols + tileCol[x]!;
  }
  return labels;
}

/** Tile of each of `length` positions cut into `tiles` pieces at ⌊t·length/tiles⌋. */
function tileIndex(length: number, tiles: number): Int32Array {
  const index = new Int32Array(length);
  for (let t = 0; t < tiles; t++) {
    const end = Math.floor(((t + 1) * length) / tiles);
    for (let i = Math.floor((t * length) / tiles); i < end; i++) index[i] = t;
  }
  return index;
}

/**
 * The Partition of an H×W image into a rows×cols grid of tiles (`gridLabels`), K = rows·cols.
 *
 * @example
 * gridPartition(32, 32, 4, 4).counts // → 16 blocks of 64 pixels (the toy of spec §5)
 */
export function gridPartition(height: number, width: number, rows: number, cols: number): Partition {
  const labels = gridLabels(height, width, rows, cols);
  const counts = countLabels(labels, rows * cols);
  return { height, width, K: rows * cols, labels, counts };
}
