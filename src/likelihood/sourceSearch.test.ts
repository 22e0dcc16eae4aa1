import { describe, expect, it } from 'vitest';
import { Rng } from '../stats/random.js';
import { Dataset } from './dataset.js';
import { EnergyRatioGrid, PAPER_ENERGY_BINNING } from './energyPdf.js';
import { SourceSearch } from './sourceSearch.js';
import { powerLawHistogram, syntheticEvents } from './synthetic.js';

const DEG = Math.PI / 180;
const GAMMAS = [1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.25, 3.5, 3.75, 4];

function setup(seed: number, nSig: number, nBg = 3000) {
  const rng = new Rng(seed);
  const src = { ra: 1.2, dec: -0.4 };
  const ev = syntheticEvents(rng, { nBackground: nBg, signal: [{ ...src, n: nSig, gamma: 2.2 }] });
  const ds = new Dataset(ev);
  const grid = new EnergyRatioGrid(PAPER_ENERGY_BINNING, GAMMAS, GAMMAS.map((g) => powerLawHistogram(PAPER_ENERGY_BINNING, g)), ds.bgEnergyHist);
  return { ds, grid, src };
}

/**
 * Independent maximum of TS(n_s, γ): a dense γ grid (step 0.02 on [1, 4]) and, at each γ, a golden-section
 * search in n_s over the domain 1 + n_s x_i/N > 0.
 */
function bruteForceTs(search: SourceSearch, n: number): number {
  let best = -Infinity;
  for (let g = 1; g <= 4.0001; g += 0.02) {
    const x = search.fillX(g);
    let xmin = 0;
    for (const v of x) xmin = Math.min(xmin, v);
    let a = 0;
    let b = Math.min(n, (-n / xmin) * (1 - 1e-9));
    const q = (Math.sqrt(5) - 1) / 2;
    for (let k = 0; k < 60; k++) {
      const c = b - q * (b - a);
      const d = a + q * (b - a);
      if (search.tsAt(c, g) > search.tsAt(d, g)) b = d;
      else a = c;
    }
    best = Math.max(best, search.tsAt(0.5 * (a + b), g));
  }
  return best;
}

describe('SourceSearch (point source, n_s and γ)', () => {
  const { ds, grid, src } = setup(11, 60);
  const search = new SourceSearch(ds, [src], grid);

  it('finds the injected source and agrees with a brute-force (n_s, γ) grid maximisation', () => {
    const fit = { ...search.fit() };
    expect(fit.ns).toBeGreaterThan(20);
    // independent: dense grid in γ, golden section in n_s at each γ via tsAt
    const best = bruteForceTs(search, ds.n);
    expect(fit.ts).toBeGreaterThanOrEqual(best - 1e-6);
    expect(fit.ts - best).toBeLessThan(1e-3);
    expect(fit.gamma).toBeGreaterThan(1.5);
    expect(fit.gamma).toBeLessThan(3.2);
  });

  it('RA scrambling changes only S: S̃/D̃ stays, and unscramble restores the observed TS', () => {
    const before = search.fit().ts;
    const st = Float64Array.from(search.sTildeOverD);
    search.scrambleRa(new Rng(3));
    expect(Array.from(search.sTildeOverD)).toEqual(Array.from(st));
    const scr = search.fit().ts;
    expect(scr).toBeLessThan(before);
    search.unscramble();
    expect(search.fit().ts).toBeCloseTo(before, 10);
  });

  it('68 % interval brackets n̂_s', () => {
    const f = { ...search.fit() };
    const [lo, hi] = search.nsInterval(f);
    expect(lo).toBeLessThan(f.ns);
    expect(hi).toBeGreaterThan(f.ns);
  });

  it('a 2-source stack with zero weight on the second equals the single-source search', () => {
    const one = { ...search.fit() };
    const two = new SourceSearch(ds, [{ ...src, weight: 1 }, { ra: 4, dec: 0.5, weight: 0 }], grid).fit();
    expect(two.ts).toBeCloseTo(one.ts, 8);
    expect(two.gamma).toBeCloseTo(one.gamma, 3);
  });

  it('an extension of 0 equals the point source, and a large extension lowers the TS of a point-like signal', () => {
    const ext = new SourceSearch(ds, [{ ...src, extension: 15 * DEG }], grid).fit();
    expect(ext.ts).toBeLessThan(search.fit().ts);
  });

  it('acceptance-weighted stacking uses W_k ∝ w_k·acc_k(γ)', () => {
    // acceptance that kills the true source: the stack reduces to the empty second position
    const acc = GAMMAS.map(() => Float64Array.from([1e-12, 1]));
    const s2 = new SourceSearch(ds, [src, { ra: 4, dec: 0.5 }], grid, { acceptance: acc }).fit();
    const only2 = new SourceSearch(ds, [{ ra: 4, dec: 0.5 }], grid).fit();
    expect(s2.ts).toBeCloseTo(only2.ts, 4);
  });

  it('the 2-D pass gives the analytic gradient and Hessian of TS(n_s, γ) (vs finite differences)', () => {
    const P = new Float64Array(6);
    const n0 = 40;
    const g0 = 2.3;
    search.pass2d(n0, g0, P);
    expect(P[0]).toBeCloseTo(search.tsAt(n0, g0), 9);
    const hn = 1e-3;
    const hg = 1e-4;
    const T = (n: number, g: number) => search.tsAt(n, g);
    expect(P[1]).toBeCloseTo((T(n0 + hn, g0) - T(n0 - hn, g0)) / (2 * hn), 5);
    expect(P[2]).toBeCloseTo((T(n0, g0 + hg) - T(n0, g0 - hg)) / (2 * hg), 4);
    expect(P[3]).toBeCloseTo((T(n0 + hn, g0) - 2 * T(n0, g0) + T(n0 - hn, g0)) / (hn * hn), 3);
    expect(P[4]).toBeCloseTo((T(n0 + hn, g0 + hg) - T(n0 + hn, g0 - hg) - T(n0 - hn, g0 + hg) + T(n0 - hn, g0 - hg)) / (4 * hn * hg), 3);
    expect(Math.abs(P[5] - (T(n0, g0 + hg) - 2 * T(n0, g0) + T(n0, g0 - hg)) / (hg * hg))).toBeLessThan(1e-3 * Math.abs(P[5]) + 1e-2);
  });

  it("the 2-D Newton fit is never below the robust Brent profile fit or a brute-force grid (150 background scrambles and the signal)", () => {
    const r = new Rng(77);
    const brute = () => Math.max(0, bruteForceTs(search, ds.n));
    let checkedBrute = 0;
    for (let k = 0; k < 151; k++) {
      if (k > 0) search.scrambleRa(r);
      const a = { ...search.fit() };
      const b = { ...search.fitBrent() };
      expect(a.ts).toBeGreaterThanOrEqual(b.ts - 1e-6 * Math.max(1, b.ts));
      if (a.ts - b.ts > 1e-3 * Math.max(1, b.ts)) {
        // they disagree: the larger must be the true maximum (up to the grid's resolution)
        checkedBrute++;
        expect(a.ts).toBeGreaterThanOrEqual(brute() - 1e-3);
      } else if (a.ts > 0.1) expect(Math.abs(a.gamma - b.gamma)).toBeLessThan(0.02);
    }
    expect(checkedBrute).toBeLessThan(10);
    search.unscramble();
  });
});
