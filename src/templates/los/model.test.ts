import { describe, expect, it } from 'vitest';
import { PI0_MODEL, energyBins, kraModel, resolveModel } from './model.js';
import { crRadialProfile, protonTable, sourceDistribution } from './cosmic-rays.js';

describe('LOS model description', () => {
  it('merges a partial JSON model onto the π0-like defaults', () => {
    const m = resolveModel({ name: 'x', spectrum: { index: 2.5 }, energies: { nBins: 10 } });
    expect(m.spectrum.index).toBe(2.5);
    expect(m.spectrum.localNorm).toBe(PI0_MODEL.spectrum.localNorm);
    expect(m.energies).toEqual({ minGeV: 10, maxGeV: 1e8, nBins: 10 });
  });

  it('rejects bad fields with their name, expectation and value', () => {
    expect(() => resolveModel({ rSunKpc: -1 }, 'm.json')).toThrow('m.json: field rSunKpc: expected a positive number, found -1');
    expect(() => resolveModel({ spectrum: { cutoffGeV: 'big' } }, 'm.json')).toThrow(/spectrum.cutoffGeV/);
    expect(() => resolveModel(3, 'm.json')).toThrow(/JSON object/);
  });

  it('has log energy bins with centres at the geometric means of the edges', () => {
    const { edges, centres } = energyBins(PI0_MODEL);
    expect(edges[0]).toBeCloseTo(10, 10);
    expect(edges[30] / 1e8).toBeCloseTo(1, 10);
    expect(centres[4]).toBeCloseTo(Math.sqrt(edges[4] * edges[5]), 8);
  });
});

describe('cosmic-ray model', () => {
  it('the CR density equals the local measured one at the Sun and follows Case & Bhattacharya without smoothing', () => {
    const m = { ...PI0_MODEL, cr: { ...PI0_MODEL.cr, smoothKpc: 0 } };
    const r = Float64Array.from([4, 8.5, 12]);
    const g = crRadialProfile(r, m);
    expect(g[1]).toBeCloseTo(1, 12);
    expect(g[0]).toBeCloseTo((4 / 8.5) ** 2 * Math.exp((-3.53 * (4 - 8.5)) / 8.5), 12);
    expect(sourceDistribution(0, m)).toBe(0);
    expect(crRadialProfile(Float64Array.from([8.5]), PI0_MODEL)[0]).toBeCloseTo(1, 12);
  });

  it('the local proton intensity is the PDG one (0.79 × 1.8 E^−2.7 GeV⁻¹ cm⁻² s⁻¹ sr⁻¹) and harder inside for KRA', () => {
    const e = Float64Array.from([100, 1e5]);
    const r = Float64Array.from([3, 8.5]);
    const p = protonTable(r, e, PI0_MODEL);
    expect(p[2] / (1.422 * Math.pow(100, -2.7))).toBeCloseTo(1, 10);
    const k = protonTable(r, e, kraModel(50));
    const innerIndex = -Math.log(k[1] / k[0]) / Math.log(1000);
    expect(innerIndex).toBeCloseTo(2.7 + 0.055 * (3 - 8.5), 2);
  });
});
