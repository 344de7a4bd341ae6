import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to `serve`: a request whose Host is a loopback name, whose Origin (when the browser
 * sends one) is that same host, that is not a cross-site fetch, and that carries the token of this
 * start (cookie, `Authorization: Bearer`, or `?token=` on the page itself). Everything else gets a
 * bare 401. The Host rule stops DNS rebinding; Origin and Sec-Fetch-Site stop other pages (other
 * localhost ports included); the token stops other local users and processes.
 */

/**
 * A fresh token: 32 random bytes as 64 hex digits.
 *
 * @example
 * newToken().length // → 64
 */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

/**
 * Whether two tokens are equal, in time independent of where they differ (digests of equal length
 * are compared, so the length leaks nothing either).
 *
 * @example
 * tokensEqual('abc', 'abc') // → true
 * tokensEqual('abc', 'abd') // → false
 */
export function tokensEqual(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected)) && given.length === expected.length;
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether a Host header names this machine's loopback interface (any port: an SSH tunnel may map
 * another local port to ours).
 *
 * @example
 * isLoopbackHost('127.0.0.1:5123') // → true
 * isLoopbackHost('evil.example:5123') // → false
 */
export function isLoopbackHost(host: string | undefined): host is string {
  if (host === undefined) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/u.exec(host.toLowerCase());
  return match !== null && LOOPBACK_NAMES.has(match[1]!);
}

/**
 * The cookie that carries the token, named by the server's port (cookies ignore ports, so two
 * servers on one host must not share a name).
 *
 * @example
 * tokenCookieName(5123) // → 'infodiff_token_5123'
 */
export function tokenCookieName(port: number): string {
  return `infodiff_token_${port}`;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface AuthSettings {
  readonly token: string;
  readonly cookieName: string;
}

export type Access = { readonly ok: true; readonly host: string; readonly via: 'cookie' | 'bearer' | 'query' } | { readonly ok: false };

/** Checks a request against the rules above; `allowQueryToken` only for the page itself. */
export function authorize(request: IncomingMessage, url: URL, settings: AuthSettings, allowQueryToken: boolean): Access {
  const host = request.headers.host;
  if (!isLoopbackHost(host)) return { ok: false };
  const origin = request.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host.toLowerCase()}`) return { ok: false };
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return { ok: false };
  const bearer = /^Bearer ([0-9a-f]{64})$/u.exec(request.headers.authorization ?? '')?.[1];
  const candidates: [string | undefined, 'cookie' | 'bearer' | 'query'][] = [
    [bearer, 'bearer'],
    [cookieValue(request.headers.cookie, settings.cookieName), 'cookie'],
    [allowQueryToken ? (url.searchParams.get('token') ?? undefined) : undefined, 'query'],
  ];
  for (const [candidate, via] of candidates) {
    if (candidate !== undefined && tokensEqual(candidate, settings.token)) return { ok: true, host, via };
  }
  return { ok: false };
}
