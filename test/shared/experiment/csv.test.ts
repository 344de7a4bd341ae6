import { describe, expect, it } from 'vitest';
import { csvNumber, finalsCsv, stepsCsv, toCsv } from '../../../src-shared/experiment/csv';
import type { FinalMetrics, StepMetrics } from '../../../src-shared/experiment/records';

const variants = [{ id: 'unprojected', projected: false, deltaTol: null }, { id: 'delta=0.01', projected: true, deltaTol: 0.01 }];
const step = (seed: number, s: number): StepMetrics => ({ seed, step: s, sigma: 0.5, eInf: 0.01, e1: 0.1, vNats: 1, vDeltaNats: 0.9, vDeltaCoarseNats: 0, projCostNats: 1e-6, displacement: 0.2, mse: Number.NaN, psnr: Number.NaN });
const final = (seed: number): FinalMetrics => ({ seed, eInf: 0.002, e1: 0.02, mse: 0.005, psnr: 23, vNats: 0.01, vDeltaNats: 0.009, vDeltaCoarseNats: 0 });

describe('stepsCsv and finalsCsv', () => {
  it('write the tidy columns of issue 2, one row per variant, seed and step; delta empty for the baseline', () => {
    const lines = stepsCsv(variants, [[step(0, 9)], [step(0, 9), step(1, 9)]]).trimEnd().split('\n');
    expect(lines[0]).toBe('variant,delta,seed,step,sigma,e_inf,e_1,v,v_delta,v_delta_coarse,proj_cost,displacement,mse,psnr');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe('unprojected,,0,9,0.5,0.01,0.1,1,0.9,0,0.000001,0.2,,');
    expect(lines[3]!.startsWith('delta=0.01,0.01,1,9,')).toBe(true);
    const finals = finalsCsv(variants, [[final(0)], [final(0)]]).trimEnd().split('\n');
    expect(finals[0]).toBe('variant,delta,seed,e_inf,e_1,mse,psnr,v,v_delta,v_delta_coarse');
    expect(finals[1]).toBe('unprojected,,0,0.002,0.02,0.005,23,0.01,0.009,0');
  });

  it('round-trips numbers exactly and quotes fields that need it', () => {
    expect(Number(csvNumber(0.1 + 0.2))).toBe(0.1 + 0.2);
    expect(csvNumber(Number.NaN)).toBe('');
    expect(toCsv(['a'], [['x,"y"']])).toBe('a\n"x,""y"""\n');
  });
});
