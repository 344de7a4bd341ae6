import { describe, expect, it } from 'vitest';
import { alphaBarFromSigma, logSnr, sigmaFromAlphaBar, sigmaFromLogSnr } from '../../../../src-shared/diffusion/schedules/conversions';
import { expectClose } from '../../../support/close';

const sigmas = [1e-4, 0.002, 0.05, 0.5, 1, 3.7, 80, 1e4];

describe('alphaBarFromSigma(σ), sigmaFromAlphaBar(ᾱ), logSnr(σ), sigmaFromLogSnr(λ)', () => {
  it('describe one SNR: ᾱ/(1 − ᾱ) = 1/σ² = e^λ to 8 ulps', () => {
    for (const sigma of sigmas) {
      const alphaBar = alphaBarFromSigma(sigma);
      const snr = 1 / (sigma * sigma);
      expectClose(alphaBar / (1 - alphaBar), snr, { relTol: sigma < 0.1 ? 64 * Number.EPSILON / (sigma * sigma) : 8 * Number.EPSILON });
      expectClose(Math.exp(logSnr(sigma)), snr, { relTol: 8 * Number.EPSILON * Math.max(1, Math.abs(logSnr(sigma))) });
    }
  });

  it('round-trip: sigmaFromAlphaBar(alphaBarFromSigma(σ)) = σ and sigmaFromLogSnr(logSnr(σ)) = σ', () => {
    for (const sigma of sigmas) {
      // 1 − ᾱ loses ~ε/(1 − ᾱ) ≈ ε/σ² relative for small σ: the tolerance says so.
      expectClose(sigmaFromAlphaBar(alphaBarFromSigma(sigma)), sigma, { relTol: 8 * Number.EPSILON * Math.max(1, 1 / (sigma * sigma)) });
      expectClose(sigmaFromLogSnr(logSnr(sigma)), sigma, { relTol: 8 * Number.EPSILON * Math.max(1, Math.abs(logSnr(sigma))) });
    }
  });

  it('maps the ends: σ = 0 ↔ ᾱ = 1 ↔ λ = +∞, and σ = ∞ ↔ ᾱ = 0', () => {
    expect(alphaBarFromSigma(0)).toBe(1);
    expect(sigmaFromAlphaBar(1)).toBe(0);
    expect(logSnr(0)).toBe(Infinity);
    expect(sigmaFromLogSnr(Infinity)).toBe(0);
    expect(alphaBarFromSigma(Infinity)).toBe(0);
    expect(sigmaFromAlphaBar(0)).toBe(Infinity);
    expect(sigmaFromAlphaBar(1.5)).toBeNaN();
  });
});
