import { describe, expect, it } from 'vitest';
import { Rng } from '../stats/random.js';
import type { SkyMap } from '../sky/types.js';
import { directSmoothing } from './directSmoothing.js';
import { cosAngDist } from './psf.js';
import { pixelPhi, pixelZ } from './ringLookup.js';
import { densityCells } from './templateLookup.js';
import { TemplateEventPdf, buildTemplateSpatial } from './templatePdf.js';

const DEG = Math.PI / 180;

/** a few blobs on nside 8 */
function blobs(centres = [[0.3, 0.2], [2, -0.9], [4.5, 1.2]]): SkyMap {
  const nside = 8;
  const z = pixelZ(nside), phi = pixelPhi(nside);
  const data = new Float64Array(z.length);
  for (let p = 0; p < z.length; p++)
    for (const [ra, dec] of centres) data[p] += Math.exp(-(1 - cosAngDist(phi[p], Math.asin(z[p]), ra, dec)) / (10 * DEG) ** 2);
  return { nside, ordering: 'RING', frame: 'equatorial', data };
}

describe('TemplateLookup (WebAssembly S, x and power sums)', () => {
  // one pixel per σ: maps at nside 8, 8, 4, 4 → pair runs (8-8, 4-4) and a cross run (8-4)
  const sigmas = Float64Array.from([3, 8, 20, 40].map((d) => d * DEG));
  const spatial = buildTemplateSpatial(blobs(), () => 1, sigmas, directSmoothing, 1);
  const rng = new Rng(12);
  const n = 3000;
  // σ from below the grid to above it, sorted as Dataset sorts events
  const sigma = Float64Array.from({ length: n }, () => (1 + 50 * rng.uniform()) * DEG).sort();
  const dec = Float64Array.from({ length: n }, (_, i) => (i % 50 === 0 ? (i % 100 === 0 ? 1 : -1) * (Math.PI / 2 - 1e-3 * rng.uniform()) : Math.asin(2 * rng.uniform() - 1)));
  const pdf = new TemplateEventPdf(spatial, dec, sigma);
  const sTilde = pdf.evalSTilde(Float64Array.from(dec, Math.sin), new Float64Array(n));
  const cx = Float64Array.from({ length: n }, () => 0.1 + 30 * rng.uniform());
  const xb = 2;
  const lk = pdf.lookup(sTilde, cx, xb);

  it('uses maps of two nsides (pair and cross runs)', () => {
    expect(Array.from(spatial.nsides)).toEqual([8, 8, 4, 4]);
    expect(lk).not.toBeNull();
  });

  it('gives the JS path’s S bit for bit and x = (S − S̃)·cx, for scrambled RAs and edge RAs (0, 2π, pixel centres, negative, large)', () => {
    const phi8 = pixelPhi(8);
    const ra = Float64Array.from({ length: n }, (_, i) => {
      const r = rng.uniform();
      if (i % 7 === 0) return 0;
      if (i % 7 === 1) return 2 * Math.PI;
      if (i % 7 === 2) return phi8[i % phi8.length];
      if (i % 7 === 3) return -10 * r;
      if (i % 7 === 4) return 1e4 * r;
      return 2 * Math.PI * r;
    });
    const sJs = pdf.evalS(ra, new Float64Array(n));
    const s = new Float64Array(n), x = new Float64Array(n);
    lk!.run(ra, s, x);
    let differ = 0;
    for (let i = 0; i < n; i++) {
      if (s[i] !== sJs[i]) differ++;
      expect(Math.abs(s[i] - sJs[i])).toBeLessThanOrEqual(1e-15 * sJs[i]);
      expect(x[i]).toBe((s[i] - sTilde[i]) * cx[i]);
    }
    // at exact pixel centres ⌊u⌋ may come out one lower with fraction 1: same value in all but rare last bits
    expect(differ).toBeLessThan(n / 100);
  });

  it('sums x^k (k = 1…8) over |x| ≤ xb and lists the other x exactly', () => {
    const ra = Float64Array.from({ length: n }, () => 2 * Math.PI * rng.uniform());
    const s = new Float64Array(n), x = new Float64Array(n);
    lk!.run(ra, s, x);
    const P = new Float64Array(8);
    const ex: number[] = [];
    for (const v of x) {
      if (Math.abs(v) <= xb) {
        let p = 1;
        for (let k = 0; k < 8; k++) P[k] += p *= v;
      } else ex.push(v);
    }
    expect(lk!.nExact).toBe(ex.length);
    expect(ex.length).toBeGreaterThan(100);
    expect(Array.from(lk!.exact.subarray(0, lk!.nExact))).toEqual(ex);
    for (let k = 0; k < 8; k++) expect(Math.abs(lk!.sums[k] - P[k])).toBeLessThanOrEqual(1e-12 * Math.abs(P[k]) + 1e-12);
  });

  it('runFrom another template’s lookup (same events and σ grid) gives what run() gives, and falls back to run() for other events', () => {
    const other = buildTemplateSpatial(blobs([[1, 0.5], [3, -0.3]]), () => 1, sigmas, directSmoothing, 1);
    const pdf2 = new TemplateEventPdf(other, dec, sigma);
    const st2 = pdf2.evalSTilde(Float64Array.from(dec, Math.sin), new Float64Array(n));
    const lk2 = pdf2.lookup(st2, cx, xb)!;
    const ra = Float64Array.from({ length: n }, () => 2 * Math.PI * rng.uniform());
    lk!.run(ra);
    lk2.runFrom(lk!);
    const shared = { s: Float64Array.from(lk2.s), x: Float64Array.from(lk2.x), sums: Float64Array.from(lk2.sums), ne: lk2.nExact };
    lk2.run(ra);
    expect(Array.from(shared.s)).toEqual(Array.from(lk2.s));
    expect(Array.from(shared.x)).toEqual(Array.from(lk2.x));
    expect(Array.from(shared.sums)).toEqual(Array.from(lk2.sums));
    expect(shared.ne).toBe(lk2.nExact);
    // different declinations: pass 1 differs, runFrom must not reuse it
    const dec3 = Float64Array.from(dec, (d) => -d);
    const pdf3 = new TemplateEventPdf(other, dec3, sigma);
    const lk3 = pdf3.lookup(pdf3.evalSTilde(Float64Array.from(dec3, Math.sin), new Float64Array(n)), cx, xb)!;
    lk3.runFrom(lk!);
    const viaFrom = Float64Array.from(lk3.s);
    lk3.run(ra);
    expect(Array.from(viaFrom)).toEqual(Array.from(lk3.s));
  });

  it('updatedBg gives x with another background, (S − S̃)·2π/D·R[bin] with D interpolated as evalSinDecDensity, and its power sums', () => {
    const nGrid = 40, nBins = 7;
    const sinDec = Float64Array.from(dec, Math.sin);
    const bin = Int32Array.from({ length: n }, () => Math.floor(nBins * rng.uniform()));
    const lkBg = pdf.lookup(sTilde, cx, xb, { ...densityCells(nGrid, sinDec), bin, nGrid, nBins })!;
    const ra = Float64Array.from({ length: n }, () => 2 * Math.PI * rng.uniform());
    lkBg.run(ra);
    const p = Float64Array.from({ length: nGrid }, () => 0.05 + rng.uniform());
    const R = Float64Array.from({ length: nBins }, () => 0.1 + 5 * rng.uniform());
    const u = lkBg.updatedBg(p, R);
    const P = new Float64Array(8);
    let ne = 0;
    for (let i = 0; i < n; i++) {
      // evalSinDecDensity's formula
      const t = (sinDec[i] + 1) / (2 / nGrid) - 0.5;
      const k = Math.floor(t), f = t - k;
      const D = t <= 0 ? p[0] : t >= nGrid - 1 ? p[nGrid - 1] : p[k] * (1 - f) + p[k + 1] * f;
      const want = (lkBg.s[i] - sTilde[i]) * ((2 * Math.PI) / D) * R[bin[i]];
      expect(u.x[i]).toBe(want);
      if (Math.abs(want) <= xb) {
        let q = 1;
        for (let j = 0; j < 8; j++) P[j] += q *= want;
      } else expect(u.exact[ne++]).toBe(want);
    }
    expect(u.nExact).toBe(ne);
    for (let j = 0; j < 8; j++) expect(Math.abs(u.sums[j] - P[j])).toBeLessThanOrEqual(1e-12 * Math.abs(P[j]) + 1e-12);
    // the scramble's own x is untouched
    expect(Array.from(lkBg.x)).toEqual(Array.from(lkBg.s, (v, i) => (v - sTilde[i]) * cx[i]));
  });
});
