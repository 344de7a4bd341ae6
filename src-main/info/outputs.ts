import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvNumber, toCsv } from '../../src-shared/experiment/csv';
import { APP_VERSION } from '../appInfo';
import type { DynamicsResult } from './dynamics';
import type { LikelihoodRunResult } from './likelihood';
import { FORWARD_COLUMNS, forwardRow, PATH_COLUMNS, pathRow } from './storage';
import { renderLineSvg, type Series } from './svgPlot';

const num = (v: number) => csvNumber(v);

function writer(dir: string) {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  return {
    files,
    write(name: string, content: string) {
      writeFileSync(join(dir, name), content);
      files.push(name);
    },
  };
}

/**
 * Writes a dynamics result into `dir`: config.json (validated config, hash, app version, status),
 * tidy CSVs (forward.csv one row per λ; rates.csv one row per schedule and point; peaks.csv;
 * steps.csv; bifurcation.csv and folds.csv; trajectories.csv one row per step) and an SVG figure per
 * curve family. Returns the file names.
 */
export function writeDynamicsOutputs(dir: string, result: DynamicsResult): string[] {
  const out = writer(dir);
  const meta = { appVersion: APP_VERSION, configHash: result.configHash, backend: result.backend, status: result.status, data: result.data, queries: result.queries, runIds: result.runIds, experimentId: result.experimentId, elapsedMs: Math.round(result.elapsedMs) };
  out.write('config.json', JSON.stringify({ ...result.config, _meta: meta }, null, 2) + '\n');
  const curves = result.curves;
  if (curves) {
    out.write('forward.csv', toCsv(FORWARD_COLUMNS, curves.points.map((_, i) => forwardRow(curves, i).map(num))));
    out.write('rates.csv', toCsv(['schedule', 't', 'lambda', 'rate_nats_per_time'], curves.rates.flatMap((r) => Array.from(r.t, (t, i) => [r.schedule, num(t), num(r.lambdas[i]!), num(r.rate[i]!)]))));
    out.write('peaks.csv', toCsv(['curve', 'lambda_grid', 'lambda', 'nu', 'value', 'fwhm_lambda'], [
      ...result.peaks.flatMap((c) => c.peaks.map((p) => [c.curve, num(p.gridX), num(p.x), num(Math.exp(-p.x)), num(p.value), num(p.widthLambda)])),
      ...result.ratePeaks.flatMap((r) => r.peaks.map((p) => [`rate:${r.schedule}`, num(p.gridT), num(p.lambda), num(Math.exp(-p.lambda)), num(p.rate), ''])),
    ]));
    if (curves.steps.length) out.write('steps.csv', toCsv(['schedule', 'step', 'sigma', 'sigma_next', 'nats'], curves.steps.flatMap((s, k) => s.steps.map((x) => [`${k}:${s.schedule.kind}`, String(x.step), num(x.sigma), num(x.sigmaNext), num(x.nats)]))));
    const lambdas = curves.points.map((p) => p.lambda);
    const markers = (curve: string) => result.peaks.find((c) => c.curve === curve)?.peaks.map((p) => ({ x: p.x, label: `λ=${p.x.toFixed(3)}` })) ?? [];
    out.write('bandwidth.svg', renderLineSvg({ title: 'Generative bandwidth R(λ) = ½ e^λ mmse (± SE)', xLabel: 'log-SNR λ', yLabel: 'nats per unit λ', series: [{ name: 'R', x: lambdas, y: curves.points.map((p) => p.bandwidthNats), band: curves.points.map((p) => p.bandwidthSe) }, ...(curves.classTotalNats > 0 ? [{ name: 'R_Z (classes)', x: lambdas, y: curves.points.map((p) => p.classBandwidthNats), band: curves.points.map((p) => p.classBandwidthSe) }] : [])], markers: markers('bandwidth') }));
    out.write('mmse.svg', renderLineSvg({ title: 'MMSE (± SE)', xLabel: 'log-SNR λ', yLabel: 'mmse', series: [{ name: 'E tr C', x: lambdas, y: curves.points.map((p) => p.mmse.mean), band: curves.points.map((p) => p.mmse.meanSe) }, { name: 'E‖x−D‖²', x: lambdas, y: curves.points.map((p) => p.squaredError.mean), dashed: true }] }));
    const entropySeries: Series[] = [
      { name: 'E[h] (direct)', x: lambdas, y: curves.points.map((p) => p.entropy.mean) },
      { name: 'I-MMSE', x: lambdas, y: curves.entropyImmseNats, dashed: true },
      ...(curves.classTotalNats > 0 ? [{ name: 'H[Z|y] direct', x: lambdas, y: curves.points.map((p) => p.classEntropy.mean) }, { name: 'H[Z|y] I-MMSE', x: lambdas, y: curves.classEntropyImmseNats, dashed: true }] : []),
    ];
    out.write('entropy.svg', renderLineSvg({ title: 'Conditional entropy two ways', xLabel: 'log-SNR λ', yLabel: 'nats', series: entropySeries }));
    out.write('variance.svg', renderLineSvg({ title: 'Variance of posterior entropy and of surprisal', xLabel: 'log-SNR λ', yLabel: 'nats²', series: [{ name: 'Var h', x: lambdas, y: curves.points.map((p) => p.entropy.variance) }, { name: 'Var ι', x: lambdas, y: curves.points.map((p) => p.surprisal.variance) }], markers: [...markers('entropyVariance'), ...markers('surprisalVariance')] }));
    out.write('rates.svg', renderLineSvg({ title: 'Bandwidth per unit schedule time', xLabel: 'schedule time t', yLabel: 'nats per unit t', logX: true, series: curves.rates.map((r) => ({ name: r.schedule, x: r.t, y: r.rate })) }));
  }
  const b = result.bifurcation;
  if (b) {
    out.write('bifurcation.csv', toCsv(['nu', 'lambda', 'top_eigenvalue_M', 'norm_x', 'converged', 'iterations'], b.track.points.map((p) => [num(p.nu), num(p.lambda), num(p.topEigenvalue), num(Math.hypot(...p.x)), p.converged ? '1' : '0', String(p.iterations)])));
    out.write('folds.csv', toCsv(['start_index', 'label', 'nu_fold', 'lambda_fold', 'last_alive_nu', 'found', 'spectral_nu', 'spectral_lambda', 'crossing_nu', 'crossing_lambda'], [
      ...b.folds.map((f) => [String(f.start), String(f.label), num(f.fold.nu), num(f.fold.lambda), num(f.fold.lastAliveNu), f.fold.found ? '1' : '0', '', '', '', '']),
      ['', '', '', '', '', '', num(b.spectral.nu), num(b.spectral.lambda), num(b.track.crossing?.nu ?? NaN), num(b.track.crossing?.lambda ?? NaN)],
    ]));
    out.write('bifurcation.svg', renderLineSvg({
      title: 'Top eigenvalue of M = Cov[x₀|x*]/ν along the tracked mode', xLabel: 'log-SNR λ = −ln ν', yLabel: 'λ_max(M)',
      series: [{ name: 'λ_max(M)', x: b.track.points.map((p) => p.lambda), y: b.track.points.map((p) => p.topEigenvalue) }, { name: '1', x: [b.track.points[0]!.lambda, b.track.points.at(-1)!.lambda], y: [1, 1], dashed: true }],
      markers: [...(b.track.crossing ? [{ x: b.track.crossing.lambda, label: 'crossing' }] : []), { x: b.spectral.lambda, label: 'spectral' }, ...b.folds.filter((f) => f.fold.found).map((f) => ({ x: f.fold.lambda, label: `fold ${f.start}` }))],
    }));
  }
  const t = result.trajectories;
  if (t) {
    out.write('trajectories.csv', toCsv(PATH_COLUMNS, t.forward.map((_, i) => pathRow(t.paths, t.forward, t.mismatch, i).map(num))));
    const ls = Array.from(t.paths.lambdas);
    out.write('trajectories.svg', renderLineSvg({ title: 'Along reverse trajectories vs the forward process', xLabel: 'log-SNR λ', yLabel: 'nats, nats²', series: [
      { name: 'paths E h', x: ls, y: t.paths.entropy.map((m) => m.mean), band: t.paths.entropy.map((m) => m.meanSe) },
      { name: 'forward E h', x: ls, y: t.forward.map((p) => p.entropy.mean), dashed: true },
      { name: 'paths Var ι', x: ls, y: t.paths.surprisal.map((m) => m.variance) },
      { name: 'forward Var ι', x: ls, y: t.forward.map((p) => p.surprisal.variance), dashed: true },
    ] }));
  }
  return out.files;
}

