import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discreteChannelPoint, discreteLineCurve, lineDistribution } from '../../../src-shared/schedules/discreteLine';
import { optimalRateConstant } from '../../../src-shared/schedules/equalised';
import { binaryMmseCurve, gaussianMmseCurve } from '../../../src-shared/schedules/mmseCurve';
import { integrateGaussLegendre } from '../../../src-shared/schedules/quadrature';
import { endpointsFromTimes } from '../../../src-shared/schedules/snrGrid';
import { tabulateMmseCurve } from '../../../src-shared/schedules/tabulatedCurve';
import { LATTICE16_POINTS } from '../../../src-shared/schedules/targets';
import { expectClose } from '../../support/close';

interface ChannelValue { gamma: number; mmse: number; mmseSlope: number; informationNats: number }
const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/schedules/channels.json'), 'utf8')) as {
  binary: ChannelValue[];
  weighted: { points: number[]; weights: number[]; values: ChannelValue[] };
};
const endpoints = endpointsFromTimes(1e-3, 5);

describe('binaryMmseCurve()', () => {
  it('binaryMmseCurve() matches 30-digit mpmath references of m, −m′ and I at 12 SNRs in [1e-6, 1e3] to 1e-12 relative', () => {
    const curve = binaryMmseCurve();
    for (const v of fixture.binary) {
      expectClose(curve.mmse(v.gamma), v.mmse, { relTol: 1e-12 });
      expectClose(curve.mmseSlope!(v.gamma), v.mmseSlope, { relTol: 1e-12 });
      // I = ln 2 − (a tilted expectation): absolute error ~1e-16 (relative 2e-10 at γ = 1e-6).
      expectClose(curve.informationNats!(v.gamma), v.informationNats, { relTol: 1e-12, absTol: 4e-16 });
    }
  });

  it('binary: I(1e3) = ln 2 and ½∫₀^{1e3} m dγ = ln 2 to 1e-10 (spec §7 V6; the reference got 0.6931471756)', () => {
    const curve = binaryMmseCurve();
    expectClose(curve.informationNats!(1e3), Math.LN2, { relTol: 2 * Number.EPSILON });
    // In λ = ln γ from 1e-12 (below which ½∫m < 1e-12) to ln 1e3, 32 panels × 96 nodes.
    const half = 0.5 * integrateGaussLegendre((l) => curve.mmse(Math.exp(l)) * Math.exp(l), Math.log(1e-12), Math.log(1e3), { panels: 32, nodes: 96 });
    expectClose(half, Math.LN2, { relTol: 1e-10 });
  });

  it('binary: the slope is −dm/dγ at 6 SNRs and dI/dγ = m/2 (I-MMSE) at 5, by central differences', () => {
    const curve = binaryMmseCurve();
    for (const gamma of [0.01, 0.3, 1, 3, 10, 40]) {
      // Central differences: truncation ~h²|m‴/m′|/6 ≤ 1e-9 (m decays like e^{−γ/2}), rounding ~ε·m/(h|m′|) ≤ 1e-10.
      const h = 1e-4 * Math.min(gamma, 1);
      expectClose(-(curve.mmse(gamma + h) - curve.mmse(gamma - h)) / (2 * h), curve.mmseSlope!(gamma), { relTol: 1e-7 });
      // I ≈ ln 2 to ~1e-16 absolute: its difference quotient is rounding-limited once m/2 < 1e-3 (γ > 10).
      if (gamma <= 10) expectClose((curve.informationNats!(gamma + h) - curve.informationNats!(gamma - h)) / (2 * h), 0.5 * curve.mmse(gamma), { relTol: 1e-7 });
    }
  });

  it('binary: L = ∫√|m′| dγ = 2.4584 and L²/4 = 1.5109 over the spec endpoints (spec §3.2, §5.2)', () => {
    const L = optimalRateConstant((g) => binaryMmseCurve().mmseSlope!(g), endpoints);
    expectClose(L, 2.4584, { relTol: 3e-5 });
    expectClose(L * L / 4, 1.5109, { relTol: 5e-5 });
  });
});

