import { InvalidArgumentError } from '../errors';
import type { InfoData } from './config';
import { empiricalSet, mergeDuplicates, type EmpiricalSet, type ExactSet } from './dataset';

/** What the host loads for a data spec (Node reads the bundled digits). */
export interface InfoInputs {
  readonly digits?: { readonly count: number; readonly height: number; readonly width: number; readonly pixels: Float64Array; readonly labels: Int32Array };
}

/**
 * Builds the dataset a data spec describes: points (duplicates merged, spec §3.5.7), the first `count`
 * digits with their labels, the 2^B block images, a GMM, points evenly on a segment, or ±scale·1_d.
 * Throws InvalidArgumentError naming the bad field (ragged rows, mismatched lengths, missing digits).
 *
 * @example
 * resolveInfoData({ kind: 'hypercube', dimension: 3, scale: 1 }).kind // → 'empirical' (2 points in ℝ³)
 */
export function resolveInfoData(spec: InfoData, inputs: InfoInputs = {}): ExactSet {
  switch (spec.kind) {
    case 'points': {
      const d = spec.points[0]!.length;
      spec.points.forEach((row, i) => {
        if (row.length !== d) throw new InvalidArgumentError(`data.points[${i}]`, `expected ${d} coordinates (as points[0]), got ${row.length}`);
      });
      const set = empiricalSet(Float64Array.from(spec.points.flat()), spec.points.length, d, { ...(spec.weights ? { weights: spec.weights } : {}), ...(spec.labels ? { labels: spec.labels } : {}) });
      return mergeDuplicates(set);
    }
    case 'digits': {
      const digits = inputs.digits;
      if (!digits) throw new InvalidArgumentError('data', 'digits data need the bundled digits (loaded by the host)');
      if (spec.count > digits.count) throw new InvalidArgumentError('data.count', `expected at most ${digits.count} digits, got ${spec.count}`);
      const d = digits.height * digits.width;
      return empiricalSet(digits.pixels.subarray(0, spec.count * d), spec.count, d, { labels: digits.labels.subarray(0, spec.count) });
    }
    case 'block-images': return blockImages(spec.blockSizes, spec.values);
    case 'gmm': {
      const d = spec.components[0]!.mean.length;
      spec.components.forEach((c, i) => {
        if (c.mean.length !== d) throw new InvalidArgumentError(`data.components[${i}].mean`, `expected ${d} coordinates (as components[0]), got ${c.mean.length}`);
      });
      return { kind: 'gmm', dimension: d, components: spec.components };
    }
    case 'segment': {
      const d = spec.from.length;
      if (spec.to.length !== d) throw new InvalidArgumentError('data.to', `expected ${d} coordinates (as data.from), got ${spec.to.length}`);
      const points = new Float64Array(spec.count * d);
      for (let j = 0; j < spec.count; j++) for (let k = 0; k < d; k++) points[j * d + k] = spec.from[k]! + ((spec.to[k]! - spec.from[k]!) * j) / (spec.count - 1);
      return empiricalSet(points, spec.count, d);
    }
    case 'hypercube': {
      const d = spec.dimension;
      const points = new Float64Array(2 * d);
      for (let k = 0; k < d; k++) { points[k] = -spec.scale; points[d + k] = spec.scale; }
      return empiricalSet(points, 2, d);
    }
  }
}

/** All 2^B images whose block b (of blockSizes[b] pixels) is constant at values[0] or values[1] (test B1). */
function blockImages(blockSizes: readonly number[], values: readonly [number, number]): EmpiricalSet {
  const d = blockSizes.reduce((a, b) => a + b, 0);
  const count = 2 ** blockSizes.length;
  const points = new Float64Array(count * d);
  for (let image = 0; image < count; image++) {
    let k = 0;
    blockSizes.forEach((size, b) => {
      const v = values[(image >> b) & 1]!;
      for (let p = 0; p < size; p++) points[image * d + k++] = v;
    });
  }
  return empiricalSet(points, count, d);
}

/**
 * Describes a dataset for tables and logs: "N points in ℝ^d" (with the class count) or "K Gaussian components in ℝ^d".
 *
 * @example
 * describeSet(resolveInfoData({ kind: 'hypercube', dimension: 3, scale: 1 })) // → '2 points in ℝ^3'
 */
export function describeSet(set: ExactSet): string {
  return set.kind === 'gmm' ? `${set.components.length} Gaussian components in ℝ^${set.dimension}` : `${set.count} points in ℝ^${set.dimension}${set.labels ? `, ${set.classCount} classes` : ''}`;
}
