import type { Partition } from '../coarse/partition';
import { CounterRng } from '../math/rng';

/**
 * A block-constant toy image (coarse-kl.md §5): block values v_k ~ U[valueMin, valueMax] i.i.d. from
 * the data seed, pixel x = v_{b(x)}. Its clip-mode masses are m_k = v_k n_k / Σ_j v_j n_j.
 */
export function toyBlockImage(partition: Partition, valueMin: number, valueMax: number, dataSeed: number): Float64Array {
  const rng = new CounterRng(dataSeed, 0);
  const values = new Float64Array(partition.K);
  for (let k = 0; k < partition.K; k++) values[k] = valueMin + (valueMax - valueMin) * rng.nextUniform();
  const image = new Float64Array(partition.labels.length);
  for (let x = 0; x < image.length; x++) image[x] = values[partition.labels[x]!]!;
  return image;
}
