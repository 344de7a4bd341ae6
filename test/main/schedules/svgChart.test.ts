import { describe, expect, it } from 'vitest';
import { lineChartSvg } from '../../../src-main/schedules/svgChart';

describe('lineChartSvg(spec)', () => {
  it('draws one polyline per series and panel, a legend entry per series, and escapes text', () => {
    const svg = lineChartSvg({
      title: 'D < 1 & K', xLabel: 'K', xLog: true, xTicks: [5, 10, 20],
      panels: [
        { yLabel: 'D', yLog: true, series: [{ name: 'las', points: [[5, 1], [10, 0.5], [20, 0.25]] }, { name: 'ref', stroke: '#777', dashed: true, points: [[5, 2], [20, 0.5]] }] },
        { yLabel: 'S', series: [{ name: 'las', points: [[5, 3], [10, 2], [20, -1]], bars: [[2.5, 3.5], [1, 3], [-2, 0]] }] },
      ],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(3);
    expect(svg).toContain('D &lt; 1 &amp; K');
    expect(svg).toContain('stroke-dasharray="5 4"');
    expect(svg).toContain('>ref</text>');
  });

  it('drops non-positive values on a log axis and NaN everywhere instead of drawing NaN coordinates', () => {
    const svg = lineChartSvg({ title: 't', xLabel: 'x', panels: [{ yLabel: 'y', yLog: true, series: [{ name: 'a', points: [[1, 1], [2, 0], [3, Number.NaN], [4, 10]] }] }] });
    expect(svg).not.toContain('NaN');
    expect(svg).not.toContain('Infinity');
  });
});
