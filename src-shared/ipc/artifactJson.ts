import { InvalidArgumentError } from '../errors';
import type { ArtifactData } from '../experiment/records';
import { decodeBase64, encodeBase64 } from './base64';

/**
 * The JSON form of a stored array (the `runs:artifact` response): the array's elements as
 * little-endian bytes in base64, so that every value, NaN payloads and −0 included, survives IPC,
 * HTTP and structured clone bit for bit.
 */
export interface ArtifactJson {
  readonly id: string;
  readonly name: string;
  readonly dtype: ArtifactData['dtype'];
  readonly shape: number[];
  readonly encoding: 'base64-le';
  readonly data: string;
}

const ARRAYS = { float64: Float64Array, float32: Float32Array, int32: Int32Array, uint8: Uint8Array } as const;
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** Reverses the byte order of each `width`-byte element in place (big-endian hosts only). */
function swapBytes(bytes: Uint8Array, width: number): void {
  if (HOST_IS_LITTLE_ENDIAN || width === 1) return;
  for (let start = 0; start < bytes.length; start += width) bytes.subarray(start, start + width).reverse();
}

/**
 * Encodes a typed array as {@link ArtifactJson}: element k occupies bytes [k·w, (k+1)·w) in
 * little-endian order (w = 8, 4, 4, 1 for float64, float32, int32, uint8), then base64. The bytes
 * are copied, never reinterpreted through a JS number, so NaN payloads are kept.
 *
 * @example
 * encodeArtifact('a1', { name: 'frame', dtype: 'uint8', shape: [3], data: Uint8Array.of(77, 97, 110) }).data // → 'TWFu'
 * encodeArtifact('a2', { name: 'x', dtype: 'float64', shape: [1], data: Float64Array.of(1) }).data // → 'AAAAAAAA8D8='
 */
export function encodeArtifact(id: string, artifact: ArtifactData): ArtifactJson {
  const { data } = artifact;
  const bytes = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  swapBytes(bytes, data.BYTES_PER_ELEMENT);
  return { id, name: artifact.name, dtype: artifact.dtype, shape: [...artifact.shape], encoding: 'base64-le', data: encodeBase64(bytes) };
}

/**
 * Decodes {@link ArtifactJson} back into a typed array of its dtype; the inverse of
 * {@link encodeArtifact}, bit for bit. Throws InvalidArgumentError for an unknown dtype or when the
 * bytes do not hold exactly ∏ shape elements.
 *
 * @example
 * decodeArtifact({ id: 'a', name: 'x', dtype: 'float64', shape: [1], encoding: 'base64-le', data: 'AAAAAAAA8D8=' }).data // → Float64Array [1]
 */
export function decodeArtifact(json: ArtifactJson): ArtifactData {
  const type = (ARRAYS as Record<string, (typeof ARRAYS)[keyof typeof ARRAYS] | undefined>)[json.dtype];
  if (type === undefined) throw new InvalidArgumentError('dtype', `expected float64, float32, int32 or uint8, got ${String(json.dtype)}`);
  const bytes = decodeBase64(json.data);
  const size = json.shape.reduce((a, b) => a * b, 1);
  if (bytes.length !== size * type.BYTES_PER_ELEMENT) {
    throw new InvalidArgumentError('data', `expected ${size} ${json.dtype} elements (${size * type.BYTES_PER_ELEMENT} bytes) for shape ${JSON.stringify(json.shape)}, got ${bytes.length} bytes`);
  }
  swapBytes(bytes, type.BYTES_PER_ELEMENT);
  return { name: json.name, dtype: json.dtype, shape: [...json.shape], data: new type(bytes.buffer as ArrayBuffer, 0, size) };
}
