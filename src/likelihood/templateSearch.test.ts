import { describe, expect, it } from 'vitest';
import { Rng } from '../stats/random.js';
import type { SkyMap } from '../sky/types.js';
import { tsContributionMap } from './contributions.js';
import { Dataset } from './dataset.js';
import { directSmoothing } from './directSmoothing.js';
import { PAPER_ENERGY_BINNING, energyRatio } from './energyPdf.js';
import { tsAt } from './fitNs.js';
import { cosAngDist } from './psf.js';
import { pixelPhi, pixelZ } from './ringLookup.js';
import { powerLawHistogram, syntheticEvents } from './synthetic.js';
import { useTemplateWasm } from './templateLookup.js';
import { fitNs, newNsFit } from './fitNs.js';
import { TemplateSearch } from './templateSearch.js';
import { buildTemplateSpatial } from './templatePdf.js';

const DEG = Math.PI / 180;

/**
 * Blobs (σ 8°) at RA 0…5 rad, δ = −0.52 on nside 8. (A template that depends on δ only would
 * be invisible to the signal-subtracted likelihood: S = S̃.)
 */
function blobTemplate(): SkyMap {
  const nside = 8;
  const z = pixelZ(nside);
  const phi = pixelPhi(nside);
  const data = new Float64Array(z.length);
  for (let p = 0; p < z.length; p++)
    for (let k = 0; k < 6; k++) data[p] += Math.exp(-(1 - cosAngDist(phi[p], Math.asin(z[p]), k, -0.52)) / (8 * DEG) ** 2);
  return { nside, ordering: 'RING', frame: 'equatorial', data };
}

describe('TemplateSearch', () => {
  const rng = new Rng(21);
  const ev = syntheticEvents(rng, { nBackground: 4000, signal: [0, 1, 2, 3, 4, 5].map((k) => ({ ra: k, dec: -0.52, n: 25, gamma: 2.5 })) });
  const ds = new Dataset(ev);
  const sigmas = Float64Array.from([2, 5, 10, 20, 40, 70].map((d) => d * DEG));
  const spatial = buildTemplateSpatial(blobTemplate(), () => 1, sigmas, directSmoothing);
  const ratio = energyRatio(PAPER_ENERGY_BINNING, powerLawHistogram(PAPER_ENERGY_BINNING, 2.5), ds.bgEnergyHist);
  const search = new TemplateSearch(ds, spatial, ratio, 'blobs');

  it('n̂_s and TS agree with golden-section maximisation of the same likelihood', () => {
    const fit = { ...search.fit() };
    expect(fit.ns).toBeGreaterThan(10);
    let a = 0;
    let b = 2000;
    const r = (Math.sqrt(5) - 1) / 2;
    for (let k = 0; k < 100; k++) {
      const c = b - r * (b - a);
      const d = a + r * (b - a);
      if (tsAt(search.x, ds.n, ds.n, c) > tsAt(search.x, ds.n, ds.n, d)) b = d;
      else a = c;
    }
    expect(fit.ns).toBeCloseTo(0.5 * (a + b), 4);
    expect(fit.ts).toBeCloseTo(tsAt(search.x, ds.n, ds.n, 0.5 * (a + b)), 8);
  });

  it('x_i = (S_i − S̃_i)/D̃_i · R_i, the release notebook’s per-event form', () => {
    const c = search.contributions();
    for (const i of [0, 17, 4100])
      expect(search.x[i]).toBeCloseTo((c.sobSpace[i] - c.sobSpaceSS[i]) * c.sobEnergy[i], 12);
  });

  it('RA scrambles change S but not S̃ or the energy term; unscramble restores the fit', () => {
    const obs = search.fit().ts;
    const st = Float64Array.from(search.sTilde);
    const er = Float64Array.from(search.eRatio);
    search.scrambleRa(new Rng(5));
    expect(Array.from(search.sTilde)).toEqual(Array.from(st));
    expect(Array.from(search.eRatio)).toEqual(Array.from(er));
    search.unscramble();
    expect(search.fit().ts).toBeCloseTo(obs, 12);
  });

  it('scrambled S averages to S̃ over many scrambles (S̃ is the RA average)', () => {
    const acc = new Float64Array(ds.n);
    const R = 400;
    const r2 = new Rng(9);
    for (let k = 0; k < R; k++) {
      search.scrambleRa(r2);
      for (let i = 0; i < ds.n; i++) acc[i] += search.s[i] / R;
    }
    search.unscramble();
    let rel = 0;
    let m = 0;
    for (let i = 0; i < ds.n; i++) {
      rel += acc[i] - search.sTilde[i];
      m += search.sTilde[i];
    }
    expect(Math.abs(rel / m)).toBeLessThan(0.01);
  });

  it('the per-pixel TS-contribution map sums (× Ω_pix) to the TS', () => {
    const f = search.fit();
    const map = tsContributionMap(ds.events.ra, ds.events.dec, search.x, f.ns, ds.n, 16);
    let s = 0;
    for (const v of map.data) s += (v * 4 * Math.PI) / map.data.length;
    expect(s).toBeCloseTo(f.ts, 8);
  });

  it('the background-trial fit reports n̂_s = 0, TS = 0 when the slope at 0 is negative', () => {
    const r3 = new Rng(1);
    let zeros = 0;
    for (let k = 0; k < 40; k++) {
      search.scrambleRa(r3);
      const f = search.fit();
      if (f.ns === 0) {
        expect(f.ts).toBe(0);
        zeros++;
      } else expect(f.ts).toBeGreaterThan(0);
    }
    search.unscramble();
    expect(zeros).toBeGreaterThan(0);
  });

  it('the WebAssembly path (S, x, power-sum fit) and the JavaScript path give the same x, TS and n̂_s on 30 scrambles', () => {
    useTemplateWasm(false);
    const js = new TemplateSearch(ds, spatial, ratio, 'blobs-js');
    useTemplateWasm(true);
    const ra = new Rng(33);
    const ref = newNsFit();
    let positive = 0;
    for (let k = 0; k < 30; k++) {
      search.scrambleRa(ra);
      js.ra.set(search.ra);
      js.updateS();
      let worst = 0;
      for (let i = 0; i < ds.n; i++) worst = Math.max(worst, Math.abs(search.x[i] - js.x[i]) - 1e-15 * Math.abs(js.x[i]));
      expect(worst).toBeLessThanOrEqual(0);
      const f = search.fit();
      const g = js.fit();
      fitNs(js.x, ds.n, ds.n, ref);
      expect(g).toEqual(ref);
      expect(Math.abs(f.ts - g.ts)).toBeLessThanOrEqual(1e-9 * Math.max(1, g.ts));
      expect(Math.abs(f.ns - g.ns)).toBeLessThanOrEqual(1e-9 * Math.max(1, g.ns));
      if (g.ns > 0) positive++;
    }
    search.unscramble();
    expect(positive).toBeGreaterThan(5);
  });
});
