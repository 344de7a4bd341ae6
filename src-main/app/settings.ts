import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * What the desktop app remembers between starts (userData/settings.json): the main window's
 * bounds and whether it was maximized, and the theme. A missing or damaged file gives the defaults.
 */

const Bounds = z.object({ x: z.number().int().optional(), y: z.number().int().optional(), width: z.number().int().min(400).max(20_000), height: z.number().int().min(300).max(20_000) });
const SettingsSchema = z.object({
  window: Bounds.extend({ maximized: z.boolean() }).catch({ width: 1280, height: 820, maximized: false }),
  theme: z.enum(['system', 'light', 'dark']).catch('system'),
});

export type AppSettings = z.output<typeof SettingsSchema>;
export type WindowState = AppSettings['window'];
export type Theme = AppSettings['theme'];

export const DEFAULT_SETTINGS: AppSettings = { window: { width: 1280, height: 820, maximized: false }, theme: 'system' };

/** The settings in `file`, each part falling back to its default when missing or invalid. */
export function loadSettings(file: string): AppSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return structuredClone(DEFAULT_SETTINGS);
  }
  const parsed = SettingsSchema.safeParse(typeof raw === 'object' && raw !== null ? raw : {});
  return parsed.success ? parsed.data : structuredClone(DEFAULT_SETTINGS);
}

/** Writes the settings whole or not at all (beside, then renamed). */
export function saveSettings(file: string, settings: AppSettings): void {
  const partial = `${file}.partial`;
  writeFileSync(partial, `${JSON.stringify(settings, null, 2)}\n`);
  renameSync(partial, file);
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The saved window state made safe for the displays there are now: a position is kept only if at
 * least 100 × 50 px of the title-bar region lies on some display's work area (else the window is
 * centred), and the size is capped by the largest work area.
 *
 * @example
 * onScreen({ x: 5000, y: 0, width: 800, height: 600, maximized: false }, [{ x: 0, y: 0, width: 1920, height: 1080 }]) // → { width: 800, height: 600, maximized: false }
 */
export function onScreen(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const maxWidth = Math.max(400, ...workAreas.map((a) => a.width));
  const maxHeight = Math.max(300, ...workAreas.map((a) => a.height));
  const size = { width: Math.min(state.width, maxWidth), height: Math.min(state.height, maxHeight), maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return size;
  const { x, y } = state;
  const titleBar = { x, y, width: size.width, height: 50 };
  const visible = workAreas.some((a) => {
    const w = Math.min(titleBar.x + titleBar.width, a.x + a.width) - Math.max(titleBar.x, a.x);
    const h = Math.min(titleBar.y + titleBar.height, a.y + a.height) - Math.max(titleBar.y, a.y);
    return w >= 100 && h >= Math.min(50, titleBar.height);
  });
  return visible ? { x, y, ...size } : size;
}
