import { describe, expect, it } from 'vitest';
import { meanTrace, summarizeFinals } from '../../../src-shared/experiment/aggregate';
import type { FinalMetrics, StepMetrics } from '../../../src-shared/experiment/records';
import { expectClose } from '../../support/close';

const f = (seed: number, mse: number): FinalMetrics => ({ seed, eInf: mse, e1: mse, mse, psnr: -10 * Math.log10(mse), vNats: 0, vDeltaNats: 0, vDeltaCoarseNats: 0 });
const variants = [{ id: 'unprojected', projected: false, deltaTol: null }, { id: 'delta=0.01', projected: true, deltaTol: 0.01 }];

describe('summarizeFinals(variants, finals)', () => {
  it('pairs by seed: a constant shift between variants has a zero-width paired interval', () => {
    const base = [f(2, 0.3), f(0, 0.1), f(1, 0.5)];
    const proj = [f(0, 0.08), f(1, 0.48), f(2, 0.28)];
    const [b, p] = summarizeFinals(variants, [base, proj]);
    expect(b!.pairedVsBaseline).toBeNull();
    expectClose(p!.metrics.mse.mean, (0.08 + 0.48 + 0.28) / 3, { relTol: 1e-15 });
    expectClose(p!.pairedVsBaseline!.mse.mean, -0.02, { relTol: 1e-12 });
    expect(p!.pairedVsBaseline!.mse.ciHalfWidth).toBeLessThan(1e-15);
    expect(p!.metrics.mse.ciHalfWidth).toBeGreaterThan(0.1);
  });
});

describe('meanTrace(steps)', () => {
  it('averages each recorded step over seeds, steps ascending', () => {
    const s = (seed: number, step: number, eInf: number) => ({ seed, step, sigma: step, eInf, e1: 0, vNats: 0, vDeltaNats: 0, vDeltaCoarseNats: 0, projCostNats: 0, displacement: 0, mse: 0, psnr: 0 }) as StepMetrics;
    const t = meanTrace([s(0, 19, 1), s(1, 9, 4), s(0, 9, 2), s(1, 19, 3)]);
    expect(t.map((r) => [r.step, r.eInf])).toEqual([[9, 3], [19, 2]]);
  });
});
