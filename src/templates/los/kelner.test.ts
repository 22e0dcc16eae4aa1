import { describe, expect, it } from 'vitest';
import { fElectron, fGamma, fMuonNu1, fNuAllFlavour, logGrid, yieldMatrix } from './kelner.js';
import { sigmaInelKafexhiu, sigmaInelKAB } from './cross-section.js';

/** ∫ x F(x) dx over (1e-4, 1): the energy fraction a collision gives to the species. */
function energyFraction(f: (x: number, ep: number) => number, ep: number): number {
  const n = 20000;
  const a = Math.log(1e-4);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const x = Math.exp(a + ((i + 0.5) * -a) / n);
    s += x * x * f(x, ep) * (-a / n);
  }
  return s;
}

describe('KAB06 ν yields', () => {
  it('F_νμ(1) ends at the π → μν kinematic limit x = 1 − (m_μ/m_π)²', () => {
    const xmax = 1 - (105.6583755 / 139.57039) ** 2; // PDG masses
    expect(xmax).toBeCloseTo(0.427, 3);
    expect(fMuonNu1(xmax * 0.999, 1e4)).toBeGreaterThan(0);
    expect(fMuonNu1(xmax * 1.001, 1e4)).toBe(0);
  });

  it('all spectra are positive inside (0, 1) and vanish outside', () => {
    for (const ep of [100, 1e4, 1e6, 1e8]) {
      for (const x of [1e-3, 0.01, 0.1, 0.3, 0.9]) {
        expect(fElectron(x, ep)).toBeGreaterThan(0);
        expect(fGamma(x, ep)).toBeGreaterThan(0);
      }
      expect(fNuAllFlavour(1.2, ep)).toBe(0);
      expect(fNuAllFlavour(0, ep)).toBe(0);
    }
  });

  it('the ν energy fraction is about that of γ, as pion-decay kinematics with η → γγ predict', () => {
    // π± : π0 = 2 : 1 and ν's take 0.2135 + 0.7865·0.65 = 0.725 of a π±'s energy → ν/γ = 1.45 for pions
    // alone; η decays add ~25 % to the γ yield (KAB06 §IV.A), giving ≈ 1.16. Allow ±15 %.
    for (const ep of [1e3, 1e5]) {
      const r = energyFraction(fNuAllFlavour, ep) / energyFraction(fGamma, ep);
      expect(r).toBeGreaterThan(1.16 * 0.85);
      expect(r).toBeLessThan(1.16 * 1.15);
    }
  });

  it('the γ energy fraction per collision is ≈ 17–19 %, i.e. one third of an inelasticity ≈ 0.5 in pions', () => {
    for (const ep of [1e3, 1e5]) {
      const g = energyFraction(fGamma, ep);
      expect(g).toBeGreaterThan(0.14);
      expect(g).toBeLessThan(0.22);
    }
  });

  it('the yield matrix reproduces a direct fine quadrature of ∫ σ I_p F dE_p/E_p', () => {
    const enu = Float64Array.from([30, 1e3, 3e4, 1e6]);
    const ep = logGrid(10, 1e10, 9 * 24 + 1);
    const y = yieldMatrix(enu, ep);
    const ip = (e: number): number => Math.pow(e, -2.7);
    for (let i = 0; i < enu.length; i++) {
      let m = 0;
      for (let k = 0; k < ep.length; k++) m += y[i * ep.length + k] * ip(ep[k]);
      let d = 0;
      const n = 40000;
      const a = Math.log(enu[i]);
      const b = Math.log(1e10);
      for (let j = 0; j < n; j++) {
        const e = Math.exp(a + ((j + 0.5) * (b - a)) / n);
        d += sigmaInelKafexhiu(e - 0.938272) * 1e-27 * ip(e) * fNuAllFlavour(enu[i] / e, e) * ((b - a) / n);
      }
      expect(Math.abs(m / d - 1)).toBeLessThan(0.01);
    }
  });
});

describe('inelastic pp cross-section', () => {
  it('Kafexhiu 2014 matches TOTEM at √s = 7 TeV (σ_inel = 73.15 ± 1.26 mb, EPL 101 (2013) 21004)', () => {
    const eLab = (7000 * 7000) / (2 * 0.938272);
    expect(sigmaInelKafexhiu(eLab)).toBeGreaterThan(73.15 - 2 * 1.26);
    expect(sigmaInelKafexhiu(eLab)).toBeLessThan(73.15 + 2 * 1.26);
  });

  it('Kafexhiu 2014 and KAB06 agree within 5 % between 100 GeV and 1 PeV', () => {
    for (const e of [100, 1e3, 1e4, 1e5, 1e6]) {
      expect(Math.abs(sigmaInelKafexhiu(e) / sigmaInelKAB(e) - 1)).toBeLessThan(0.05);
    }
  });

  it('is zero below the pion-production threshold', () => {
    expect(sigmaInelKafexhiu(0.25)).toBe(0);
    expect(sigmaInelKAB(1.0)).toBe(0);
  });
});
