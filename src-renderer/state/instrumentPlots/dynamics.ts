import type { FigureSpec, PanelSpec } from '../figureSpec';
import type { LoadedInstrument } from '../instruments';
import { column, decadeTicks, pointsOf, runOf } from './columns';

/** Rates below this fraction of the largest are left out of the log axis (they fall to 1e-60 at small t and would flatten the rest). */
const RATE_FLOOR = 1e-6;

/** Columns of the dynamics 'curves' artifact (src-main/info/storage.ts FORWARD_COLUMNS; docs/dynamics.md). */
export const CURVE = { lambda: 0, mmse: 2, mmseSe: 3, bandwidth: 4, bandwidthSe: 5, entropyDirect: 6, entropyImmse: 7, classEntropy: 11, classEntropyImmse: 12, classBandwidth: 13 } as const;

/** Titles of the dynamics panels (what a comparison matches panels of several runs by). */
export const DYNAMICS_TITLES = {
  mmse: 'MMSE with ± 1 s.e.', entropy: 'Conditional entropy two ways', classEntropy: 'Class entropy two ways', bandwidth: 'Generative bandwidth R = ½ e^λ mmse',
  rates: 'Bandwidth per unit schedule time', bifurcation: 'Bifurcation: top eigenvalue of Cov[x₀|x*]/ν',
} as const;

const finiteCount = (ys: readonly number[]) => ys.filter(Number.isFinite).length;
/** Whether a standard-error column has any positive value (a quadrature estimator has none: no band). */
const anyError = (ses: readonly number[]) => ses.some((v) => v > 0);

/** A curve against λ from the curves artifact. */
function overLambda(curves: LoadedInstrument['runs'][number]['artifacts'][string], c: number, name: string, colorIndex: number) {
  return { name, colorIndex, points: pointsOf(curves, CURVE.lambda, c) };
}

/**
 * The information-dynamics figure of a stored run (spec info-dynamics-likelihood.md §3): the MMSE
 * curve with a ± one standard error band (Monte Carlo estimators); the conditional entropy H[x₀|ỹ] two ways (direct and by
 * I-MMSE; the class entropy H[Z|ỹ] for continuous data); the generative bandwidth R(λ) with its
 * refined peaks marked; R per unit time of each schedule with its peaks (each on its own t grid);
 * and, when computed, the bifurcation: λ_max(M) of the tracked mode against λ, its crossing of 1,
 * the spectral estimate λ_S of the first speciation beside it and the folds found (at λ_max = 1).
 *
 * @example
 * dynamicsFigure(loaded)?.panels.length // → 5 with a bifurcation run, else 4
 */
