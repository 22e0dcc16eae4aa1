import { describe, expect, it } from 'vitest';
import { smoothing, smoothingGrid, anafast, alm2cl, map2alm, gaussBeam } from './index.js';
import { hashMap, loadBin, relErr } from '../../../test/fixtures/sht/load.js';
import { ringPairs } from './geometry.js';
import { UNSEEN } from '../types.js';

const DEG = Math.PI / 180;

describe('smoothing against healpy 1.16', () => {
  for (const nside of [8, 32, 128]) {
    it(`smoothing(sigma=5°) at nside ${nside} matches healpy.smoothing to ≤ 1e-10`, () => {
      const stride = nside === 128 ? 3 : 1;
      expect(relErr(smoothing(hashMap(nside), { sigma: 5 * DEG }), loadBin(`smoothing_n${nside}_sigma5deg`), stride)).toBeLessThan(1e-10);
    });
  }
  it('smoothing(fwhm=20°, lmax=40) at nside 32 matches healpy', () => {
    expect(relErr(smoothing(hashMap(32), { fwhm: 20 * DEG, lmax: 40 }), loadBin('smoothing_n32_fwhm20deg_lmax40'))).toBeLessThan(1e-10);
  });
  it('smoothing(sigma=2°) at nside 256 matches healpy (every 16th pixel stored)', () => {
    expect(relErr(smoothing(hashMap(256), { sigma: 2 * DEG }), loadBin('smoothing_n256_sigma2deg'), 16)).toBeLessThan(1e-10);
  });
  it('smoothingGrid gives exactly smoothing(map, {sigma}) for each σ, from one map2alm', () => {
    const m = hashMap(32);
    const sig = [1 * DEG, 5 * DEG, 40 * DEG];
    const grid = smoothingGrid(m, { sigmas: sig });
    sig.forEach((s, k) => expect(relErr(grid[k], smoothing(m, { sigma: s }))).toBe(0));
    expect(relErr(grid[1], loadBin('smoothing_n32_sigma5deg'))).toBeLessThan(1e-10);
  });
  it('anafast at nside 32 matches healpy.anafast', () => {
    expect(relErr(anafast(hashMap(32)), loadBin('anafast_n32'))).toBeLessThan(1e-10);
  });
  it('gaussBeam(fwhm) is exp(−l(l+1)σ²/2) with σ = fwhm/√(8 ln 2)', () => {
    const b = gaussBeam(0.1, 10), s = 0.1 / Math.sqrt(8 * Math.log(2));
    expect(b[10]).toBeCloseTo(Math.exp(-55 * s * s), 15);
  });
  it('UNSEEN pixels stay UNSEEN and count as zero, as in healpy', () => {
    const m = hashMap(8); m[5] = UNSEEN;
    const z = hashMap(8); z[5] = 0;
    const a = smoothing(m, { sigma: 5 * DEG }), b = smoothing(z, { sigma: 5 * DEG });
    expect(a[5]).toBe(UNSEEN);
    a[5] = b[5];
    expect(relErr(a, b)).toBeLessThan(1e-15);
  });
});

/** Legendre series Σ (2l+1)/(4π) b_l P_l(x). */
function beamSum(b: Float64Array, x: number): number {
  let p0 = 1, p1 = x, s = b[0] + 3 * b[1] * x;
  for (let l = 2; l < b.length; l++) {
    const p2 = ((2 * l - 1) * x * p1 - (l - 1) * p0) / l;
    s += (2 * l + 1) * b[l] * p2;
    p0 = p1; p1 = p2;
  }
  return s / (4 * Math.PI);
}

describe('smoothing a single bright pixel gives the Gaussian beam', () => {
  const nside = 64, lmax = 3 * nside - 1, npix = 12 * nside * nside, omega = (4 * Math.PI) / npix;
  const g = ringPairs(nside);
  // the first pixel of ring 40 (northern cap-free belt): θ, φ known from the ring geometry
  const p = 39, pix = g.startN[p];
  const z0 = g.cth[p], s0 = g.sth[p], phi0 = g.phi0[p];
  const sigma = 3 * DEG;
  const map = new Float64Array(npix); map[pix] = 1;
  const out = smoothing(map, { sigma });
  const exact = smoothing(map, { sigma, iter: 0 });
  const b = gaussBeam(sigma * Math.sqrt(8 * Math.log(2)), lmax);

  it('with iter=0 equals the Legendre-series beam Σ_l≤lmax (2l+1)/(4π) b_l P_l(cos γ) Ω_pix to 1e-10 of the peak', () => {
    // plain quadrature gives a_lm = Ω Y*_lm(p) exactly for a one-pixel map, so this is exact up to rounding
    let maxErr = 0, peak = 0;
    for (let q = 0; q < g.npairs; q++) {
      const n = g.nphi[q];
      for (let j = 0; j < n; j++) {
        const phi = g.phi0[q] + (2 * Math.PI * j) / n;
        const cosg = z0 * g.cth[q] + s0 * g.sth[q] * Math.cos(phi - phi0);
        const want = beamSum(b, cosg) * omega;
        peak = Math.max(peak, want);
        maxErr = Math.max(maxErr, Math.abs(exact[g.startN[q] + j] - want));
      }
    }
    expect(maxErr / peak).toBeLessThan(1e-10);
  });

  it('with healpy default iter=3 matches exp(−γ²/2σ²)/(2πσ²) Ω_pix (small-σ limit) to 1 % of the peak within 3σ', () => {
    const peak = omega / (2 * Math.PI * sigma * sigma);
    let maxErr = 0;
    for (let q = 0; q < g.npairs; q++) {
      const n = g.nphi[q];
      for (let j = 0; j < n; j++) {
        const phi = g.phi0[q] + (2 * Math.PI * j) / n;
        const cosg = z0 * g.cth[q] + s0 * g.sth[q] * Math.cos(phi - phi0);
        const gam = Math.acos(Math.min(1, cosg));
        if (gam > 3 * sigma) continue;
        const want = peak * Math.exp((-gam * gam) / (2 * sigma * sigma));
        maxErr = Math.max(maxErr, Math.abs(out[g.startN[q] + j] - want));
      }
    }
    expect(maxErr / peak).toBeLessThan(0.01);
  });

  it('alm2cl of map2alm equals anafast', () => {
    expect(relErr(alm2cl(map2alm(out, { lmax })), anafast(out, { lmax }))).toBe(0);
  });
});
