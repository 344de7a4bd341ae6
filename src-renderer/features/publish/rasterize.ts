import { withPngMetadata } from '../../state/pngChunks';

/**
 * Renders an SVG string to PNG bytes at `dpi`: the SVG (sized in points) is drawn on a canvas of
 * width widthPt·dpi/72 pixels over white, then pHYs (the DPI) and tEXt (provenance) chunks are added.
 */
export async function svgToPng(svg: string, size: { widthPt: number; heightPt: number }, dpi: number, text: Readonly<Record<string, string>>): Promise<Uint8Array> {
  const scale = dpi / 72;
  const width = Math.round(size.widthPt * scale), height = Math.round(size.heightPt * scale);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image(width, height);
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (ctx === null) throw new Error('no 2d canvas');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be encoded'))), 'image/png'));
    const png = new Uint8Array(await blob.arrayBuffer());
    return withPngMetadata(png, { dpi, text }) ?? png;
  } finally {
    URL.revokeObjectURL(url);
  }
}
