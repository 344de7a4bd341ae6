import type { FigureMetadata } from '../../state/figureSpec';
import { EMBEDDED_FONT_FAMILY, fontBase64 } from './font';

/**
 * A PDF of an SVG figure with DejaVu Sans embedded (jsPDF + svg2pdf.js, loaded on first use): the
 * page is the figure's size in points; the provenance goes in the document's Subject (JSON) and
 * Keywords (run ids and config hashes).
 */
export async function svgToPdf(svg: string, size: { widthPt: number; heightPt: number }, meta: FigureMetadata): Promise<Uint8Array> {
  const [{ jsPDF }, { svg2pdf }, font] = await Promise.all([import('jspdf'), import('svg2pdf.js'), fontBase64()]);
  const doc = new jsPDF({ unit: 'pt', format: [size.widthPt, size.heightPt], orientation: size.widthPt > size.heightPt ? 'landscape' : 'portrait', compress: true });
  doc.addFileToVFS('DejaVuSans.ttf', font);
  doc.addFont('DejaVuSans.ttf', EMBEDDED_FONT_FAMILY, 'normal');
  doc.addFont('DejaVuSans.ttf', EMBEDDED_FONT_FAMILY, 'bold');
  doc.setFont(EMBEDDED_FONT_FAMILY, 'normal');
  // svg2pdf picks fonts by family name: every text in the figure is set in the embedded family.
  const element = new DOMParser().parseFromString(svg.replaceAll(/font-family="[^"]*"/gu, `font-family="${EMBEDDED_FONT_FAMILY}"`), 'image/svg+xml').documentElement as unknown as SVGSVGElement;
  const host = document.createElement('div');
  host.style.cssText = 'position:fixed;left:-10000px;top:0;visibility:hidden';
  host.appendChild(element);
  document.body.appendChild(host);
  try {
    await svg2pdf(element, doc, { x: 0, y: 0, width: size.widthPt, height: size.heightPt });
  } finally {
    host.remove();
  }
  doc.setProperties({
    title: meta.figure,
    subject: JSON.stringify(meta),
    keywords: [...meta.runIds, ...meta.configHashes.map((h) => `config:${h}`)].join(' '),
    creator: `InfoDiff Lab ${meta.appVersion}`,
    author: 'InfoDiff Lab',
  });
  return new Uint8Array(doc.output('arraybuffer'));
}
