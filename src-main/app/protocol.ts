import { readFileSync } from 'node:fs';
import { pageHeaders } from '../server/securityHeaders';
import { resolveStaticFile } from '../server/staticFiles';
import { APP_HOST, APP_SCHEME } from './trust';

/**
 * The app:// scheme's privileges, registered before the app is ready: a standard, secure scheme
 * (so the page is a secure context with a real origin, and 'self' in the CSP means app://renderer)
 * that supports fetch. Not `bypassCSP`, not `corsEnabled`.
 */
export const APP_SCHEME_PRIVILEGES = { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } } as const;

/**
 * The app:// handler: serves the built renderer's files with the page headers (CSP, COOP/COEP, so
 * that the page is crossOriginIsolated, which a file:// page can never be). Only GET of
 * app://renderer/…; paths outside `rendererDir` and other hosts get 404.
 */
export function appProtocolHandler(rendererDir: string): (request: Request) => Response {
  const headers = pageHeaders();
  return (request) => {
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.host !== APP_HOST) return new Response(null, { status: 404 });
    const found = resolveStaticFile(rendererDir, url.pathname);
    if (found === undefined) return new Response(null, { status: 404 });
    return new Response(readFileSync(found.file), { status: 200, headers: { ...headers, 'Content-Type': found.contentType } });
  };
}
