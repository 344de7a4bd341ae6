/** A rate limiter for events: at most one emission per interval, the latest value wins. */
export interface Throttle<T> {
  /** Emits now if the interval has passed since the last emission, else keeps `value` for later. */
  push(value: T): void;
  /** Emits the kept value (if any) at once; call before a final event so nothing is lost. */
  flush(): void;
  /** Drops the kept value and the timer. */
  cancel(): void;
}

/**
 * Leading-and-trailing throttle: the first value goes out at once, later ones within `intervalMs`
 * are coalesced into one trailing emission of the newest. So a stream of n values in time t gives
 * at most ⌈t / intervalMs⌉ + 1 emissions, and the last value is never lost.
 *
 * @example
 * const t = createThrottle(100, console.log); t.push(1); t.push(2); t.push(3) // logs 1 now, 3 after 100 ms
 */
export function createThrottle<T>(intervalMs: number, emit: (value: T) => void): Throttle<T> {
  let lastEmit = Number.NEGATIVE_INFINITY;
  let pending: { value: T } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const fire = () => {
    timer = undefined;
    if (pending === undefined) return;
    const { value } = pending;
    pending = undefined;
    lastEmit = Date.now();
    emit(value);
  };

  return {
    push(value) {
      const now = Date.now();
      if (timer === undefined && now - lastEmit >= intervalMs) {
        lastEmit = now;
        emit(value);
        return;
      }
      pending = { value };
      timer ??= setTimeout(fire, Math.max(0, intervalMs - (now - lastEmit)));
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      fire();
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
  };
}
