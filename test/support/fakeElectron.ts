/**
 * A fake `electron` module for unit tests of src-main/app and src-main/preload (the Electron binary
 * cannot run here, and `require('electron')` would try to download it). Use it with
 *
 *   vi.mock('electron', async () => (await import('../../support/fakeElectron')).fakeElectron.module);
 *
 * and inspect `fakeElectron` (same module instance) in the test. It models what the app uses:
 * app lifecycle, BrowserWindow and webContents (events, window-open handler, send), ipcMain.handle
 * wired to a fake ipcRenderer with structured clone both ways, contextBridge, Menu, dialog, shell,
 * protocol, session, nativeTheme, screen.
 */
import { EventEmitter } from 'node:events';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

/** A webFrameMain: its URL and its parent (null for a top frame). */
export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame: FakeFrame = { url: '', parent: null };
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | undefined;
  destroyed = false;
  readonly sent: { channel: string; payload: unknown }[] = [];

  constructor(private readonly owner: FakeElectron) {
    super();
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  /** webContents.send: delivered to the fake ipcRenderer when this is the renderer's contents. */
  send(channel: string, payload: unknown): void {
    const copy = structuredClone(payload);
    this.sent.push({ channel, payload: copy });
    if (this.owner.rendererContents === this) this.owner.rendererEvents.emit(channel, { sender: this }, copy);
  }

  /** Emits a cancellable Electron event (will-navigate etc.); returns whether it was prevented. */
  emitCancellable(name: string, details: Record<string, unknown> = {}): boolean {
    let prevented = false;
    this.emit(name, { ...details, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents: FakeWebContents;
  loadedUrl: string | undefined;
  shown = false;
  maximized = false;
  focused = false;
  minimized = false;
  destroyed = false;
  bounds: { x: number; y: number; width: number; height: number };

  constructor(
    readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> },
    owner: FakeElectron,
  ) {
    super();
    this.webContents = new FakeWebContents(owner);
    this.bounds = { x: Number(options['x'] ?? 10), y: Number(options['y'] ?? 10), width: Number(options['width'] ?? 800), height: Number(options['height'] ?? 600) };
    owner.windows.push(this);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  show(): void { this.shown = true; }
  focus(): void { this.focused = true; }
  maximize(): void { this.maximized = true; }
  isMaximized(): boolean { return this.maximized; }
  isMinimized(): boolean { return this.minimized; }
  restore(): void { this.minimized = false; }
  isDestroyed(): boolean { return this.destroyed; }
  getNormalBounds() { return { ...this.bounds }; }
  close(): void {
    this.emit('close', { preventDefault: () => undefined });
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

export class FakeElectron {
  readonly windows: FakeBrowserWindow[] = [];
  readonly handlers = new Map<string, Handler>();
  readonly exposed: Record<string, unknown> = {};
  readonly rendererEvents = new EventEmitter();
  rendererContents: FakeWebContents | undefined;
  readonly appEvents = new EventEmitter();
  singleInstanceLock = true;
  quitCalls = 0;
  userDataDir = '/nonexistent/userData';
  readonly privilegedSchemes: unknown[] = [];
  readonly protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  readonly session = {
    permissionRequestHandler: undefined as undefined | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
    permissionCheckHandler: undefined as undefined | (() => boolean),
    headersReceived: undefined as undefined | ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void),
  };
  applicationMenu: { template: unknown[] } | undefined;
  readonly openedExternal: string[] = [];
  readonly errorBoxes: { title: string; content: string }[] = [];
  readonly messageBoxes: unknown[] = [];
  nextSavePath: string | undefined;
  nextOpenPath: string | undefined;
  readonly nativeTheme = { themeSource: 'system' as 'system' | 'light' | 'dark' };

  /** The object `import … from 'electron'` yields. */
  readonly module = this.createModule();

  /** Calls a bound ipcMain handler as Electron would, with an event naming `contents` and `frame` as the sender. */
  async invokeMain(channel: string, payload: unknown, contents: FakeWebContents, frame: FakeFrame | null = contents.mainFrame): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    const event = { sender: contents, senderFrame: frame, frameId: 1, processId: 1, type: 'frame' };
    return structuredClone(await handler(event, structuredClone(payload)));
  }

  private createModule() {
    const fake = this;
    const appEvents = this.appEvents;
    class BrowserWindow extends FakeBrowserWindow {
      constructor(options: Record<string, unknown>) {
        super(options, fake);
      }
      static getAllWindows() {
        return fake.windows.filter((w) => !w.destroyed);
      }
    }
    const app = {
      name: 'infodiff-lab',
      isPackaged: false,
      setName(name: string) { app.name = name; },
      getPath: (name: string) => (name === 'userData' ? fake.userDataDir : `/nonexistent/${name}`),
      getAppPath: () => process.cwd(),
      getVersion: () => '0.0.0-fake',
      requestSingleInstanceLock: () => fake.singleInstanceLock,
      whenReady: () => Promise.resolve(),
      on(name: string, listener: (...args: unknown[]) => void) { appEvents.on(name, listener); return app; },
      once(name: string, listener: (...args: unknown[]) => void) { appEvents.once(name, listener); return app; },
      quit() { fake.quitCalls += 1; },
      exit() { fake.quitCalls += 1; },
    };
    const ipcMain = {
      handle(channel: string, handler: Handler) {
        if (fake.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        fake.handlers.set(channel, handler);
      },
      removeHandler(channel: string) { fake.handlers.delete(channel); },
    };
    const ipcRenderer = {
      invoke(channel: string, payload: unknown) {
        if (fake.rendererContents === undefined) return Promise.reject(new Error('no renderer contents set in the fake'));
        return fake.invokeMain(channel, payload, fake.rendererContents);
      },
      on(channel: string, listener: (...args: unknown[]) => void) { fake.rendererEvents.on(channel, listener); return ipcRenderer; },
      removeListener(channel: string, listener: (...args: unknown[]) => void) { fake.rendererEvents.removeListener(channel, listener); return ipcRenderer; },
    };
    return {
      app,
      BrowserWindow,
      ipcMain,
      ipcRenderer,
      contextBridge: { exposeInMainWorld(key: string, api: unknown) { fake.exposed[key] = api; } },
      Menu: {
        buildFromTemplate: (template: unknown[]) => ({ template }),
        setApplicationMenu(menu: { template: unknown[] }) { fake.applicationMenu = menu; },
      },
      dialog: {
        showErrorBox(title: string, content: string) { fake.errorBoxes.push({ title, content }); },
        showMessageBox(...args: unknown[]) { fake.messageBoxes.push(args.at(-1)); return Promise.resolve({ response: 0, checkboxChecked: false }); },
        showSaveDialog: () => Promise.resolve(fake.nextSavePath === undefined ? { canceled: true, filePath: '' } : { canceled: false, filePath: fake.nextSavePath }),
        showOpenDialog: () => Promise.resolve(fake.nextOpenPath === undefined ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [fake.nextOpenPath] }),
      },
      shell: { openExternal(url: string) { fake.openedExternal.push(url); return Promise.resolve(); } },
      protocol: {
        registerSchemesAsPrivileged(schemes: unknown[]) { fake.privilegedSchemes.push(...schemes); },
        handle(scheme: string, handler: (request: Request) => Response | Promise<Response>) { fake.protocolHandlers.set(scheme, handler); },
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler(handler: typeof fake.session.permissionRequestHandler) { fake.session.permissionRequestHandler = handler; },
          setPermissionCheckHandler(handler: typeof fake.session.permissionCheckHandler) { fake.session.permissionCheckHandler = handler; },
          webRequest: { onHeadersReceived(handler: typeof fake.session.headersReceived) { fake.session.headersReceived = handler; } },
        },
      },
      nativeTheme: fake.nativeTheme,
      screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    };
  }
}

/** The one fake per test file (vitest isolates modules per file). */
export const fakeElectron = new FakeElectron();
