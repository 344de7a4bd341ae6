import { describe, expect, it } from 'vitest';
import { commandForKey, SHORTCUTS, type KeyLike } from '../../../src-renderer/state/shortcuts';
import { initialUiState, nextTheme, parseTheme, uiReducer } from '../../../src-renderer/state/ui';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('uiReducer, nextTheme and parseTheme', () => {
  it('nextTheme cycles system → light → dark → system; parseTheme falls back to system', () => {
    expect([nextTheme('system'), nextTheme('light'), nextTheme('dark')]).toEqual(['light', 'dark', 'system']);
    expect([parseTheme('dark'), parseTheme('light'), parseTheme(null), parseTheme('sepia')]).toEqual(['dark', 'light', 'system', 'system']);
  });

  it('uiReducer switches views, tabs, help and the export dialog; the same view keeps the state object', () => {
    const s = uiReducer(initialUiState, { type: 'ui/view', view: 'history' });
    expect(s.view).toBe('history');
    expect(uiReducer(s, { type: 'ui/view', view: 'history' })).toBe(s);
    expect(uiReducer(s, { type: 'ui/themeCycled' }).theme).toBe('light');
    expect(uiReducer(s, { type: 'ui/help', open: true }).helpOpen).toBe(true);
    expect(uiReducer(s, { type: 'ui/workbenchTab', tab: 'live' }).workbenchTab).toBe('live');
    const spec = { name: 'f', panels: [], runIds: [] };
    expect(uiReducer(s, { type: 'ui/export', spec }).exporting).toBe(spec);
  });
});

describe('commandForKey(event, inEditable)', () => {
  it('maps the documented chords everywhere and plain keys only outside text fields', () => {
    expect(commandForKey(key('Enter', { ctrlKey: true }), true)).toBe('run');
    expect(commandForKey(key('Enter', { metaKey: true }), false)).toBe('run');
    expect(commandForKey(key('z', { ctrlKey: true }), false)).toBe('undo');
    expect(commandForKey(key('Z', { ctrlKey: true, shiftKey: true }), false)).toBe('redo');
    expect(commandForKey(key('y', { metaKey: true }), false)).toBe('redo');
    expect(commandForKey(key('E', { ctrlKey: true, shiftKey: true }), true)).toBe('export');
    expect(commandForKey(key('L', { ctrlKey: true, shiftKey: true }), false)).toBe('toggle-theme');
    expect(commandForKey(key('/'), false)).toBe('search');
    expect(commandForKey(key('?', { shiftKey: true }), false)).toBe('help');
    expect(commandForKey(key('Escape'), true)).toBe('close');
    expect(commandForKey(key('1', { altKey: true, code: 'Digit1' }), true)).toBe('view-workbench');
    expect(commandForKey(key('™', { altKey: true, code: 'Digit2' }), false)).toBe('view-compare');
    expect(commandForKey(key('4', { altKey: true, code: 'Digit4' }), false)).toBe('view-instruments');
  });

  it('leaves typing alone: / and ? in a text field, and Ctrl+Z there (the field’s own undo), give no command', () => {
    expect(commandForKey(key('/'), true)).toBeNull();
    expect(commandForKey(key('?'), true)).toBeNull();
    expect(commandForKey(key('z', { ctrlKey: true }), true)).toBeNull();
    expect(commandForKey(key('a'), false)).toBeNull();
    expect(commandForKey(key('c', { ctrlKey: true }), false)).toBeNull();
  });

  it('every command of the help table is reachable by its listed keys', () => {
    for (const s of SHORTCUTS) expect(s.keys.length).toBeGreaterThan(0);
    expect(new Set(SHORTCUTS.map((s) => s.command)).size).toBe(SHORTCUTS.length);
  });
});
