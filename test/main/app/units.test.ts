import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../src-main/app/externalLinks';
import { menuTemplate, type MenuActions } from '../../../src-main/app/menu';
import { DEFAULT_SETTINGS, loadSettings, onScreen, saveSettings } from '../../../src-main/app/settings';
import { isTrustedSender, originOf } from '../../../src-main/app/trust';

describe('settings.json: loadSettings, saveSettings and onScreen', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'infodiff-settings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a missing, damaged or partly invalid file gives the defaults for what is wrong', () => {
    expect(loadSettings(path.join(dir, 'missing.json'))).toEqual(DEFAULT_SETTINGS);
    writeFileSync(path.join(dir, 'bad.json'), '{not json');
    expect(loadSettings(path.join(dir, 'bad.json'))).toEqual(DEFAULT_SETTINGS);
    writeFileSync(path.join(dir, 'partial.json'), JSON.stringify({ window: { width: 10, height: 'x' }, theme: 'dark' }));
    expect(loadSettings(path.join(dir, 'partial.json'))).toEqual({ window: DEFAULT_SETTINGS.window, theme: 'dark' });
  });

  it('saveSettings then loadSettings gives the same settings', () => {
    const settings = { window: { x: -5, y: 20, width: 1400, height: 900, maximized: true }, theme: 'light' as const };
    saveSettings(path.join(dir, 'settings.json'), settings);
    expect(loadSettings(path.join(dir, 'settings.json'))).toEqual(settings);
  });

  it('onScreen keeps a position whose title bar is on a display, centres one that is off every display, caps the size', () => {
    const displays = [{ x: 0, y: 0, width: 1920, height: 1080 }, { x: 1920, y: 0, width: 1280, height: 1024 }];
    expect(onScreen({ x: 2000, y: 100, width: 800, height: 600, maximized: false }, displays)).toEqual({ x: 2000, y: 100, width: 800, height: 600, maximized: false });
    expect(onScreen({ x: 5000, y: 100, width: 800, height: 600, maximized: false }, displays)).toEqual({ width: 800, height: 600, maximized: false });
    expect(onScreen({ x: 100, y: -200, width: 800, height: 600, maximized: true }, displays)).toEqual({ width: 800, height: 600, maximized: true });
    expect(onScreen({ width: 5000, height: 3000, maximized: false }, displays)).toEqual({ width: 1920, height: 1080, maximized: false });
  });
});

describe('trust: isTrustedSender and originOf', () => {
  const frame = (url: string, parent: unknown = null) => ({ url, parent });
  it('trusts only the top frame of our window on a trusted origin', () => {
    expect(isTrustedSender({ sender: { id: 3 }, senderFrame: frame('app://renderer/index.html') }, 3, ['app://renderer'])).toBe(true);
    expect(isTrustedSender({ sender: { id: 4 }, senderFrame: frame('app://renderer/index.html') }, 3, ['app://renderer'])).toBe(false);
    expect(isTrustedSender({ sender: { id: 3 }, senderFrame: frame('app://renderer/index.html', {}) }, 3, ['app://renderer'])).toBe(false);
    expect(isTrustedSender({ sender: { id: 3 }, senderFrame: frame('app://renderer.evil/index.html') }, 3, ['app://renderer'])).toBe(false);
    expect(isTrustedSender({ sender: { id: 3 }, senderFrame: null }, 3, ['app://renderer'])).toBe(false);
    expect(isTrustedSender({ sender: { id: 3 }, senderFrame: frame('app://renderer/') }, undefined, ['app://renderer'])).toBe(false);
    expect(isTrustedSender({ sender: { id: 3 }, senderFrame: frame('http://localhost:5173/') }, 3, ['app://renderer', 'http://localhost:5173'])).toBe(true);
  });

  it('originOf builds scheme://host for custom schemes too', () => {
    expect(originOf('app://renderer/index.html?x#y')).toBe('app://renderer');
    expect(originOf('http://localhost:5173/a')).toBe('http://localhost:5173');
    expect(originOf('::')).toBeUndefined();
  });
});

describe('isAllowedExternalUrl(url)', () => {
  it('allows https on the listed hosts only, without credentials or ports', () => {
    expect(isAllowedExternalUrl('https://github.com/some/repo')).toBe(true);
    expect(isAllowedExternalUrl('https://doi.org/10.1000/x')).toBe(true);
    for (const url of ['http://github.com/', 'https://github.com.evil.example/', 'https://user:pw@github.com/', 'https://github.com:444/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://github.com/x', 'not a url']) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});

describe('menuTemplate(context, actions)', () => {
  const calls: string[] = [];
  const actions: MenuActions = {
    newExperiment: () => calls.push('new'), openRun: () => calls.push('open'), importBundle: () => calls.push('import'),
    exportFigure: () => calls.push('export'), setTheme: (theme) => calls.push(`theme:${theme}`), about: () => calls.push('about'),
  };
  type Item = { label?: string; role?: string; submenu?: Item[]; click?: () => void };
  const labels = (items: Item[]): string[] => items.flatMap((item) => [item.label ?? item.role ?? '-', ...labels(item.submenu ?? [])]);

  it('puts the app menu first on macOS only, and the developer tools only in development', () => {
    const mac = menuTemplate({ platform: 'darwin', appName: 'InfoDiff Lab', theme: 'system', development: false }, actions) as Item[];
    const linux = menuTemplate({ platform: 'linux', appName: 'InfoDiff Lab', theme: 'system', development: true }, actions) as Item[];
    expect(mac[0]?.label).toBe('InfoDiff Lab');
    expect(linux[0]?.label).toBe('File');
    expect(labels(mac)).not.toContain('toggleDevTools');
    expect(labels(linux)).toContain('toggleDevTools');
    for (const template of [mac, linux]) {
      for (const label of ['New Experiment', 'Open Run…', 'Import Bundle…', 'Export Figure…', 'Theme', 'resetZoom', 'zoomIn', 'zoomOut', 'About InfoDiff Lab']) expect(labels(template)).toContain(label);
    }
  });
});
