import { describe, expect, it } from 'vitest';
import { ETA_MIN_ELAPSED_MS, ETA_MIN_FRACTION, remainingMs } from '../../../src-shared/experiment/eta';

describe('remainingMs(elapsedMs, done, total): the ETA at the mean rate so far', () => {
  it('is elapsed · (total − done) / done in whole ms once 1 % is done or 5 s have passed', () => {
    expect(remainingMs(2_000, 10, 100)).toBe(18_000);
    expect(remainingMs(300, 640, 64_000)).toBe(29_700);
    expect(remainingMs(6_000, 1, 64_000)).toBe(383_994_000);
    expect(remainingMs(1_234, 3, 3)).toBe(0);
    expect(remainingMs(1_000, 5, 4)).toBe(0);
  });

  it('is null before then (the first steps also pay for the workers\' start), and while nothing is done', () => {
    expect(remainingMs(100, 1, 64_000)).toBeNull();
    expect(remainingMs(ETA_MIN_ELAPSED_MS - 1, ETA_MIN_FRACTION * 64_000 - 1, 64_000)).toBeNull();
    expect(remainingMs(ETA_MIN_ELAPSED_MS, 1, 64_000)).not.toBeNull();
    expect(remainingMs(0, ETA_MIN_FRACTION * 64_000, 64_000)).toBe(0);
    expect(remainingMs(60_000, 0, 100)).toBeNull();
    expect(remainingMs(60_000, 0, 0)).toBeNull();
    expect(remainingMs(60_000, NaN, 100)).toBeNull();
  });
});
