import { describe, expect, it } from 'vitest';
import { loadDigits } from '../../../src-main/data/digits';
import { toRunInputs, toWorkerInputs } from '../../../src-main/engine/inputs';

const dataset = (pixels: Float64Array) => ({ digits: { count: pixels.length / 4, height: 2, width: 2, pixels } });

describe('toWorkerInputs / toRunInputs (src-main/engine/inputs.ts)', () => {
  it('hands the bundled digits to the workers on their own shared buffer, no copy, and the workers see the same pixels', () => {
    const digits = loadDigits();
    const worker = toWorkerInputs({ digits });
    expect(worker.digits!.pixels).toBe(digits.pixels.buffer);
    const seen = toRunInputs(worker).digits!;
    expect(seen.pixels.buffer).toBe(digits.pixels.buffer);
    expect({ count: seen.count, height: seen.height, width: seen.width, length: seen.pixels.length }).toEqual({ count: digits.count, height: 28, width: 28, length: digits.pixels.length });
  });

  it('copies other pixels once into a new shared buffer: an ordinary array, and a view of part of a shared one', () => {
    const own = Float64Array.of(0, 0.5, 1, 0.25, 0.75, 0, 0, 1);
    const fromArray = toWorkerInputs(dataset(own)).digits!.pixels;
    expect(fromArray).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(new Float64Array(fromArray))).toEqual(Array.from(own));

    const big = new Float64Array(new SharedArrayBuffer(12 * 8)).map((_, i) => i / 12);
    const part = big.subarray(4);
    const fromView = toWorkerInputs(dataset(part)).digits!.pixels;
    expect(fromView).not.toBe(big.buffer);
    expect(Array.from(new Float64Array(fromView))).toEqual(Array.from(part));
    expect(toWorkerInputs({})).toEqual({});
  });
});
