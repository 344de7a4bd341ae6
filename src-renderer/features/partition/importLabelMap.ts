import { labelsFromRgba } from '../../state/labelMaps';
import { decodeRgba } from '../builder/decodeImages';

/**
 * Reads a label-map image (PNG is the safe format: JPEG blurs edges into new colours): each distinct
 * colour becomes a block, transparent pixels stay unassigned. The map keeps its own size (the
 * designer resamples it, nearest neighbour, to the data's). Errors say why, naming the file.
 */
export async function readLabelMap(file: File): Promise<{ labels: Int32Array; height: number; width: number; colours: number } | { error: string }> {
  let decoded: Awaited<ReturnType<typeof decodeRgba>>;
  try {
    decoded = await decodeRgba(file, 4096, true);
  } catch {
    return { error: `${file.name}: not a readable image (corrupt, or not PNG/JPEG/WebP/GIF)` };
  }
  const result = labelsFromRgba(decoded.rgba, decoded.width * decoded.height);
  if ('error' in result) return { error: `${file.name}: ${result.error}` };
  return { labels: result.labels, height: decoded.height, width: decoded.width, colours: result.colours };
}
