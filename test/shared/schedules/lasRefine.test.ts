import { describe, expect, it } from 'vitest';
import { discretisationKlPerStep, sumOf } from '../../../src-shared/schedules/discretisationKl';
import { gaussianDiscretisationKlPerStep, gaussianOptimalGrid, gaussianOptimalKlNats } from '../../../src-shared/schedules/gaussianClosedForm';
import { lasDynamicProgramme, logSpacedCandidates, lossRiemannSum } from '../../../src-shared/schedules/lasDp';
import { refineLasGrid } from '../../../src-shared/schedules/lasRefine';
import { binaryMmseCurve } from '../../../src-shared/schedules/mmseCurve';
import { endpointsFromTimes, ouTimeFromSnr } from '../../../src-shared/schedules/snrGrid';
import { tabulateMmseCurve } from '../../../src-shared/schedules/tabulatedCurve';
import { expectClose } from '../../support/close';

const endpoints = endpointsFromTimes(1e-3, 5);
const gaussianLoss = (g: number) => 1 / (1 + g);

describe('LAS on Gaussian data (spec §7 V4)', () => {
  it('refineLasGrid(DP grid) is the closed-form optimum to 1e-7: γ = [499.50017, 143.38675, 40.653397, 11.016376, 2.4665432, 4.5402e−5]', () => {
    const candidates = logSpacedCandidates(endpoints, 1500);
    const dp = lasDynamicProgramme({ candidates, losses: candidates.map(gaussianLoss), K: 5 }).gammas;
    const refined = refineLasGrid(dp, gaussianLoss);
    // Golden-section minimisation of a smooth function locates its argmin to ~√ε ≈ 1e-8 relative.
    expectClose(refined, gaussianOptimalGrid(endpoints, 5, 1), { relTol: 1e-7 });
    expectClose(refined, [499.50017, 143.38675, 40.653397, 11.016376, 2.4665432, 4.5402e-5], { relTol: 1e-6 });
    expectClose(Array.from(refined, ouTimeFromSnr), [0.001, 0.003475, 0.0121503, 0.0434437, 0.17017, 5], { relTol: 2e-5 });
    expectClose(Array.from(refined, (g) => g ** -0.5), [0.044744, 0.083511, 0.156838, 0.301287, 0.63673, 148.4098], { relTol: 1e-5 });
  });

  it('the refined grid has equal ratios R^{1/5} = 3.46639 and equal D_k = 0.6116367, total 3.0581833 (V4)', () => {
    const candidates = logSpacedCandidates(endpoints, 1500);
    const refined = refineLasGrid(lasDynamicProgramme({ candidates, losses: candidates.map(gaussianLoss), K: 5 }).gammas, gaussianLoss);
    for (let k = 1; k <= 5; k++) expectClose((1 + refined[k - 1]!) / (1 + refined[k]!), 3.46639, { relTol: 2e-6 });
    expectClose(gaussianDiscretisationKlPerStep(refined, 1), new Array(5).fill(0.6116367), { relTol: 2e-7 });
    expectClose(sumOf(gaussianDiscretisationKlPerStep(refined, 1)), 3.0581833, { relTol: 2e-8 });
    expectClose(gaussianOptimalKlNats(endpoints, 5, 1), 3.0581833, { relTol: 2e-8 });
  });

  it('refineLasGrid never increases S and keeps the endpoints (binary loss, K = 10)', () => {
    const binary = tabulateMmseCurve(binaryMmseCurve(), { gammaMin: endpoints.gammaMin / 3, gammaMax: endpoints.gammaMax * 3 });
    const candidates = logSpacedCandidates(endpoints, 300);
    const dp = lasDynamicProgramme({ candidates, losses: candidates.map((g) => binary.mmse(g)), K: 10 }).gammas;
    const refined = refineLasGrid(dp, (g) => binary.mmse(g));
    expect(lossRiemannSum(refined, (g) => binary.mmse(g))).toBeLessThanOrEqual(lossRiemannSum(dp, (g) => binary.mmse(g)));
    expect(sumOf(discretisationKlPerStep(refined, (g) => binary.mmse(g)))).toBeLessThanOrEqual(sumOf(discretisationKlPerStep(dp, (g) => binary.mmse(g))) + 1e-12);
    expect([refined[0], refined[10]]).toEqual([dp[0], dp[10]]);
  });
});
