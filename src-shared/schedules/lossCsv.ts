import { InvalidArgumentError } from '../errors';
import { x0MseFromLoss, type LossParameterisation, type LossSamples } from './lossCurve';

/** How the first column of a loss CSV names the noise level. */
export const NOISE_LEVEL_KINDS = ['sigma', 'snr', 'log-snr', 'ou-time'] as const;
export type NoiseLevelKind = (typeof NOISE_LEVEL_KINDS)[number];

/** Header names recognised for the level column, and the kind each implies. */
const LEVEL_HEADERS: Readonly<Record<string, NoiseLevelKind>> = {
  sigma: 'sigma', snr: 'snr', gamma: 'snr', log_snr: 'log-snr', 'log-snr': 'log-snr', logsnr: 'log-snr', lambda: 'log-snr', t: 'ou-time',
};

/**
 * Converts a noise level to SNR γ: sigma → 1/σ², snr → γ, log-snr → e^λ, ou-time → 1/expm1(2t).
 *
 * @example
 * snrFromLevel('sigma', 0.5) // → 4
 * snrFromLevel('log-snr', 0) // → 1
 */
export function snrFromLevel(kind: NoiseLevelKind, level: number): number {
  switch (kind) {
    case 'sigma':
      return 1 / (level * level);
    case 'snr':
      return level;
    case 'log-snr':
      return Math.exp(level);
    case 'ou-time':
      return 1 / Math.expm1(2 * level);
  }
}

/** How to read a loss CSV. */
export interface LossCsvOptions {
  /** The level column's meaning; default from the header name, else 'sigma'. */
  readonly level?: NoiseLevelKind;
  /** The loss column's objective; default 'x0' (x₀-MSE). */
  readonly loss?: LossParameterisation;
  /** σ_data of an 'edm' loss; default 0.5. */
  readonly sigmaData?: number;
}

/** What a loss CSV held, as SNRs and x₀-MSEs, with the level kind that was used. */
export interface ParsedLossCsv extends LossSamples {
  readonly gammas: Float64Array;
  readonly losses: Float64Array;
  readonly level: NoiseLevelKind;
}

/**
 * Parses a training-log CSV of (noise level, loss) rows into SNRs and x₀-MSE losses.
 *
 * Columns: the first two (level, loss); separators comma, semicolon, tab or spaces; blank lines and
 * lines starting with # are skipped. A first line that is not numeric is a header; a level header
 * named sigma, snr/gamma, log_snr/lambda or t sets the level kind unless `options.level` is given.
 * Each loss is converted by x0MseFromLoss. Errors name the line: "line 7: expected a finite noise
 * level > 0, got "abc"".
 *
 * @example
 * parseLossCsv('sigma,loss\n0.5,0.1\n2,0.8\n').gammas // → [4, 0.25]
 */
export function parseLossCsv(text: string, options: LossCsvOptions = {}): ParsedLossCsv {
  const lines = text.split(/\r?\n/);
  let level: NoiseLevelKind | undefined = options.level;
  const gammas: number[] = [];
  const losses: number[] = [];
  let seenData = false;
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const cells = trimmed.split(/\s*[,;\t]\s*|\s+/);
    const at = `line ${index + 1}`;
    if (!seenData && cells.some((c) => c !== '' && !Number.isFinite(Number(c)))) {
      seenData = true;
      level ??= LEVEL_HEADERS[cells[0]!.toLowerCase()];
      return;
    }
    seenData = true;
    if (cells.length < 2) throw new InvalidArgumentError(at, `expected two columns (noise level, loss), got "${trimmed}"`);
    const rawLevel = Number(cells[0]);
    const loss = Number(cells[1]);
    const kind = level ?? 'sigma';
    const gamma = snrFromLevel(kind, rawLevel);
    if (!(gamma > 0 && Number.isFinite(gamma)) || cells[0] === '') throw new InvalidArgumentError(at, `expected a ${kind} level giving a finite SNR > 0, got "${cells[0]}"`);
    if (!(loss >= 0 && Number.isFinite(loss))) throw new InvalidArgumentError(at, `expected a finite loss ≥ 0, got "${cells[1]}"`);
    gammas.push(gamma);
    losses.push(x0MseFromLoss(options.loss ?? 'x0', gamma, loss, options.sigmaData));
  });
  if (gammas.length < 2) throw new InvalidArgumentError('loss CSV', `expected at least 2 rows of (noise level, loss), got ${gammas.length}`);
  return { gammas: Float64Array.from(gammas), losses: Float64Array.from(losses), level: level ?? 'sigma' };
}
