import { ddpmStep, priorSample, sampleTrajectory } from '../diffusion/samplers';
import { SampleNoise } from '../diffusion/noise';
import type { Cancellation } from '../diffusion/types';
import { CancelledError } from '../errors';
import { parseConfig } from '../experiment/config';
import type { ImageDataset } from '../experiment/inputs';
import { resolvePlan } from '../experiment/plan';
import { PRESETS } from '../experiment/presets';
import { runSeed } from '../experiment/runSeed';
import { CounterRng } from '../math/rng';
import { summarize } from '../math/stats';
import type { ScheduleCompareConfig } from './compareConfig';
import { gaussianSamplerMarginalKlNats } from './gaussianClosedForm';
import { samplerMarginalKlNats } from './propagate1d';
import { medianBandwidth, mmdSquared, slicedWasserstein, withinKernelMean } from './sampleMetrics';
import { scheduleFromSnrGrid, type SnrGrid } from './snrGrid';
import type { ResolvedTarget } from './targets';

/** One measured quality value of a schedule at K: mean over seeds with its 95% t-interval. */
export interface QualityRow {
  readonly schedule: string;
  readonly K: number;
  /** Denoiser evaluations: K for 1-D (output at δ), K + 1 for n-D (a final denoise step to σ = 0). */
  readonly nfe: number;
  /** marginal-kl-nats (1-D, exact), mmd2, sliced-w2 (n-D, against data), block-mass-e-inf (projected sampler). */
  readonly metric: string;
  /** 'unprojected' or the projected variant's id ('delta=0.05'); '' when not applicable. */
  readonly variant: string;
  readonly n: number;
  readonly mean: number;
  readonly std: number;
  readonly ciLow: number;
  readonly ciHigh: number;
}

interface MeasureHooks {
  readonly digits?: ImageDataset;
  readonly cancellation?: Cancellation;
  readonly onProgress?: (progress: { phase: 'measure'; done: number; total: number }) => void;
}

type Measure = NonNullable<ScheduleCompareConfig['measure']>;

function rowOf(schedule: string, K: number, nfe: number, metric: string, variant: string, values: ArrayLike<number>): QualityRow {
  const s = summarize(values);
  const single = values.length === 1;
  return { schedule, K, nfe, metric, variant, n: s.n, mean: s.mean, std: s.std, ciLow: single ? s.mean : s.ciLow, ciHigh: single ? s.mean : s.ciHigh };
}

/** `batch` final samples of the (U) sampler (ddpm in VE form, final denoise step) for one seed, row-major. */
function sampleBatch(target: Extract<ResolvedTarget, { kind: 'points' }>, gammas: SnrGrid, seed: number, batch: number): Float64Array {
  const schedule = scheduleFromSnrGrid(gammas);
  const d = target.dimension;
  const out = new Float64Array(batch * d);
  for (let j = 0; j < batch; j++) {
    const noise = new SampleNoise(seed, j);
    const xT = priorSample(schedule, noise, d);
    out.set(sampleTrajectory(ddpmStep, xT, { sigmas: schedule.sigmas, denoiser: target.source.denoiser, noise }), j * d);
  }
  return out;
}

/** Final e∞ per variant of the preset's projected and unprojected samplers on this grid, one value per seed. */
function blockMassErrors(target: Extract<ResolvedTarget, { kind: 'points' }>, gammas: SnrGrid, measure: Measure, config: ScheduleCompareConfig, digits?: ImageDataset): Map<string, number[]> {
  const preset = PRESETS[target.preset];
  const sigmas = Array.from(scheduleFromSnrGrid(gammas).sigmas);
  const data = target.preset === 'digits' ? { kind: 'digits' as const, trainCount: config.digitsCount, heldOutIndex: 9999 } : preset.data;
  const experiment = parseConfig({
    ...preset, data, sampler: { name: 'ddpm' }, schedule: { kind: 'custom', sigmas, variancePreserving: true },
    seeds: { start: measure.seeds.start, count: measure.seeds.count }, batch: 1, recordEvery: 100_000, frames: { count: 0, seeds: 0 },
  });
  const plan = resolvePlan(experiment, digits ? { digits } : {});
  const errors = new Map<string, number[]>(plan.variants.map((v) => [v.id, []]));
  for (const seed of plan.seeds) {
    const result = runSeed(plan, seed);
    plan.variants.forEach((v, i) => errors.get(v.id)!.push(result.finals[i]!.eInf));
  }
  return errors;
}

