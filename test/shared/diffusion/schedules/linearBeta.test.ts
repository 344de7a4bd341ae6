import { describe, expect, it } from 'vitest';
import { linearBetas } from '../../../../src-shared/diffusion/schedules/linearBeta';
import { expectClose } from '../../../support/close';

describe('linearBetas(T, betaStart, betaEnd)', () => {
  it('starts at β_1 = 1e-4, ends at β_T = 0.02 exactly, with constant increments (T = 1000)', () => {
    const betas = linearBetas(1000, 1e-4, 0.02);
    expect(betas.length).toBe(1000);
    expect(betas[0]).toBe(1e-4);
    expect(betas[999]).toBe(0.02);
    const increment = (0.02 - 1e-4) / 999;
    for (let k = 1; k < 1000; k++) expectClose(betas[k]! - betas[k - 1]!, increment, { absTol: 4 * Number.EPSILON * 0.02 });
  });

  it('gives [betaStart] for T = 1 and rejects β outside (0, 1)', () => {
    expect(Array.from(linearBetas(1, 0.3, 0.5))).toEqual([0.3]);
    expect(() => linearBetas(10, 0, 0.02)).toThrow(/betaStart: expected a number in \(0, 1\), got 0/);
    expect(() => linearBetas(10, 1e-4, 1)).toThrow(/betaEnd: expected a number in \(0, 1\), got 1/);
    expect(() => linearBetas(0, 1e-4, 0.02)).toThrow(/T: expected an integer ≥ 1/);
  });
});
