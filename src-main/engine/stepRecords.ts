import type { StepMetrics } from '../../src-shared/experiment/records';

/** One recorded step of one variant, as a worker streams it. */
export interface StepRecord {
  readonly variant: number;
  readonly metrics: StepMetrics;
}

/** The numbers of a packed step record, in order: the variant, then StepMetrics' fields. */
export const STEP_RECORD_FIELDS = ['variant', 'seed', 'step', 'sigma', 'eInf', 'e1', 'vNats', 'vDeltaNats', 'vDeltaCoarseNats', 'mse', 'psnr', 'projCostNats', 'displacement'] as const;
const WIDTH = STEP_RECORD_FIELDS.length;

/**
 * Records as one Float64Array (WIDTH numbers each, STEP_RECORD_FIELDS order): a worker transfers it
 * instead of structured-cloning an object per record. Every number travels exactly (−0, NaN, ±∞ included).
 *
 * @example
 * unpackStepRecords(packStepRecords(records)) // → records, field for field
 */
export function packStepRecords(records: readonly StepRecord[]): Float64Array {
  const packed = new Float64Array(records.length * WIDTH);
  records.forEach(({ variant, metrics: m }, r) => {
    packed.set([variant, m.seed, m.step, m.sigma, m.eInf, m.e1, m.vNats, m.vDeltaNats, m.vDeltaCoarseNats, m.mse, m.psnr, m.projCostNats, m.displacement], r * WIDTH);
  });
  return packed;
}

/** The records of packStepRecords, in their order. */
export function unpackStepRecords(packed: Float64Array): StepRecord[] {
  const records: StepRecord[] = [];
  for (let at = 0; at < packed.length; at += WIDTH) {
    const f = (j: number) => packed[at + j]!;
    records.push({
      variant: f(0),
      metrics: { seed: f(1), step: f(2), sigma: f(3), eInf: f(4), e1: f(5), vNats: f(6), vDeltaNats: f(7), vDeltaCoarseNats: f(8), mse: f(9), psnr: f(10), projCostNats: f(11), displacement: f(12) },
    });
  }
  return records;
}
