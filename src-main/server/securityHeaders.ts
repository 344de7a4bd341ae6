/**
 * The page's security headers, whichever door serves it (serve's HTTP server, the desktop app's
 * app:// protocol). The CSP allows exactly what the renderer and gpu.js need (stack-notes §7.4):
 * WebAssembly compilation ('wasm-unsafe-eval', never 'unsafe-eval'), blob: workers for threaded
 * webasm, inline style attributes (React, recharts), data:/blob: images for exported figures.
 * COOP + COEP make the page crossOriginIsolated, so SharedArrayBuffer (and webasm threads) exist.
 * Keep src-renderer/index.html's meta tag in step with CSP_DIRECTIVES.
 */

export const CSP_DIRECTIVES: readonly (readonly [string, ...string[]])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'", "'wasm-unsafe-eval'"],
  ['worker-src', "'self'", 'blob:'],
  ['style-src', "'self'", "'unsafe-inline'"],
  ['img-src', "'self'", 'data:', 'blob:'],
  ['font-src', "'self'", 'data:'],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/**
 * The Content-Security-Policy header value; `connectSrc` adds sources to connect-src (serve adds
 * its own ws:// origin, which CSP3's 'self' matches too, for older engines).
 *
 * @example
 * contentSecurityPolicy().startsWith("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'") // → true
 */
export function contentSecurityPolicy(connectSrc: readonly string[] = []): string {
  return CSP_DIRECTIVES.map(([name, ...sources]) => [name, ...sources, ...(name === 'connect-src' ? connectSrc : [])].join(' ')).join('; ');
}

/**
 * Headers for every response of the page's origin: CSP, cross-origin isolation (COOP same-origin,
 * COEP require-corp, CORP same-origin) and the usual hardening.
 *
 * @example
 * pageHeaders()['Cross-Origin-Embedder-Policy'] // → 'require-corp'
 */
export function pageHeaders(connectSrc: readonly string[] = []): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(connectSrc),
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  };
}
