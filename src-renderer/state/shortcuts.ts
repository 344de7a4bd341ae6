/** Keyboard shortcuts: one table (shown in the help overlay) and one pure key → command mapping. */

export type Command =
  | 'run'
  | 'undo'
  | 'redo'
  | 'search'
  | 'help'
  | 'close'
  | 'view-workbench'
  | 'view-compare'
  | 'view-history'
  | 'view-instruments'
  | 'toggle-theme'
  | 'export';

/** What the mapping needs of a keydown event (a KeyboardEvent satisfies it). */
export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  /** The physical key (Alt+digit gives another `key` on some layouts). */
  readonly code?: string;
}

/** The shortcuts as the help overlay lists them (Ctrl is ⌘ on macOS). */
export const SHORTCUTS: readonly { readonly keys: string; readonly command: Command; readonly what: string }[] = [
  { keys: 'Ctrl+Enter', command: 'run', what: 'Run the experiment (projected and unprojected, same noise)' },
  { keys: 'Esc', command: 'close', what: 'Close a dialog; else cancel the running experiment (finished seeds are kept)' },
  { keys: 'Ctrl+Z', command: 'undo', what: 'Undo in the partition editor' },
  { keys: 'Ctrl+Y, Ctrl+Shift+Z', command: 'redo', what: 'Redo in the partition editor' },
  { keys: '/', command: 'search', what: 'Search the history' },
  { keys: 'Alt+1, Alt+2, Alt+3, Alt+4', command: 'view-workbench', what: 'Workbench, Compare, History, Instruments' },
  { keys: 'Ctrl+Shift+E', command: 'export', what: 'Export the figures of the view (SVG, PDF, PNG, CSV)' },
  { keys: 'Ctrl+Shift+L', command: 'toggle-theme', what: 'Theme: system → light → dark' },
  { keys: '?', command: 'help', what: 'Show this list' },
];

/**
 * The command a key press means, or null. Plain keys (/, ?) only count outside text fields
 * (`inEditable`), so typing stays typing; chords with Ctrl/⌘ or Alt count everywhere, except
 * undo/redo inside a text field, which belong to the field.
 *
 * @example
 * commandForKey({ key: 'Enter', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false }, true) // → 'run'
 * commandForKey({ key: '/', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false }, true) // → null
 */
export function commandForKey(event: KeyLike, inEditable: boolean): Command | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (mod && !event.altKey) {
    if (key === 'Enter') return 'run';
    if (event.shiftKey && key === 'e') return 'export';
    if (event.shiftKey && key === 'l') return 'toggle-theme';
    if (inEditable) return null;
    if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
    if (key === 'y') return 'redo';
    return null;
  }
  if (event.altKey && !mod) {
    const views: Record<string, Command> = { Digit1: 'view-workbench', Digit2: 'view-compare', Digit3: 'view-history', Digit4: 'view-instruments' };
    return views[event.code ?? `Digit${key}`] ?? null;
  }
  if (key === 'Escape') return 'close';
  if (inEditable || mod || event.altKey) return null;
  if (key === '/') return 'search';
  if (key === '?') return 'help';
  return null;
}
