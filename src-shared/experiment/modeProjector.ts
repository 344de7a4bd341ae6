import { readBlockMasses, projectImageAs, type MassMode } from '../coarse/massModes';
import type { Partition } from '../coarse/partition';
import { createProjector, type ProjectionCost } from '../coarse/projection';
import { klNats } from '../math/kl';

/** The sampler's view of a projector: rescale x in place, report D(Π_δ p‖p) and ‖Π_δ x − x‖₂. */
export interface StateProjector {
  projectInPlace(x: Float64Array): ProjectionCost;
}

/**
 * The V_δ projector for an image read under `mode`: clip uses the allocation-free in-place path;
 * the other modes project with `projectImageAs` and measure the cost as D(c*‖w) between the masses
 * read before and after (the projection's KL cost in both directions' optimum, spec §3).
 */
export function createStateProjector(partition: Partition, band: { lower: Float64Array; upper: Float64Array }, mode: MassMode): StateProjector {
  if (mode === 'clip') return createProjector(partition, band.lower, band.upper);
  const result = { costNats: 0, displacement: 0 };
  return {
    projectInPlace(x) {
      const w = readBlockMasses(x, partition, mode);
      const projected = projectImageAs(x, partition, band, mode);
      let sumSq = 0;
      for (let i = 0; i < x.length; i++) {
        sumSq += (projected[i]! - x[i]!) ** 2;
        x[i] = projected[i]!;
      }
      result.costNats = klNats(readBlockMasses(x, partition, mode), w);
      result.displacement = Math.sqrt(sumSq);
      return result;
    },
  };
}
