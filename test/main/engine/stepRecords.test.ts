import { describe, expect, it } from 'vitest';
import { STEP_RECORD_FIELDS, packStepRecords, unpackStepRecords, type StepRecord } from '../../../src-main/engine/stepRecords';

describe('packStepRecords / unpackStepRecords (src-main/engine/stepRecords.ts)', () => {
  it('carries every field of every record exactly, −0, NaN and ±∞ included, in order', () => {
    const records: StepRecord[] = [
      { variant: 0, metrics: { seed: 2 ** 40 + 3, step: 9, sigma: 0.1 + 0.2, eInf: -0, e1: NaN, vNats: Infinity, vDeltaNats: -Infinity, vDeltaCoarseNats: 5e-324, mse: 1e308, psnr: -1.5, projCostNats: 0, displacement: Math.PI } },
      { variant: 3, metrics: { seed: 0, step: 999, sigma: 0.002, eInf: 0.0123, e1: 0.04, vNats: 0.5, vDeltaNats: 0.25, vDeltaCoarseNats: 0.01, mse: 0.006, psnr: 22.1, projCostNats: 1e-7, displacement: 0.3 } },
    ];
    const packed = packStepRecords(records);
    expect(packed.length).toBe(2 * STEP_RECORD_FIELDS.length);
    const back = unpackStepRecords(packed);
    expect(back).toEqual(records);
    expect(Object.is(back[0]!.metrics.eInf, -0)).toBe(true);
    expect(Object.keys(back[1]!.metrics)).toEqual(STEP_RECORD_FIELDS.slice(1));
    expect(unpackStepRecords(packStepRecords([]))).toEqual([]);
  });
});
