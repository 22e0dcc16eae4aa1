import { describe, expect, it } from 'vitest';
import { Rng } from '../stats/random.js';
import { syntheticEvents, powerLawHistogram } from '../likelihood/synthetic.js';
import { Dataset } from '../likelihood/dataset.js';
import { EnergyRatioGrid, PAPER_ENERGY_BINNING } from '../likelihood/energyPdf.js';
import { SourceSearch } from '../likelihood/sourceSearch.js';
import { DEFAULT_GAMMAS, scanDataFromDataset } from './data.js';
import { PointFitter } from './pointFit.js';
import { allSkyScan } from './scan.js';
import { ringInfo } from '../likelihood/ringLookup.js';

const SRC = { ra: 1.0, dec: 0.3 };

function setup(nBg: number, nSig: number, seed = 1) {
  const ev = syntheticEvents(new Rng(seed), { nBackground: nBg, signal: [{ ...SRC, n: nSig, gamma: 2.5 }] });
  const ds = new Dataset(ev);
  const g = Array.from(DEFAULT_GAMMAS);
  const energy = new EnergyRatioGrid(PAPER_ENERGY_BINNING, g, g.map((x) => powerLawHistogram(PAPER_ENERGY_BINNING, x)), ds.bgEnergyHist);
  return { ds, energy };
}

describe('point fitter', () => {
  const { ds, energy } = setup(3000, 40);

  it('with every event exact and no reach cut it reproduces the likelihood package\'s SourceSearch profile TS(γ)', () => {
    const f = new PointFitter(scanDataFromDataset(ds, energy, { kSigma: 100 }));
    f.bigB = 0;
    const ss = new SourceSearch(ds, [SRC], energy);
    for (const [ra, dec] of [[SRC.ra, SRC.dec], [3, -0.7], [5.5, 1.2]]) {
      f.fitAt(ra, dec, { ts: 0, ns: 0, gamma: 0 });
      const ref = new SourceSearch(ds, [{ ra, dec }], energy);
      const prof = f.gridProfile();
      DEFAULT_GAMMAS.forEach((g, j) => {
        const r = ref.profile(g);
        expect(Math.abs(prof.ts[j] - r.ts)).toBeLessThan(1e-6 * Math.max(1, r.ts));
        expect(Math.abs(prof.ns[j] - r.ns)).toBeLessThan(1e-4 * Math.max(1, r.ns));
      });
    }
    expect(ss.fit().ts).toBeGreaterThan(10);
  });

  it('the fast defaults (5σ reach, series for small terms) agree with the exact fit within 0.02 in TS', () => {
    const exact = new PointFitter(scanDataFromDataset(ds, energy, { kSigma: 100 }));
    exact.bigB = 0;
    const fast = new PointFitter(scanDataFromDataset(ds, energy));
    const a = { ts: 0, ns: 0, gamma: 0 }, b = { ts: 0, ns: 0, gamma: 0 };
    const rng = new Rng(3);
    for (let k = 0; k < 12; k++) {
      const ra = k === 0 ? SRC.ra : 2 * Math.PI * rng.uniform();
      const dec = k === 0 ? SRC.dec : Math.asin(2 * rng.uniform() - 1);
      exact.fitAt(ra, dec, a);
      fast.fitAt(ra, dec, b);
      expect(Math.abs(a.ts - b.ts)).toBeLessThan(0.02);
      if (a.ts > 1) expect(Math.abs(a.gamma - b.gamma)).toBeLessThan(0.05);
    }
  });
});

describe('all-sky scan', () => {
  it('finds an injected source as the hottest pixel, identically with 1 and 2 workers', async () => {
    const { ds, energy } = setup(2000, 40, 5);
    const data = scanDataFromDataset(ds, energy);
    const one = await allSkyScan(data, { nside: 8, workers: 1 });
    const two = await allSkyScan(data, { nside: 8, workers: 2 });
    expect(Array.from(two.ts)).toEqual(Array.from(one.ts));
    let best = -1;
    for (let p = 0; p < one.ts.length; p++) if (one.ts[p] > -1e30 && (best < 0 || one.ts[p] > one.ts[best])) best = p;
    // pixel centre → direction
    let r = 1;
    while (!(best >= ringInfo(8, r).start && best < ringInfo(8, r).start + ringInfo(8, r).count)) r++;
    const dec = Math.asin(ringInfo(8, r).z);
    expect(Math.abs(dec - SRC.dec)).toBeLessThan(0.15);
    // pixels outside [−80°, 80°] are UNSEEN
    expect(one.ts[0]).toBeLessThan(-1e30);
    expect(one.nPixels).toBeGreaterThan(700);
  });
});

describe('scan trials', () => {
  it('scrambled background scans give one smallest p per hemisphere and are reproducible', async () => {
    const { scanTrials, DecBackground } = await import('./significance.js');
    const { TsDistribution } = await import('../stats/tsDistribution.js');
    const { ds, energy } = setup(800, 0, 9);
    const data = scanDataFromDataset(ds, energy);
    const flat = new TsDistribution(Float64Array.from({ length: 200 }, (_, i) => i / 20));
    const bg = new DecBackground(Float64Array.from([0]), [flat]);
    const a = await scanTrials(data, bg, { nside: 4, trials: 2, seed: 3, workers: 1 });
    const b = await scanTrials(data, bg, { nside: 4, trials: 2, seed: 3, workers: 1 });
    expect(Array.from(a.north)).toEqual(Array.from(b.north));
    for (const p of [...a.north, ...a.south]) { expect(p).toBeGreaterThan(0); expect(p).toBeLessThanOrEqual(1); }
    // the original data are untouched
    expect(Array.from(data.ra.subarray(0, 5))).toEqual(Array.from(scanDataFromDataset(ds, energy).ra.subarray(0, 5)));
  });
});
