/**
 * Which pages the desktop app trusts: its own renderer, loaded from app://renderer (or, in
 * development only, electron-vite's dev server). IPC from any other frame is refused.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The scheme-and-host origin of a URL (Node's URL gives 'null' as the origin of custom schemes such
 * as app:, so it is built here); undefined for text that is not a URL.
 *
 * @example
 * originOf('app://renderer/index.html#/runs') // → 'app://renderer'
 * originOf('not a url') // → undefined
 */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}

/** The parts of an IPC event the check reads (Electron's IpcMainInvokeEvent has them). */
export interface SenderLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/**
 * Whether an IPC message comes from the main frame of our window showing one of our origins: the
 * sender must be that window's webContents, the frame must be its top frame (no iframes), and the
 * frame's URL must be of a trusted origin.
 *
 * @example
 * isTrustedSender({ sender: { id: 1 }, senderFrame: { url: 'app://renderer/index.html', parent: null } }, 1, ['app://renderer']) // → true
 * isTrustedSender({ sender: { id: 1 }, senderFrame: { url: 'https://evil.example/', parent: null } }, 1, ['app://renderer']) // → false
 */
export function isTrustedSender(event: SenderLike, windowContentsId: number | undefined, trustedOrigins: readonly string[]): boolean {
  const frame = event.senderFrame;
  if (frame === null || windowContentsId === undefined || event.sender.id !== windowContentsId) return false;
  if (frame.parent !== null) return false;
  const origin = originOf(frame.url);
  return origin !== undefined && trustedOrigins.includes(origin);
}
