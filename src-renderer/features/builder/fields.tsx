import type { ReactNode } from 'react';
import type { DraftValues, FieldKey } from '../../state/builder';
import type { IssueKey } from '../../state/draftConfig';

/** What a field needs of the builder: the draft, the issues to explain, a way to change a value. */
export interface FormView {
  readonly values: DraftValues;
  readonly issues: Readonly<Partial<Record<IssueKey, string>>>;
  change(key: FieldKey, value: string): void;
}

const idOf = (key: string) => `field-${key.replaceAll('.', '-')}`;

/** The inline explanation under a field (announced to screen readers), or nothing. */
export function FieldError({ form, k }: { form: FormView; k: IssueKey }) {
  const issue = form.issues[k];
  if (issue === undefined) return null;
  return <span id={`${idOf(k)}-error`} className="field-error" data-testid={`error-${k}`}>{issue}</span>;
}

function invalid(form: FormView, k: IssueKey) {
  return form.issues[k] === undefined ? {} : { 'aria-invalid': true as const, 'aria-describedby': `${idOf(k)}-error` };
}

/** A text input for a number, a list of numbers or a name; what was typed stays until it is fixed. */
export function TextField({ form, k, label, hint, wide }: { form: FormView; k: FieldKey; label: string; hint?: string; wide?: boolean }) {
  return (
    <label className={wide ? 'field wide' : 'field'} title={hint}>
      {label}
      <input id={idOf(k)} data-testid={idOf(k)} value={form.values[k]} spellCheck={false} autoComplete="off" {...invalid(form, k)} onChange={(e) => form.change(k, e.target.value)} />
      <FieldError form={form} k={k} />
    </label>
  );
}

/** A multi-line text field (lists of numbers, JSON). */
export function AreaField({ form, k, label, rows = 3 }: { form: FormView; k: FieldKey; label: string; rows?: number }) {
  return (
    <label className="field wide">
      {label}
      <textarea id={idOf(k)} data-testid={idOf(k)} rows={rows} value={form.values[k]} spellCheck={false} {...invalid(form, k)} onChange={(e) => form.change(k, e.target.value)} />
      <FieldError form={form} k={k} />
    </label>
  );
}

/** A choice among fixed options (value → label). */
export function SelectField({ form, k, label, options }: { form: FormView; k: FieldKey; label: string; options: Readonly<Record<string, string>> }) {
  return (
    <label className="field">
      {label}
      <select id={idOf(k)} data-testid={idOf(k)} value={form.values[k]} {...invalid(form, k)} onChange={(e) => form.change(k, e.target.value)}>
        {Object.entries(options).map(([value, text]) => <option key={value} value={value}>{text}</option>)}
      </select>
      <FieldError form={form} k={k} />
    </label>
  );
}

/** A yes/no field stored as 'true' / 'false'. */
export function CheckField({ form, k, label }: { form: FormView; k: FieldKey; label: string }) {
  return (
    <label className="inline">
      <input type="checkbox" id={idOf(k)} data-testid={idOf(k)} checked={form.values[k] === 'true'} onChange={(e) => form.change(k, String(e.target.checked))} />
      {label}
    </label>
  );
}

/** A titled group of fields in the builder. */
export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <fieldset className="section" data-testid={testId}>
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}
