import fontUrl from '../../../resources/fonts/DejaVuSans.ttf?url';

/** The family name figures use first; the shipped TTF (resources/fonts, free licence) provides it everywhere. */
export const EMBEDDED_FONT_FAMILY = 'DejaVu Sans';

let cached: Promise<string> | undefined;

/** The shipped DejaVu Sans as base64 (fetched from the app's own assets once), for PDF and SVG embedding. */
export function fontBase64(): Promise<string> {
  cached ??= fetch(fontUrl).then(async (response) => {
    if (!response.ok) throw new Error(`the figure font could not be loaded (HTTP ${response.status})`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  });
  return cached;
}
