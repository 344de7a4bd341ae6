import { useEffect, useState } from 'react';
import type { InstrumentKind } from '../../../src-shared/ipc/contract';
import { SCHEDULE_NAMES } from '../../../src-shared/schedules/compareConfig';
import { TARGET_NAMES } from '../../../src-shared/schedules/targets';
import { formList, formNumber, issuesAt, valueAt, withValue, type DraftIssue } from '../../state/instrumentDraft';

type FieldDef =
  | { readonly path: string; readonly label: string; readonly type: 'number' | 'list' | 'bool' }
  | { readonly path: string; readonly label: string; readonly type: 'select' | 'checks'; readonly options: readonly string[] };

/** The sizes and switches worth a form field per instrument; everything else is edited in the JSON below. */
const FIELDS: Record<InstrumentKind, readonly FieldDef[]> = {
  schedules: [
    { path: 'target', label: 'Target (exact MMSE)', type: 'select', options: ['', ...TARGET_NAMES] },
    { path: 'Ks', label: 'Step counts K', type: 'list' },
    { path: 'schedules', label: 'Schedules', type: 'checks', options: SCHEDULE_NAMES },
  ],
  dynamics: [
    { path: 'lambdas.count', label: 'λ grid points', type: 'number' },
    { path: 'estimator.queries', label: 'Monte Carlo queries', type: 'number' },
    { path: 'estimator.nodes', label: 'Gauss–Hermite nodes', type: 'number' },
    { path: 'bifurcation.enabled', label: 'Bifurcation (mode tracking)', type: 'bool' },
  ],
  likelihood: [
    { path: 'discrete.enabled', label: 'Discrete NLL', type: 'bool' },
    { path: 'warmStart.enabled', label: 'Warm start', type: 'bool' },
    { path: 'bound.enabled', label: 'Theorem 2 bound', type: 'bool' },
    { path: 'heldOut.enabled', label: 'Held-out NLL vs σ0', type: 'bool' },
    { path: 'bound.points', label: 'Bound: points', type: 'number' },
    { path: 'heldOut.sigma0.count', label: 'Held-out: σ0 values', type: 'number' },
  ],
};

const testId = (path: string) => `ifield-${path.replaceAll('.', '-')}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A text input whose typed text stays while it means the value shown (so "0." or "5, 10," can be typed). */
function TypedInput({ path, value, read, write, invalid }: { path: string; value: unknown; read: (text: string) => unknown; write: (value: unknown) => void; invalid: boolean }) {
  const shown = Array.isArray(value) ? value.join(', ') : String(value ?? '');
  const [text, setText] = useState(shown);
  useEffect(() => { setText((old) => (same(read(old), value) ? old : shown)); }, [shown, value, read]);
  return <input data-testid={testId(path)} value={text} spellCheck={false} aria-invalid={invalid || undefined} onChange={(e) => { setText(e.target.value); write(read(e.target.value)); }} />;
}

/** One field: its input (bound to the path in the JSON) and the schema's issues under it. */
function Field({ def, json, issues, onValue }: { def: FieldDef; json: unknown; issues: readonly DraftIssue[]; onValue: (path: string, value: unknown) => void }) {
  const value = valueAt(json, def.path);
  const own = issuesAt(issues, def.path);
  const write = (v: unknown) => onValue(def.path, v);
  let input;
  if (def.type === 'bool') input = <input type="checkbox" data-testid={testId(def.path)} checked={value === true} onChange={(e) => write(e.target.checked)} />;
  else if (def.type === 'select') input = (
    <select data-testid={testId(def.path)} value={value === null ? '' : String(value)} onChange={(e) => write(e.target.value === '' ? null : e.target.value)}>
      {def.options.map((o) => <option key={o} value={o}>{o === '' ? 'none (the loss curve only)' : o}</option>)}
    </select>
  );
  else if (def.type === 'checks') {
    const chosen = Array.isArray(value) ? (value as unknown[]) : [];
    input = (
      <span className="checks" data-testid={testId(def.path)}>
        {def.options.map((o) => (
          <label key={o} className="inline"><input type="checkbox" checked={chosen.includes(o)} onChange={(e) => write(e.target.checked ? def.options.filter((x) => x === o || chosen.includes(x)) : chosen.filter((x) => x !== o))} />{o}</label>
        ))}
      </span>
    );
  } else input = <TypedInput path={def.path} value={value} read={def.type === 'list' ? formList : formNumber} write={write} invalid={own.length > 0} />;
  return (
    <label className={def.type === 'checks' ? 'field wide' : def.type === 'bool' ? 'inline' : 'field'}>
      {def.type === 'bool' ? input : null}{def.label}{def.type === 'bool' ? null : input}
      {own.map((i) => <span key={`${i.path}:${i.message}`} className="field-error" data-testid={`ierror-${def.path.replaceAll('.', '-')}`}>{i.path === def.path ? i.message : `${i.path.slice(def.path.length + 1)}: ${i.message}`}</span>)}
    </label>
  );
}

/**
 * Form fields for an instrument's main sizes and switches, each bound to its path in the config
 * text; a field whose path the config does not have (e.g. Monte Carlo queries of a Gauss–Hermite
 * estimator) is not shown. Disabled while the text is not a JSON object: the text is never overwritten.
 */
export function ConfigFields({ kind, text, issues, onText }: { kind: InstrumentKind; text: string; issues: readonly DraftIssue[]; onText: (text: string) => void }) {
  let json: unknown = null;
  try { json = JSON.parse(text); } catch { json = null; }
  if (typeof json !== 'object' || json === null) return <p className="hint">Fix the JSON below to edit the fields here.</p>;
  const onValue = (path: string, value: unknown) => { const next = withValue(text, path, value); if (next !== null) onText(next); };
  const shown = FIELDS[kind].filter((def) => valueAt(json, def.path) !== undefined);
  return (
    <div className="grid2 instrument-fields">
      {shown.map((def) => <Field key={def.path} def={def} json={json} issues={issues} onValue={onValue} />)}
    </div>
  );
}
