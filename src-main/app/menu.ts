import type { MenuItemConstructorOptions } from 'electron';
import type { Theme } from './settings';

export interface MenuActions {
  newExperiment(): void;
  openRun(): void;
  importBundle(): void;
  exportFigure(): void;
  setTheme(theme: Theme): void;
  about(): void;
}

export interface MenuContext {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  readonly theme: Theme;
  /** Development builds get the developer tools item. */
  readonly development: boolean;
}

/**
 * The application menu: File (new experiment, open run, import bundle, export figure, quit), Edit
 * (the standard roles, so text fields work on macOS), View (theme, zoom, full screen), Window and
 * Help (about). macOS gets the app menu first.
 *
 * @example
 * menuTemplate({ platform: 'linux', appName: 'InfoDiff Lab', theme: 'system', development: false }, actions).map((m) => m.label) // → ['File', 'Edit', 'View', 'Window', 'Help']
 */
export function menuTemplate(context: MenuContext, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = context.platform === 'darwin';
  const themeItem = (theme: Theme, label: string): MenuItemConstructorOptions => ({
    label, type: 'radio', checked: context.theme === theme, click: () => actions.setTheme(theme),
  });
  const about: MenuItemConstructorOptions = { label: `About ${context.appName}`, click: () => actions.about() };
  return [
    ...(mac ? [{ label: context.appName, submenu: [about, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] } satisfies MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Experiment', accelerator: 'CmdOrCtrl+N', click: () => actions.newExperiment() },
        { label: 'Open Run…', accelerator: 'CmdOrCtrl+O', click: () => actions.openRun() },
        { type: 'separator' },
        { label: 'Import Bundle…', accelerator: 'CmdOrCtrl+I', click: () => actions.importBundle() },
        { label: 'Export Figure…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportFigure() },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    {
      label: 'View',
      submenu: [
        { label: 'Theme', submenu: [themeItem('system', 'Follow System'), themeItem('light', 'Light'), themeItem('dark', 'Dark')] },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(context.development ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : []),
      ],
    },
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'zoom' }, ...(mac ? [{ role: 'front' } as const] : [{ role: 'close' } as const])] },
    { label: 'Help', role: 'help', submenu: [about] },
  ];
}
