import { describe, expect, it } from 'vitest';
import { baselineGrid } from '../../../src-shared/schedules/baselines';
import { discretisationKlPerStep, initialisationKlNats, sumOf } from '../../../src-shared/schedules/discretisationKl';
import { lineDistribution } from '../../../src-shared/schedules/discreteLine';
import { gaussianSamplerMarginalKlNats } from '../../../src-shared/schedules/gaussianClosedForm';
import { lasDynamicProgramme, logSpacedCandidates } from '../../../src-shared/schedules/lasDp';
import { binaryMmseCurve } from '../../../src-shared/schedules/mmseCurve';
import { propagateSampler1d, samplerMarginalKlNats, type LineTarget } from '../../../src-shared/schedules/propagate1d';
import { endpointsFromTimes, ouTimeFromSnr } from '../../../src-shared/schedules/snrGrid';
import { tabulateMmseCurve } from '../../../src-shared/schedules/tabulatedCurve';
import { LATTICE16_POINTS } from '../../../src-shared/schedules/targets';
import { expectClose } from '../../support/close';

const binary: LineTarget = { kind: 'discrete', distribution: lineDistribution([-1, 1]) };
// Spec §5.2 end-to-end numbers use δ = 2e-3, T = 5.
const endpoints = endpointsFromTimes(2e-3, 5);

describe('propagateSampler1d and samplerMarginalKlNats', () => {
  it('on Gaussian data the propagated KL equals the closed form to 1e-7 for log-snr, EDM and cosine at K = 10, 20 (and mass stays 1)', () => {
    const spec = endpointsFromTimes(1e-3, 5);
    for (const name of ['log-snr', 'edm', 'cosine'] as const) {
      for (const K of [10, 20]) {
        const grid = baselineGrid(name, K, spec);
        const target: LineTarget = { kind: 'gaussian', variance: 1 };
        expectClose(samplerMarginalKlNats(target, grid), gaussianSamplerMarginalKlNats(grid, 1), { relTol: 1e-7 });
        const { density, h } = propagateSampler1d(target, grid);
        expectClose(density.reduce((s, q) => s + q * h, 0), 1, { relTol: 1e-9 });
      }
    }
  });

  it('binary target: cosine K = 5/10/20 gives 0.117/0.0064/0.00049 and EDM 1.03/0.070/0.0075 (spec §5.2)', () => {
    const cosine = ['0.117', '0.0064', '0.00049'];
    const edm = ['1.03', '0.070', '0.0075'];
    [5, 10, 20].forEach((K, i) => {
      for (const [name, printed] of [['cosine', cosine[i]!], ['edm', edm[i]!]] as const) {
        // Half a unit in the last printed digit.
        const tolerance = 0.5 * 10 ** -(printed.split('.')[1]!.length);
        expectClose(samplerMarginalKlNats(binary, baselineGrid(name, K, endpoints)), Number(printed), { relTol: 0, absTol: tolerance });
      }
    });
  });

  it('binary target: LAS-DP has the lowest marginal KL, 0.0183/0.00248/0.00044 at K = 5/10/20, and every KL ≤ KL_init + D', () => {
    const curve = tabulateMmseCurve(binaryMmseCurve(), { gammaMin: endpoints.gammaMin / 3, gammaMax: endpoints.gammaMax * 3 });
    const candidates = logSpacedCandidates(endpoints, 1500);
    const losses = candidates.map((g) => curve.mmse(g));
    const init = initialisationKlNats({ T: ouTimeFromSnr(endpoints.gammaMin), secondMoment: 1, informationAtMin: curve.informationNats!(endpoints.gammaMin), dimension: 1 });
    ['0.0183', '0.00248', '0.00044'].forEach((printed, i) => {
      const K = [5, 10, 20][i]!;
      const las = lasDynamicProgramme({ candidates, losses, K }).gammas;
      const kl = samplerMarginalKlNats(binary, las);
      expectClose(kl, Number(printed), { relTol: 0, absTol: 0.5 * 10 ** -(printed.split('.')[1]!.length) });
      expect(kl).toBeLessThanOrEqual(init + sumOf(discretisationKlPerStep(las, curve.mmse)));
      for (const name of ['cosine', 'edm', 'log-snr'] as const) expect(kl).toBeLessThan(samplerMarginalKlNats(binary, baselineGrid(name, K, endpoints)));
    });
  });

  it('16-point lattice: at K = 5 DDIM-quad gives marginal KL 0.735 (spec §5.2)', () => {
    const lattice: LineTarget = { kind: 'discrete', distribution: lineDistribution(LATTICE16_POINTS) };
    expectClose(samplerMarginalKlNats(lattice, baselineGrid('ddim-quad', 5, endpoints)), 0.735, { relTol: 0, absTol: 5e-4 });
  });

  it('samplerMarginalKlNats is finite for a sampler far narrower than p_δ and checks cancellation between steps', () => {
    const grid = baselineGrid('uniform-t', 5, endpointsFromTimes(1e-3, 5));
    expectClose(samplerMarginalKlNats({ kind: 'gaussian', variance: 1 }, grid), gaussianSamplerMarginalKlNats(grid, 1), { relTol: 1e-7 });
    expect(() => propagateSampler1d(binary, grid, { cancellation: { aborted: true } })).toThrow(/cancelled/);
  });
});
