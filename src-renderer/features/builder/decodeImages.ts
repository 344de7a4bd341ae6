import type { UserImage } from '../../state/builder';
import { grayscaleFromRgba } from '../../state/grayImages';

/** Longest side an imported image is kept at (resizing to the data's H × W happens per config). */
export const MAX_SOURCE_SIDE = 256;

/**
 * Decodes image files (PNG, JPEG, anything the browser reads) to grayscale, downscaled by a canvas
 * to at most MAX_SOURCE_SIDE on the long side. Files that cannot be decoded come back as messages
 * naming them; the others are kept.
 */
export async function decodeImageFiles(files: readonly File[]): Promise<{ images: UserImage[]; errors: string[] }> {
  const images: UserImage[] = [];
  const errors: string[] = [];
  for (const file of files) {
    try {
      const { width, height, rgba } = await decodeRgba(file, MAX_SOURCE_SIDE);
      images.push({ name: file.name, height, width, gray: Float32Array.from(grayscaleFromRgba(rgba, width * height)) });
    } catch {
      errors.push(`${file.name}: not a readable image (corrupt, or not PNG/JPEG/WebP/GIF)`);
    }
  }
  return { images, errors };
}

/** RGBA pixels of an image file, downscaled to at most `maxSide` on the long side (no smoothing when `exact`). */
export async function decodeRgba(file: Blob, maxSide = Infinity, exact = false): Promise<{ width: number; height: number; rgba: Uint8ClampedArray }> {
  const bitmap = await createImageBitmap(file);
  try {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale)), height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (ctx === null) throw new Error('no 2d canvas');
    ctx.imageSmoothingEnabled = !exact;
    ctx.drawImage(bitmap, 0, 0, width, height);
    return { width, height, rgba: ctx.getImageData(0, 0, width, height).data };
  } finally {
    bitmap.close();
  }
}
