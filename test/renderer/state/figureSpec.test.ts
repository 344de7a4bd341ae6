import { crc32 as zlibCrc32 } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { VENUE_WIDTHS_PT } from '../../../src-renderer/figures/style';
import { figureCsv, figureLayout, fileStem, svgMetadata, tracePanelProps, type FigureSpec } from '../../../src-renderer/state/figureSpec';
import { crc32, PNG_SIGNATURE, withPngMetadata } from '../../../src-renderer/state/pngChunks';

const spec: FigureSpec = {
  name: 'test', runIds: ['r1'], panels: [
    { kind: 'trace', xLabel: 'step', yLabel: 'e∞', series: [{ name: 'δ = 0.01', colorIndex: 1, points: [{ x: 10, y: 0.125 }, { x: 20, y: Number.NaN }] }, { name: 'a, "b"', colorIndex: 0, points: [{ x: 10, y: 1e-17 }] }] },
    { kind: 'heatmap', xLabel: 'step', yLabel: 'block', colorLabel: 'v', xs: [10, 20], values: [[0, 0.5], [0.25, Number.NaN]] },
  ],
};

describe('figureLayout(panels, venue)', () => {
  it('fills the venue width exactly with 1, 2 or 3 columns and keeps panels ≥ 150 pt high', () => {
    expect(figureLayout(1, 'single-column')).toEqual({ widthPt: 243, heightPt: 175, columns: 1, panelWidthPt: 243, panelHeightPt: 175 });
    expect(figureLayout(2, 'single-column').heightPt).toBe(350);
    expect(figureLayout(6, 'double-column')).toMatchObject({ columns: 3, widthPt: 487, panelWidthPt: 162, heightPt: 2 * 150 });
    expect(figureLayout(2, 'neurips-text').columns).toBe(2);
    for (const venue of Object.keys(VENUE_WIDTHS_PT) as (keyof typeof VENUE_WIDTHS_PT)[]) {
      for (let n = 1; n <= 8; n++) {
        const layout = figureLayout(n, venue);
        expect(layout.columns * layout.panelWidthPt).toBeLessThanOrEqual(layout.widthPt);
        expect(layout.heightPt).toBe(layout.panelHeightPt * Math.ceil(n / layout.columns));
      }
    }
  });
});

describe('figureCsv(spec)', () => {
  it('holds every plotted value at full precision, quoted where needed, empty for undefined', () => {
    expect(figureCsv(spec)).toBe([
      'panel,kind,series,x,y',
      '1,trace,δ = 0.01,10,0.125', '1,trace,δ = 0.01,20,', '1,trace,"a, ""b""",10,1e-17',
      '2,heatmap,block 0,10,0', '2,heatmap,block 1,10,0.5', '2,heatmap,block 0,20,0.25', '2,heatmap,block 1,20,',
      '',
    ].join('\n'));
  });
});

describe('svgMetadata(meta) and fileStem(name)', () => {
  it('escapes markup and carries the run ids, config hashes and app version', () => {
    const xml = svgMetadata({ figure: 'a<b & c', runIds: ['r1', 'r2'], configHashes: ['abc'], appVersion: '0.1.0', created: 'T', venue: 'single-column' });
    expect(xml).toContain('a&lt;b &amp; c');
    expect(xml).toContain('<infodiff:runIds xmlns:infodiff="https://infodiff.lab/ns/figure">r1 r2</infodiff:runIds>');
    expect(xml).toContain('>0.1.0</infodiff:appVersion>');
    expect(xml).not.toMatch(/<b|& c/u);
  });

  it('makes safe file stems', () => {
    expect([fileStem('e∞ over steps (δ sweep)'), fileStem('∞'), fileStem('Paper Toy / eInf')]).toEqual(['e-over-steps-sweep', 'figure', 'paper-toy-einf']);
  });
});

describe('withPngMetadata(png, options) and crc32', () => {
  it('crc32 agrees with zlib on 50 random byte strings', () => {
    for (let n = 0; n < 50; n++) {
      const bytes = Uint8Array.from({ length: n * 13 }, (_, i) => (i * 7919 + n * 104729) % 256);
      expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    }
  });

  it('adds pHYs and UTF-8 iTXt chunks with valid CRCs; the PNG still decodes to the same pixels', () => {
    const png = new PNG({ width: 3, height: 2 });
    png.data.fill(200);
    const bytes = new Uint8Array(PNG.sync.write(png));
    const out = withPngMetadata(bytes, { dpi: 300, text: { Title: 'e∞ figure', Comment: '{"runIds":["r1"]}' } })!;
    expect(PNG_SIGNATURE.every((b, i) => out[i] === b)).toBe(true);
    const chunks: { type: string; data: Uint8Array }[] = [];
    const view = new DataView(out.buffer, out.byteOffset);
    for (let at = 8; at < out.length;) {
      const length = view.getUint32(at);
      const type = new TextDecoder().decode(out.subarray(at + 4, at + 8));
      expect(view.getUint32(at + 8 + length), `${type} CRC`).toBe(zlibCrc32(out.subarray(at + 4, at + 8 + length)));
      chunks.push({ type, data: out.subarray(at + 8, at + 8 + length) });
      at += 12 + length;
    }
    expect(chunks.map((c) => c.type).slice(0, 4)).toEqual(['IHDR', 'pHYs', 'iTXt', 'iTXt']);
    const phys = new DataView(chunks[1]!.data.buffer, chunks[1]!.data.byteOffset);
    // 300 dpi = 300 / 0.0254 = 11811.02 pixels per metre.
    expect([phys.getUint32(0), phys.getUint32(4), chunks[1]!.data[8]]).toEqual([11811, 11811, 1]);
    expect(new TextDecoder().decode(chunks[2]!.data)).toBe('Title\0\0\0\0\0e∞ figure');
    const decoded = PNG.sync.read(Buffer.from(out));
    expect([decoded.width, decoded.height, decoded.data[0]]).toEqual([3, 2, 200]);
    expect(withPngMetadata(Uint8Array.of(1, 2, 3), { dpi: 72, text: {} })).toBeNull();
  });
});

describe('figureCsv(spec) with bands and markers, and tracePanelProps(panel)', () => {
  it('writes a band as band-low and band-high rows and a marker as one row named by its label', () => {
    const withBand: FigureSpec = {
      name: 'b', runIds: [], panels: [{
        kind: 'trace', xLabel: 'λ', yLabel: 'mmse', series: [{ name: 'mmse', colorIndex: 4, points: [{ x: -1, y: 0.75 }] }],
        bands: [{ name: 'mmse ± s.e.', colorIndex: 4, points: [{ x: -1, lo: 0.5, hi: 1 }] }], markers: [{ x: 0.41, y: 0.24, label: 'λ = 0.410', colorIndex: 5 }],
      }],
    };
    expect(figureCsv(withBand)).toBe(['panel,kind,series,x,y', '1,trace,mmse,-1,0.75', '1,band-low,mmse ± s.e.,-1,0.5', '1,band-high,mmse ± s.e.,-1,1', '1,marker,λ = 0.410,0.41,0.24', ''].join('\n'));
  });

  it('tracePanelProps leaves out the kind and every absent option, so the figure’s defaults apply', () => {
    expect(tracePanelProps({ kind: 'trace', series: [], xLabel: 'λ', yLabel: 'R', xFromZero: false, yScale: undefined })).toEqual({ series: [], xLabel: 'λ', yLabel: 'R', xFromZero: false });
  });
});
