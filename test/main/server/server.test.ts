import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startLabServer, type LabServer } from '../../../src-main/server/server';
import { LabService } from '../../../src-main/service/labService';
import { openStore, type Store } from '../../../src-main/store';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request (node:http, so Host, Origin and Cookie are exactly what the test says). */
function send(port: number, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Opens the event socket with these headers; resolves 'open' or the refusal's HTTP status. */
function upgrade(port: number, headers: Record<string, string>, pathName = '/api/events'): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${pathName}`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

describe('startLabServer(): serve mode over HTTP + WebSocket', () => {
  let dataDir: string;
  let store: Store;
  let service: LabService;
  let server: LabServer;
  let port: number;
  let bearer: Record<string, string>;
  const root = mkdtempSync(path.join(tmpdir(), 'infodiff-server-'));
  const rendererDir = path.join(root, 'renderer');

  beforeAll(async () => {
    dataDir = path.join(root, 'data');
    store = openStore({ dataDir });
    service = new LabService({ store, dataDir, threads: 1, log: () => undefined });
    mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>lab</title>');
    writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {};');
    writeFileSync(path.join(root, 'outside-renderer.txt'), 'secret');
    server = await startLabServer({ service, port: 0, rendererDir });
    port = server.port;
    bearer = { authorization: `Bearer ${server.token}` };
  });

  afterAll(async () => {
    await server.close();
    await service.close();
    store.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('prints a URL of the form http://127.0.0.1:PORT/?token=TOKEN with a 64-hex-digit token, new at every start', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/u);
    const second = await startLabServer({ service, port: 0 });
    expect(second.token).not.toBe(server.token);
    expect(second.port).not.toBe(port);
    await second.close();
  });

  it('binds 127.0.0.1 only: other interfaces of this machine refuse the connection', async () => {
    // IPv4 addresses of the machine's other interfaces (this container has 192.0.2.2; none is fine too).
    const others = Object.values(networkInterfaces()).flat().filter((i) => i !== undefined && i.family === 'IPv4' && !i.internal).map((i) => i!.address);
    for (const address of others) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: address, port }, () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(outcome, address).toBe('ECONNREFUSED');
    }
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', () => resolve('error'));
    });
    expect(outcome).toBe('connected');
  });

  it('answers every request without the token with 401 and an empty body', async () => {
    const requests = [
      { path: '/' },
      { path: '/index.html' },
      { path: '/assets/app.js' },
      { path: '/no-such-file' },
      { path: '/api/events' },
      { method: 'POST', path: '/api/invoke/app:info', headers: { 'content-type': 'application/json' }, body: '{}' },
    ];
    for (const r of requests) {
      const reply = await send(port, r);
      expect(reply.status, r.path).toBe(401);
      expect(reply.body, r.path).toBe('');
      expect(reply.headers['content-length']).toBe('0');
      expect(reply.headers['set-cookie']).toBeUndefined();
    }
  });

  it('answers a wrong token with 401, whether in the query, the cookie or a Bearer header', async () => {
    const wrong = 'f'.repeat(64);
    const requests: { path: string; headers?: Record<string, string> }[] = [
      { path: `/?token=${wrong}` },
      { path: '/', headers: { cookie: `infodiff_token_${port}=${wrong}` } },
      { path: '/', headers: { authorization: `Bearer ${wrong}` } },
      { path: `/?token=${server.token.slice(0, 63)}` },
      { path: '/', headers: { cookie: `infodiff_token_1=${server.token}` } },
    ];
    for (const r of requests) {
      const reply = await send(port, r);
      expect([reply.status, reply.body]).toEqual([401, '']);
    }
  });

  it('answers a foreign Origin, a non-loopback Host or a cross-site fetch with 401, token or not', async () => {
    const withToken = { path: `/?token=${server.token}` };
    const variants: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: `http://127.0.0.1:${port + 1}` },
      { origin: 'null' },
      { host: `evil.example:${port}` },
      { host: `127.0.0.1.evil.example:${port}` },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of variants) {
      const reply = await send(port, { ...withToken, headers });
      expect([reply.status, reply.body], JSON.stringify(headers)).toEqual([401, '']);
    }
    const api = await send(port, { method: 'POST', path: '/api/invoke/app:info', headers: { ...bearer, origin: 'http://evil.example', 'content-type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(401);
  });

  it('serves the page for ?token=T with an HttpOnly SameSite=Strict cookie, the CSP and COOP/COEP', async () => {
    const reply = await send(port, { path: `/?token=${server.token}`, headers: { 'sec-fetch-site': 'none' } });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>lab</title>');
    expect(reply.headers['set-cookie']).toEqual([`infodiff_token_${port}=${server.token}; HttpOnly; SameSite=Strict; Path=/`]);
    expect(reply.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
    expect(reply.headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(reply.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(reply.headers['cross-origin-embedder-policy']).toBe('require-corp');
  });

  it('accepts the cookie alone for assets and the API, from the page’s own origin', async () => {
    const cookie = `infodiff_token_${port}=${server.token}`;
    const asset = await send(port, { path: '/assets/app.js', headers: { cookie, 'sec-fetch-site': 'same-origin' } });
    expect([asset.status, asset.body, asset.headers['content-type']]).toEqual([200, 'export {};', 'text/javascript; charset=utf-8']);
    const api = await send(port, { method: 'POST', path: '/api/invoke/app:info', headers: { cookie, origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(200);
    expect(JSON.parse(api.body)).toMatchObject({ ok: true, value: { name: 'InfoDiff Lab' } });
  });

  it('accepts the token in the query for the page only, never for the API or assets', async () => {
    const api = await send(port, { method: 'POST', path: `/api/invoke/app:info?token=${server.token}`, headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(401);
    expect((await send(port, { path: `/assets/app.js?token=${server.token}` })).status).toBe(401);
  });

  it('keeps static files inside the renderer folder', async () => {
    for (const p of ['/../outside-renderer.txt', '/%2e%2e/outside-renderer.txt', '/assets/..%2f..%2foutside-renderer.txt', '/%5c..%5coutside-renderer.txt']) {
      const reply = await send(port, { path: p, headers: bearer });
      expect([reply.status, reply.body], p).toEqual([404, '']);
    }
  });

  it('answers the API with IpcResult JSON; malformed bodies become invalid-request; wrong method, type or size are refused', async () => {
    const post = (p: string, body: string, type = 'application/json') => send(port, { method: 'POST', path: p, headers: { ...bearer, 'content-type': type }, body });
    expect(JSON.parse((await post('/api/invoke/runs:get', '{"runId": 3}')).body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(JSON.parse((await post('/api/invoke/runs:get', '{not json')).body)).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('not JSON') } });
    expect(JSON.parse((await post('/api/invoke/no:such', '{}')).body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect((await post('/api/invoke/app:info', '{}', 'text/plain')).status).toBe(415);
    expect((await send(port, { path: '/api/invoke/app:info', headers: bearer })).status).toBe(405);
    const small = await startLabServer({ service, port: 0, maxBodyBytes: 100 });
    const big = await send(small.port, { method: 'POST', path: '/api/invoke/app:info', headers: { authorization: `Bearer ${small.token}`, host: `127.0.0.1:${small.port}`, 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(200) }) });
    expect(big.status).toBe(413);
    await small.close();
  });

  it('refuses the WebSocket upgrade without the token, with a wrong one, or from a foreign Origin', async () => {
    expect(await upgrade(port, {})).toBe(401);
    expect(await upgrade(port, { authorization: `Bearer ${'0'.repeat(64)}` })).toBe(401);
    expect(await upgrade(port, { ...bearer, origin: 'http://evil.example' })).toBe(401);
    expect(await upgrade(port, { cookie: `infodiff_token_${port}=${server.token}`, origin: `http://127.0.0.1:${port + 1}` })).toBe(401);
    expect(await upgrade(port, bearer, '/api/other')).toBe(401);
    expect(await upgrade(port, { cookie: `infodiff_token_${port}=${server.token}`, origin: `http://127.0.0.1:${port}` })).toBe('open');
  });

  it('sends every service event to every open socket as { channel, payload }', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/events`, { headers: bearer });
    await new Promise((resolve) => ws.once('open', resolve));
    const message = new Promise<unknown>((resolve) => ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')))));
    service.events.emit('runs:changed', { reason: 'updated', runIds: ['r1'] });
    expect(await message).toEqual({ channel: 'runs:changed', payload: { reason: 'updated', runIds: ['r1'] } });
    ws.close();
  });
});
