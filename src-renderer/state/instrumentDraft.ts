import type { z } from 'zod';
import { DynamicsConfigSchema, LikelihoodConfigSchema } from '../../src-shared/info/config';
import type { InstrumentKind } from '../../src-shared/ipc/contract';
import { ScheduleCompareConfigSchema } from '../../src-shared/schedules/compareConfig';

/** A problem of a draft: the field's dotted path ('' for the whole text) and what was expected. */
export interface DraftIssue {
  readonly path: string;
  readonly message: string;
}

/** A draft read: the config when it is valid (defaults filled), else every issue. */
export type DraftCheck = { readonly ok: true; readonly config: Record<string, unknown> } | { readonly ok: false; readonly issues: readonly DraftIssue[] };

/** The zod schema of each instrument's config: the same ones main validates with (src-shared). */
const SCHEMAS: Record<InstrumentKind, z.ZodType> = { schedules: ScheduleCompareConfigSchema, dynamics: DynamicsConfigSchema, likelihood: LikelihoodConfigSchema };

/**
 * The draft's JSON read as a config of `kind`: invalid JSON is one issue at the root naming the
 * position; otherwise the schema's issues, each with the path of its field (`lambdas.count`).
 *
 * @example
 * checkDraft('dynamics', '{"data":{"kind":"points","points":[[0]]},"lambdas":{"min":0,"max":1,"count":2}}')
 * // → { ok: false, issues: [{ path: 'lambdas.count', message: 'expected an integer ≥ 3' }] }
 * checkDraft('schedules', '{ "target": ') // → { ok: false, issues: [{ path: '', message: 'not valid JSON: …' }] }
 */
export function checkDraft(kind: InstrumentKind, text: string): DraftCheck {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, issues: [{ path: '', message: 'expected a JSON object { … }' }] };
  const parsed = SCHEMAS[kind].safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data as Record<string, unknown> };
  return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
}

/**
 * The issues of one field and the fields under it.
 *
 * @example
 * issuesAt([{ path: 'lambdas.count', message: 'm' }, { path: 'name', message: 'n' }], 'lambdas') // → [{ path: 'lambdas.count', message: 'm' }]
 */
export function issuesAt(issues: readonly DraftIssue[], path: string): DraftIssue[] {
  return issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`));
}

/**
 * The value at a dotted path of parsed JSON, or undefined.
 *
 * @example
 * valueAt({ lambdas: { count: 41 } }, 'lambdas.count') // → 41
 */
export function valueAt(json: unknown, path: string): unknown {
  let node = json;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * The draft text with the value at `path` replaced (objects on the way created), pretty-printed;
 * null when the text is not a JSON object (then the field cannot be edited from a form: the text
 * is the truth and is never overwritten).
 *
 * @example
 * withValue('{"lambdas":{"count":41}}', 'lambdas.count', 81) // → '{\n  "lambdas": {\n    "count": 81\n  }\n}'
 */
export function withValue(text: string, path: string, value: unknown): string | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const keys = path.split('.');
  let node = json as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
  return prettyJson(json);
}

/**
 * A typed form value as JSON: a finite number where the text is one, else the text itself (so the
 * schema names it, and nothing typed is lost).
 *
 * @example
 * formNumber('81') // → 81
 * formNumber('8l') // → '8l'
 */
export function formNumber(text: string): number | string {
  const trimmed = text.trim();
  const n = Number(trimmed);
  return trimmed !== '' && Number.isFinite(n) ? n : text;
}

/**
 * A comma-separated list typed in a form, each item as formNumber reads it (empty items dropped).
 *
 * @example
 * formList('5, 10,,x') // → [5, 10, 'x']
 */
export function formList(text: string): (number | string)[] {
  return text.split(',').map((t) => t.trim()).filter((t) => t !== '').map(formNumber);
}

/**
 * JSON with two-space indentation, short arrays of numbers kept on one line (a points list stays readable).
 *
 * @example
 * prettyJson({ Ks: [5, 10], name: 'x' }) // → '{\n  "Ks": [5, 10],\n  "name": "x"\n}'
 */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\s+([-\d.eE+,\s]*?)\s+\]/gu, (_, inner: string) => `[${inner.split(/,\s*/u).join(', ')}]`);
}
