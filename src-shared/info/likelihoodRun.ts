import { InvalidArgumentError } from '../errors';
import type { Cancellation } from '../diffusion/types';
import { CounterRng } from '../math/rng';
import type { LikelihoodConfig } from './config';
import { weightedMoments } from './curves';
import { dataCovariance, empiricalSet, type EmpiricalSet, type ExactSet } from './dataset';
import { queriesFor, createForwardEvaluator } from './dynamicsRun';
import { bitsPerDim } from './entropy';
import { gaussianEntropyNats } from './gaussian';
import { discreteNll, gaussianReferenceEntropyNats, priorFormEntropyNats } from './likelihood';
import { kdeModel, kdeSubsetModel, wienerModel, type ModelDenoiser } from './modelDenoisers';
import { fillNoise, type NoiseLawName } from './noiseLaws';
import { gaussianTensorRule, monteCarloRule, uniformGrid, type GaussianRule } from './quadrature';
import { slopeCheck, type SlopeCheck } from './slopes';
import { symmetricEigen } from './symmetricEigen';
import { theorem2Bound, type PointBound } from './theorem2';
import { heldOutCurve, warmStartNll, type HeldOutPoint } from './warmStart';

/** Everything a likelihood run computes; sections that are disabled are null. */
export interface LikelihoodResult {
  readonly dimension: number;
  readonly discrete: { readonly lambdas: Float64Array; readonly points: { index: number; nats: number; natsSe: number; bitsPerDim: number; mmse: Float64Array }[]; readonly exactNats: readonly number[] } | null;
  readonly warmStart: { law: NoiseLawName; sigma0: number; meanNats: number; meanNatsSe: number; bitsPerDim: number }[] | null;
  readonly entropy: {
    readonly sigma0: number;
    readonly lambdas: Float64Array;
    readonly mmse: Float64Array;
    /** H(p̃) by the Gaussian-reference I-MMSE form. */
    readonly entropyNats: number;
    /** The maximum-entropy Gaussian with the same covariance, ½ Σ ln(2πe(v_k + σ0²)). */
    readonly gaussianNats: number;
    readonly priorForms: { sigma1: number; nats: number }[];
  } | null;
  readonly bound: { model: string; points: (PointBound & { x: number[] })[]; meanBoundNats: number; meanExactNats: number; meanGapNats: number }[] | null;
  readonly heldOut: HeldOutPoint[] | null;
  readonly slopes: SlopeCheck[] | null;
}

/** Progress of a likelihood run: the section and its completed units. */
export type LikelihoodProgress = (section: string, done: number, total: number) => void;

/**
 * Runs every enabled section of a likelihood config on an empirical dataset (spec §2.6): exact discrete
 * NLL by I-MMSE (D1), exact NLL of warm-started data per law, H(p̃) by the Gaussian-reference form and
 * the prior forms (W1), Theorem 2 per model with its gap (W2–W4), the held-out NLL against σ0 (the
 * U-curves) and the Theorem 1 / Proposition 2 slopes (K1). Nats (bits per dimension beside).
 *
 * @example
 * computeLikelihood(likelihoodPreset('three-points'), set).discrete?.points[0]?.nats // → ln 3
 */
