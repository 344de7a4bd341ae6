import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../../src-shared/ipc/channels';
import type { LabApi } from '../../../src-shared/ipc/contract';
import { fakeElectron, FakeWebContents } from '../../support/fakeElectron';

vi.mock('electron', async () => (await import('../../support/fakeElectron')).fakeElectron.module);

describe('the sandboxed preload (src-main/preload/index.ts)', () => {
  let lab: LabApi;
  const calls: { channel: string; payload: unknown }[] = [];

  beforeAll(async () => {
    const contents = new FakeWebContents(fakeElectron);
    contents.mainFrame.url = 'app://renderer/index.html';
    fakeElectron.rendererContents = contents;
    for (const channel of Object.keys(INVOKE_CHANNELS)) {
      fakeElectron.module.ipcMain.handle(channel, (_event, payload) => {
        calls.push({ channel, payload });
        return { ok: true, value: 'answered' };
      });
    }
    await import('../../../src-main/preload/index');
    lab = fakeElectron.exposed['lab'] as LabApi;
  });

  it('exposes window.lab = { invoke, on } and nothing else', () => {
    expect(Object.keys(fakeElectron.exposed)).toEqual(['lab']);
    expect(Object.keys(lab).sort()).toEqual(['invoke', 'on']);
    expect(typeof lab.invoke).toBe('function');
    expect(typeof lab.on).toBe('function');
  });

  it('invoke forwards a contract channel and its payload to main', async () => {
    expect(await lab.invoke('runs:list', { search: 'toy' })).toEqual({ ok: true, value: 'answered' });
    expect(calls.at(-1)).toEqual({ channel: 'runs:list', payload: { search: 'toy' } });
  });

  it('invoke refuses a name outside the contract without reaching main', async () => {
    const before = calls.length;
    for (const name of ['shell:openExternal', 'constructor', '__proto__', '']) {
      expect(await lab.invoke(name as never, {} as never)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    expect(calls.length).toBe(before);
  });

  it('on passes the payload only (never the IpcRendererEvent) and its return value unsubscribes', () => {
    const seen: unknown[][] = [];
    const off = lab.on('runs:progress', (...args: unknown[]) => seen.push(args));
    fakeElectron.rendererContents!.send('runs:progress', { stepsDone: 1 });
    off();
    fakeElectron.rendererContents!.send('runs:progress', { stepsDone: 2 });
    expect(seen).toEqual([[{ stepsDone: 1 }]]);
    expect(fakeElectron.rendererEvents.listenerCount('runs:progress')).toBe(0);
  });

  it('on refuses names outside the contract and non-function listeners', () => {
    expect(() => lab.on('runs:start' as never, () => undefined)).toThrow(/unknown channel/u);
    expect(() => lab.on('runs:progress', 'x' as never)).toThrow(/listener/u);
    expect(Object.keys(EVENT_CHANNELS)).toContain('runs:progress');
  });

  it('imports only electron and src-shared/ipc (what a sandboxed preload can load once bundled)', () => {
    const source = readFileSync(path.join(__dirname, '../../../src-main/preload/index.ts'), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/gu)].map((m) => m[1]);
    expect(imports).toEqual(['electron', '../../src-shared/ipc/channels', '../../src-shared/ipc/contract']);
  });
});
