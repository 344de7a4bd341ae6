import { fromLittleEndian, toLittleEndian } from '../artifactCodec';

/** Numbers as base64 of little-endian float64 (exact, NaN and ±∞ included). @example encodeFloat64([0]) // → 'AAAAAAAAAAA=' */
export function encodeFloat64(values: readonly number[]): string {
  return Buffer.from(toLittleEndian(Float64Array.from(values))).toString('base64');
}

/** The inverse of {@link encodeFloat64}; undefined unless it decodes to exactly `length` numbers. @example decodeFloat64('AAAAAAAAAAA=', 1) // → Float64Array [0] */
export function decodeFloat64(text: string, length: number): Float64Array | undefined {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength !== length * 8) return undefined;
  return fromLittleEndian('float64', bytes) as Float64Array;
}
