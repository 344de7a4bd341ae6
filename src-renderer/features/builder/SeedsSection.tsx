import { Section, TextField, type FormView } from './fields';

/** Replicates and what is recorded. */
export function SeedsSection({ form }: { form: FormView }) {
  return (
    <Section title="Seeds and recording" testId="section-seeds">
      <div className="grid3">
        <TextField form={form} k="seeds.count" label="Seeds" hint="Replicates; the projected and unprojected runs of a seed share its noise" />
        <TextField form={form} k="seeds.start" label="First seed" />
        <TextField form={form} k="batch" label="Samples / seed" />
      </div>
      <div className="grid3">
        <TextField form={form} k="recordEvery" label="Record every" hint="Metrics every this many steps, and at the last" />
        <TextField form={form} k="frames.count" label="Frames kept" hint="Evenly spaced sample frames per seed (≤ 200): the live grid, the compare scrubber, the heatmap" />
        <TextField form={form} k="frames.seeds" label="Frame seeds" hint="Frames are kept for this many first seeds" />
      </div>
    </Section>
  );
}