export function computeLikelihood(config: LikelihoodConfig, data: ExactSet, hooks: { cancellation?: Cancellation; onProgress?: LikelihoodProgress } = {}): LikelihoodResult {
  if (data.kind !== 'empirical') throw new InvalidArgumentError('data', 'the likelihood instrument needs empirical data (points, digits, block images, segment, hypercube)');
  const set = data;
  const d = set.dimension;
  const cancellation = hooks.cancellation;
  const progress = (section: string) => (done: number, total: number) => hooks.onProgress?.(section, done, total);
  const base = cancellation ? { cancellation } : {};

  let discrete: LikelihoodResult['discrete'] = null;
  if (config.discrete.enabled) {
    const c = config.discrete;
    const indices = c.points ?? Array.from({ length: Math.min(set.count, 16) }, (_, i) => i);
    indices.forEach((i, n) => { if (i >= set.count) throw new InvalidArgumentError(`discrete.points[${n}]`, `expected an index < ${set.count}, got ${i}`); });
    const lambdas = uniformGrid(c.lambdas.min, c.lambdas.max, c.lambdas.count);
    const rule = ruleFor(c.rule, d);
    const points = indices.map((index, n) => {
      const r = discreteNll(set, index, { lambdas, rule, ...base });
      progress('discrete')(n + 1, indices.length);
      return { index, nats: r.nats, natsSe: r.natsSe, bitsPerDim: r.bitsPerDim, mmse: r.mmse };
    });
    discrete = { lambdas, points, exactNats: indices.map((i) => -set.logPrior[i]!) };
  }

  let warmStart: LikelihoodResult['warmStart'] = null;
  if (config.warmStart.enabled) {
    const c = config.warmStart;
    warmStart = (c.laws as NoiseLawName[]).map((law, l) => {
      const values = warmSamples(set, law, c.sigma0, c.samples, c.seed).map((x) => warmStartNll(set, x, law, c.sigma0));
      const m = weightedMoments(values, new Float64Array(values.length).fill(1 / values.length), true);
      progress('warm start')(l + 1, c.laws.length);
      return { law, sigma0: c.sigma0, meanNats: m.mean, meanNatsSe: m.meanSe, bitsPerDim: bitsPerDim(m.mean, d) };
    });
  }

  let entropy: LikelihoodResult['entropy'] = null;
  if (config.entropy.enabled) {
    const c = config.entropy;
    const eigenvalues = symmetricEigen(dataCovariance(set), d, false).values;
    const evaluator = createForwardEvaluator(set, queriesFor(set, c.estimator), 0);
    const lambda0 = -2 * Math.log(c.sigma0);
    const mmseAt = (lambdas: Float64Array, section: string) => lambdas.map((lambda, i) => {
      const v = evaluator.evaluate(lambda).traceCov;
      progress(section)(i + 1, lambdas.length);
      return weightedMoments(v, evaluator.queries.weights, false).mean;
    });
    const lambdas = uniformGrid(c.lambdaMin, lambda0, c.count);
    const mmse = mmseAt(lambdas, 'entropy');
    const secondMoment = secondMomentOf(set);
    const priorForms = c.sigma1s.map((sigma1) => {
      const grid = uniformGrid(-2 * Math.log(sigma1), lambda0, c.count);
      return { sigma1, nats: priorFormEntropyNats(grid, mmseAt(grid, `entropy σ1 = ${sigma1}`), d, secondMoment, sigma1) };
    });
    entropy = {
      sigma0: c.sigma0, lambdas, mmse,
      entropyNats: gaussianReferenceEntropyNats(lambdas, mmse, eigenvalues, c.sigma0),
      gaussianNats: gaussianEntropyNats(Array.from(eigenvalues, (v) => Math.max(0, v) + c.sigma0 ** 2)),
      priorForms,
    };
  }

  let bound: LikelihoodResult['bound'] = null;
  if (config.bound.enabled) {
    const c = config.bound;
    const points = warmSamples(set, 'gaussian', c.sigma0, c.points, c.seed);
    const flat = Float64Array.from(points.flatMap((p) => Array.from(p)));
    const lambdas = uniformGrid(-Math.log(c.tauT), c.lambdaMax, c.count);
    const rule = ruleFor(c.rule, d);
    bound = c.models.map((spec) => {
      const model = modelFor(set, spec, c.sigma0);
      const bounds = theorem2Bound(model, flat, { lambdas, rule, form: c.form, prior: c.prior, ...base, onProgress: progress(`bound ${model.name}`) });
      const mean = (f: (b: PointBound) => number) => bounds.reduce((s, b) => s + f(b), 0) / bounds.length;
      return { model: model.name, points: bounds.map((b, i) => ({ ...b, x: Array.from(points[i]!) })), meanBoundNats: mean((b) => b.boundNats), meanExactNats: mean((b) => b.exactNats), meanGapNats: mean((b) => b.gapNats) };
    });
  }

  let heldOut: LikelihoodResult['heldOut'] = null;
  if (config.heldOut.enabled) {
    const c = config.heldOut;
    if (c.trainCount + c.testCount > set.count) throw new InvalidArgumentError('heldOut', `expected trainCount + testCount ≤ ${set.count} points, got ${c.trainCount} + ${c.testCount}`);
    const train = empiricalSet(set.points.slice(0, c.trainCount * d), c.trainCount, d);
    const test = set.points.slice(c.trainCount * d, (c.trainCount + c.testCount) * d);
    const sigma0s = Array.from(uniformGrid(Math.log(c.sigma0.min), Math.log(c.sigma0.max), c.sigma0.count), Math.exp);
    heldOut = heldOutCurve(train, test, { laws: c.laws as NoiseLawName[], sigma0s, seed: c.seed, ...(c.binWidth !== undefined ? { binWidth: c.binWidth } : {}), ...base, onProgress: progress('held-out') });
  }

  let slopes: LikelihoodResult['slopes'] = null;
  if (config.slopes.enabled) {
    const c = config.slopes;
    slopes = (c.laws as NoiseLawName[]).map((law, l) => {
      const r = slopeCheck({ p: c.p, q: c.q, law });
      progress('slopes')(l + 1, c.laws.length);
      return r;
    });
  }
  return { dimension: d, discrete, warmStart, entropy, bound, heldOut, slopes };
}

