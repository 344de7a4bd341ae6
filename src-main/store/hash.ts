import { createHash } from 'node:crypto';

/**
 * The canonical JSON text of a value: object keys sorted (by UTF-16 code units), no whitespace,
 * `undefined` members dropped, as `JSON.stringify` otherwise writes them. Equal data give equal text
 * whatever the key order.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, { d: null, c: 'x' }] }) // → '{"a":[true,{"c":"x","d":null}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return canonicalMember(value) ?? 'null';
}

function canonicalMember(value: unknown): string | undefined {
  const plain = hasToJson(value) ? value.toJSON() : value;
  if (plain === null || typeof plain !== 'object') return JSON.stringify(plain) as string | undefined;
  if (Array.isArray(plain)) return `[${plain.map((item) => canonicalMember(item) ?? 'null').join(',')}]`;
  const members: string[] = [];
  for (const key of Object.keys(plain).sort()) {
    const member = canonicalMember((plain as Record<string, unknown>)[key]);
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}

function hasToJson(value: unknown): value is { toJSON: () => unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/**
 * The lowercase hex SHA-256 of a string (UTF-8) or bytes.
 *
 * @example
 * sha256Hex('') // → 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The config hash stored with a run: sha256(canonicalJson(config)), so that two runs with the
 * same settings share it regardless of key order.
 *
 * @example
 * hashConfig({ steps: 10, seed: 1 }) === hashConfig({ seed: 1, steps: 10 }) // → true
 */
export function hashConfig(config: unknown): string {
  return sha256Hex(canonicalJson(config));
}
