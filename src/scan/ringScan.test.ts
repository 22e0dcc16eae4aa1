import { describe, expect, it } from 'vitest';
import { Rng } from '../stats/random.js';
import { syntheticEvents, powerLawHistogram } from '../likelihood/synthetic.js';
import { Dataset } from '../likelihood/dataset.js';
import { EnergyRatioGrid, PAPER_ENERGY_BINNING } from '../likelihood/energyPdf.js';
import { ringInfo } from '../likelihood/ringLookup.js';
import { DEFAULT_GAMMAS, scanDataFromDataset } from './data.js';
import { PointFitter } from './pointFit.js';
import { RingScanner, ringPhi, ringShift, type RingRows } from './ringScan.js';

function setup(nBg: number, seed: number) {
  const ev = syntheticEvents(new Rng(seed), { nBackground: nBg, signal: [{ ra: 1, dec: 0.3, n: 40, gamma: 2.5 }, { ra: 4, dec: -1.1, n: 15, gamma: 2 }] });
  const ds = new Dataset(ev);
  const g = Array.from(DEFAULT_GAMMAS);
  const energy = new EnergyRatioGrid(PAPER_ENERGY_BINNING, g, g.map((x) => powerLawHistogram(PAPER_ENERGY_BINNING, x)), ds.bgEnergyHist);
  return { ds, energy };
}

const rows = (n: number): RingRows => ({ pix: new Int32Array(n), ts: new Float64Array(n), ns: new Float64Array(n), gamma: new Float64Array(n) });

describe('ring scanner', () => {
  const { ds, energy } = setup(3000, 5);
  const nside = 8;

  it('gives every pixel of a ring the fit of PointFitter.fitAt (within 1e-3 in TS) and of the exact all-event fit (within 0.02)', () => {
    const scanner = new RingScanner(new PointFitter(scanDataFromDataset(ds, energy)));
    const perPixel = new PointFitter(scanDataFromDataset(ds, energy));
    const exact = new PointFitter(scanDataFromDataset(ds, energy, { kSigma: 100 }));
    exact.bigB = 0;
    const a = { ts: 0, ns: 0, gamma: 0 }, e = { ts: 0, ns: 0, gamma: 0 };
    let worstFitAt = 0, worstExact = 0, maxTs = 0, n = 0;
    for (let r = 2; r < 4 * nside - 1; r += 3) {
      const { count, z, start } = ringInfo(nside, r);
      const out = rows(count);
      scanner.scanRing(nside, r, out, 0);
      for (let j = 0; j < count; j++) {
        const ra = ringPhi(j, ringShift(nside, r), count);
        perPixel.fitAt(ra, Math.asin(z), a);
        exact.fitAt(ra, Math.asin(z), e);
        expect(out.pix[j]).toBe(start + j);
        worstFitAt = Math.max(worstFitAt, Math.abs(out.ts[j] - a.ts));
        worstExact = Math.max(worstExact, Math.abs(out.ts[j] - e.ts));
        if (e.ts > 1) expect(Math.abs(out.gamma[j] - e.gamma)).toBeLessThan(0.05);
        maxTs = Math.max(maxTs, e.ts);
        n++;
      }
    }
    expect(n).toBeGreaterThan(200);
    expect(maxTs).toBeGreaterThan(15); // the injected source is among the pixels
    expect(worstFitAt).toBeLessThan(1e-3);
    expect(worstExact).toBeLessThan(0.02);
    expect(scanner.fitter.exactRefits).toBeGreaterThan(0); // strong spots took the all-exact path
  });

  it('gives TS = 0 exactly where the fit of the same events has n̂_s = 0 at every γ, and only there', () => {
    const scanner = new RingScanner(new PointFitter(scanDataFromDataset(ds, energy)));
    const perPixel = new PointFitter(scanDataFromDataset(ds, energy));
    const a = { ts: 0, ns: 0, gamma: 0 };
    let zeros = 0;
    for (const r of [5, 16, 27]) {
      const { count, z } = ringInfo(nside, r);
      const out = rows(count);
      scanner.scanRing(nside, r, out, 0);
      for (let j = 0; j < count; j++) {
        perPixel.fitAt(ringPhi(j, ringShift(nside, r), count), Math.asin(z), a);
        expect(out.ts[j] === 0).toBe(a.ts === 0);
        if (a.ts === 0) { zeros++; expect(out.ns[j]).toBe(0); }
      }
    }
    expect(zeros).toBeGreaterThan(0);
  });

  it('the WebAssembly loop gives bit-identical maps to the JS loop', () => {
    const wasm = new RingScanner(new PointFitter(scanDataFromDataset(ds, energy)));
    const js = new RingScanner(new PointFitter(scanDataFromDataset(ds, energy)), { wasm: false });
    expect(js.usesWasm).toBe(false);
    if (!wasm.usesWasm) console.warn('WebAssembly unavailable: only the JS loop was tested');
    // nside 2 first: thousands of candidates per 8-pixel ring overflow the initial candidate buffer (grown mid-ring)
    const perPixel = new PointFitter(scanDataFromDataset(ds, energy));
    const e = { ts: 0, ns: 0, gamma: 0 };
    for (const [ns, r] of [[2, 3], [2, 4], [nside, 3], [nside, 12], [nside, 16], [nside, 25]]) {
      const { count, z } = ringInfo(ns, r);
      const a = rows(count), b = rows(count);
      wasm.scanRing(ns, r, a, 0);
      js.scanRing(ns, r, b, 0);
      expect(Array.from(a.ts)).toEqual(Array.from(b.ts));
      expect(Array.from(a.ns)).toEqual(Array.from(b.ns));
      expect(Array.from(a.gamma)).toEqual(Array.from(b.gamma));
      for (let j = 0; j < count; j++) {
        perPixel.fitAt(ringPhi(j, ringShift(ns, r), count), Math.asin(z), e);
        expect(Math.abs(a.ts[j] - e.ts)).toBeLessThan(1e-3);
      }
    }
  });
});
