import { describe, expect, it } from 'vitest';
import type { ArtifactData } from '../../../src-shared/experiment/records';
import { decodeArtifact, encodeArtifact } from '../../../src-shared/ipc/artifactJson';

function bytesOf(data: ArtifactData['data']): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** A float64 NaN with a payload (not the canonical 0x7ff8000000000000), which a round trip through a JS number may lose. */
function nanWithPayload(): Float64Array {
  const out = new Float64Array(1);
  new DataView(out.buffer).setBigUint64(0, 0x7ff8_0000_0000_0123n, true);
  return out;
}

describe('encodeArtifact(id, artifact) and decodeArtifact(json)', () => {
  const cases: ArtifactData[] = [
    { name: 'f64', dtype: 'float64', shape: [2, 3], data: Float64Array.of(0, -0, 1.5, Number.MIN_VALUE, Number.POSITIVE_INFINITY, nanWithPayload()[0]!) },
    { name: 'f32', dtype: 'float32', shape: [4], data: Float32Array.of(0.1, -0, 3.4e38, 1e-45) },
    { name: 'i32', dtype: 'int32', shape: [3], data: Int32Array.of(-2147483648, 0, 2147483647) },
    { name: 'u8', dtype: 'uint8', shape: [2, 2], data: Uint8Array.of(0, 1, 254, 255) },
    { name: 'empty', dtype: 'float32', shape: [0, 5], data: new Float32Array(0) },
  ];

  it('round-trips every dtype bit for bit (−0, subnormals, ±∞, a NaN payload)', () => {
    for (const artifact of cases) {
      const back = decodeArtifact(encodeArtifact('a', artifact));
      expect(back.dtype).toBe(artifact.dtype);
      expect(back.shape).toEqual(artifact.shape);
      expect(back.data.constructor).toBe(artifact.data.constructor);
      expect(bytesOf(back.data)).toEqual(bytesOf(artifact.data));
    }
  });

  it('encodes little-endian bytes (checked against Buffer.writeDoubleLE) and only the view of a subarray', () => {
    const whole = Float64Array.of(9, 1.25, -2);
    const json = encodeArtifact('view', { name: 'x', dtype: 'float64', shape: [2], data: whole.subarray(1) });
    const reference = Buffer.alloc(16);
    reference.writeDoubleLE(1.25, 0);
    reference.writeDoubleLE(-2, 8);
    expect(json).toEqual({ id: 'view', name: 'x', dtype: 'float64', shape: [2], encoding: 'base64-le', data: reference.toString('base64') });
  });

  it('decodeArtifact refuses bytes that do not fill the shape, and unknown dtypes', () => {
    const json = encodeArtifact('a', cases[0]!);
    expect(() => decodeArtifact({ ...json, shape: [7] })).toThrow('data: expected 7 float64 elements (56 bytes) for shape [7], got 48 bytes');
    expect(() => decodeArtifact({ ...json, dtype: 'float16' as never })).toThrow(/^dtype: expected float64, float32, int32 or uint8/u);
  });
});
