import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { LabError } from '../../src-shared/errors';
import { bindingsOf } from '../service/bindings';
import { dispatch, failure } from '../service/dispatch';
import type { LabService } from '../service/labService';
import { authorize, newToken, tokenCookieName, type AuthSettings } from './auth';
import { pageHeaders } from './securityHeaders';
import { resolveStaticFile } from './staticFiles';

/** serve binds here and nowhere else. */
export const SERVE_HOST = '127.0.0.1';
const INVOKE_PREFIX = '/api/invoke/';
const EVENTS_PATH = '/api/events';
/** A figure's content may be up to 64 MiB (contract); JSON and base64 add a third. */
const DEFAULT_MAX_BODY_BYTES = 96 * 1024 * 1024;
/** A client this far behind on events is skipped until it catches up. */
const MAX_BUFFERED_EVENT_BYTES = 4 * 1024 * 1024;

export interface LabServerOptions {
  readonly service: LabService;
  /** 0 (default): a free port chosen by the system. */
  readonly port?: number;
  /** The built renderer (out/renderer); without it only the API is served. */
  readonly rendererDir?: string;
  /** Default: a fresh random token (tests may fix one). */
  readonly token?: string;
  readonly maxBodyBytes?: number;
}

export interface LabServer {
  readonly port: number;
  readonly token: string;
  /** The URL to open: http://127.0.0.1:PORT/?token=TOKEN. */
  readonly url: string;
  readonly origin: string;
  close(): Promise<void>;
}

function deny(response: ServerResponse): void {
  response.writeHead(401, { 'Content-Length': '0', 'Cache-Control': 'no-store' });
  response.end();
}

function plain(response: ServerResponse, status: number, extra: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Length': '0', 'Cache-Control': 'no-store', ...extra });
  response.end();
}

function json(response: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  response.end(text);
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        resolve('too-large');
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/**
 * Serves the contract over HTTP + WebSocket on 127.0.0.1 only, with the built renderer: `POST
 * /api/invoke/<channel>` (JSON in, IpcResult out), `GET /api/events` (WebSocket; every service event
 * as `{ channel, payload }`), static files with the CSP and COOP/COEP. Each start has its own token
 * (auth.ts); the page load `GET /?token=T` turns it into an HttpOnly SameSite=Strict cookie.
 */
export async function startLabServer(options: LabServerOptions): Promise<LabServer> {
  const { service } = options;
  const bindings = bindingsOf(service);
  const token = options.token ?? newToken();
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const auth: { settings: AuthSettings } = { settings: { token, cookieName: '' } };
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });

  const handleInvoke = async (request: IncomingMessage, response: ServerResponse, channel: string) => {
    if (request.method !== 'POST') return plain(response, 405, { Allow: 'POST' });
    if (!/^application\/json\b/iu.test(request.headers['content-type'] ?? '')) return plain(response, 415);
    const body = await readBody(request, maxBody);
    if (body === 'too-large') return plain(response, 413, { Connection: 'close' });
    let payload: unknown;
    try {
      payload = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch (error) {
      return json(response, failure('invalid-request', `${channel}: the body is not JSON: ${(error as Error).message}`));
    }
    json(response, await dispatch(bindings, channel, payload, service.log));
  };

  const handleStatic = (response: ServerResponse, url: URL, host: string, setCookie: boolean) => {
    const found = options.rendererDir === undefined ? undefined : resolveStaticFile(options.rendererDir, url.pathname);
    if (found === undefined) return plain(response, 404);
    const body = readFileSync(found.file);
    response.writeHead(200, {
      ...pageHeaders([`ws://${host}`]),
      'Content-Type': found.contentType,
      'Content-Length': String(body.length),
      'Cache-Control': found.file.endsWith('.html') ? 'no-store' : 'no-cache',
      ...(setCookie ? { 'Set-Cookie': `${auth.settings.cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/` } : {}),
    });
    response.end(body);
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const isPage = request.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html');
    const access = authorize(request, url, auth.settings, isPage);
    if (!access.ok) return deny(response);
    if (url.pathname.startsWith(INVOKE_PREFIX)) {
      let channel: string;
      try {
        channel = decodeURIComponent(url.pathname.slice(INVOKE_PREFIX.length));
      } catch {
        return plain(response, 404);
      }
      handleInvoke(request, response, channel).catch((error: unknown) => {
        service.log(`HTTP ${channel} failed`, error);
        if (!response.headersSent) plain(response, 500);
        else response.destroy();
      });
      return;
    }
    if (url.pathname === EVENTS_PATH) return plain(response, 426, { Upgrade: 'websocket' });
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(response, 405, { Allow: 'GET, HEAD' });
    handleStatic(response, url, access.host, access.via === 'query');
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== EVENTS_PATH || !authorize(request, url, auth.settings, false).ok) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => sockets.delete(ws));
      ws.on('message', () => ws.close(1008, 'this socket only sends'));
    });
  });

  const unsubscribe = service.events.onAny((channel, payload) => {
    if (sockets.size === 0) return;
    const text = JSON.stringify({ channel, payload });
    for (const ws of sockets) if (ws.readyState === WebSocket.OPEN && ws.bufferedAmount < MAX_BUFFERED_EVENT_BYTES) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      unsubscribe();
      reject(error.code === 'EADDRINUSE' ? new LabError('invalid-argument', `port: ${options.port} is in use on ${SERVE_HOST}; choose another (--port 0 picks a free one)`) : error);
    };
    server.once('error', onError);
    server.listen({ port: options.port ?? 0, host: SERVE_HOST }, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  auth.settings = { token, cookieName: tokenCookieName(port) };
  const origin = `http://${SERVE_HOST}:${port}`;

  return {
    port,
    token,
    origin,
    url: `${origin}/?token=${token}`,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
