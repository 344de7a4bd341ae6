import { describe, expect, it } from 'vitest';
import { baselineGrid } from '../../../src-shared/schedules/baselines';
import { discretisationKlFromInformation, discretisationKlPerStep, initialisationKlNats, logSnrUniformBound, sumOf } from '../../../src-shared/schedules/discretisationKl';
import { gaussianChainKlNats, gaussianDiscretisationKlPerStep, gaussianSamplerMarginalKlNats } from '../../../src-shared/schedules/gaussianClosedForm';
import { lossRiemannSum } from '../../../src-shared/schedules/lasDp';
import { gaussianMmseCurve } from '../../../src-shared/schedules/mmseCurve';
import { endpointsFromTimes, ouTimeFromSnr, snrFromOuTime, snrGridFromSigmas, scheduleFromSnrGrid, validateSnrGrid } from '../../../src-shared/schedules/snrGrid';
import { expectClose } from '../../support/close';

const endpoints = endpointsFromTimes(1e-3, 5);

describe('the discretisation KL (★) on Gaussian data (spec §7 V2)', () => {
  // V2: closed form, quadrature, I-difference and chain KLs with M = 1, 4, 32, 256 agree to 7 digits.
  const V2 = [
    { s2: 0.25, name: 'uniform-t', D: 52.11611 }, { s2: 0.25, name: 'log-snr', D: 2.631386 }, { s2: 0.25, name: 'edm', D: 6.529222 },
    { s2: 4, name: 'uniform-t', D: 297.4302 }, { s2: 4, name: 'log-snr', D: 4.701249 }, { s2: 4, name: 'edm', D: 10.44449 },
  ] as const;

  it('(★) by quadrature, the I-difference form and the T4 closed form agree to 1e-12 and give the V2 values to 7 digits', () => {
    for (const { s2, name, D } of V2) {
      const grid = baselineGrid(name, 10, endpoints);
      const curve = gaussianMmseCurve(s2);
      const closed = sumOf(gaussianDiscretisationKlPerStep(grid, s2));
      expectClose(sumOf(discretisationKlPerStep(grid, curve.mmse)), closed, { relTol: 1e-12 });
      expectClose(sumOf(discretisationKlFromInformation(grid, curve)), closed, { relTol: 1e-12 });
      expectClose(closed, D, { relTol: 1e-6 });
    }
  });

  it('gaussianChainKlNats − KL_init = D for M = 1, 4, 32, 256 sub-steps (chain = path, spec §2), to 1e-10', () => {
    for (const { s2, name } of V2) {
      const grid = baselineGrid(name, 10, endpoints);
      const D = sumOf(gaussianDiscretisationKlPerStep(grid, s2));
      for (const subSteps of [1, 4, 32, 256]) {
        const chain = gaussianChainKlNats({ grid, variance: s2, subSteps });
        // 2,560 sub-steps of O(D/2560) each: summation error ~1e-13 relative.
        expectClose(chain.totalNats - chain.initNats, D, { relTol: 1e-10 });
      }
    }
  });

  it('D is invariant when the grid is expressed in t, σ or λ and converted back (spec §7 test 4)', () => {
    const grid = baselineGrid('cosine', 10, endpoints);
    const D = sumOf(gaussianDiscretisationKlPerStep(grid, 1));
    const viaT = validateSnrGrid(Array.from(grid, (g) => snrFromOuTime(ouTimeFromSnr(g))));
    const viaSigma = snrGridFromSigmas(scheduleFromSnrGrid(grid).sigmas);
    const viaLambda = validateSnrGrid(Array.from(grid, (g) => Math.exp(Math.log(g))));
    for (const g of [viaT, viaSigma, viaLambda]) expectClose(sumOf(gaussianDiscretisationKlPerStep(g, 1)), D, { relTol: 1e-12 });
  });
});

