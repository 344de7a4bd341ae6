import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../../src-shared/ipc/channels';
import { launch, type LabApp } from '../../../src-main/app/lab';
import { APP_ENTRY_URL } from '../../../src-main/app/trust';
import { SECURE_WEB_PREFERENCES } from '../../../src-main/app/window';
import { fakeElectron, type FakeBrowserWindow, type FakeWebContents } from '../../support/fakeElectron';

vi.mock('electron', async () => (await import('../../support/fakeElectron')).fakeElectron.module);

type MenuItem = { label?: string; role?: string; click?: () => void; submenu?: MenuItem[]; type?: string; checked?: boolean };

function menuItem(labels: string[]): MenuItem {
  let items = (fakeElectron.applicationMenu?.template ?? []) as MenuItem[];
  let found: MenuItem | undefined;
  for (const label of labels) {
    found = items.find((item) => item.label === label);
    if (found === undefined) throw new Error(`no menu item ${labels.join(' › ')}`);
    items = found.submenu ?? [];
  }
  return found!;
}

const root = mkdtempSync(path.join(tmpdir(), 'infodiff-app-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('launch() before the window exists', () => {
  it('quits at once, with no window, when another instance holds the single-instance lock', async () => {
    fakeElectron.singleInstanceLock = false;
    expect(await launch()).toBeUndefined();
    expect(fakeElectron.quitCalls).toBe(1);
    expect(fakeElectron.windows).toHaveLength(0);
    fakeElectron.singleInstanceLock = true;
    fakeElectron.quitCalls = 0;
  });

  it('shows an error box and quits when the run database cannot be opened', async () => {
    const blocker = path.join(root, 'a-file');
    writeFileSync(blocker, 'not a folder');
    fakeElectron.userDataDir = path.join(blocker, 'userData');
    expect(await launch()).toBeUndefined();
    expect(fakeElectron.errorBoxes.at(-1)?.title).toBe('InfoDiff Lab cannot open its run database');
    expect(fakeElectron.quitCalls).toBe(1);
    expect(fakeElectron.handlers.size).toBe(0);
    fakeElectron.quitCalls = 0;
  });
});

