/** Line icons (24 × 24, stroke = currentColor) for the rail and toolbars. */
const PATHS = {
  workbench: 'M4 5h16v14H4z M4 9h16 M9 9v10',
  compare: 'M4 5h7v14H4z M13 5h7v14h-7z M7.5 9v6 M16.5 12v3',
  history: 'M12 7v5l3 2 M4.5 12a7.5 7.5 0 1 0 2.2-5.3 M4 4v3.5h3.5',
  instruments: 'M4 19h16 M6 19V11 M10 19V6 M14 19V9 M18 19V4',
  help: 'M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6 M12 17h.01 M12 3a9 9 0 1 0 0 18a9 9 0 0 0 0-18z',
  sun: 'M12 8a4 4 0 1 0 0 8a4 4 0 0 0 0-8z M12 2v2 M12 20v2 M4.9 4.9l1.4 1.4 M17.7 17.7l1.4 1.4 M2 12h2 M20 12h2 M4.9 19.1l1.4-1.4 M17.7 6.3l1.4-1.4',
  moon: 'M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z',
  auto: 'M12 3a9 9 0 1 0 0 18z M12 3a9 9 0 0 1 0 18',
  star: 'M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8-5.2-2.7-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z',
  download: 'M12 4v11 M7.5 10.5 12 15l4.5-4.5 M5 19h14',
} as const;

export type IconName = keyof typeof PATHS;

/** An icon; decorative (aria-hidden) — the button around it carries the label. */
export function Icon({ name, size = 20, filled = false }: { name: IconName; size?: number; filled?: boolean }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" fill={filled ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round">
      <path d={PATHS[name]} />
    </svg>
  );
}
