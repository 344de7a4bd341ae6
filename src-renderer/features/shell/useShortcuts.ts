import { useEffect, useRef } from 'react';
import { commandForKey, type Command } from '../../state/shortcuts';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'range', 'submit', 'color', 'file'].includes(target.type);
}

/** Calls `handle` with the command of each key press on the window (see state/shortcuts.ts); a handled command's default is prevented. */
export function useShortcuts(handle: (command: Command) => boolean): void {
  const latest = useRef(handle);
  latest.current = handle;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = commandForKey(event, isEditable(event.target));
      if (command !== null && latest.current(command)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
