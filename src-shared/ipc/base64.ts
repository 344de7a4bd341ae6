import { InvalidArgumentError } from '../errors';

/**
 * Base64 (RFC 4648 §4, standard alphabet, `=` padding) without `Buffer` or `btoa`, so that the
 * artifact codec runs in main, the renderer and workers alike. Both directions go through a
 * Uint8Array of ASCII codes turned into text in chunks (linear time, no deep regex or recursion).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = 61; // '='
const ENCODE = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const DECODE = new Int16Array(128).fill(-1);
for (let k = 0; k < ALPHABET.length; k++) DECODE[ALPHABET.charCodeAt(k)] = k;
/** Characters per String.fromCharCode call: well below every engine's argument limit. */
const CHUNK = 8192;

/**
 * Encodes bytes as padded base64: every 3 bytes become 4 characters of the RFC 4648 alphabet.
 *
 * @example
 * encodeBase64(new Uint8Array([77, 97, 110])) // → 'TWFu'
 * encodeBase64(new Uint8Array([])) // → ''
 */
export function encodeBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  const codes = new Uint8Array(4 * Math.ceil(n / 3));
  let o = 0;
  for (let i = 0; i < n; i += 3) {
    const b0 = bytes[i]!;
    const b1 = i + 1 < n ? bytes[i + 1]! : 0;
    const b2 = i + 2 < n ? bytes[i + 2]! : 0;
    codes[o++] = ENCODE[b0 >> 2]!;
    codes[o++] = ENCODE[((b0 & 3) << 4) | (b1 >> 4)]!;
    codes[o++] = i + 1 < n ? ENCODE[((b1 & 15) << 2) | (b2 >> 6)]! : PAD;
    codes[o++] = i + 2 < n ? ENCODE[b2 & 63]! : PAD;
  }
  const parts: string[] = [];
  // apply takes the typed array as it is; spreading it would go through the iterator, 10× slower.
  for (let start = 0; start < codes.length; start += CHUNK) parts.push(String.fromCharCode.apply(null, codes.subarray(start, start + CHUNK) as unknown as number[]));
  return parts.join('');
}

/** The 6-bit value of character k of `text`, or −1 when it is not in the alphabet. */
function sextet(text: string, k: number): number {
  const code = text.charCodeAt(k);
  return code < 128 ? DECODE[code]! : -1;
}

/**
 * Decodes padded base64 back into bytes; the inverse of {@link encodeBase64}. Throws
 * InvalidArgumentError for text that is not padded base64 of the standard alphabet.
 *
 * @example
 * decodeBase64('TWFu') // → Uint8Array [77, 97, 110]
 * decodeBase64('TQ==') // → Uint8Array [77]
 */
export function decodeBase64(text: string, argument = 'data'): Uint8Array {
  const invalid = () => new InvalidArgumentError(argument, 'expected padded base64 text (A–Z, a–z, 0–9, +, /)');
  if (typeof text !== 'string' || text.length % 4 !== 0) throw invalid();
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const c0 = sextet(text, i);
    const c1 = sextet(text, i + 1);
    const c2 = last && padding === 2 ? 0 : sextet(text, i + 2);
    const c3 = last && padding >= 1 ? 0 : sextet(text, i + 3);
    if ((c0 | c1 | c2 | c3) < 0) throw invalid();
    const triple = (c0 << 18) | (c1 << 12) | (c2 << 6) | c3;
    out[o++] = triple >> 16;
    if (o < out.length) out[o++] = (triple >> 8) & 255;
    if (o < out.length) out[o++] = triple & 255;
  }
  return out;
}
