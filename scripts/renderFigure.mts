/**
 * Renders publication figures headless: React + recharts in happy-dom → standalone SVG (fonts named,
 * white background, metadata) → PNG at a chosen DPI through resvg. Used for the README's figures
 * from a CLI run directory:
 *
 *   npx tsx scripts/renderFigure.mts paper-toy DIR [--venue single-column|double-column] [--dpi 300] [--out docs/figures]
 */
import { GlobalRegistrator } from '@happy-dom/global-registrator';
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

GlobalRegistrator.register();
const { createElement } = await import('react');
const { createRoot } = await import('react-dom/client');
const { flushSync } = await import('react-dom');
const { TraceFigure } = await import('../src-renderer/figures/TraceFigure');
const { VENUE_WIDTHS_PT } = await import('../src-renderer/figures/style');

type Row = Record<string, string>;
function readCsv(file: string): Row[] {
  const [head, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const keys = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i]!, v])));
}

/** Mean over seeds of `column` per (variant, step), variants in file order. */
function meanTraces(rows: Row[], column: string) {
  const byVariant = new Map<string, Map<number, number[]>>();
  for (const r of rows) {
    const steps = byVariant.get(r.variant!) ?? new Map<number, number[]>();
    byVariant.set(r.variant!, steps);
    const list = steps.get(Number(r.step)) ?? [];
    list.push(Number(r[column]));
    steps.set(Number(r.step), list);
  }
  return [...byVariant.entries()].map(([variant, steps], colorIndex) => ({
    name: variant.startsWith('delta=') ? `δ = ${variant.slice(6)}` : variant,
    colorIndex,
    points: [...steps.entries()].sort((a, b) => a[0] - b[0]).map(([x, ys]) => ({ x: x + 1, y: ys.reduce((a, b) => a + b, 0) / ys.length })),
  }));
}

/** Renders a React element to a standalone SVG string. */
async function toSvg(element: ReturnType<typeof createElement>, meta: Record<string, string>): Promise<string> {
  const host = document.createElement('div');
  document.body.appendChild(host);
  const root = createRoot(host);
  flushSync(() => root.render(element));
  await new Promise((resolve) => setTimeout(resolve, 50)); // recharts 3 draws after mount
  const svg = host.querySelector('.recharts-wrapper > svg.recharts-surface') as unknown as SVGSVGElement;
  if (!svg) throw new Error('recharts rendered no <svg>');
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('font-family', 'DejaVu Sans, Helvetica, Arial, sans-serif');
  const metadata = `<metadata>${Object.entries(meta).map(([k, v]) => `<infodiff:${k} xmlns:infodiff="https://infodiff.lab/ns">${v}</infodiff:${k}>`).join('')}</metadata>`;
  root.unmount();
  host.remove();
  return clone.outerHTML.replace(/^<svg([^>]*)>/, `<svg$1>${metadata}<rect width="100%" height="100%" fill="#fff"/>`);
}

/** The plotted data beside the figure: one row per series and point. */
function seriesCsv(series: { name: string; points: { x: number; y: number }[] }[], yName: string): string {
  return `series,step,${yName}\n` + series.flatMap((s) => s.points.map((p) => `${s.name},${p.x},${p.y}`)).join('\n') + '\n';
}

function writeFigure(outDir: string, name: string, svg: string, dpi: number, widthPt: number, csv: string) {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${name}.svg`), svg);
  writeFileSync(join(outDir, `${name}.csv`), csv);
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: Math.round((widthPt / 72) * dpi) }, background: 'white', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
  writeFileSync(join(outDir, `${name}.png`), png);
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { venue: { type: 'string', default: 'single-column' }, dpi: { type: 'string', default: '200' }, out: { type: 'string', default: 'docs/figures' } } });
const [kind, dir] = positionals;
if (kind !== 'paper-toy' || !dir) throw new Error('usage: renderFigure.mts paper-toy DIR [--venue V] [--dpi N] [--out DIR]');
const widthPt = VENUE_WIDTHS_PT[values.venue as keyof typeof VENUE_WIDTHS_PT];
const rows = readCsv(join(dir, 'steps.csv'));
const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { tolerance: { deltas: number[] }; _meta: Record<string, unknown> };
const meta = { appVersion: String(config._meta.appVersion), configHash: String(config._meta.configHash), runIds: (config._meta.runIds as string[]).join(' ') };
const eInf = meanTraces(rows, 'e_inf');
const references = config.tolerance.deltas.map((d, i) => ({ y: d, label: `δ = ${d}`, colorIndex: i + 1 }));
const height = Math.round(widthPt * 0.72);
writeFigure(values.out!, 'paper-toy-e-inf', await toSvg(createElement(TraceFigure, { series: eInf, references, xLabel: 'reverse step (T → 0)', yLabel: 'block-mass error e∞', widthPt, heightPt: height, yScale: 'log' }), meta), Number(values.dpi), widthPt, seriesCsv(eInf, 'mean_e_inf'));
const vDelta = meanTraces(rows, 'v_delta');
writeFigure(values.out!, 'paper-toy-v-delta', await toSvg(createElement(TraceFigure, { series: vDelta, xLabel: 'reverse step (T → 0)', yLabel: 'V_δ (nats)', widthPt, heightPt: height, yScale: 'log' }), meta), Number(values.dpi), widthPt, seriesCsv(vDelta, 'mean_v_delta_nats'));

console.log(`wrote ${values.out}/paper-toy-e-inf.{svg,png,csv} and paper-toy-v-delta.{svg,png,csv}`);
process.exit(0); // React schedules timers on the happy-dom globals; nothing is pending that matters
