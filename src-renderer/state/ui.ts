import type { FigureSpec } from './figureSpec';

/** The shell: which view is shown, the theme, the help overlay, the workbench's right-hand tab, the export dialog. */

export const VIEWS = ['workbench', 'compare', 'history', 'instruments'] as const;
export type View = (typeof VIEWS)[number];

/** 'system' follows prefers-color-scheme; the others pin the theme. */
export const THEMES = ['system', 'light', 'dark'] as const;
export type ThemePreference = (typeof THEMES)[number];

export const WORKBENCH_TABS = ['partition', 'schedule', 'live'] as const;
export type WorkbenchTab = (typeof WORKBENCH_TABS)[number];

export interface UiState {
  readonly view: View;
  readonly theme: ThemePreference;
  readonly helpOpen: boolean;
  readonly workbenchTab: WorkbenchTab;
  /** The figure the export dialog is open for, or null. */
  readonly exporting: FigureSpec | null;
}

export type UiAction =
  | { readonly type: 'ui/view'; readonly view: View }
  | { readonly type: 'ui/theme'; readonly theme: ThemePreference }
  | { readonly type: 'ui/themeCycled' }
  | { readonly type: 'ui/help'; readonly open: boolean }
  | { readonly type: 'ui/workbenchTab'; readonly tab: WorkbenchTab }
  | { readonly type: 'ui/export'; readonly spec: FigureSpec | null };

export const initialUiState: UiState = { view: 'workbench', theme: 'system', helpOpen: false, workbenchTab: 'partition', exporting: null };

/**
 * The theme after `theme` in the cycle system → light → dark → system (the toggle's order).
 *
 * @example
 * nextTheme('dark') // → 'system'
 */
export function nextTheme(theme: ThemePreference): ThemePreference {
  return THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length]!;
}

/**
 * A stored theme preference read back; anything else (absent, edited by hand) is 'system'.
 *
 * @example
 * parseTheme('dark') // → 'dark'
 * parseTheme('sepia') // → 'system'
 */
export function parseTheme(stored: string | null): ThemePreference {
  return (THEMES as readonly string[]).includes(stored ?? '') ? (stored as ThemePreference) : 'system';
}

/**
 * Shell transitions: pure.
 *
 * @example
 * uiReducer(initialUiState, { type: 'ui/view', view: 'history' }).view // → 'history'
 */
export function uiReducer(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'ui/view':
      return state.view === action.view ? state : { ...state, view: action.view };
    case 'ui/theme':
      return { ...state, theme: action.theme };
    case 'ui/themeCycled':
      return { ...state, theme: nextTheme(state.theme) };
    case 'ui/help':
      return { ...state, helpOpen: action.open };
    case 'ui/workbenchTab':
      return { ...state, workbenchTab: action.tab };
    case 'ui/export':
      return { ...state, exporting: action.spec };
  }
}
