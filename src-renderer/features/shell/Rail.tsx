import type { View } from '../../state/ui';
import { Icon, type IconName } from './Icon';

const ITEMS: readonly { readonly view: View; readonly label: string; readonly icon: IconName; readonly keys: string }[] = [
  { view: 'workbench', label: 'Workbench', icon: 'workbench', keys: 'Alt+1' },
  { view: 'compare', label: 'Compare', icon: 'compare', keys: 'Alt+2' },
  { view: 'history', label: 'History', icon: 'history', keys: 'Alt+3' },
  { view: 'instruments', label: 'Instruments', icon: 'instruments', keys: 'Alt+4' },
];

/** The left rail (VS Code's activity bar): one button per view, the current one marked. */
export function Rail({ view, onView, onHelp }: { view: View; onView: (view: View) => void; onHelp: () => void }) {
  return (
    <nav className="rail" aria-label="Views">
      {ITEMS.map((item) => (
        <button key={item.view} type="button" className="rail-item" data-testid={`rail-${item.view}`} aria-current={view === item.view ? 'page' : undefined}
          title={`${item.label} (${item.keys})`} onClick={() => onView(item.view)}>
          <Icon name={item.icon} size={22} />
          <span className="rail-label">{item.label}</span>
        </button>
      ))}
      <span className="spacer" />
      <button type="button" className="rail-item" data-testid="help-button" title="Keyboard shortcuts (?)" onClick={onHelp}>
        <Icon name="help" size={22} />
        <span className="rail-label">Keys</span>
      </button>
    </nav>
  );
}
