import { parseLikelihoodConfig, type LikelihoodConfig } from '../../../src-shared/info/config';
import type { LikelihoodResult } from '../../../src-shared/info/likelihoodRun';
import { LIKELIHOOD_PRESET_NAMES, LIKELIHOOD_PRESETS } from '../../../src-shared/info/presets';
import { cellNumber, readConfigInput } from '../../info/cliSupport';
import { runLikelihood } from '../../info/likelihood';
import { writeLikelihoodOutputs } from '../../info/outputs';
import { intFlag, parseCliArgs, UsageError, usageFailure } from '../args';
import { runInstrumentCommand } from '../instrumentCommand';
import { renderTable } from '../table';
import type { CliCommand } from '../types';

const USAGE = 'infodiff likelihood --preset NAME | --config FILE [--threads N] [--out DIR] [--no-store] [--data-dir DIR]';

const HELP = `${USAGE}

Likelihoods through information theory (spec info-dynamics-likelihood.md §2, P1 arXiv 2510.20903): the
exact NLL of discrete data by the I-MMSE integral, the exact NLL of warm-started data for the four
warm-up laws (Gaussian, Laplace, logistic, uniform), the entropy of Gaussian-warm-started data by the
Gaussian-reference I-MMSE form, Theorem 2's pointwise NLL bound for model denoisers (KDE, Wiener, KDE
on a subset) with its gap to the exact value, the held-out NLL against σ0 (U-curves) and the slope
identities of Theorem 1 and Proposition 2 in 1-D. Stored in the run history (unless --no-store) and
written into --out DIR as config.json, one CSV per section and SVG figures; nats and bits per dimension.

  --preset NAME     ${LIKELIHOOD_PRESET_NAMES.join(', ')}
  --config FILE     a likelihood config (JSON); see docs/likelihood.md
  --threads N       worker threads sharing the independent work (points, laws, models; default 1);
                    the results equal one thread's exactly
  --out DIR         output folder (default: infodiff-runs/NAME-TIMESTAMP)
  --no-store        do not keep the runs in the history
  --data-dir DIR    the history's folder (default: the app's; or INFODIFF_DATA_DIR)
`;

function summary(r: LikelihoodResult): string {
  const parts: string[] = [];
  if (r.discrete) parts.push(renderTable(['point', 'NLL nats (I-MMSE)', '± SE', 'bits/dim', '−ln π (exact)'], r.discrete.points.map((p, i) => [String(p.index), cellNumber(p.nats, 6), cellNumber(p.natsSe, 6), cellNumber(p.bitsPerDim, 4), cellNumber(r.discrete!.exactNats[i]!, 6)])));
  if (r.warmStart) parts.push(renderTable(['warm-up law', 'σ0', 'NLL of warm-started data (nats)', '± SE', 'bits/dim'], r.warmStart.map((w) => [w.law, cellNumber(w.sigma0, 3), cellNumber(w.meanNats, 5), cellNumber(w.meanNatsSe, 5), cellNumber(w.bitsPerDim, 4)])));
  if (r.entropy) parts.push(`entropy of the Gaussian warm start (σ0 = ${r.entropy.sigma0}): ${cellNumber(r.entropy.entropyNats, 6)} nats by the Gaussian-reference I-MMSE form (Gaussian bound ${cellNumber(r.entropy.gaussianNats, 6)}); prior forms ${r.entropy.priorForms.map((p) => `σ1 = ${p.sigma1}: ${cellNumber(p.nats, 6)}`).join(', ')}\n`);
  if (r.bound) parts.push(renderTable(['model (Theorem 2)', 'mean bound', 'mean −ln q₀', 'mean gap', 'max |gap|'], r.bound.map((b) => [b.model, cellNumber(b.meanBoundNats, 5), cellNumber(b.meanExactNats, 5), cellNumber(b.meanGapNats, 6), cellNumber(Math.max(...b.points.map((p) => Math.abs(p.gapNats))), 6)])));
  if (r.heldOut) {
    const laws = [...new Set(r.heldOut.map((h) => h.law))];
    parts.push(renderTable(['law', 'best σ0', 'held-out NLL (bits/dim)', 'at smallest σ0', 'at largest σ0'], laws.map((law) => {
      const rows = r.heldOut!.filter((h) => h.law === law);
      const best = rows.reduce((a, b) => (b.meanNats < a.meanNats ? b : a));
      return [law, cellNumber(best.sigma0, 3), cellNumber(best.bitsPerDim, 4), cellNumber(rows[0]!.bitsPerDim, 4), cellNumber(rows.at(-1)!.bitsPerDim, 4)];
    })));
  }
  if (r.slopes) parts.push(renderTable(['law', 'J/2', 'dh/dt fit', '−F/2', 'dKL/dt fit', 't² coeff of h', 'secant (t = 0.1)'], r.slopes.map((s) => [s.law, cellNumber(s.fisherHalf, 5), cellNumber(s.entropySlope, 5), cellNumber(s.relativeFisherHalf, 5), cellNumber(s.klSlope, 5), cellNumber(s.entropyCurvature, 3), cellNumber(s.secantEntropySlope, 4)])));
  return parts.join('\n');
}

export const likelihoodCommand: CliCommand = async (argv, io) => {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(HELP);
    return 0;
  }
  let values;
  try {
    ({ values } = parseCliArgs(argv, { preset: { type: 'string' }, config: { type: 'string' }, threads: { type: 'string' }, out: { type: 'string' }, 'no-store': { type: 'boolean' }, 'data-dir': { type: 'string' } }));
  } catch (error) {
    return usageFailure(io, USAGE, (error as Error).message);
  }
  let config: LikelihoodConfig;
  let threads: number | undefined;
  try {
    config = parseLikelihoodConfig(readConfigInput(values, LIKELIHOOD_PRESETS));
    threads = intFlag('threads', values.threads, 1, 256);
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, USAGE, error.message);
    io.stderr(`infodiff: ${(error as Error).message}\n`);
    return 2;
  }
  return runInstrumentCommand(io, {
    instrument: 'likelihood', name: config.name, threads, values,
    run: (hooks) => runLikelihood(config, hooks),
    write: writeLikelihoodOutputs,
    summary: (result) => (result.result ? summary(result.result) : ''),
  });
};
