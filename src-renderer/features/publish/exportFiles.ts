import { figureCsv, fileStem, type FigureLayout, type FigureMetadata, type FigureSpec } from '../../state/figureSpec';
import { composeSvg } from './composeSvg';
import { fontBase64 } from './font';
import { svgToPdf } from './pdf';
import { previewSvgs } from './FigurePreview';
import { svgToPng } from './rasterize';

export type ExportFormat = 'svg' | 'pdf' | 'png';

/** One file to write through figures:export. */
export interface FigureFile {
  readonly fileName: string;
  readonly format: ExportFormat | 'csv';
  readonly content: { readonly encoding: 'utf8' | 'base64'; readonly data: string };
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The files of one export: the chosen formats of the previewed figure (SVG in points with metadata;
 * PDF with the font embedded; PNG at the DPI with pHYs and tEXt) and the plotted data as CSV.
 */
export async function buildFigureFiles(preview: HTMLElement, spec: FigureSpec, options: { layout: FigureLayout; formats: readonly ExportFormat[]; dpi: number; embedFontInSvg: boolean; meta: FigureMetadata }): Promise<FigureFile[]> {
  const { layout, meta } = options;
  const stem = fileStem(spec.name);
  const svgs = previewSvgs(preview);
  const plain = composeSvg(svgs, layout, meta);
  const files: FigureFile[] = [];
  for (const format of options.formats) {
    if (format === 'svg') files.push({ fileName: `${stem}.svg`, format, content: { encoding: 'utf8', data: options.embedFontInSvg ? composeSvg(svgs, layout, meta, await fontBase64()) : plain } });
    if (format === 'pdf') files.push({ fileName: `${stem}.pdf`, format, content: { encoding: 'base64', data: base64(await svgToPdf(plain, layout, meta)) } });
    if (format === 'png') {
      const text = { Title: meta.figure, Software: `InfoDiff Lab ${meta.appVersion}`, Comment: JSON.stringify({ ...meta, dpi: options.dpi }), 'infodiff:runIds': meta.runIds.join(' '), 'infodiff:configHashes': meta.configHashes.join(' ') };
      files.push({ fileName: `${stem}.png`, format, content: { encoding: 'base64', data: base64(await svgToPng(plain, layout, options.dpi, text)) } });
    }
  }
  files.push({ fileName: `${stem}.csv`, format: 'csv', content: { encoding: 'utf8', data: figureCsv(spec) } });
  return files;
}
