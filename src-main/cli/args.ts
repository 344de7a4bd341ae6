import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliIo } from './types';

/** Thrown by a command for a usage mistake: printed with the usage line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * parseArgs (node:util, strict, positionals allowed: commands check their own) that turns its
 * errors into UsageError with the offending flag named.
 */
export function parseCliArgs<const O extends OptionsConfig>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Parses a flag value as an integer within [min, max], or throws UsageError naming the flag. */
export function intFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name}: expected an integer in [${min}, ${max}], got "${value}"`);
  return n;
}

/** Writes `infodiff: message` and the usage to stderr; returns exit code 2. */
export function usageFailure(io: CliIo, usage: string, message: string): number {
  io.stderr(`infodiff: ${message}\nusage: ${usage}\n`);
  return 2;
}
