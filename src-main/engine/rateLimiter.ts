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

/** Lets a caller through at most once per interval; `now` is its clock (ms). */
export interface IntervalGate {
  /** True (and the interval restarts) when at least `intervalMs` passed since the last pass. */
  pass(): boolean;
}

/**
 * A leading-only rate limit for synchronous loops: `pass()` answers true at most once per
 * `intervalMs` of `now` (default performance.now). Unlike createRateLimiter it sets no timer, so it
 * works inside a sampling loop that never yields to the event loop (the worker's previews); what is
 * refused is dropped, the caller offers a newer state later.
 *
 * @example
 * const gate = createIntervalGate(100, () => t); // t = 0: pass() → true; t = 50: → false; t = 100: → true
 */
export function createIntervalGate(intervalMs: number, now: () => number = () => performance.now()): IntervalGate {
  let last = Number.NEGATIVE_INFINITY;
  return {
    pass() {
      const t = now();
      if (t - last < intervalMs) return false;
      last = t;
      return true;
    },
  };
}