describe('gaussianChainKlNats with an imperfect denoiser (spec §7 V3)', () => {
  const e3 = endpointsFromTimes(1e-3, 3);
  const s2 = 4;
  const exactGain = (t: number) => {
    const alpha = Math.exp(-t);
    return (alpha * s2) / (alpha * alpha * s2 - Math.expm1(-2 * t));
  };
  const gain = (t: number) => exactGain(t) + 0.05 * Math.sin(3 * t);
  const V3 = [
    { name: 'log-snr', K: 4, kl: 16.336705167 }, { name: 'log-snr', K: 16, kl: 1.6266236714 },
    { name: 'edm', K: 4, kl: 34.638437621 }, { name: 'edm', K: 16, kl: 2.2418626381 },
    { name: 'uniform-t', K: 4, kl: 462.4255231 }, { name: 'uniform-t', K: 16, kl: 100.31589385 },
  ] as const;

  it('chain KL = KL_init + S_θ − ΔI and equals the V3 values to 11 digits', () => {
    for (const { name, K, kl } of V3) {
      const grid = baselineGrid(name, K, e3);
      const chain = gaussianChainKlNats({ grid, variance: s2, gain });
      expectClose(chain.totalNats, kl, { relTol: 1e-10 });
      // ℓ_θ(γ) = m(γ) + e(t)² v_t: the learned loss of D_θ = (c + e)x, by orthogonality.
      const loss = (g: number) => {
        const t = ouTimeFromSnr(g);
        return s2 / (1 + s2 * g) + (0.05 * Math.sin(3 * t)) ** 2 * (Math.exp(-2 * t) * s2 - Math.expm1(-2 * t));
      };
      const curve = gaussianMmseCurve(s2);
      const deltaI = curve.informationNats!(grid[0]!) - curve.informationNats!(grid[K]!);
      expectClose(chain.totalNats, chain.initNats + lossRiemannSum(grid, loss) - deltaI, { relTol: 1e-10 });
    }
  });

  it('KL_init(T = 3, s² = 4) = 1.375632e-5 from both the Gaussian formula and the I-based closed form, and 0 for s² = 1', () => {
    const curve = gaussianMmseCurve(4);
    const iBased = initialisationKlNats({ T: 3, secondMoment: 4, informationAtMin: curve.informationNats!(snrFromOuTime(3)), dimension: 1 });
    const gaussian = gaussianChainKlNats({ grid: baselineGrid('log-snr', 4, e3), variance: 4 }).initNats;
    expectClose(iBased, 1.375632e-5, { relTol: 1e-6 });
    expectClose(gaussian, iBased, { relTol: 1e-9 });
    expect(Math.abs(initialisationKlNats({ T: 5, secondMoment: 1, informationAtMin: gaussianMmseCurve(1).informationNats!(snrFromOuTime(5)), dimension: 1 }))).toBeLessThan(1e-17);
  });
});

describe('gaussianSamplerMarginalKlNats(grid, s²) and the T2 bound', () => {
  it('the final-marginal KL of log-snr at s² = 0.25 is 0.1561 (V2) and every marginal KL ≤ KL_init + D (data processing)', () => {
    expectClose(gaussianSamplerMarginalKlNats(baselineGrid('log-snr', 10, endpoints), 0.25), 0.1561, { relTol: 3e-4 });
    for (const s2 of [0.25, 1, 4]) {
      for (const name of ['uniform-t', 'log-snr', 'edm', 'cosine'] as const) {
        for (const K of [5, 10, 20]) {
          const grid = baselineGrid(name, K, endpoints);
          const chain = gaussianChainKlNats({ grid, variance: s2 });
          expect(gaussianSamplerMarginalKlNats(grid, s2)).toBeLessThanOrEqual(chain.totalNats);
        }
      }
    }
  });

  it('logSnrUniformBound(…) bounds D of the log-snr grid for Gaussian data, K = 5 … 50 (spec §3.2 T2)', () => {
    for (const s2 of [0.25, 1, 4]) {
      const curve = gaussianMmseCurve(s2);
      const deltaI = curve.informationNats!(endpoints.gammaMax) - curve.informationNats!(endpoints.gammaMin);
      for (const K of [5, 10, 20, 50]) {
        const D = sumOf(gaussianDiscretisationKlPerStep(baselineGrid('log-snr', K, endpoints), s2));
        expect(D).toBeLessThanOrEqual(logSnrUniformBound({ K, endpoints, deltaInformationNats: deltaI, mmseAtMin: curve.mmse(endpoints.gammaMin) }));
      }
    }
  });
});
