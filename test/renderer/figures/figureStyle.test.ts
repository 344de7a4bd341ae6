import { describe, expect, it } from 'vitest';
import { violationColor, viridis, IN_BAND_COLOR } from '../../../src-renderer/figures/colorScale';
import { blockColor, DARK_INK, OKABE_ITO, PAPER_INK, seriesColor } from '../../../src-renderer/figures/style';
import { logTicks, niceTicks } from '../../../src-renderer/figures/ticks';

describe('niceTicks(min, max, count) and logTicks(min, max)', () => {
  it('are evenly spaced at 1, 2 or 5 × 10^k inside the range, about count of them, for 300 ranges', () => {
    for (let k = 0; k < 300; k++) {
      const min = Math.sin(k) * 10 ** ((k % 9) - 4), max = min + Math.abs(Math.cos(k * 1.7)) * 10 ** ((k % 7) - 3) + 1e-9;
      const ticks = niceTicks(min, max, 5);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(11);
      for (const t of ticks) { expect(t).toBeGreaterThanOrEqual(min - 1e-12 * Math.abs(min)); expect(t).toBeLessThanOrEqual(max + 1e-12 * Math.abs(max)); }
      const step = ticks[1]! - ticks[0]!;
      const mantissa = Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(6));
      expect([1, 2, 5, 10]).toContain(mantissa);
      // Ticks are rounded to 12 significant digits, so spacings agree to ~1e-12 of the tick's size.
      ticks.slice(1).forEach((t, i) => expect(Math.abs(t - ticks[i]! - step)).toBeLessThanOrEqual(1e-11 * Math.max(Math.abs(t), step)));
    }
  });

  it('give the documented ticks and degenerate cases', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 0.057, 4)).toEqual([0, 0.02, 0.04]);
    expect(niceTicks(3, 3, 5)).toEqual([3]);
    expect(niceTicks(1, 0, 5)).toEqual([]);
    expect(logTicks(0.002, 80)).toEqual([0.01, 0.1, 1, 10]);
    expect(logTicks(2, 5)).toEqual(niceTicks(2, 5, 4));
    expect(logTicks(0, 5)).toEqual([]);
  });
});

describe('palettes', () => {
  it('seriesColor cycles Okabe–Ito; on the dark ink only black changes', () => {
    expect(OKABE_ITO.map((_, i) => seriesColor(i))).toEqual([...OKABE_ITO]);
    expect(seriesColor(8)).toBe(OKABE_ITO[0]);
    expect(seriesColor(-1)).toBe(OKABE_ITO[7]);
    expect(seriesColor(0, DARK_INK)).toBe(DARK_INK.foreground);
    expect(seriesColor(3, DARK_INK)).toBe(seriesColor(3, PAPER_INK));
  });

  it('blockColor gives 21 distinct colours before repeating, none of them black', () => {
    const colours = Array.from({ length: 21 }, (_, k) => blockColor(k));
    expect(new Set(colours).size).toBe(21);
    expect(colours).not.toContain('#000000');
    expect(blockColor(21)).toBe(blockColor(0));
    expect(colours.slice(0, 7)).toEqual(OKABE_ITO.slice(1));
  });

  it('viridis runs from its first to its last anchor; violations of 0 are the in-band grey', () => {
    expect([viridis(0), viridis(1), viridis(-3), viridis(7)]).toEqual(['#440154', '#fde725', '#440154', '#fde725']);
    expect(viridis(0.5)).toBe('#21918c');
    expect(violationColor(0, 1)).toBe(IN_BAND_COLOR);
    expect(violationColor(0.5, 0.5)).toBe('#fde725');
  });
});
