/** Adding metadata chunks to a PNG: pHYs (the DPI) and iTXt (provenance, UTF-8), right after IHDR. */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32 (ISO-HDLC, as PNG uses it) of bytes.
 *
 * @example
 * crc32(new TextEncoder().encode('IEND')) // → 0xae426082
 */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** An iTXt chunk's data: keyword (Latin-1, ≤ 79 bytes), uncompressed, no language, UTF-8 text. */
function itxt(keyword: string, text: string): Uint8Array {
  const key = Uint8Array.from(keyword.slice(0, 79), (ch) => (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 63));
  const body = new TextEncoder().encode(text);
  const out = new Uint8Array(key.length + 5 + body.length);
  out.set(key, 0); // then: NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL
  out.set(body, key.length + 5);
  return out;
}

export const PNG_SIGNATURE = Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10);

/**
 * A copy of a PNG with a pHYs chunk (pixels per metre for `dpi`) and one iTXt chunk (UTF-8) per
 * entry, inserted right after IHDR. Returns null when the bytes are not a PNG.
 *
 * @example
 * withPngMetadata(png, { dpi: 300, text: { Software: 'InfoDiff Lab 0.1.0' } }) // → the PNG with 11811 px/m and the text
 */
export function withPngMetadata(png: Uint8Array, options: { dpi: number; text: Readonly<Record<string, string>> }): Uint8Array | null {
  if (png.length < 33 || !PNG_SIGNATURE.every((b, i) => png[i] === b)) return null;
  const ihdrEnd = 8 + 12 + new DataView(png.buffer, png.byteOffset).getUint32(8);
  const ppm = Math.round(options.dpi / 0.0254);
  const phys = new Uint8Array(9);
  new DataView(phys.buffer).setUint32(0, ppm);
  new DataView(phys.buffer).setUint32(4, ppm);
  phys[8] = 1; // unit: metre
  const texts = Object.entries(options.text).map(([key, value]) => chunk('iTXt', itxt(key, value)));
  const parts = [png.subarray(0, ihdrEnd), chunk('pHYs', phys), ...texts, png.subarray(ihdrEnd)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
