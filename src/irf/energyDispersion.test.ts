import { describe, expect, it } from 'vitest';
import { Rng } from '../stats/random.js';
import { irfDataPath, readMatrix } from './tables.js';
import { loadEnergyDispersion, recoFraction, sampleLogEReco, trueRow } from './energyDispersion.js';

const d = loadEnergyDispersion(irfDataPath('dnnc'));

describe('energy dispersion (release Fig. S6a)', () => {
  it('keeps the release rows (each true-energy row sums to 1 over reconstructed energy)', () => {
    const raw = readMatrix(irfDataPath('dnnc/EnergyResS6a_hist.csv'));
    expect(raw.nRows).toBe(29);
    for (let t = 0; t < 29; t++) expect(d.cdf[t * 29 + 28]).toBe(1);
    expect(d.prob[15 * 29 + 14]).toBeCloseTo(raw.data[15 * 29 + 14], 12);
  });

  it('samples reconstructed energies with the tabulated bin probabilities (χ²-level agreement)', () => {
    const rng = new Rng(2), eTrue = 5e4, n = 100000;
    const t = trueRow(d, Math.log10(eTrue));
    const counts = new Float64Array(29);
    for (let i = 0; i < n; i++) {
      const x = sampleLogEReco(d, eTrue, rng);
      let r = 0;
      while (x >= d.recoEdges[r + 1]) r++;
      counts[r]++;
    }
    for (let r = 0; r < 29; r++) {
      const p = d.prob[t * 29 + r];
      expect(Math.abs(counts[r] - n * p)).toBeLessThan(5 * Math.sqrt(n * p * (1 - p)) + 1);
    }
  });

  it('recoFraction integrates to 1 over the full range and splits a bin in proportion to its log width', () => {
    expect(recoFraction(d, 3e4, 0, 10)).toBeCloseTo(1, 12);
    const lo = d.recoEdges[10], hi = d.recoEdges[11], mid = 0.5 * (lo + hi);
    expect(recoFraction(d, 3e4, lo, mid)).toBeCloseTo(0.5 * recoFraction(d, 3e4, lo, hi), 12);
  });

  it('uses the first row below 501 GeV and the last above 5 PeV', () => {
    expect(trueRow(d, 2.2)).toBe(0);
    expect(trueRow(d, 7.5)).toBe(28);
  });
});
