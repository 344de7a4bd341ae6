/**
 * The coarse-grained KL core (spec coarse-kl.md §1–§4, §7): partitions, block masses, the tolerance
 * box, the scaling-and-clipping solution c*, the V_δ projection (plain and in place), the potentials
 * Φ, V, V_δ and the image ↔ distribution modes. Import from here or from the individual files.
 */
export { blockSizes, checkDistribution, checkImage } from './checks';
export { MASS_MODES, projectImageAs, readBlockMasses, writeBlockFactors, type BoundsLike, type MassMode } from './massModes';
export { blockMasses, massErrors, measureImage, type MassErrors } from './masses';
export { countLabels, gridLabels, gridPartition, makePartition, requireNonEmptyBlocks, type Partition } from './partition';
export { phiNats, potentials, type Potentials } from './potentials';
export { createPotentialsMeter, type PotentialsMeter } from './potentialsMeter';
export {
  createProjectionScratch,
  createProjector,
  projectDistribution,
  projectImage,
  projectImageInPlace,
  type ProjectionCost,
  type ProjectionScratch,
  type Projector,
} from './projection';
export { ScaleClipSolver, scaleClip, scaleClipWithScale } from './scaleClip';
export { scaleClipBisect } from './scaleClipBisect';
export { checkBounds, checkTargets, isInBand, toleranceBand, type BandMode, type ToleranceBand } from './tolerance';
