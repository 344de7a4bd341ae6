/** A callback called at most once per interval; `flush` calls it now if a push is pending. */
export interface RateLimiter {
  push(): void;
  flush(): void;
}

/**
 * Limits `emit` to at most one call per `intervalMs`: the first push emits at once, later pushes
 * within the interval are coalesced into one trailing call at the interval's end (so the last state
 * is never lost), and `flush` emits a pending call immediately (at the end of a run).
 *
 * @example
 * const limiter = createRateLimiter(100, () => send(progress)); // 1,000 pushes in a second → ≤ 10 sends
 */
export function createRateLimiter(intervalMs: number, emit: () => void): RateLimiter {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  const fire = () => {
    const now = performance.now();
    // libuv timers count from the loop's cached clock and may fire a few ms early: defer to the full interval.
    if (now - last < intervalMs) {
      timer = setTimeout(fire, intervalMs - (now - last));
      return;
    }
    timer = undefined;
    pending = false;
    last = now;
    emit();
  };
  return {
    push() {
      const wait = last + intervalMs - performance.now();
      if (wait <= 0 && timer === undefined) return fire();
      pending = true;
      timer ??= setTimeout(fire, Math.max(0, wait));
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      if (!pending) return;
      pending = false;
      last = performance.now();
      emit();
    },
  };
}
