import { execFileSync } from 'node:child_process';
import { expect, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import type { ServeProcess } from './serveProcess';

/** Calls the lab over HTTP as the page would (for checks beside the UI). */
export async function invoke<T>(serve: ServeProcess, channel: string, request: object): Promise<T> {
  const response = await fetch(`${serve.origin}/api/invoke/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${serve.token}` }, body: JSON.stringify(request) });
  const result = (await response.json()) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

/** The builder field of a config path (its test id is field-<path with dots as dashes>). */
export function field(page: Page, key: string) {
  return page.getByTestId(`field-${key.replaceAll('.', '-')}`);
}

/** Types a value into a builder field, replacing what was there. */
export async function setField(page: Page, key: string, value: string): Promise<void> {
  await field(page, key).fill(value);
}

/** A label-map PNG: `colours` vertical stripes of distinct colours over h × w. */
export function stripesPng(height: number, width: number, colours: readonly [number, number, number][]): Buffer {
  const png = new PNG({ width, height });
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const [red, green, blue] = colours[Math.floor((c * colours.length) / width)]!;
      png.data.set([red, green, blue, 255], 4 * (r * width + c));
    }
  }
  return PNG.sync.write(png);
}

/** A grayscale PNG of a horizontal ramp with a given brightness offset. */
export function rampPng(height: number, width: number, offset: number): Buffer {
  const png = new PNG({ width, height });
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) {
    const v = Math.min(255, Math.round(offset + (200 * c) / width));
    png.data.set([v, v, v, 255], 4 * (r * width + c));
  }
  return PNG.sync.write(png);
}

/** `pdfinfo` and `pdffonts` output of a file (poppler-utils), or null when poppler is not installed. */
export function popplerInfo(file: string): { info: string; fonts: string } | null {
  try {
    return { info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }), fonts: execFileSync('pdffonts', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Width and height from a PNG's IHDR, after checking the 8-byte signature. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
