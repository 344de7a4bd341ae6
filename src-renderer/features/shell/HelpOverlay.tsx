import { useEffect, useRef } from 'react';
import { SHORTCUTS } from '../../state/shortcuts';

/** The keyboard shortcuts, as a modal dialog; Esc or the button closes it. */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-overlay" onClick={(e) => e.stopPropagation()}>
        <div className="dialog-head">
          <h2 id="help-title">Keyboard shortcuts</h2>
          <button ref={closeRef} type="button" className="ghost" aria-label="Close" onClick={onClose}>×</button>
        </div>
        <table className="keys-table">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <td><kbd>{s.keys}</kbd></td>
                <td>{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">On macOS, Ctrl is ⌘. Plain keys (/ and ?) work when no text field has the focus.</p>
      </div>
    </div>
  );
}
