import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src-main/store';
import { seedRun } from './support/fixtures';

describe('Store.putArtifact / getArtifact / listArtifacts', () => {
  it('round-trips every dtype bit for bit with its shape, and lists them by seed and step', () => {
    const store = openStore({ file: ':memory:' });
    const { runId } = seedRun(store);
    const arrays = {
      float64: Float64Array.of(Math.PI, -0, Number.NaN, 1e-300, Infinity, 2),
      float32: Float32Array.of(1.5, -2.25, 3e-39, 4, 5, 6),
      int32: Int32Array.of(-2147483648, 2147483647, 0, 1, 2, 3),
      uint8: Uint8Array.of(0, 255, 7, 8, 9, 10),
    };
    const ids = Object.entries(arrays).map(([dtype, data], step) =>
      store.putArtifact(runId, { name: dtype, dtype: dtype as keyof typeof arrays, shape: [2, 3], data, seed: 1, step: 3 - step }),
    );
    ids.forEach((id, k) => {
      const [dtype, data] = Object.entries(arrays)[k]!;
      const artifact = store.getArtifact(id)!;
      expect(artifact).toMatchObject({ name: dtype, dtype, shape: [2, 3] });
      expect(artifact.data.constructor).toBe(data.constructor);
      expect(Buffer.from(artifact.data.buffer).equals(Buffer.from(data.buffer))).toBe(true);
    });
    expect(store.listArtifacts(runId).map((a) => [a.name, a.step, a.byteLength])).toEqual([['uint8', 0, 6], ['int32', 1, 24], ['float32', 2, 24], ['float64', 3, 48]]);
    store.close();
  });

  it('refuses a shape that does not match the data or a dtype that does not match the array', () => {
    const store = openStore({ file: ':memory:' });
    const { runId } = seedRun(store);
    expect(() => store.putArtifact(runId, { name: 'x', dtype: 'float32', shape: [2, 2], data: new Float32Array(5) })).toThrow(/artifact.shape: shape \[2,2\] holds 4 elements, data has 5/);
    expect(() => store.putArtifact(runId, { name: 'x', dtype: 'float64', shape: [4], data: new Float32Array(4) })).toThrow(/artifact.data: expected a Float64Array/);
    expect(() => store.putArtifact('nope', { name: 'x', dtype: 'uint8', shape: [1], data: new Uint8Array(1) })).toThrow(expect.objectContaining({ code: 'not-found' }));
    store.close();
  });
});
