import { describe, expect, it, vi } from 'vitest';
import { LabError } from '../../../src-shared/errors';
import type { LabApi } from '../../../src-shared/ipc/contract';
import { LabClient, takeTokenFromUrl } from '../../../src-renderer/api/client';
import { createHttpApi } from '../../../src-renderer/api/http';

describe('the renderer’s LabClient', () => {
  it('invoke unwraps ok results and throws LabError with the code of failed ones', async () => {
    const api = {
      invoke: async (channel: string) => (channel === 'app:info' ? { ok: true, value: { name: 'x' } } : { ok: false, error: { code: 'not-found', message: 'no run with id r' } }),
      on: () => () => undefined,
    } as unknown as LabApi;
    const client = new LabClient(api, 'ipc');
    expect(await client.invoke('app:info', {})).toEqual({ name: 'x' });
    const error = await client.invoke('runs:get', { runId: 'r' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    expect(error).toMatchObject({ code: 'not-found', message: 'no run with id r' });
  });

  it('takeTokenFromUrl returns the token and removes it from the address bar, keeping the rest', () => {
    const replaced: string[] = [];
    const history = { state: null, replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) } as unknown as History;
    expect(takeTokenFromUrl({ href: 'http://127.0.0.1:5123/?token=abc&view=runs#top' } as Location, history)).toBe('abc');
    expect(replaced).toEqual(['/?view=runs#top']);
    expect(takeTokenFromUrl({ href: 'http://127.0.0.1:5123/' } as Location, history)).toBeUndefined();
    expect(replaced).toHaveLength(1);
  });

  it('the HTTP transport turns 401 into unauthorized and an unreachable server into a failed result, never a throw', async () => {
    const socket = { readyState: 3, addEventListener: () => undefined, close: () => undefined };
    const refused = createHttpApi({ origin: 'http://127.0.0.1:1', fetch: async () => new Response(null, { status: 401 }), openSocket: () => socket });
    expect(await refused.invoke('app:info', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const down = createHttpApi({ origin: 'http://127.0.0.1:1', fetch: async () => Promise.reject(new TypeError('fetch failed')), openSocket: () => socket });
    expect(await down.invoke('app:info', {})).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('cannot be reached') } });
    refused.close();
    down.close();
  });

  it('the HTTP transport hands each event to its channel’s listeners and reopens a dropped socket after reconnectMs', async () => {
    vi.useFakeTimers();
    class FakeSocket {
      readyState = 0;
      private readonly listeners = new Map<string, ((event: object) => void)[]>();
      constructor(readonly url: string) {}
      addEventListener(type: string, listener: (event: object) => void) {
        this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
      }
      close() {
        this.readyState = 3;
      }
      fire(type: string, event: object = {}) {
        for (const listener of this.listeners.get(type) ?? []) listener(event);
      }
    }
    const sockets: FakeSocket[] = [];
    const api = createHttpApi({ origin: 'http://127.0.0.1:5123', fetch: async () => new Response('{}'), reconnectMs: 500, openSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    } });
    sockets[0]!.fire('open');
    await api.ready;
    const seen: unknown[] = [];
    api.on('runs:changed', (payload) => seen.push(payload));
    const payload = { reason: 'trashed', runIds: ['r'] };
    sockets[0]!.fire('message', { data: JSON.stringify({ channel: 'runs:changed', payload }) });
    sockets[0]!.fire('message', { data: JSON.stringify({ channel: 'runs:progress', payload: {} }) });
    expect(seen).toEqual([payload]);
    sockets[0]!.fire('close');
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets.map((s) => s.url)).toEqual(['ws://127.0.0.1:5123/api/events', 'ws://127.0.0.1:5123/api/events']);
    api.close();
    sockets[1]!.fire('close');
    vi.advanceTimersByTime(5000);
    expect(sockets).toHaveLength(2);
    vi.useRealTimers();
  });
});
