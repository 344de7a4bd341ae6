import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isEventChannel, isInvokeChannel } from '../../src-shared/ipc/channels';
import type { EventChannel, EventPayload, LabApi } from '../../src-shared/ipc/contract';

// Sandboxed preload: exposes two functions as window.lab and nothing else (never ipcRenderer,
// never an Electron object). Unknown channel names are refused here; main validates the rest.
const lab: LabApi = {
  invoke(channel, request) {
    if (!isInvokeChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'invalid-request', message: `unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}` } });
    }
    return ipcRenderer.invoke(channel, request);
  },
  on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void) {
    if (!isEventChannel(channel)) throw new Error(`unknown channel ${String(channel)}`);
    if (typeof listener !== 'function') throw new Error('listener: expected a function');
    const wrapped = (_event: IpcRendererEvent, payload: EventPayload<C>) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => void ipcRenderer.removeListener(channel, wrapped);
  },
};

contextBridge.exposeInMainWorld('lab', lab);
