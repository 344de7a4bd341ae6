import type { EventChannel, EventPayload, IpcResult, LabApi } from '../../src-shared/ipc/contract';

/** The part of the browser's WebSocket this client uses (Node tests pass the `ws` package's). */
export interface SocketLike {
  readonly readyState: number;
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (event: object) => void): void;
  close(): void;
}

export interface HttpApiOptions {
  /** The server's origin, e.g. http://127.0.0.1:5123 (in the page: location.origin). */
  readonly origin: string;
  /** Sent as `Authorization: Bearer` when given; the page itself relies on the cookie set at load. */
  readonly token?: string;
  readonly fetch?: typeof globalThis.fetch;
  /** Opens the event socket; default `new WebSocket(url)`. */
  readonly openSocket?: (url: string) => SocketLike;
  /** Delay before reconnecting a dropped event socket (default 1000 ms). */
  readonly reconnectMs?: number;
}

/** LabApi over HTTP + WebSocket, plus the socket's first connection and a way to stop. */
export interface HttpLabApi extends LabApi {
  /** Resolves when the event socket is open for the first time. */
  readonly ready: Promise<void>;
  close(): void;
}

const OPEN = 1;

/**
 * The contract over `infodiff serve`: each invoke is `POST /api/invoke/<channel>` with a JSON body,
 * answered with an IpcResult; events arrive on one WebSocket (`/api/events`) as `{ channel,
 * payload }` and are handed to the listeners of that channel. A dropped socket is reopened.
 */
export function createHttpApi(options: HttpApiOptions): HttpLabApi {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const openSocket = options.openSocket ?? ((url: string) => new WebSocket(url));
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (options.token !== undefined) headers['Authorization'] = `Bearer ${options.token}`;
  let socket: SocketLike | undefined;
  let closed = false;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const connect = () => {
    if (closed) return;
    const current = openSocket(`${options.origin.replace(/^http/u, 'ws')}/api/events`);
    socket = current;
    current.addEventListener('open', () => markReady());
    current.addEventListener('message', (event) => {
      const data = 'data' in event ? event.data : undefined;
      if (typeof data !== 'string') return;
      const { channel, payload } = JSON.parse(data) as { channel: string; payload: unknown };
      for (const listener of [...(listeners.get(channel) ?? [])]) listener(payload);
    });
    current.addEventListener('close', () => {
      if (!closed && socket === current) setTimeout(connect, options.reconnectMs ?? 1000);
    });
  };
  connect();

  return {
    ready,
    async invoke(channel, request) {
      let response: Response;
      try {
        response = await doFetch(`${options.origin}/api/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST', headers, body: JSON.stringify(request), credentials: 'same-origin',
        });
      } catch (error) {
        return { ok: false, error: { code: 'internal', message: `the lab server cannot be reached: ${(error as Error).message}` } };
      }
      if (response.status === 401) {
        return { ok: false, error: { code: 'unauthorized', message: 'the lab server refused this page: open the URL that `infodiff serve` printed (it holds this start’s token)' } };
      }
      if (!response.ok) return { ok: false, error: { code: 'internal', message: `the lab server answered HTTP ${response.status}` } };
      return (await response.json()) as IpcResult<never>;
    },
    on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void) {
      let set = listeners.get(channel);
      if (set === undefined) {
        set = new Set();
        listeners.set(channel, set);
      }
      const entry = listener as (payload: unknown) => void;
      set.add(entry);
      return () => void set.delete(entry);
    },
    close() {
      closed = true;
      if (socket !== undefined && socket.readyState <= OPEN) socket.close();
    },
  };
}
