import { LabError } from '../../src-shared/errors';
import type { EventChannel, EventPayload, InvokeChannel, LabApi, Request, Response } from '../../src-shared/ipc/contract';
import { createHttpApi } from './http';

export type Transport = 'ipc' | 'http';

/**
 * The renderer's one way to the lab: unwraps IpcResult into a value or a LabError (with a `code` to
 * switch on), and subscribes to events. Components never touch window.lab or fetch.
 */
export class LabClient {
  constructor(
    private readonly api: LabApi,
    readonly transport: Transport,
  ) {}

  async invoke<C extends InvokeChannel>(channel: C, request: Request<C>): Promise<Response<C>> {
    const result = await this.api.invoke(channel, request);
    if (!result.ok) throw LabError.fromPayload(result.error);
    return result.value;
  }

  on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): () => void {
    return this.api.on(channel, listener);
  }
}

/**
 * The token from the page's URL, removed from the address bar (and so from history and bookmarks)
 * with history.replaceState. The server has already put it in a cookie for later requests.
 */
export function takeTokenFromUrl(location: Location, history: History): string | undefined {
  const url = new URL(location.href);
  const token = url.searchParams.get('token') ?? undefined;
  if (token !== undefined) {
    url.searchParams.delete('token');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return token;
}

/** Picks the transport by itself: the desktop preload's IPC bridge when present, else HTTP + WebSocket to this page's server. */
export function connectLab(): LabClient {
  if (window.lab !== undefined) return new LabClient(window.lab, 'ipc');
  const token = takeTokenFromUrl(window.location, window.history);
  return new LabClient(createHttpApi({ origin: window.location.origin, ...(token === undefined ? {} : { token }) }), 'http');
}
