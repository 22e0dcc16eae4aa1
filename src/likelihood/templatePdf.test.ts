import { describe, expect, it } from 'vitest';
import type { SkyMap } from '../sky/types.js';
import { directSmoothing } from './directSmoothing.js';
import { harmonicSmoother } from './harmonicSmoother.js';
import { cosAngDist, psPdf, raAveragedPsPdf } from './psf.js';
import { pixelPhi, pixelZ } from './ringLookup.js';
import { TemplateEventPdf, buildTemplateSpatial, defaultSigmaGrid } from './templatePdf.js';

const DEG = Math.PI / 180;
const nside = 16;
const npix = 12 * nside * nside;

function pointTemplate(p: number): SkyMap {
  const data = new Float64Array(npix);
  data[p] = 1;
  return { nside, ordering: 'RING', frame: 'equatorial', data };
}

describe('template spatial PDF', () => {
  const sigmas = Float64Array.from([6, 8, 12, 20].map((d) => d * DEG));
  const p0 = 1234;
  const z = pixelZ(nside);
  const phi = pixelPhi(nside);
  const decS = Math.asin(z[p0]);
  const raS = phi[p0];
  const spatial = buildTemplateSpatial(pointTemplate(p0), () => 1, sigmas, directSmoothing);

  it('for a point-like template equals the point-source PDF (σ on the grid; bilinear interpolation on nside-16 maps)', () => {
    const dec = Float64Array.from([decS + 3 * DEG, decS - 10 * DEG, decS + 25 * DEG, decS + 0.5 * DEG]);
    const ra = Float64Array.from([raS + 2 * DEG, raS - 4 * DEG, raS + 30 * DEG, raS + 1 * DEG]);
    for (const s of [sigmas[2], sigmas[3]]) {
      const ev = new TemplateEventPdf(spatial, dec, new Float64Array(4).fill(s));
      const S = ev.evalS(ra, new Float64Array(4));
      for (let i = 0; i < 4; i++) {
        const ref = psPdf(cosAngDist(ra[i], dec[i], raS, decS), s);
        // bilinear interpolation error bound (pixel/σ)²/4 of the peak value, pixel = √(π/3)/nside = 3.66°
        const pix = Math.sqrt(Math.PI / 3) / nside;
        expect(Math.abs(S[i] - ref)).toBeLessThan(((pix / s) ** 2 / 4) * psPdf(1, s));
      }
    }
  });

  it('RA-averaged template PDF S̃ equals the RA-averaged point-source PDF (ring-mean interpolation)', () => {
    const dec = Float64Array.from([decS, decS + 5 * DEG, decS - 15 * DEG]);
    const ev = new TemplateEventPdf(spatial, dec, new Float64Array(3).fill(sigmas[2]));
    const St = ev.evalSTilde(Float64Array.from(dec, Math.sin), new Float64Array(3));
    for (let i = 0; i < 3; i++) {
      const ref = raAveragedPsPdf(Math.sin(dec[i]), Math.cos(dec[i]), Math.sin(decS), Math.cos(decS), sigmas[2]);
      expect(Math.abs(St[i] / ref - 1)).toBeLessThan(1e-2);
    }
  });

  it('per-event S integrates to 1 over the sphere (quadrature in RA × sin δ), also between grid σ', () => {
    for (const s of [sigmas[0], 10 * DEG]) {
      const nRa = 360;
      const nZ = 360;
      const dec = new Float64Array(nRa * nZ);
      const ra = new Float64Array(nRa * nZ);
      for (let a = 0; a < nRa; a++)
        for (let b = 0; b < nZ; b++) {
          ra[a * nZ + b] = ((a + 0.5) * 2 * Math.PI) / nRa;
          dec[a * nZ + b] = Math.asin(-1 + ((b + 0.5) * 2) / nZ);
        }
      const ev = new TemplateEventPdf(spatial, dec, new Float64Array(dec.length).fill(s));
      const S = ev.evalS(ra, new Float64Array(dec.length));
      let I = 0;
      for (const v of S) I += v;
      expect(I * ((2 * Math.PI) / nRa) * (2 / nZ)).toBeCloseTo(1, 2);
    }
  });

  it('interpolating between σ grid maps stays within 3 % of direct smoothing at the midpoint (×1.1 grid)', () => {
    const grid = Float64Array.from([10 * DEG, 11 * DEG]);
    const mid = 10.5 * DEG;
    const sp = buildTemplateSpatial(pointTemplate(p0), () => 1, grid, directSmoothing);
    const direct = buildTemplateSpatial(pointTemplate(p0), () => 1, Float64Array.from([mid]), directSmoothing);
    const dec = Float64Array.from([decS, decS + 8 * DEG, decS - 20 * DEG]);
    const ra = Float64Array.from([raS, raS + 5 * DEG, raS]);
    const a = new TemplateEventPdf(sp, dec, new Float64Array(3).fill(mid)).evalS(ra, new Float64Array(3));
    const b = new TemplateEventPdf(direct, dec, new Float64Array(3).fill(mid)).evalS(ra, new Float64Array(3));
    for (let i = 0; i < 3; i++) expect(Math.abs(a[i] / b[i] - 1)).toBeLessThan(0.03);
  });

  it('multiplies the template by the acceptance before normalising', () => {
    const data = new Float64Array(npix).fill(1);
    const sp = buildTemplateSpatial({ nside, ordering: 'RING', frame: 'equatorial', data }, (s) => 1 + s, Float64Array.from([1 * DEG]), (m) => [m]);
    // ∫ (1 + sin δ) dΩ = 4π  → PDF = (1 + z)/4π
    for (const p of [0, 1000, npix - 1]) expect(sp.signalMap[p]).toBeCloseTo((1 + z[p]) / (4 * Math.PI), 10);
  });

  it('default σ grid starts at 0.5°, grows by 10 % and covers the largest σ', () => {
    const g = defaultSigmaGrid(40 * DEG);
    expect(g[0]).toBeCloseTo(0.5 * DEG, 14);
    expect(g[1] / g[0]).toBeCloseTo(1.1, 12);
    expect(g[g.length - 1]).toBeGreaterThanOrEqual(40 * DEG);
    expect(g[g.length - 2]).toBeLessThan(40 * DEG);
  });

  it('rejects NESTED or galactic templates with a typed error', () => {
    expect(() => buildTemplateSpatial({ ...pointTemplate(0), ordering: 'NESTED' }, () => 1, sigmas, directSmoothing)).toThrow('ordering must be RING, found NESTED');
  });

  it('with harmonic smoothing (event-PDF window, nside 32) a point-like template gives the point-source PDF, Gaussian and vMF branches', () => {
    const ns = 32;
    const np = 12 * ns * ns;
    const zz = pixelZ(ns);
    const ph = pixelPhi(ns);
    const q = 6 * ns * ns + 17;
    const data = new Float64Array(np);
    data[q] = 1;
    const grid = Float64Array.from([5, 10, 30].map((d) => d * DEG));
    const sp = buildTemplateSpatial({ nside: ns, ordering: 'RING', frame: 'equatorial', data }, () => 1, grid, harmonicSmoother(), 1e9);
    const dq = Math.asin(zz[q]);
    for (const s of grid) {
      const dec = Float64Array.from([0, 0.5, 1, 2].map((k) => dq + k * s));
      const ra = new Float64Array(4).fill(ph[q]);
      const S = new TemplateEventPdf(sp, dec, new Float64Array(4).fill(s)).evalS(ra, new Float64Array(4));
      for (let i = 0; i < 4; i++) {
        const ref = psPdf(cosAngDist(ra[i], dec[i], ph[q], dq), s);
        // a one-pixel template is a point only to a pixel (1.8°): allow (pixel/σ)²/4 of the peak
        const pix = Math.sqrt(Math.PI / 3) / ns;
        expect(Math.abs(S[i] - ref)).toBeLessThan(((pix / s) ** 2 / 4) * psPdf(1, s));
      }
    }
  });
});
