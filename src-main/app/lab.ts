import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, screen, session } from 'electron';
import { LabError } from '../../src-shared/errors';
import { APP_NAME, APP_VERSION } from '../appInfo';
import { bindingsOf } from '../service/bindings';
import { LabService } from '../service/labService';
import { openStore, type Store } from '../store';
import { electronDialogs } from './dialogs';
import { bindIpc, forwardEvents } from './ipc';
import { menuTemplate, type MenuActions } from './menu';
import { APP_SCHEME_PRIVILEGES, appProtocolHandler } from './protocol';
import { loadSettings, onScreen, saveSettings, type AppSettings } from './settings';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, isTrustedSender, originOf } from './trust';
import { createMainWindow, lockDownContents, secureSession } from './window';

export interface LaunchOptions {
  /** The built renderer; default out/renderer beside this bundle. */
  readonly rendererDir?: string;
  /** The built preload; default out/preload/index.js beside this bundle. */
  readonly preloadPath?: string;
}

/** The running desktop app (for tests and the lifecycle hooks). */
export interface LabApp {
  readonly store: Store;
  readonly service: LabService;
  readonly dataDir: string;
  readonly settings: AppSettings;
  window(): BrowserWindow | undefined;
  createWindow(): BrowserWindow;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Starts the desktop app: one instance only (a second start focuses the first), the app:// scheme,
 * the store in the user-data folder, the service bound to IPC, the hardened session, the menu and
 * the main window with its saved state. Resolves undefined when this process is not the one to run
 * (another instance holds the lock) or the store cannot be opened (after saying why).
 */
export async function launch(options: LaunchOptions = {}): Promise<LabApp | undefined> {
  app.setName(APP_NAME);
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  await app.whenReady();

  // userData is "<appData>/InfoDiff Lab" (setName above): the folder the CLI and serve use by default too.
  const dataDir = app.getPath('userData');
  let store: Store;
  try {
    store = openStore({ dataDir, appRoot: app.getAppPath() });
  } catch (error) {
    dialog.showErrorBox(`${APP_NAME} cannot open its run database`, messageOf(error));
    app.quit();
    return undefined;
  }

  const settingsFile = path.join(app.getPath('userData'), 'settings.json');
  const settings = loadSettings(settingsFile);
  const devUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
  const trustedOrigins = [APP_ORIGIN, ...(devUrl === undefined ? [] : [originOf(devUrl) ?? APP_ORIGIN])];
  let mainWindow: BrowserWindow | undefined;
  const currentWindow = () => (mainWindow === undefined || mainWindow.isDestroyed() ? undefined : mainWindow);

  const service = new LabService({ store, dataDir, dialogs: electronDialogs(dialog, currentWindow), pathPolicy: 'data-folder' });
  secureSession(session.defaultSession);
  protocol.handle(APP_SCHEME, appProtocolHandler(options.rendererDir ?? path.join(__dirname, '../renderer')));
  bindIpc(ipcMain, { bindings: bindingsOf(service), isTrustedSender: (event) => isTrustedSender(event, currentWindow()?.webContents.id, trustedOrigins), log: service.log });
  forwardEvents(service.events, () => currentWindow()?.webContents);

  const createWindow = () => {
    const state = onScreen(settings.window, screen.getAllDisplays().map((d) => d.workArea));
    const window = createMainWindow({ preloadPath: options.preloadPath ?? path.join(__dirname, '../preload/index.js'), url: devUrl ?? APP_ENTRY_URL, state, title: APP_NAME });
    window.on('close', () => {
      settings.window = { ...window.getNormalBounds(), maximized: window.isMaximized() };
      saveSettings(settingsFile, settings);
    });
    mainWindow = window;
    return window;
  };

  const actions: MenuActions = {
    newExperiment: () => service.events.emit('menu:clicked', { command: 'new-experiment' }),
    openRun: () => service.events.emit('menu:clicked', { command: 'open-run' }),
    exportFigure: () => service.events.emit('menu:clicked', { command: 'export-figure' }),
    importBundle: () => {
      service.importBundle({}).then(
        (result) => {
          if (result.filePath === null) return;
          const parent = currentWindow();
          const box = { type: 'info' as const, title: 'Import bundle', message: `Imported ${result.imported} run(s); ${result.skipped} were already here.`, detail: result.filePath };
          void (parent === undefined ? dialog.showMessageBox(box) : dialog.showMessageBox(parent, box));
        },
        (error: unknown) => dialog.showErrorBox('Import failed', error instanceof LabError ? error.message : messageOf(error)),
      );
    },
    setTheme: (theme) => {
      nativeTheme.themeSource = theme;
      settings.theme = theme;
      saveSettings(settingsFile, settings);
      setMenu();
    },
    about: () => {
      const detail = `Electron ${process.versions.electron ?? '?'} · Chromium ${process.versions.chrome ?? '?'} · Node ${process.versions.node}\nData folder: ${dataDir}`;
      const box = { type: 'info' as const, title: `About ${APP_NAME}`, message: `${APP_NAME} ${APP_VERSION}`, detail };
      const parent = currentWindow();
      void (parent === undefined ? dialog.showMessageBox(box) : dialog.showMessageBox(parent, box));
    },
  };
  const setMenu = () => Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ platform: process.platform, appName: APP_NAME, theme: settings.theme, development: devUrl !== undefined }, actions)));
  nativeTheme.themeSource = settings.theme;
  setMenu();

  app.on('second-instance', () => {
    const window = currentWindow();
    if (window === undefined) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let shutDown = false;
  app.on('before-quit', (event) => {
    if (shutDown) return;
    event.preventDefault();
    shutDown = true;
    // Cancel running experiments and let them mark their runs before the store closes.
    void service
      .close()
      .catch((error: unknown) => service.log('shutting down the service failed', error))
      .finally(() => {
        store.close();
        app.quit();
      });
  });

  createWindow();
  return { store, service, dataDir, settings, window: currentWindow, createWindow };
}
