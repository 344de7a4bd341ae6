import type { Response } from '../../../src-shared/ipc/contract';
import type { ThemePreference } from '../../state/ui';
import { Icon } from './Icon';

const THEME_LABEL: Record<ThemePreference, string> = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };
const THEME_ICON = { system: 'auto', light: 'sun', dark: 'moon' } as const;

/** The title bar: app name and version, the view's title, the door in use, the theme toggle. */
export function TopBar({ info, title, transport, theme, onTheme }: { info: Response<'app:info'> | null; title: string; transport: 'ipc' | 'http'; theme: ThemePreference; onTheme: () => void }) {
  return (
    <header className="topbar">
      <h1>InfoDiff Lab</h1>
      <span className="muted" data-testid="app-version">{info ? `v${info.version}` : ''}</span>
      <span className="topbar-title" data-testid="view-title">{title}</span>
      <span className="spacer" />
      <span className="badge" data-testid="transport" title={info ? `Data folder: ${info.dataDir}` : ''}>
        {transport === 'ipc' ? 'desktop' : 'browser'}
      </span>
      <button type="button" className="ghost icon-button" data-testid="theme-toggle" data-theme-choice={theme} title={`${THEME_LABEL[theme]} (Ctrl+Shift+L)`} aria-label={THEME_LABEL[theme]} onClick={onTheme}>
        <Icon name={THEME_ICON[theme]} size={18} />
      </button>
    </header>
  );
}