/** Reference data, bandwidth and within-reference kernel mean shared by every schedule and K. */
function referenceOf(target: Extract<ResolvedTarget, { kind: 'points' }>, measure: Measure, seed: number) {
  const d = target.dimension;
  const reference = new Float64Array(measure.referenceSize * d);
  const rng = new CounterRng(seed, 5);
  const row = new Float64Array(d);
  for (let j = 0; j < measure.referenceSize; j++) {
    target.source.draw(rng, row);
    reference.set(row, j * d);
  }
  const half = Math.floor(measure.referenceSize / 2) * d;
  const bandwidth = medianBandwidth(reference.subarray(0, half), reference.subarray(half), d);
  return { reference, bandwidth, within: withinKernelMean(reference, d, bandwidth) };
}

/**
 * Measures sample quality against K for every schedule run, on targets where a true answer exists
 * (issue 8): 1-D, the exact KL(p_δ ‖ q_out) of the (U) sampler by density propagation (closed form for
 * Gaussian data); n-D, the
 * unbiased MMD² (Gaussian kernel, median-heuristic bandwidth of the data) and SW₂ of `batch` samples
 * per seed against `referenceSize` data draws, mean ± 95% CI over seeds (common random numbers: seed s
 * uses the same noise for every schedule); with blockMass, the final e∞ of the preset's projected and
 * unprojected samplers (the experiment runner, same seeds). Every schedule gets the same NFE at a K.
 *
 * @example
 * measureQuality(target, runs, config, {}) // → [{ schedule: 'las', K: 5, nfe: 5, metric: 'marginal-kl-nats', mean: 0.0183, … }, …]
 */
export function measureQuality(target: ResolvedTarget, runs: readonly { schedule: string; K: number; gammas: SnrGrid }[], config: ScheduleCompareConfig, hooks: MeasureHooks = {}): QualityRow[] {
  const measure = config.measure;
  if (!measure) return [];
  const rows: QualityRow[] = [];
  const reference = target.kind === 'points' ? referenceOf(target, measure, config.mc.seed + 1) : null;
  runs.forEach((run, u) => {
    if (hooks.cancellation?.aborted) throw new CancelledError();
    if (target.kind === 'line') {
      // Gaussian data: the chain is linear and the output Gaussian, so the closed form is exact.
      const kl = target.line.kind === 'gaussian'
        ? gaussianSamplerMarginalKlNats(run.gammas, target.line.variance)
        : samplerMarginalKlNats(target.line, run.gammas, { pointsPerScale: measure.pointsPerScale, ...(hooks.cancellation ? { cancellation: hooks.cancellation } : {}) });
      rows.push(rowOf(run.schedule, run.K, run.K, 'marginal-kl-nats', '', [kl]));
    } else {
      const d = target.dimension;
      const mmd: number[] = [];
      const sw: number[] = [];
      for (let s = 0; s < measure.seeds.count; s++) {
        if (hooks.cancellation?.aborted) throw new CancelledError();
        const samples = sampleBatch(target, run.gammas, measure.seeds.start + s, measure.batch);
        mmd.push(mmdSquared(samples, reference!.reference, { dimension: d, bandwidth: reference!.bandwidth, referenceWithin: reference!.within }));
        sw.push(slicedWasserstein(samples, reference!.reference, d, { projections: measure.projections, seed: measure.seeds.start + s }));
      }
      rows.push(rowOf(run.schedule, run.K, run.K + 1, 'mmd2', '', mmd), rowOf(run.schedule, run.K, run.K + 1, 'sliced-w2', '', sw));
      if (measure.blockMass) {
        for (const [variant, values] of blockMassErrors(target, run.gammas, measure, config, hooks.digits)) rows.push(rowOf(run.schedule, run.K, run.K + 1, 'block-mass-e-inf', variant, values));
      }
    }
    hooks.onProgress?.({ phase: 'measure', done: u + 1, total: runs.length });
  });
  return rows;
}
