import { BACKEND_NAMES } from '../../../src-shared/experiment/config';
import { Section, SelectField, TextField, type FormView } from './fields';

const BACKEND_LABEL: Record<(typeof BACKEND_NAMES)[number], string> = {
  auto: 'Automatic (fastest available; never a software GPU)',
  reference: 'CPU float64 reference',
  pruned: 'CPU float64, pruned exact denoiser',
  webgpu: 'WebGPU (float32)',
  headlessgl: 'headless-gl (float32)',
  'webasm-threaded': 'WebAssembly, threads (float32)',
  'webasm-simd': 'WebAssembly, SIMD (float32)',
  'gpujs-cpu': 'gpu.js CPU (float32)',
};

/** Replicates, what is recorded, and where it runs. */
export function SeedsSection({ form }: { form: FormView }) {
  return (
    <Section title="Seeds, recording, backend" testId="section-seeds">
      <div className="grid3">
        <TextField form={form} k="seeds.count" label="Seeds" hint="Replicates; the projected and unprojected runs of a seed share its noise" />
        <TextField form={form} k="seeds.start" label="First seed" />
        <TextField form={form} k="batch" label="Samples / seed" />
      </div>
      <div className="grid3">
        <TextField form={form} k="recordEvery" label="Record every" hint="Metrics every this many steps, and at the last" />
        <TextField form={form} k="frames.count" label="Frames kept" hint="Evenly spaced sample frames per seed (≤ 200): the compare scrubber's images" />
        <TextField form={form} k="frames.seeds" label="Frame seeds" hint="Frames are kept for this many first seeds" />
      </div>
      <SelectField form={form} k="backend" label="Backend" options={BACKEND_LABEL} />
    </Section>
  );
}