export function dynamicsFigure(loaded: LoadedInstrument): FigureSpec | null {
  const forward = runOf(loaded, 'forward');
  const curves = forward?.artifacts['curves'];
  if (forward === undefined || curves === undefined) return null;
  const lambda = { xLabel: 'log-SNR λ', xFromZero: false } as const;
  const lambdas = column(curves, CURVE.lambda), mmseSe = column(curves, CURVE.mmseSe);
  const panels: PanelSpec[] = [{
    kind: 'trace', ...lambda, yLabel: 'mmse(λ)', title: DYNAMICS_TITLES.mmse, series: [overLambda(curves, CURVE.mmse, 'mmse', 4)],
    bands: anyError(mmseSe) ? [{ name: 'mmse ± s.e.', colorIndex: 4, points: column(curves, CURVE.mmse).map((m, i) => ({ x: lambdas[i]!, lo: m - mmseSe[i]!, hi: m + mmseSe[i]! })) }] : [],
  }];
  const direct = finiteCount(column(curves, CURVE.entropyDirect)) > 0;
  panels.push(direct
    ? { kind: 'trace', ...lambda, yLabel: 'H[x₀|ỹ] (nats)', title: DYNAMICS_TITLES.entropy, series: [overLambda(curves, CURVE.entropyDirect, 'direct E h', 0), overLambda(curves, CURVE.entropyImmse, 'I-MMSE', 5)] }
    : { kind: 'trace', ...lambda, yLabel: 'H[Z|ỹ] (nats)', title: DYNAMICS_TITLES.classEntropy, series: [overLambda(curves, CURVE.classEntropy, 'direct', 0), overLambda(curves, CURVE.classEntropyImmse, 'I-MMSE', 5)] });
  const peaks = forward.artifacts['peaks'];
  // Rows of 'peaks' with curve index 0 are the peaks of R (the first peak curve, never filtered out).
  const bandwidthPeaks = peaks === undefined ? [] : column(peaks, 0).flatMap((curve, i) => (curve === 0 ? [{ x: column(peaks, 2)[i]!, y: column(peaks, 3)[i]!, label: `λ = ${column(peaks, 2)[i]!.toFixed(3)}`, colorIndex: 5 }] : []));
  const classR = column(curves, CURVE.classBandwidth);
  panels.push({
    kind: 'trace', ...lambda, yLabel: 'R(λ) (nats per unit λ)', title: DYNAMICS_TITLES.bandwidth, markers: bandwidthPeaks,
    series: [overLambda(curves, CURVE.bandwidth, 'R', 5), ...(classR.some((v) => v > 0) ? [overLambda(curves, CURVE.classBandwidth, 'R_Z (class)', 3)] : [])],
  });
  // 'rate-peaks' rows index the config's schedules; artifacts come back in name order.
  const scheduleNames = ((loaded.config as { schedules?: string[] } | null)?.schedules ?? []).filter((name) => forward.artifacts[`rate-${name}`] !== undefined);
  const rateNames = scheduleNames.map((name) => `rate-${name}`);
  const ratePeaks = forward.artifacts['rate-peaks'];
  const top = Math.max(...rateNames.flatMap((name) => column(forward.artifacts[name]!, 2).filter(Number.isFinite)));
  const rates = rateNames.map((name, i) => ({ name: name.slice(5), colorIndex: i + 1, points: pointsOf(forward.artifacts[name]!, 0, 2, (t, r) => t > 0 && r > RATE_FLOOR * top) }));
  panels.push({
    kind: 'trace', xLabel: 'schedule time t', xFromZero: false, xScale: 'log', xTicks: decadeTicks(rates.flatMap((s) => s.points.map((p) => p.x))), yLabel: 'R·|dλ/dt| (nats per unit t)', yScale: 'log',
    title: DYNAMICS_TITLES.rates, connectNulls: true, series: rates,
    markers: ratePeaks === undefined ? [] : column(ratePeaks, 0).map((s, i) => ({ x: column(ratePeaks, 1)[i]!, y: column(ratePeaks, 3)[i]!, label: `peak ${rateNames[s]?.slice(5) ?? s} t = ${column(ratePeaks, 1)[i]}`, colorIndex: s + 1, quiet: true })).filter((m) => m.x > 0 && m.y > 0),
  });
  const bifurcation = runOf(loaded, 'bifurcation')?.artifacts;
  const track = bifurcation?.['track'];
  if (track !== undefined) {
    // spectral: one row (ν_S, λ_S, t_S, crossing ν, crossing λ); folds: (start, label, ν_f, λ_f, last alive ν, found).
    const spectral = bifurcation!['spectral'];
    const crossing = spectral?.data[4];
    const spectralLambda = spectral?.data[1];
    const folds = bifurcation!['folds'];
    const xReferences = [
      ...(crossing !== undefined && Number.isFinite(crossing) ? [{ x: crossing, label: `crossing λ = ${crossing.toFixed(3)}` }] : []),
      ...(spectralLambda !== undefined && Number.isFinite(spectralLambda) ? [{ x: spectralLambda, label: `spectral λ_S = ${spectralLambda.toFixed(3)}` }] : []),
    ];
    const foldMarkers = folds === undefined ? [] : column(folds, 3).flatMap((foldLambda, i) => (column(folds, 5)[i] === 1 && Number.isFinite(foldLambda) ? [{ x: foldLambda, y: 1, label: `fold λ = ${foldLambda.toFixed(3)}`, colorIndex: 5 }] : []));
    panels.push({
      kind: 'trace', ...lambda, yLabel: 'λ_max(M)', title: DYNAMICS_TITLES.bifurcation, series: [{ name: 'λ_max(M) along the tracked mode', colorIndex: 6, points: pointsOf(track, 1, 2) }],
      references: [{ y: 1, label: 'λ_max = 1', colorIndex: 0 }], ...(xReferences.length > 0 ? { xReferences } : {}), ...(foldMarkers.length > 0 ? { markers: foldMarkers } : {}),
    });
  }
  return { name: `${loaded.name} information dynamics`, runIds: loaded.runs.map((r) => r.runId), panels };
}