describe('gaussianMmseCurve(s², d)', () => {
  it('gaussianMmseCurve: m(0) = d s², −m′ = m²/d and I = ½∫m, and L = 2ΔI (T3 equality for Gaussian data)', () => {
    const curve = gaussianMmseCurve(4, 3);
    expect(curve.mmse(0)).toBe(12);
    expectClose(curve.mmseSlope!(2), curve.mmse(2) ** 2 / 3, { relTol: 4 * Number.EPSILON });
    expectClose(0.5 * integrateGaussLegendre(curve.mmse, 0, 5), curve.informationNats!(5), { relTol: 1e-14 });
    const one = gaussianMmseCurve(1);
    const deltaI = one.informationNats!(endpoints.gammaMax) - one.informationNats!(endpoints.gammaMin);
    expectClose(deltaI, 3.1078, { relTol: 2e-5 });
    expectClose(optimalRateConstant(one.mmseSlope!, endpoints), 2 * deltaI, { relTol: 1e-6 });
  });
});

describe('discreteChannelPoint and discreteLineCurve', () => {
  it('discreteChannelPoint(weighted 3-point law, γ) matches 30-digit mpmath references to 1e-12', () => {
    const distribution = lineDistribution(fixture.weighted.points, fixture.weighted.weights);
    const entropy = -fixture.weighted.weights.reduce((s, w) => s + w * Math.log(w), 0);
    for (const v of fixture.weighted.values) {
      const point = discreteChannelPoint(distribution, v.gamma);
      expectClose(point.mmse, v.mmse, { relTol: 1e-12 });
      expectClose(point.mmseSlope, v.mmseSlope, { relTol: 1e-12 });
      expectClose(entropy - point.conditionalEntropyNats, v.informationNats, { relTol: 1e-12, absTol: 1e-15 });
    }
  });

  it('discreteLineCurve(±1) equals binaryMmseCurve() to 1e-8 between table nodes (two independent quadratures; Hermite error ~h⁴/384 = 5e-10·|f⁗/f|)', () => {
    const line = discreteLineCurve(lineDistribution([-1, 1]), { gammaMin: 1e-5, gammaMax: 1e3 });
    const binary = binaryMmseCurve();
    for (const gamma of [2e-5, 0.0123, 0.77, 3.3, 17]) {
      expectClose(line.mmse(gamma), binary.mmse(gamma), { relTol: 1e-8 });
      expectClose(line.informationNats!(gamma), binary.informationNats!(gamma), { relTol: 1e-8, absTol: 1e-14 });
    }
  });

  it('lattice16: m(0) = 21.25 (the variance), I → ln 16, and L²/4 = 11.45 against H² = 7.69 (spec §3.2)', () => {
    const lattice = discreteLineCurve(lineDistribution(LATTICE16_POINTS), { gammaMin: endpoints.gammaMin / Math.E, gammaMax: endpoints.gammaMax * Math.E, nodesPerUnit: 24 });
    expectClose(lattice.variance, 21.25, { relTol: 1e-15 });
    expectClose(lattice.informationNats!(1000), Math.log(16), { relTol: 1e-12 });
    const L = optimalRateConstant((g) => lattice.mmseSlope!(g), endpoints);
    expectClose(L * L / 4, 11.45, { relTol: 5e-4 });
  });

  it('tabulateMmseCurve(binary) agrees with the direct curve to 1e-8 up to γ = 60 and 3e-7 at 600 (error ∝ γ), and falls back outside the table', () => {
    const direct = binaryMmseCurve();
    const table = tabulateMmseCurve(direct, { gammaMin: 1e-5, gammaMax: 1e3 });
    for (const gamma of [1.3e-5, 0.004, 0.5, 2.2, 9, 60]) expectClose(table.mmse(gamma), direct.mmse(gamma), { relTol: 1e-8 });
    // ln m ≈ −γ/2 there: f⁗ in λ ≈ γ/2 = 300, h = 1/48: 300·h⁴/384 = 1.5e-7.
    expectClose(table.mmse(600), direct.mmse(600), { relTol: 3e-7 });
    expect(table.mmse(5e3)).toBe(direct.mmse(5e3));
  });
});
