import { CheckField, Section, SelectField, TextField, AreaField, type FormView } from './fields';

const SAMPLERS = { ddpm: 'DDPM ancestral', ddim: 'DDIM (η)', 'euler-maruyama': 'Euler–Maruyama (reverse SDE)', 'pf-euler': 'Probability flow, Euler', 'pf-heun': 'Probability flow, Heun' };
const SCHEDULES = { 'linear-beta': 'Linear β (DDPM)', cosine: 'Cosine ᾱ', edm: 'EDM / Karras ρ', 'log-snr': 'Uniform in log-SNR', las: 'Loss-adaptive (LAS)', custom: 'Custom σ list' };
const LAS_SOURCES = { mmse: "the exact MMSE curve of the data (GMM, digits, images)", loss: 'a loss table from a training log' };
const PROJECT_ON = { state: 'the state x_t after each update', denoised: 'the denoised x̂₀', both: 'both' };

/** Step 4: sampler, schedule and where the projection acts. */
export function SamplerSection({ form }: { form: FormView }) {
  const v = form.values;
  const kind = v['schedule.kind'];
  return (
    <Section title="Sampler and schedule" testId="section-sampler">
      <div className="grid2">
        <SelectField form={form} k="sampler.name" label="Sampler" options={SAMPLERS} />
        {v['sampler.name'] === 'ddim' && <TextField form={form} k="sampler.eta" label="η (0 = deterministic)" />}
      </div>
      <div className="grid2">
        <SelectField form={form} k="schedule.kind" label="Schedule" options={SCHEDULES} />
        {kind !== 'custom' && <TextField form={form} k="schedule.steps" label="Steps N" />}
      </div>
      {(kind === 'linear-beta' || kind === 'cosine') && (
        <div className="grid3">
          <TextField form={form} k="schedule.T" label="T" />
          {kind === 'linear-beta' ? (
            <>
              <TextField form={form} k="schedule.betaStart" label="β start" />
              <TextField form={form} k="schedule.betaEnd" label="β end" />
            </>
          ) : (
            <TextField form={form} k="schedule.s" label="s" />
          )}
        </div>
      )}
      {(kind === 'edm' || kind === 'log-snr' || kind === 'las') && (
        <div className="grid3">
          <TextField form={form} k="schedule.sigmaMin" label="σ min" />
          <TextField form={form} k="schedule.sigmaMax" label="σ max" />
          {kind === 'edm' && <TextField form={form} k="schedule.rho" label="ρ" />}
          {kind === 'las' && <TextField form={form} k="schedule.candidates" label="Candidates" hint="Log-spaced candidate levels the exact dynamic programme chooses from" />}
        </div>
      )}
      {kind === 'las' && <SelectField form={form} k="schedule.lasSource" label="Loss from" options={LAS_SOURCES} />}
      {kind === 'las' && v['schedule.lasSource'] === 'loss' && (
        <AreaField form={form} k="schedule.lossTable" label="Loss table: one “σ, x₀-MSE” line per noise level (a CSV pasted from a training log)" rows={4} />
      )}
      {kind === 'custom' && <AreaField form={form} k="schedule.sigmas" label="σ₀ > … > σ_N = 0 (used exactly as given)" rows={3} />}
      {(kind === 'log-snr' || kind === 'custom') && <CheckField form={form} k="schedule.variancePreserving" label="Variance preserving (prior N(0, I) in VP space)" />}
      <SelectField form={form} k="projection.on" label="Project" options={PROJECT_ON} />
      <CheckField form={form} k="projection.projectFinal" label="Project the final state" />
      <CheckField form={form} k="includeUnprojected" label="Also run the unprojected baseline (same noise)" />
    </Section>
  );
}