function ruleFor(spec: LikelihoodConfig['discrete']['rule'], d: number): GaussianRule {
  return spec.kind === 'gauss-hermite' ? gaussianTensorRule(d, spec.nodes) : monteCarloRule(d, spec.draws, spec.seed);
}

function modelFor(set: EmpiricalSet, spec: LikelihoodConfig['bound']['models'][number], sigma0: number): ModelDenoiser {
  switch (spec.kind) {
    case 'exact': return kdeModel(set, sigma0, `exact(σ0=${sigma0})`);
    case 'kde': return kdeModel(set, spec.h);
    case 'kde-subset': return kdeSubsetModel(set, spec.h, Math.min(spec.count, set.count));
    case 'wiener': return wienerModel(set, sigma0);
  }
}

/** x̃ = x_i + σ0 u, i ~ π (CounterRng(seed, 40)), u from (seed, sample, 0, stream 41): samples of p̃. */
function warmSamples(set: EmpiricalSet, law: NoiseLawName, sigma0: number, count: number, seed: number): Float64Array[] {
  const d = set.dimension;
  const rng = new CounterRng(seed, 40);
  const cumulative = Array.from(set.logPrior, Math.exp);
  for (let j = 1; j < cumulative.length; j++) cumulative[j] = cumulative[j]! + cumulative[j - 1]!;
  return Array.from({ length: count }, (_, s) => {
    const u = rng.nextUniform() * cumulative[cumulative.length - 1]!;
    const i = Math.max(0, cumulative.findIndex((c) => c > u));
    const x = fillNoise(law, sigma0, new Float64Array(d), { seed, sample: s, step: 0, stream: 41 });
    for (let k = 0; k < d; k++) x[k] = x[k]! + set.points[i * d + k]!;
    return x;
  });
}

/** E‖x‖² = Σ_j π_j ‖x_j‖². */
function secondMomentOf(set: EmpiricalSet): number {
  const d = set.dimension;
  let s = 0;
  for (let j = 0; j < set.count; j++) {
    let r = 0;
    for (let k = 0; k < d; k++) r += set.points[j * d + k]! ** 2;
    s += Math.exp(set.logPrior[j]!) * r;
  }
  return s;
}
