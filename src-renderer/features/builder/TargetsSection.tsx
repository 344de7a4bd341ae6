import { AreaField, Section, SelectField, TextField, type FormView } from './fields';

const MASS_MODES = { clip: 'clip: p = x⁺ / Σ x⁺', shift: 'shift: x − min x', 'unit-range': 'unit range: (x + 1)/2', softmax: 'softmax: p ∝ eˣ' };

/** Step 3: target block masses and the tolerance band (δ absolute or relative, or per-block bounds). */
export function TargetsSection({ form, blockCount, onFromReference }: { form: FormView; blockCount: number; onFromReference: (() => void) | null }) {
  const v = form.values;
  return (
    <Section title="Targets and tolerance" testId="section-targets">
      <SelectField form={form} k="targets.kind" label="Target masses m" options={{ reference: 'From each sample’s reference image', proportions: 'Typed as proportions' }} />
      {v['targets.kind'] === 'proportions' && (
        <>
          <AreaField form={form} k="targets.values" label={`Proportions, one per block (${blockCount}); normalised to sum 1`} rows={2} />
          {onFromReference && <button type="button" data-testid="targets-from-reference" onClick={onFromReference}>Fill from the reference image</button>}
        </>
      )}
      <SelectField form={form} k="tolerance.mode" label="Tolerance" options={{ absolute: 'δ absolute: m ± δ', relative: 'δ relative: m (1 ± δ)', bounds: 'Per-block bounds [L, U]' }} />
      {v['tolerance.mode'] === 'bounds' ? (
        <>
          <AreaField form={form} k="tolerance.lower" label={`Lower bounds L (${blockCount})`} rows={2} />
          <AreaField form={form} k="tolerance.upper" label={`Upper bounds U (${blockCount})`} rows={2} />
        </>
      ) : (
        <TextField form={form} k="tolerance.deltas" label="δ values, one projected run each (in [0, 1])" wide />
      )}
      <SelectField form={form} k="massMode" label="Image as a distribution" options={MASS_MODES} />
    </Section>
  );
}
