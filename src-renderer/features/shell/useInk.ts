import { useEffect, useState } from 'react';
import { DARK_INK, PAPER_INK, type FigureInk } from '../../figures/style';
import type { ThemePreference } from '../../state/ui';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The ink on-screen figures use for the theme in force (exports always use paper). */
export function useInk(theme: ThemePreference): FigureInk {
  const [systemDark, setSystemDark] = useState(() => window.matchMedia(DARK_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(DARK_QUERY);
    const onChange = () => setSystemDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  const dark = theme === 'dark' || (theme === 'system' && systemDark);
  return dark ? DARK_INK : PAPER_INK;
}
