import type { BrowserWindow, Dialog } from 'electron';
import type { FileDialogs } from '../service/files';

/** The service's file dialogs as native Electron dialogs, attached to the main window when there is one. */
export function electronDialogs(dialog: Dialog, window: () => BrowserWindow | undefined): FileDialogs {
  return {
    async chooseSavePath({ title, defaultName, filters }) {
      const options = { title, defaultPath: defaultName, filters: filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })) };
      const parent = window();
      const result = parent === undefined ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(parent, options);
      return result.canceled || result.filePath === undefined || result.filePath === '' ? null : result.filePath;
    },
    async chooseOpenPath({ title, filters }) {
      const options = { title, properties: ['openFile' as const], filters: filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })) };
      const parent = window();
      const result = parent === undefined ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(parent, options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
