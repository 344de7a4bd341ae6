import { blockColor } from '../../figures/style';
import { blockCentroids, boundarySegments } from '../../state/labelMaps';

/** Sizes a canvas for h × w image pixels drawn `scale` CSS pixels each, sharp on high-DPI screens; returns its context. */
export function prepareCanvas(canvas: HTMLCanvasElement, height: number, width: number, scale: number): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.round(width * scale * ratio), h = Math.round(height * scale * ratio);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
    canvas.style.width = `${width * scale}px`;
    canvas.style.height = `${height * scale}px`;
  }
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(scale * ratio, 0, 0, scale * ratio, 0, 0);
  return ctx;
}

/** Draws a grayscale image (values clipped to [0, 1]) as h × w unit squares, smoothing off. */
export function drawGray(ctx: CanvasRenderingContext2D, pixels: ArrayLike<number>, height: number, width: number): void {
  const image = new ImageData(width, height);
  for (let i = 0; i < height * width; i++) {
    const v = Math.round(255 * Math.min(1, Math.max(0, pixels[i]!)));
    image.data.set([v, v, v, 255], 4 * i);
  }
  const bitmap = document.createElement('canvas');
  bitmap.width = width;
  bitmap.height = height;
  bitmap.getContext('2d')?.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(bitmap, 0, 0, width, height);
}

/** Fills each block in its palette colour at `alpha` (unassigned pixels stay clear). */
export function drawBlocks(ctx: CanvasRenderingContext2D, labels: ArrayLike<number>, height: number, width: number, alpha: number): void {
  ctx.globalAlpha = alpha;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const k = labels[r * width + c]!;
      if (k < 0) continue;
      ctx.fillStyle = blockColor(k);
      ctx.fillRect(c, r, 1, 1);
    }
  }
  ctx.globalAlpha = 1;
}

/** Draws the block boundaries as lines `lineWidth` CSS pixels wide (in image units: lineWidth / scale). */
export function drawBoundaries(ctx: CanvasRenderingContext2D, segments: readonly number[], options: { color: string; lineWidth: number; scale: number }): void {
  ctx.strokeStyle = options.color;
  ctx.lineWidth = options.lineWidth / options.scale;
  ctx.beginPath();
  for (let s = 0; s < segments.length; s += 4) {
    ctx.moveTo(segments[s]!, segments[s + 1]!);
    ctx.lineTo(segments[s + 2]!, segments[s + 3]!);
  }
  ctx.stroke();
}

/** Writes each block's id at its centroid (white text on a dark halo, readable on any colour). */
export function drawBlockIds(ctx: CanvasRenderingContext2D, labels: ArrayLike<number>, options: { height: number; width: number; blockCount: number; scale: number }): void {
  const size = Math.max(9, Math.min(14, options.scale * 1.2)) / options.scale;
  ctx.font = `600 ${size}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 3 / options.scale;
  ctx.strokeStyle = 'rgba(0,0,0,0.75)';
  ctx.fillStyle = '#fff';
  blockCentroids(labels, options.height, options.width, options.blockCount).forEach((p, k) => {
    if (!Number.isFinite(p.x)) return;
    ctx.strokeText(String(k), p.x, p.y);
    ctx.fillText(String(k), p.x, p.y);
  });
}

/** The segments of a label map, cached by array identity (label maps are immutable in the store). */
const segmentCache = new WeakMap<object, number[]>();
export function cachedSegments(labels: Int32Array, height: number, width: number): number[] {
  let segments = segmentCache.get(labels);
  if (segments === undefined) {
    segments = boundarySegments(labels, height, width);
    segmentCache.set(labels, segments);
  }
  return segments;
}
