import { BrowserWindow, ipcMain } from 'electron';
import { vi } from 'vitest';
import type { LabApi } from '../../../src-shared/ipc/contract';
import { bindIpc, forwardEvents } from '../../../src-main/app/ipc';
import { APP_ENTRY_URL, APP_ORIGIN, isTrustedSender } from '../../../src-main/app/trust';
import { bindingsOf } from '../../../src-main/service/bindings';
import { fakeElectron, type FakeBrowserWindow } from '../../support/fakeElectron';
import { contractSuite } from './contractSuite';

vi.mock('electron', async () => (await import('../../support/fakeElectron')).fakeElectron.module);

contractSuite('Electron IPC (the real preload → ipcRenderer → ipcMain, structured clone both ways)', async (service) => {
  const window = new BrowserWindow({}) as unknown as FakeBrowserWindow;
  await window.loadURL(APP_ENTRY_URL);
  fakeElectron.rendererContents = window.webContents;
  const unbind = bindIpc(ipcMain, {
    bindings: bindingsOf(service),
    isTrustedSender: (event) => isTrustedSender(event, window.webContents.id, [APP_ORIGIN]),
    log: service.log,
  });
  const unforward = forwardEvents(service.events, () => window.webContents as unknown as Electron.WebContents);
  await import('../../../src-main/preload/index');
  return {
    api: fakeElectron.exposed['lab'] as LabApi,
    async close() {
      unforward();
      unbind();
    },
  };
});
