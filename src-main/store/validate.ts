import { InvalidArgumentError, LabError } from '../../src-shared/errors';

/** Throws InvalidArgumentError unless `value` is a string with a non-blank character. */
export function requireText(argument: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidArgumentError(argument, `expected a non-empty string, got ${describe(value)}`);
  return value;
}

/** Throws InvalidArgumentError unless `value` is a string (empty allowed). */
export function requireString(argument: string, value: unknown): string {
  if (typeof value !== 'string') throw new InvalidArgumentError(argument, `expected a string, got ${describe(value)}`);
  return value;
}

/** Throws InvalidArgumentError unless `value` is a safe integer ≥ `min`. */
export function requireInteger(argument: string, value: unknown, min = Number.MIN_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidArgumentError(argument, `expected an integer${min > Number.MIN_SAFE_INTEGER ? ` ≥ ${min}` : ''}, got ${describe(value)}`);
  }
  return value;
}

/** Throws InvalidArgumentError unless `value` is an array of strings, each non-empty. */
export function requireTags(argument: string, value: unknown): string[] {
  if (!Array.isArray(value)) throw new InvalidArgumentError(argument, `expected an array of tags, got ${describe(value)}`);
  return [...new Set(value.map((tag, k) => requireText(`${argument}[${k}]`, tag).trim()))];
}

/** Throws InvalidArgumentError unless `ids` is a non-empty array of non-empty strings. */
export function requireIds(argument: string, ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.length === 0) throw new InvalidArgumentError(argument, `expected one or more ids, got ${describe(ids)}`);
  return ids.map((id, k) => requireText(`${argument}[${k}]`, id));
}

/** The LabError for an id that names nothing. */
export function notFound(what: string, id: string): LabError {
  return new LabError('not-found', `no ${what} with id ${id}`);
}

/** A short, bounded rendering of a value for error messages. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}
