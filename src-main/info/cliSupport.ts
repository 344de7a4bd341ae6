import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabError } from '../../src-shared/errors';
import { UsageError } from '../cli/args';

/**
 * Reads an instrument's config input: a structured clone of a preset, or a JSON file (an object at the
 * top level). Unknown presets and unreadable files are usage errors (exit 2); bad JSON is invalid-config.
 */
export function readConfigInput(values: { preset?: string | undefined; config?: string | undefined }, presets: Record<string, unknown>): Record<string, unknown> {
  if (!!values.preset === !!values.config) throw new UsageError('give exactly one of --preset NAME or --config FILE');
  if (values.preset) {
    if (!Object.hasOwn(presets, values.preset)) throw new UsageError(`--preset: expected one of ${Object.keys(presets).join(', ')}, got "${values.preset}"`);
    return structuredClone(presets[values.preset]) as Record<string, unknown>;
  }
  const file = values.config!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--config: cannot read ${file}: ${(error as Error).message}`);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new LabError('invalid-config', `${file}: not valid JSON: ${(error as Error).message}`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new LabError('invalid-config', `${file}: expected a JSON object at the top level`);
  return input as Record<string, unknown>;
}

/** infodiff-runs/NAME-YYYYMMDD-HHMMSS. */
export function defaultOutDir(name: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join('infodiff-runs', `${name}-${stamp}`);
}

/** Cancels on the first Ctrl-C (SIGINT) while `run` is pending; the listener is removed afterwards. */
export async function withInterrupt<T>(run: (register: (cancel: () => void) => void) => Promise<T>): Promise<T> {
  let cancel: (() => void) | null = null;
  const onSigint = () => cancel?.();
  process.once('SIGINT', onSigint);
  try {
    return await run((c) => { cancel = c; });
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/** A number for a table: fixed digits, exponent when tiny, empty for NaN. */
export function cellNumber(v: number, digits = 4): string {
  if (Number.isNaN(v)) return '';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  return Math.abs(v) !== 0 && Math.abs(v) < 10 ** -digits ? v.toExponential(2) : v.toFixed(digits);
}
