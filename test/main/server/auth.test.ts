import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isLoopbackHost, newToken, tokenCookieName, tokensEqual } from '../../../src-main/server/auth';
import { contentSecurityPolicy, pageHeaders } from '../../../src-main/server/securityHeaders';
import { resolveStaticFile } from '../../../src-main/server/staticFiles';

describe('serve’s token and host rules (auth.ts)', () => {
  it('newToken() gives 64 hex digits (32 random bytes), different every time', () => {
    const tokens = new Set(Array.from({ length: 100 }, newToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[0-9a-f]{64}$/u);
  });

  it('tokensEqual(given, expected) is true only for the same string', () => {
    const token = newToken();
    expect(tokensEqual(token, token)).toBe(true);
    expect(tokensEqual(`${token}0`, token)).toBe(false);
    expect(tokensEqual(token.slice(1), token)).toBe(false);
    expect(tokensEqual('', token)).toBe(false);
    expect(tokensEqual(token.toUpperCase(), token)).toBe(false);
  });

  it('isLoopbackHost(host) accepts 127.0.0.1, localhost and [::1] with any port, nothing else', () => {
    for (const host of ['127.0.0.1', '127.0.0.1:5123', 'localhost:80', 'LOCALHOST:1', '[::1]:8080']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of [undefined, '', 'evil.example', '127.0.0.1.evil.example:1', 'localhost.evil:1', '10.0.0.1:5123', '0.0.0.0:1', '[::2]:1', '127.0.0.1:abc']) {
      expect(isLoopbackHost(host), String(host)).toBe(false);
    }
  });

  it('tokenCookieName(port) names the cookie by the server’s port', () => {
    expect(tokenCookieName(5123)).toBe('infodiff_token_5123');
  });
});

describe('contentSecurityPolicy() and pageHeaders()', () => {
  it('allow wasm compilation, blob: workers and inline styles, and forbid eval, plugins, framing and foreign connections', () => {
    const csp = contentSecurityPolicy(['ws://127.0.0.1:5123']);
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/'unsafe-eval'/u);
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:5123");
    expect(pageHeaders()).toMatchObject({ 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'X-Content-Type-Options': 'nosniff' });
  });
});

describe('resolveStaticFile(root, urlPath)', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'infodiff-static-'));
  const root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '');
  writeFileSync(path.join(root, 'assets', 'a.js'), '');
  writeFileSync(path.join(base, 'secret.txt'), '');
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'link.txt'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('maps / to index.html and gives content types', () => {
    expect(resolveStaticFile(root, '/')).toEqual({ file: path.join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveStaticFile(root, '/assets/a.js')?.contentType).toBe('text/javascript; charset=utf-8');
  });

  it('never leaves the root: .., encoded separators, backslashes, NUL, outward symlinks, folders and missing files give undefined', () => {
    for (const p of ['/link.txt', '/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/index.html%00.js', '/assets', '/missing.js', '/%E0%A4%A']) {
      expect(resolveStaticFile(root, p), p).toBeUndefined();
    }
  });
});
