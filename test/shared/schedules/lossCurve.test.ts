import { describe, expect, it } from 'vitest';
import { groupLossLevels, prepareLossCurve, x0MseFromLoss } from '../../../src-shared/schedules/lossCurve';
import { parseLossCsv, snrFromLevel } from '../../../src-shared/schedules/lossCsv';
import { expectClose } from '../../support/close';

describe('x0MseFromLoss(kind, γ, loss)', () => {
  it('x0MseFromLoss converts ε-, v- and EDM-weighted losses to x₀-MSE (spec §4.2)', () => {
    // For an x₀ error e: ‖ε − ε̂‖² = γ e, ‖v − v̂‖² = (1 + γ) e (VP), EDM weight λ(σ) = (σ² + σ_d²)/(σ σ_d)².
    const e = 0.37;
    const gamma = 2.5;
    expectClose(x0MseFromLoss('x0', gamma, e), e);
    expectClose(x0MseFromLoss('eps', gamma, gamma * e), e, { relTol: 2 * Number.EPSILON });
    expectClose(x0MseFromLoss('v', gamma, (1 + gamma) * e), e, { relTol: 2 * Number.EPSILON });
    const sigma2 = 1 / gamma;
    expectClose(x0MseFromLoss('edm', gamma, ((sigma2 + 0.25) / (sigma2 * 0.25)) * e, 0.5), e, { relTol: 4 * Number.EPSILON });
  });
});

describe('groupLossLevels(samples) and prepareLossCurve(samples)', () => {
  it('groupLossLevels pools equal levels and weighs by 1/s.e.² when every level has spread', () => {
    const levels = groupLossLevels({ gammas: [2, 1, 1, 2], losses: [1, 2, 4, 3] });
    expectClose(levels.gammas, [1, 2]);
    expectClose(levels.means, [3, 2]);
    // var = 2 for both levels, n = 2: s.e.² = 1.
    expectClose(levels.weights, [1, 1], { relTol: 1e-15 });
  });

  it('groupLossLevels bins a per-sample log with more than 200 levels into 150 log-γ bins', () => {
    const gammas = Array.from({ length: 3000 }, (_, i) => Math.exp(-5 + (10 * i) / 2999));
    const levels = groupLossLevels({ gammas, losses: gammas.map((g) => 1 / (1 + g)) });
    expect(levels.gammas.length).toBe(150);
    expect(levels.counts.reduce((a, b) => a + b, 0)).toBe(3000);
  });

  it('prepareLossCurve(noisy loss) is non-increasing at the levels and interpolates log–log between them', () => {
    const gammas = [0.01, 0.1, 1, 10, 100];
    const curve = prepareLossCurve({ gammas, losses: [1, 0.9, 0.95, 0.1, 0.2] });
    expectClose(curve.isotonic, [1, 0.925, 0.925, 0.15, 0.15], { relTol: 1e-15 });
    expectClose(curve.evaluate(Math.sqrt(0.1 * 1)), 0.925, { relTol: 1e-15 });
    expectClose(curve.evaluate(Math.sqrt(0.01 * 0.1)), Math.sqrt(1 * 0.925), { relTol: 1e-14 });
  });
});

describe('parseLossCsv(text, options)', () => {
  it('parseLossCsv reads a header, takes the level kind from its name and converts ε-losses', () => {
    const parsed = parseLossCsv('# training log\nlog_snr;loss\n0;2\n\n1;5\n', { loss: 'eps' });
    expect(parsed.level).toBe('log-snr');
    expectClose(parsed.gammas, [1, Math.E], { relTol: 1e-15 });
    expectClose(parsed.losses, [2, 5 / Math.E], { relTol: 1e-15 });
    expect(parseLossCsv('0.5 0.1\n2 0.8').gammas).toEqual(Float64Array.of(4, 0.25));
    expectClose(snrFromLevel('ou-time', 5), 4.5401991009687765e-5, { relTol: 1e-14 });
  });

  it('parseLossCsv names the line of a bad row and wants two rows', () => {
    expect(() => parseLossCsv('sigma,loss\n0.5,0.1\nabc,0.2\n')).toThrow(/line 3: expected a sigma level/);
    expect(() => parseLossCsv('sigma,loss\n0.5,-1\n1,2\n')).toThrow('line 2: expected a finite loss ≥ 0, got "-1"');
    expect(() => parseLossCsv('sigma,loss\n0.5,1\n')).toThrow(/at least 2 rows/);
  });
});
