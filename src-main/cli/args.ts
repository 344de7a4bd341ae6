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

/** What a command accepts besides its flags: positional arguments and flags it cannot do without. */
export interface CommandSpec<O extends OptionsConfig> {
  readonly usage: string;
  readonly options: O;
  /** Positional arguments: how many and what they are (singular noun), e.g. { min: 1, noun: 'run id' }. */
  readonly positionals?: { readonly min: number; readonly max?: number; readonly noun: string };
  /** Flags that must be given, with the message when one is missing. */
  readonly required?: Partial<Record<keyof O, string>>;
}

/**
 * Parses a command's argv: strict flags with `--help`/`-h` added, then the positional count and the
 * required flags. Returns the parse, or the exit code to return at once: 0 after printing the usage
 * for --help, 2 after a usage error (printed with the usage).
 */
export function parseCommand<const O extends OptionsConfig>(argv: readonly string[], io: CliIo, spec: CommandSpec<O>) {
  const options = { ...spec.options, help: { type: 'boolean', short: 'h' } } as const;
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    return usageFailure(io, spec.usage, error instanceof Error ? error.message : String(error));
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout(`usage: ${spec.usage}\n`);
    return 0;
  }
  const count = parsed.positionals.length;
  const wanted = spec.positionals ?? { min: 0, max: 0, noun: 'argument' };
  if (wanted.max === 0 && count > 0) return usageFailure(io, spec.usage, `unexpected argument '${parsed.positionals[0]}'`);
  if ((count < wanted.min || count > (wanted.max ?? Infinity))) {
    const message = wanted.max === wanted.min && wanted.min === 1 ? `expected one ${wanted.noun}, got ${count}` : `expected one or more ${wanted.noun}s`;
    return usageFailure(io, spec.usage, message);
  }
  for (const [flag, message] of Object.entries(spec.required ?? {}) as [string, string][]) {
    if ((parsed.values as Record<string, unknown>)[flag] === undefined) return usageFailure(io, spec.usage, message);
  }
  return parsed;
}
