import { describe, expect, it } from 'vitest';
import { baselineGrid } from '../../../src-shared/schedules/baselines';
import { diffGrids, resampleGrid } from '../../../src-shared/schedules/resample';
import { endpointsFromTimes, validateSnrGrid } from '../../../src-shared/schedules/snrGrid';
import { expectClose } from '../../support/close';

const endpoints = endpointsFromTimes(1e-3, 5);

describe('resampleGrid(grid, K)', () => {
  it('resampleGrid(log-snr grid, K′) is the log-snr grid of K′ steps (λ linear in the index), to 1e-13', () => {
    const source = baselineGrid('log-snr', 7, endpoints);
    for (const K of [1, 3, 7, 14, 50]) expectClose(resampleGrid(source, K), baselineGrid('log-snr', K, endpoints), { relTol: 1e-13 });
  });

  it('resampleGrid(grid, its own K) returns the same levels, ends bit for bit', () => {
    const grid = baselineGrid('edm', 10, endpoints);
    const same = resampleGrid(grid, 10);
    expectClose(same, grid, { relTol: 1e-14 });
    expect(same[0]).toBe(grid[0]);
    expect(same[10]).toBe(grid[10]);
  });

  it('resampleGrid(AYS SD1.5 10-step list, 20) keeps its ends and strictly decreases', () => {
    const ays = [14.6146412293, 6.4745760956, 3.8636745985, 2.694615152, 1.8841921177, 1.3943805092, 0.9642583904, 0.6523686016, 0.3977456272, 0.1515232662, 0.0291671582];
    const grid = validateSnrGrid(ays.map((s) => s ** -2).reverse());
    const fine = resampleGrid(grid, 20);
    expect(fine[0]).toBe(grid[0]);
    expect(fine[20]).toBe(grid[10]);
    for (let k = 1; k <= 20; k++) expect(fine[k]!).toBeLessThan(fine[k - 1]!);
    // Every other point of the 20-step resampling is a point of the original.
    for (let k = 0; k <= 10; k++) expectClose(fine[2 * k]!, grid[k]!, { relTol: 1e-13 });
  });
});

describe('diffGrids(a, b)', () => {
  it('diffGrids(a, a) is identical with zero gap; a K = 10 log-snr grid against its K = 5 version has zero gap', () => {
    const a = baselineGrid('cosine', 10, endpoints);
    expect(diffGrids(a, a)).toMatchObject({ identical: true, maxAbsLogSnrGap: 0, sameEndpoints: true });
    expect(diffGrids(baselineGrid('log-snr', 10, endpoints), baselineGrid('log-snr', 5, endpoints)).maxAbsLogSnrGap).toBeLessThan(1e-13);
  });

  it('diffGrids(edm, log-snr) is negative inside (the EDM σ lie above the log-SNR σ at every interior index) and zero at the ends', () => {
    const { logSnrGap, identical } = diffGrids(baselineGrid('edm', 10, endpoints), baselineGrid('log-snr', 10, endpoints));
    expect(identical).toBe(false);
    expect(Math.abs(logSnrGap[0]!)).toBeLessThan(1e-14);
    expect(Math.abs(logSnrGap[10]!)).toBeLessThan(1e-14);
    for (let k = 1; k < 10; k++) expect(logSnrGap[k]!).toBeLessThan(0);
  });
});
