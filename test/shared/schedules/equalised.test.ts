import { describe, expect, it } from 'vitest';
import { discretisationKlPerStep, sumOf } from '../../../src-shared/schedules/discretisationKl';
import { entropicGrid, equalisedGrid, lasDensityGrid, slopeByDifference } from '../../../src-shared/schedules/equalised';
import { gaussianOptimalGrid } from '../../../src-shared/schedules/gaussianClosedForm';
import { binaryMmseCurve } from '../../../src-shared/schedules/mmseCurve';
import { endpointsFromTimes } from '../../../src-shared/schedules/snrGrid';
import { tabulateMmseCurve } from '../../../src-shared/schedules/tabulatedCurve';
import { expectClose } from '../../support/close';

const endpoints = endpointsFromTimes(1e-3, 5);

describe('equalised grids (spec §4.1)', () => {
  it('entropicGrid(Gaussian loss) and lasDensityGrid(Gaussian slope) are the T4 optimum: entropic time = LAS for Gaussian data (V4)', () => {
    const optimum = gaussianOptimalGrid(endpoints, 5, 1);
    // Trapezoid on 4,001 λ nodes, then linear inversion: O(h²) ≈ 1e-6 in λ.
    expectClose(Array.from(entropicGrid((g) => 1 / (1 + g), 5, endpoints), Math.log), Array.from(optimum, Math.log), { absTol: 2e-6 });
    expectClose(Array.from(lasDensityGrid((g) => 1 / (1 + g) ** 2, 5, endpoints), Math.log), Array.from(optimum, Math.log), { absTol: 2e-6 });
  });

  it('on binary data LAS-density and entropic time give the spec §5.2 D (8.464/2.145/0.566/0.107 and 40.43/19.62/9.60/3.77)', () => {
    const curve = tabulateMmseCurve(binaryMmseCurve(), { gammaMin: endpoints.gammaMin / 3, gammaMax: endpoints.gammaMax * 3 });
    const density = [8.464, 2.145, 0.566, 0.107];
    const entropic = [40.43, 19.62, 9.6, 3.77];
    [5, 10, 20, 50].forEach((K, i) => {
      // The density rule equalises an integral of a derivative: ~3e-4 from the printed digits.
      expectClose(sumOf(discretisationKlPerStep(lasDensityGrid((g) => curve.mmseSlope!(g), K, endpoints), curve.mmse)), density[i]!, { relTol: 5e-3 });
      expectClose(sumOf(discretisationKlPerStep(entropicGrid(curve.mmse, K, endpoints), curve.mmse)), entropic[i]!, { relTol: 2e-3 });
    });
  });

  it('equalisedGrid(uniform density) is uniform in λ, and the grid rejects a density with no mass', () => {
    expectClose(equalisedGrid(() => 1, 2, { gammaMax: 100, gammaMin: 0.01 }), [100, 1, 0.01], { relTol: 1e-12 });
    expect(() => equalisedGrid(() => 0, 2, endpoints)).toThrow(/density: expected a finite positive total/);
  });

  it('slopeByDifference(ℓ)(γ) = −ℓ′(γ) to 1e-8 for ℓ = 1/(1 + γ)', () => {
    for (const g of [1e-3, 1, 300]) expectClose(slopeByDifference((x) => 1 / (1 + x))(g), 1 / (1 + g) ** 2, { relTol: 1e-8 });
  });
});
