import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createThrottle } from '../../../src-main/service/throttle';

describe('createThrottle(intervalMs, emit)', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('emits the first value at once and coalesces the rest of each interval into its newest value', () => {
    const seen: number[] = [];
    const throttle = createThrottle<number>(100, (v) => seen.push(v));
    throttle.push(1);
    throttle.push(2);
    throttle.push(3);
    expect(seen).toEqual([1]);
    vi.advanceTimersByTime(99);
    expect(seen).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual([1, 3]);
    vi.advanceTimersByTime(500);
    expect(seen).toEqual([1, 3]);
  });

  it('keeps to ⌈t / interval⌉ + 1 emissions for a value every millisecond over t = 1,000 ms, and never loses the last', () => {
    const seen: number[] = [];
    const throttle = createThrottle<number>(100, (v) => seen.push(v));
    for (let t = 0; t < 1000; t++) {
      throttle.push(t);
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(100);
    expect(seen.length).toBeLessThanOrEqual(11);
    expect(seen.at(-1)).toBe(999);
    for (let k = 1; k < seen.length; k++) expect(seen[k]! - seen[k - 1]!).toBeGreaterThanOrEqual(99);
  });

  it('flush() emits the kept value at once (and only once); cancel() drops it', () => {
    const seen: string[] = [];
    const throttle = createThrottle<string>(100, (v) => seen.push(v));
    throttle.push('a');
    throttle.push('b');
    throttle.flush();
    expect(seen).toEqual(['a', 'b']);
    // Within the interval after the flush: kept, then dropped.
    throttle.push('c');
    throttle.cancel();
    vi.advanceTimersByTime(200);
    expect(seen).toEqual(['a', 'b']);
  });
});
