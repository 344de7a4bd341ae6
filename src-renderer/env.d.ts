import type { LabApi } from '../src-shared/ipc/contract';

declare global {
  interface Window {
    /** Set by the desktop app's preload; absent in a browser (serve mode). */
    readonly lab?: LabApi;
  }
}
