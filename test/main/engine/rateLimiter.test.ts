import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../src-main/engine/rateLimiter';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createRateLimiter(intervalMs, emit)', () => {
  it('emits at most once per interval: 100 pushes 5 ms apart over ~500 ms give ≤ 6 emits, each ≥ 100 ms after the last', async () => {
    const times: number[] = [];
    const limiter = createRateLimiter(100, () => times.push(performance.now()));
    for (let i = 0; i < 100; i++) {
      limiter.push();
      await sleep(5);
    }
    await sleep(150);
    expect(times.length).toBeGreaterThanOrEqual(3);
    expect(times.length).toBeLessThanOrEqual(Math.ceil((times.at(-1)! - times[0]!) / 100) + 1);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(99.5);
  });

  it('emits the first push at once and a coalesced trailing call for pushes inside the interval', async () => {
    let count = 0;
    const limiter = createRateLimiter(50, () => count++);
    limiter.push();
    expect(count).toBe(1);
    limiter.push();
    limiter.push();
    expect(count).toBe(1);
    await sleep(80);
    expect(count).toBe(2);
  });

  it('flush() emits a pending call immediately and cancels its timer; without one it does nothing', async () => {
    let count = 0;
    const limiter = createRateLimiter(1000, () => count++);
    limiter.flush();
    expect(count).toBe(0);
    limiter.push();
    limiter.push();
    limiter.flush();
    expect(count).toBe(2);
    await sleep(20);
    expect(count).toBe(2);
  });
});
