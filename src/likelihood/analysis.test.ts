import { describe, expect, it } from 'vitest';
import { loadDnnCascadeIrf } from '../irf/irf.js';
import { Rng } from '../stats/random.js';
import { builtinTemplate } from '../templates/builtin.js';
import { buildSourceAnalysis, buildTemplateAnalysis, templateFluxConversion, unitPowerLaw } from './analysis.js';
import { Dataset } from './dataset.js';
import { directSmoothing } from './directSmoothing.js';
import { syntheticEvents } from './synthetic.js';
import { pointSourceAcceptance } from '../irf/expectation.js';

describe('flux ↔ n_s with the DNN-cascade IRF', () => {
  const irf = loadDnnCascadeIrf();

  it('π0: n_s = 671.1 (bias-corrected, Table 1) ↔ 21.8e-12 TeV cm⁻² s⁻¹ within 1 %', () => {
    // physics.md §2.1/§3.1: 671.1 ↔ 21.8 × 10⁻¹² (E²dN/dE at 100 TeV, per flavour, all-sky)
    const { perEvent } = templateFluxConversion(irf, builtinTemplate('pi0'), undefined, 2.7);
    expect(Math.abs((671.1 * perEvent) / 21.8e-12 - 1)).toBeLessThan(0.01);
  });

  it('point source: n_s ↔ flux inverts pointSourceAcceptance for a unit E^-γ flux', () => {
    const ds = new Dataset(syntheticEvents(new Rng(1), { nBackground: 400 }));
    const a = buildSourceAnalysis(ds, irf, [{ ra: 1, dec: -0.5 }]);
    const acc = pointSourceAcceptance(irf, unitPowerLaw(2.3), Math.sin(-0.5));
    expect(a.nsToFlux(acc, 2.3)).toBeCloseTo(1, 10);
    // stacking with equal weights: total flux split equally
    const b = buildSourceAnalysis(ds, irf, [{ ra: 1, dec: -0.5 }, { ra: 2, dec: 0.5 }]);
    const acc2 = pointSourceAcceptance(irf, unitPowerLaw(2.3), Math.sin(0.5));
    expect(b.nsToFlux(0.5 * acc + 0.5 * acc2, 2.3)).toBeCloseTo(1, 10);
  });

  it('builds a template search end to end (π0 at nside 16, direct smoothing) that fits a finite n_s', () => {
    const ds = new Dataset(syntheticEvents(new Rng(2), { nBackground: 800 }));
    const a = buildTemplateAnalysis(ds, irf, builtinTemplate('pi0'), {
      nside: 16,
      sigmas: Float64Array.from([5, 10, 20, 40, 80].map((d) => (d * Math.PI) / 180)),
      smoother: directSmoothing,
    });
    const f = a.search.fit();
    expect(Number.isFinite(f.ts)).toBe(true);
    expect(f.ts).toBeGreaterThanOrEqual(0);
    expect(a.gamma).toBe(2.7);
    expect(a.nsToFlux(671.1)).toBeGreaterThan(0);
  });
});
