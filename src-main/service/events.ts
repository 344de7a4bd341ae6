import type { EventChannel, EventPayload } from '../../src-shared/ipc/contract';

type Listener<C extends EventChannel> = (payload: EventPayload<C>) => void;
type AnyListener = <C extends EventChannel>(channel: C, payload: EventPayload<C>) => void;

/**
 * The service's typed event bus: every door subscribes (`onAny`) and forwards what it hears to its
 * clients. A throwing listener is reported to `onListenerError` and never stops the others.
 */
export class LabEvents {
  private readonly listeners = new Map<EventChannel, Set<Listener<never>>>();
  private readonly anyListeners = new Set<AnyListener>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  /** Calls `listener` with every payload of `channel`; returns the unsubscribe function. */
  on<C extends EventChannel>(channel: C, listener: Listener<C>): () => void {
    let set = this.listeners.get(channel);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    const entry = listener as Listener<never>;
    set.add(entry);
    return () => void set.delete(entry);
  }

  /** Calls `listener` with every event of every channel; returns the unsubscribe function. */
  onAny(listener: AnyListener): () => void {
    this.anyListeners.add(listener);
    return () => void this.anyListeners.delete(listener);
  }

  emit<C extends EventChannel>(channel: C, payload: EventPayload<C>): void {
    for (const listener of [...(this.listeners.get(channel) ?? [])]) this.call(() => (listener as Listener<C>)(payload));
    for (const listener of [...this.anyListeners]) this.call(() => listener(channel, payload));
  }

  private call(run: () => void): void {
    try {
      run();
    } catch (error) {
      this.onListenerError(error);
    }
  }
}
