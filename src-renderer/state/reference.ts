import { readBlockMasses, type MassMode } from '../../src-shared/coarse/massModes';
import { makePartition } from '../../src-shared/coarse/partition';
import { toyBlockImage } from '../../src-shared/experiment/toyData';
import type { BuilderState } from './builder';
import { resizeGray } from './grayImages';
import { partitionProblem } from './labelMaps';
import type { PartitionState } from './partition';

/** The image shown behind the partition and read for block masses, and what it is. */
export interface ReferenceImage {
  readonly pixels: Float64Array;
  readonly caption: string;
}

/**
 * The reference image of the draft at the partition's size: the first seed's toy image (block
 * values drawn per block, so it needs a valid partition), the fetched digit, or the held-out user
 * image; null for a Gaussian mixture or while the fields do not parse.
 *
 * @example
 * referenceImage(toyBuilder, gridPartitionState(32, 32, 4, 4))?.caption // → 'toy image of seed 0 (data seed 1000)'
 */
export function referenceImage(builder: BuilderState, partition: PartitionState): ReferenceImage | null {
  const v = builder.values;
  const { height, width } = partition;
  const num = (key: keyof typeof v) => Number(v[key]);
  switch (v['data.kind']) {
    case 'toy-blocks': {
      const seed = num('seeds.start') * num('batch');
      const dataSeed = num('data.dataSeed') + seed;
      if (partitionProblem(partition.labels) !== null || !Number.isInteger(dataSeed) || !(num('data.valueMin') <= num('data.valueMax'))) return null;
      const pixels = toyBlockImage(makePartition(height, width, partition.labels), num('data.valueMin'), num('data.valueMax'), dataSeed);
      return { pixels, caption: `toy image of seed ${v['seeds.start']} (data seed ${dataSeed})` };
    }
    case 'digits': {
      const sample = builder.sample;
      if (sample === null || sample.height !== height || sample.width !== width) return null;
      return { pixels: Float64Array.from(sample.pixels), caption: `digit #${sample.index}${sample.label === null ? '' : ` (a ${sample.label})`}` };
    }
    case 'images': {
      const k = num('data.heldOutIndex');
      const image = Number.isInteger(k) ? builder.images[k] : undefined;
      if (image === undefined) return null;
      return { pixels: Float64Array.from(resizeGray(image.gray, image.height, image.width, height, width)), caption: `${image.name} (image #${k})` };
    }
    default:
      return null;
  }
}

/**
 * Block masses w_k of the reference under the mass mode, or null when the partition is not valid
 * or the image has no mass (e.g. all zero under clip).
 *
 * @example
 * referenceMasses(Float64Array.of(1, 3), gridPartitionState(1, 2, 1, 2), 'clip') // → [0.25, 0.75]
 */
export function referenceMasses(pixels: Float64Array, partition: PartitionState, massMode: string): Float64Array | null {
  if (partitionProblem(partition.labels) !== null) return null;
  const masses = readBlockMasses(pixels, makePartition(partition.height, partition.width, partition.labels), massMode as MassMode);
  return masses.every(Number.isFinite) ? masses : null;
}

/**
 * Masses as the proportions field's text: 6 significant digits, comma separated.
 *
 * @example
 * proportionsText(Float64Array.of(0.25, 1 / 3)) // → '0.25, 0.333333'
 */
export function proportionsText(masses: ArrayLike<number>): string {
  return Array.from(masses, (m) => String(Number(m.toPrecision(6)))).join(', ');
}
