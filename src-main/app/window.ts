import { BrowserWindow, shell, type Session, type WebContents, type WebPreferences } from 'electron';
import { contentSecurityPolicy } from '../server/securityHeaders';
import { isAllowedExternalUrl } from './externalLinks';
import type { WindowState } from './settings';

/**
 * The renderer's web preferences (Electron security checklist §2–4, 6, 8–10, 12): isolated,
 * sandboxed, no Node anywhere, web security on, no insecure content, no experimental features, no
 * <webview>.
 */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const satisfies WebPreferences;

/** Opens `url` in the system browser when it is on the allow-list; drops it otherwise. */
export function openExternalIfAllowed(url: string): void {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url);
}

/**
 * Locks down any webContents (checklist §12–15): no navigation away from the page, no new windows
 * (allow-listed https links go to the system browser instead), no <webview> attached.
 */
export function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openExternalIfAllowed(event.url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
}

/**
 * Hardens the session (checklist §5, §7): every permission request and check is denied (the lab
 * needs none), and every response gets the CSP header (the dev server's too; app:// responses carry
 * it from the protocol handler).
 */
export function secureSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  const csp = contentSecurityPolicy();
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly url: string;
  readonly state: WindowState;
  readonly title: string;
}

/** The main window: secure preferences, the preload, the saved bounds; shown when its first paint is ready. */
export function createMainWindow({ preloadPath, url, state, title }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...(state.x === undefined || state.y === undefined ? {} : { x: state.x, y: state.y }),
    width: state.width,
    height: state.height,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: preloadPath },
  });
  lockDownContents(window.webContents);
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(url);
  return window;
}