describe('launch() of the desktop app', () => {
  let lab: LabApp;
  let window: FakeBrowserWindow;
  const rendererDir = path.join(root, 'renderer');

  beforeAll(async () => {
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    fakeElectron.userDataDir = path.join(root, 'userData');
    mkdirSync(fakeElectron.userDataDir, { recursive: true });
    writeFileSync(path.join(fakeElectron.userDataDir, 'settings.json'), JSON.stringify({ window: { x: 40, y: 30, width: 1000, height: 700, maximized: true }, theme: 'light' }));
    lab = (await launch({ rendererDir, preloadPath: '/app/out/preload/index.js' }))!;
    window = fakeElectron.windows.at(-1)!;
  });

  afterAll(() => lab.store.close());

  it('registers app:// as a standard, secure scheme before ready, and keeps its data in userData', () => {
    expect(fakeElectron.privilegedSchemes).toContainEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } });
    expect(lab.dataDir).toBe(fakeElectron.userDataDir);
    expect(lab.store.path).toBe(path.join(fakeElectron.userDataDir, 'infodiff.db'));
  });

  it('opens one window with the secure web preferences and the preload, at the saved bounds, on app://renderer', () => {
    expect(fakeElectron.windows).toHaveLength(1);
    expect(window.options.webPreferences).toEqual({ ...SECURE_WEB_PREFERENCES, preload: '/app/out/preload/index.js' });
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(window.options).toMatchObject({ x: 40, y: 30, width: 1000, height: 700, show: false });
    expect(window.loadedUrl).toBe(APP_ENTRY_URL);
    window.emit('ready-to-show');
    expect([window.shown, window.maximized]).toEqual([true, true]);
    expect(fakeElectron.nativeTheme.themeSource).toBe('light');
  });

  it('binds every invoke channel of the contract, and only those', () => {
    expect([...fakeElectron.handlers.keys()].sort()).toEqual(Object.keys(INVOKE_CHANNELS).sort());
  });

  it('answers its own window: app:info over IPC', async () => {
    const result = await fakeElectron.invokeMain('app:info', {}, window.webContents);
    expect(result).toMatchObject({ ok: true, value: { name: 'InfoDiff Lab', dataDir: fakeElectron.userDataDir } });
  });

  it('refuses invalid payloads on every channel with invalid-request', async () => {
    for (const channel of Object.keys(INVOKE_CHANNELS)) {
      for (const payload of [null, 'text', 42, [], { __unexpected: true }]) {
        const result = await fakeElectron.invokeMain(channel, payload, window.webContents);
        expect(result, `${channel} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      }
    }
    expect(await fakeElectron.invokeMain('runs:get', { runId: '' }, window.webContents)).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('runId') } });
  });

  it('refuses foreign senders with forbidden: another window, an iframe, another origin, a gone frame', async () => {
    const other = fakeElectron.module.BrowserWindow;
    const stranger = new other({}) as unknown as FakeBrowserWindow;
    await stranger.loadURL(APP_ENTRY_URL);
    const contents: FakeWebContents = window.webContents;
    const cases: [FakeWebContents, { url: string; parent: unknown } | null][] = [
      [stranger.webContents, stranger.webContents.mainFrame],
      [contents, { url: APP_ENTRY_URL, parent: contents.mainFrame }],
      [contents, { url: 'https://evil.example/', parent: null }],
      [contents, { url: 'file:///etc/passwd', parent: null }],
      [contents, null],
    ];
    for (const [sender, frame] of cases) {
      const result = await fakeElectron.invokeMain('runs:list', {}, sender, frame as never);
      expect(result, JSON.stringify(frame)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    stranger.close();
  });

  it('denies navigation and new windows; only allow-listed https links reach the system browser', () => {
    const contents = window.webContents;
    expect(contents.emitCancellable('will-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.emitCancellable('will-navigate', { url: 'app://renderer/other.html' })).toBe(true);
    expect(contents.emitCancellable('will-redirect', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.emitCancellable('will-attach-webview')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://arxiv.org/abs/2006.11239' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'http://arxiv.org/abs/2006.11239' })).toEqual({ action: 'deny' });
    expect(fakeElectron.openedExternal).toEqual(['https://arxiv.org/abs/2006.11239']);
  });

  it('locks down every other webContents created later too', () => {
    const contents = new (fakeElectron.module.BrowserWindow)({}).webContents as unknown as FakeWebContents;
    fakeElectron.appEvents.emit('web-contents-created', {}, contents);
    expect(contents.emitCancellable('will-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('sets the CSP on every response and denies every permission', () => {
    let headers: Record<string, string[]> | undefined;
    fakeElectron.session.headersReceived?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, (response) => (headers = response.responseHeaders));
    expect(headers?.['Content-Security-Policy']?.[0]).toMatch(/^default-src 'self'; script-src 'self' 'wasm-unsafe-eval';/u);
    expect(headers?.['Content-Type']).toEqual(['text/html']);
    let granted: boolean | undefined;
    fakeElectron.session.permissionRequestHandler?.({}, 'media', (answer) => (granted = answer));
    expect(granted).toBe(false);
    expect(fakeElectron.session.permissionCheckHandler?.()).toBe(false);
  });

  it('serves the renderer over app:// with the CSP and cross-origin isolation, and nothing outside it', async () => {
    const handler = fakeElectron.protocolHandlers.get('app')!;
    const page = await handler(new Request('app://renderer/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(page.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(await page.text()).toContain('<title>t</title>');
    expect((await handler(new Request('app://renderer/%2e%2e/%2e%2e/package.json'))).status).toBe(404);
    expect((await handler(new Request('app://other-host/index.html'))).status).toBe(404);
  });

  it('has the menu: new experiment, open run, import bundle, export figure, theme, zoom, about', () => {
    expect(menuItem(['File', 'New Experiment'])).toMatchObject({ accelerator: 'CmdOrCtrl+N' });
    for (const label of ['Open Run…', 'Import Bundle…', 'Export Figure…']) expect(menuItem(['File', label]).click).toBeTypeOf('function');
    expect(menuItem(['View']).submenu?.map((item) => item.role).filter(Boolean)).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut']));
    expect(menuItem(['View', 'Theme', 'Light']).checked).toBe(true);
    expect(menuItem(['Help', 'About InfoDiff Lab']).click).toBeTypeOf('function');
  });

  it('menu commands reach the renderer as menu:clicked events', () => {
    const sent = window.webContents.sent;
    menuItem(['File', 'New Experiment']).click!();
    menuItem(['File', 'Open Run…']).click!();
    menuItem(['File', 'Export Figure…']).click!();
    expect(sent.filter((m) => m.channel === 'menu:clicked').map((m) => m.payload)).toEqual([
      { command: 'new-experiment' }, { command: 'open-run' }, { command: 'export-figure' },
    ]);
  });

  it('the theme menu sets nativeTheme and remembers the choice', () => {
    menuItem(['View', 'Theme', 'Dark']).click!();
    expect(fakeElectron.nativeTheme.themeSource).toBe('dark');
    expect(JSON.parse(readFileSync(path.join(fakeElectron.userDataDir, 'settings.json'), 'utf8')).theme).toBe('dark');
    expect(menuItem(['View', 'Theme', 'Dark']).checked).toBe(true);
  });

  it('Import Bundle… uses the native open dialog: cancelling does nothing, a bad file shows an error', async () => {
    const before = fakeElectron.errorBoxes.length;
    const messages = fakeElectron.messageBoxes.length;
    fakeElectron.nextOpenPath = undefined;
    menuItem(['File', 'Import Bundle…']).click!();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([fakeElectron.errorBoxes.length, fakeElectron.messageBoxes.length]).toEqual([before, messages]);
    fakeElectron.nextOpenPath = path.join(root, 'missing.infodiff');
    menuItem(['File', 'Import Bundle…']).click!();
    await vi.waitFor(() => expect(fakeElectron.errorBoxes.length).toBe(before + 1));
    expect(fakeElectron.errorBoxes.at(-1)).toMatchObject({ title: 'Import failed', content: expect.stringContaining('missing.infodiff') });
  });

  it('exports through the native save dialog when no path is given', async () => {
    fakeElectron.nextSavePath = path.join(root, 'chosen', 'figure.svg');
    const result = await fakeElectron.invokeMain('figures:export', { name: 'f', format: 'svg', spec: {}, runIds: ['run-a'], content: { encoding: 'utf8', data: '<svg/>' } }, window.webContents);
    expect(result).toMatchObject({ ok: true, value: { filePath: fakeElectron.nextSavePath } });
    expect(readFileSync(fakeElectron.nextSavePath, 'utf8')).toBe('<svg/>');
    fakeElectron.nextSavePath = undefined;
    expect(await fakeElectron.invokeMain('bundles:export', { runIds: ['x'] }, window.webContents)).toEqual({ ok: true, value: { runs: 0, bytes: 0, filePath: null } });
  });

  it('a second instance focuses the window', () => {
    window.minimized = true;
    fakeElectron.appEvents.emit('second-instance');
    expect([window.minimized, window.focused]).toEqual([false, true]);
  });

  it('keeps the window state: closing the window saves its bounds', () => {
    window.bounds = { x: 120, y: 80, width: 1111, height: 777 };
    window.maximized = false;
    window.close();
    const saved = JSON.parse(readFileSync(path.join(fakeElectron.userDataDir, 'settings.json'), 'utf8'));
    expect(saved.window).toEqual({ x: 120, y: 80, width: 1111, height: 777, maximized: false });
  });

  it('quitting cancels running experiments, marks their runs, then closes the store and quits', async () => {
    const started = await lab.service.startRun({ preset: 'paper-toy', seeds: 2, threads: 1 });
    let prevented = false;
    fakeElectron.appEvents.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(fakeElectron.quitCalls).toBe(1), { timeout: 20_000 });
    expect(() => lab.store.listRuns()).toThrow();
    expect(existsSync(lab.store.path)).toBe(true);
    const { openStore } = await import('../../../src-main/store');
    const reopened = openStore({ dataDir: lab.dataDir });
    expect(started.runIds.map((id) => reopened.getRun(id)?.status)).toEqual(started.runIds.map(() => 'cancelled'));
    reopened.close();
  });
});
