import { describe, expect, it } from 'vitest';
import { EnergyRatioGrid, PAPER_ENERGY_BINNING, energyBinIndex, energyRatio, histogramEvents, type EnergyBinning } from './energyPdf.js';
import { MultiSpline } from './spline.js';

const small: EnergyBinning = { sinDecEdges: Float64Array.from([-1, 0, 1]), logEEdges: Float64Array.from([2, 3, 4, 5]) };

describe('energy S/B histograms', () => {
  it('paper binning is 19 × 19 from 500 GeV to 10^8.001 GeV', () => {
    expect(PAPER_ENERGY_BINNING.sinDecEdges.length).toBe(20);
    expect(PAPER_ENERGY_BINNING.logEEdges[0]).toBeCloseTo(Math.log10(500), 14);
    expect(PAPER_ENERGY_BINNING.logEEdges[19]).toBe(8.001);
  });

  it('bins events row-major and clamps energies below the first edge into the first bin', () => {
    const idx = energyBinIndex(small, [-0.5, 0.5, 0.5, 0.99], [2.5, 1.0, 4.5, 9]);
    expect(Array.from(idx)).toEqual([0, 3, 5, 5]);
    expect(Array.from(histogramEvents(small, [-0.5, 0.5], [2.5, 3.5]))).toEqual([1, 0, 0, 0, 1, 0]);
  });

  it('normalises each sin δ row over energy before taking S/B', () => {
    const sig = Float64Array.from([1, 2, 7, 10, 10, 0]);
    const bkg = Float64Array.from([5, 3, 2, 4, 0, 4]);
    const r = energyRatio(small, sig, bkg);
    expect(r[0]).toBeCloseTo(1 / 10 / (5 / 10), 14);
    expect(r[2]).toBeCloseTo(7 / 10 / (2 / 10), 14);
    // row 2: bin with signal and no background takes the row maximum; no signal → 0
    expect(r[3]).toBeCloseTo(0.5 / 0.5, 14);
    expect(r[4]).toBeCloseTo(1, 14);
    expect(r[5]).toBe(0);
    // background-weighted mean of S/B in a row is 1
    expect((r[0] * 5 + r[1] * 3 + r[2] * 2) / 10).toBeCloseTo(1, 14);
  });
});

describe('γ interpolation', () => {
  it('natural cubic spline reproduces a cubic-free function exactly at knots and a line everywhere', () => {
    const knots = [1, 1.5, 2, 3, 4];
    const sp = new MultiSpline(knots, knots.map((g) => Float64Array.from([2 * g + 1, -g])));
    const out = new Float64Array(2);
    const d = new Float64Array(2);
    sp.evalInto(2.7, out, d);
    expect(out[0]).toBeCloseTo(6.4, 12);
    expect(out[1]).toBeCloseTo(-2.7, 12);
    expect(d[0]).toBeCloseTo(2, 12);
  });

  it('interpolates ln S/B smoothly: equals the grid at knots and a power-law truth between them', () => {
    // signal ∝ E^-γ integrated per log bin; one row, background flat
    const b: EnergyBinning = { sinDecEdges: Float64Array.from([-1, 1]), logEEdges: Float64Array.from([2, 2.5, 3, 3.5, 4, 4.5, 5]) };
    const hist = (g: number) => Float64Array.from({ length: 6 }, (_, c) => Math.pow(10, (2 + 0.5 * c + 0.25) * (1 - g)));
    const gammas = [1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.25, 3.5, 3.75, 4];
    const bkg = new Float64Array(6).fill(1);
    const grid = new EnergyRatioGrid(b, gammas, gammas.map(hist), bkg);
    const out = new Float64Array(6);
    const d1 = new Float64Array(6);
    grid.ratioInto(2.5, out);
    const exact = energyRatio(b, hist(2.5), bkg);
    for (let k = 0; k < 6; k++) expect(out[k]).toBeCloseTo(exact[k], 12);
    grid.ratioInto(2.6, out, d1);
    const mid = energyRatio(b, hist(2.6), bkg);
    for (let k = 0; k < 6; k++) expect(Math.abs(out[k] / mid[k] - 1)).toBeLessThan(2e-3);
    // derivative vs finite difference of the interpolant
    const up = new Float64Array(6);
    const dn = new Float64Array(6);
    grid.ratioInto(2.6 + 1e-6, up);
    grid.ratioInto(2.6 - 1e-6, dn);
    for (let k = 0; k < 6; k++) expect(d1[k]).toBeCloseTo((up[k] - dn[k]) / 2e-6, 5);
  });
});

describe('γ derivatives of the interpolated S/B', () => {
  it('d²R/dγ² matches a central finite difference of dR/dγ', () => {
    const b: EnergyBinning = { sinDecEdges: Float64Array.from([-1, 1]), logEEdges: Float64Array.from([2, 3, 4, 5]) };
    const hist = (g: number) => Float64Array.from({ length: 3 }, (_, c) => Math.pow(10, (2.5 + c) * (1 - g)));
    const gammas = [1, 1.5, 2, 2.5, 3, 3.5, 4];
    const grid = new EnergyRatioGrid(b, gammas, gammas.map(hist), Float64Array.from([5, 2, 1]));
    const r = new Float64Array(3);
    const d1 = new Float64Array(3);
    const d2 = new Float64Array(3);
    const up = new Float64Array(3);
    const dn = new Float64Array(3);
    const tmp = new Float64Array(3);
    grid.ratioInto(2.3, r, d1, d2);
    grid.ratioInto(2.3 + 1e-5, tmp, up);
    grid.ratioInto(2.3 - 1e-5, tmp, dn);
    for (let k = 0; k < 3; k++) expect(d2[k]).toBeCloseTo((up[k] - dn[k]) / 2e-5, 4);
  });
});