const LAWS = ['gaussian', 'laplace', 'logistic', 'uniform'];

/**
 * Writes a likelihood result into `dir`: config.json, one tidy CSV per section (discrete.csv and
 * discrete-mmse.csv, warm-start.csv, entropy.csv and entropy-mmse.csv, bound.csv one row per model and
 * point, held-out.csv one row per law and σ0, slopes.csv one row per law) and SVG figures (held-out
 * U-curves, discrete MMSE integrands).
 */
export function writeLikelihoodOutputs(dir: string, run: LikelihoodRunResult): string[] {
  const out = writer(dir);
  const meta = { appVersion: APP_VERSION, configHash: run.configHash, backend: run.backend, status: run.status, data: run.data, runIds: run.runIds, experimentId: run.experimentId, elapsedMs: Math.round(run.elapsedMs) };
  out.write('config.json', JSON.stringify({ ...run.config, _meta: meta }, null, 2) + '\n');
  const r = run.result;
  if (!r) return out.files;
  if (r.discrete) {
    const dsc = r.discrete;
    out.write('discrete.csv', toCsv(['index', 'nll_nats', 'nll_se', 'bits_per_dim', 'exact_nats'], dsc.points.map((p, i) => [String(p.index), num(p.nats), num(p.natsSe), num(p.bitsPerDim), num(dsc.exactNats[i]!)])));
    out.write('discrete-mmse.csv', toCsv(['index', 'lambda', 'mmse'], dsc.points.flatMap((p) => Array.from(dsc.lambdas, (l, i) => [String(p.index), num(l), num(p.mmse[i]!)]))));
    out.write('discrete.svg', renderLineSvg({ title: 'Pointwise I-MMSE integrand ½ e^λ mmse(x, λ)', xLabel: 'log-SNR λ', yLabel: 'nats per unit λ', series: dsc.points.slice(0, 8).map((p) => ({ name: `x_${p.index}`, x: dsc.lambdas, y: Array.from(p.mmse, (m, i) => 0.5 * Math.exp(dsc.lambdas[i]!) * m) })) }));
  }
  if (r.warmStart) out.write('warm-start.csv', toCsv(['law', 'sigma0', 'nll_nats', 'nll_se', 'bits_per_dim'], r.warmStart.map((w) => [w.law, num(w.sigma0), num(w.meanNats), num(w.meanNatsSe), num(w.bitsPerDim)])));
  if (r.entropy) {
    const e = r.entropy;
    out.write('entropy.csv', toCsv(['form', 'sigma0', 'sigma1', 'entropy_nats', 'gaussian_max_entropy_nats'], [['gaussian-reference', num(e.sigma0), '', num(e.entropyNats), num(e.gaussianNats)], ...e.priorForms.map((p) => ['prior', num(e.sigma0), num(p.sigma1), num(p.nats), ''])]));
    out.write('entropy-mmse.csv', toCsv(['lambda', 'mmse'], Array.from(e.lambdas, (l, i) => [num(l), num(e.mmse[i]!)])));
  }
  if (r.bound) {
    out.write('bound.csv', toCsv(['model', 'point', ...Array.from({ length: r.dimension }, (_, k) => `x${k}`), 'bound_nats', 'exact_nats', 'gap_nats', 'prior_nats', 'integral_nats'], r.bound.flatMap((b) => b.points.map((p, i) => [b.model, String(i), ...p.x.map(num), num(p.boundNats), num(p.exactNats), num(p.gapNats), num(p.priorNats), num(p.integralNats)]))));
  }
  if (r.heldOut) {
    const held = r.heldOut;
    out.write('held-out.csv', toCsv(['law', 'sigma0', 'nll_nats', 'nll_se', 'bits_per_dim', 'finite_fraction'], held.map((h) => [h.law, num(h.sigma0), num(h.meanNats), num(h.meanNatsSe), num(h.bitsPerDim), num(h.finiteFraction)])));
    out.write('held-out.svg', renderLineSvg({ title: 'Held-out NLL against the warm-up σ0', xLabel: 'σ0', yLabel: 'bits per dimension', logX: true, series: LAWS.filter((law) => held.some((h) => h.law === law)).map((law) => ({ name: law, x: held.filter((h) => h.law === law).map((h) => h.sigma0), y: held.filter((h) => h.law === law).map((h) => (Number.isFinite(h.bitsPerDim) ? h.bitsPerDim : NaN)) })) }));
  }
  if (r.slopes) out.write('slopes.csv', toCsv(['law', 'fisher_half', 'relative_fisher_half', 'entropy_slope', 'entropy_t2', 'kl_slope', 'kl_t2', 'secant_entropy_slope'], r.slopes.map((s) => [s.law, num(s.fisherHalf), num(s.relativeFisherHalf), num(s.entropySlope), num(s.entropyCurvature), num(s.klSlope), num(s.klCurvature), num(s.secantEntropySlope)])));
  return out.files;
}
