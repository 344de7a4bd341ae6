import { PNG } from 'pngjs';

/** A grayscale tile: height × width values in [0, 1] (clipped when written). */
export interface Tile {
  readonly height: number;
  readonly width: number;
  readonly values: ArrayLike<number>;
}

export interface GridOptions {
  readonly columns: number;
  /** Integer upscaling of every pixel (nearest neighbour). */
  readonly scale?: number;
  /** Gap between tiles, in output pixels, drawn in mid-grey. */
  readonly gap?: number;
}

/** Encodes tiles laid out row by row as an 8-bit grayscale-as-RGBA PNG. */
export function tileGridPng(tiles: readonly Tile[], { columns, scale = 4, gap = 2 }: GridOptions): Buffer {
  const th = tiles[0]!.height, tw = tiles[0]!.width;
  const rows = Math.ceil(tiles.length / columns);
  const width = columns * tw * scale + (columns + 1) * gap;
  const height = rows * th * scale + (rows + 1) * gap;
  const png = new PNG({ width, height });
  png.data.fill(128);
  tiles.forEach((tile, t) => {
    const ox = gap + (t % columns) * (tw * scale + gap);
    const oy = gap + Math.floor(t / columns) * (th * scale + gap);
    for (let y = 0; y < th * scale; y++) {
      for (let x = 0; x < tw * scale; x++) {
        const v = tile.values[Math.floor(y / scale) * tw + Math.floor(x / scale)]!;
        const byte = Math.round(255 * Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0)));
        const o = ((oy + y) * width + ox + x) * 4;
        png.data[o] = png.data[o + 1] = png.data[o + 2] = byte;
        png.data[o + 3] = 255;
      }
    }
  });
  return PNG.sync.write(png);
}
