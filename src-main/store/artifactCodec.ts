import { InvalidArgumentError } from '../../src-shared/errors';
import type { ArtifactData } from '../../src-shared/experiment/records';
import { describe } from './validate';

export type Dtype = ArtifactData['dtype'];

const ARRAY_TYPES = { float64: Float64Array, float32: Float32Array, int32: Int32Array, uint8: Uint8Array } as const;
export const DTYPES = Object.keys(ARRAY_TYPES) as Dtype[];

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** Bytes per element of a dtype. @example bytesPerElement('float32') // → 4 */
export function bytesPerElement(dtype: Dtype): number {
  return ARRAY_TYPES[dtype].BYTES_PER_ELEMENT;
}

/**
 * Checks an artifact's dtype against its array type and its shape against its length
 * (∏ shape = data.length, each extent a non-negative integer); throws InvalidArgumentError.
 */
export function validateArtifact(artifact: ArtifactData): void {
  const type = ARRAY_TYPES[artifact.dtype] as (typeof ARRAY_TYPES)[Dtype] | undefined;
  if (type === undefined) throw new InvalidArgumentError('artifact.dtype', `expected one of ${DTYPES.join(', ')}, got ${describe(artifact.dtype)}`);
  if (!(artifact.data instanceof type)) throw new InvalidArgumentError('artifact.data', `expected a ${type.name} for dtype ${artifact.dtype}`);
  if (!Array.isArray(artifact.shape) || artifact.shape.some((n) => !Number.isSafeInteger(n) || n < 0)) {
    throw new InvalidArgumentError('artifact.shape', `expected an array of non-negative integers, got ${JSON.stringify(artifact.shape)}`);
  }
  const size = artifact.shape.reduce((a, b) => a * b, 1);
  if (size !== artifact.data.length) throw new InvalidArgumentError('artifact.shape', `shape ${JSON.stringify(artifact.shape)} holds ${size} elements, data has ${artifact.data.length}`);
}

/** The array's elements as little-endian bytes (a copy). @example toLittleEndian(Int32Array.of(1)) // → Uint8Array [1, 0, 0, 0] */
export function toLittleEndian(data: ArtifactData['data']): Uint8Array {
  const bytes = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  if (!HOST_IS_LITTLE_ENDIAN && data.BYTES_PER_ELEMENT > 1) swapBytes(bytes, data.BYTES_PER_ELEMENT);
  return bytes;
}

/**
 * The typed array of `dtype` stored in little-endian `bytes` (copied, so it is aligned); undefined
 * if the length is not a whole number of elements.
 * @example fromLittleEndian('int32', Uint8Array.of(1, 0, 0, 0)) // → Int32Array [1]
 */
export function fromLittleEndian(dtype: Dtype, bytes: Uint8Array): ArtifactData['data'] | undefined {
  const size = bytesPerElement(dtype);
  if (bytes.byteLength % size !== 0) return undefined;
  const copy = new Uint8Array(bytes);
  if (!HOST_IS_LITTLE_ENDIAN && size > 1) swapBytes(copy, size);
  return new ARRAY_TYPES[dtype](copy.buffer, 0, copy.byteLength / size);
}

function swapBytes(bytes: Uint8Array, width: number): void {
  for (let start = 0; start < bytes.length; start += width) bytes.subarray(start, start + width).reverse();
}
