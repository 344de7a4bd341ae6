/**
 * The only places the app opens in the system browser (shell.openExternal): https pages of a fixed
 * list of hosts. Anything else a page asks to open is dropped.
 */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set(['github.com', 'arxiv.org', 'doi.org', 'www.electronjs.org']);

/**
 * Whether `url` may be opened in the system browser: https, a listed host, no credentials, the
 * default port.
 *
 * @example
 * isAllowedExternalUrl('https://arxiv.org/abs/2006.11239') // → true
 * isAllowedExternalUrl('http://arxiv.org/abs/2006.11239') // → false
 * isAllowedExternalUrl('file:///etc/passwd') // → false
 */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && EXTERNAL_HOSTS.has(parsed.hostname) && parsed.port === '' && parsed.username === '' && parsed.password === '';
}
