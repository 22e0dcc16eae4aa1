import { describe, it, expect } from 'vitest';
import { loadFixture } from '../../../test/healpix/fixtures.js';
import {
  ang2pix, pix2ang, vec2pix, pix2vec, nest2ring, ring2nest, ang2vec, vec2ang,
  ang2pixArray, pix2angArray, vec2pixArray, pix2vecArray, nest2ringArray, ring2nestArray,
  nside2npix, npix2nside, nside2pixarea, nside2resol, maxPixrad, isNsideOk, nRings,
} from './index.js';
import { InputError } from '../../errors.js';

const fx = loadFixture('pixel.json');
const TOL = 1e-12;

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe.each(fx.cases as any[])('nside $nside against healpy', (c) => {
  const n = c.nside as number;
  it('ang2pix gives healpy’s pixel for every direction, RING and NEST', () => {
    const ring = c.theta.map((t: number, i: number) => ang2pix(n, t, c.phi[i]));
    const nest = c.theta.map((t: number, i: number) => ang2pix(n, t, c.phi[i], true));
    expect(ring).toEqual(c.ring);
    expect(nest).toEqual(c.nest);
    expect(Array.from(ang2pixArray(n, Float64Array.from(c.theta), Float64Array.from(c.phi)))).toEqual(c.ring);
    expect(Array.from(ang2pixArray(n, Float64Array.from(c.theta), Float64Array.from(c.phi), true))).toEqual(c.nest);
  });
  it('vec2pix gives healpy’s pixel for unnormalised and polar vectors', () => {
    expect(c.x.map((x: number, i: number) => vec2pix(n, x, c.y[i], c.z[i]))).toEqual(c.vring);
    expect(c.x.map((x: number, i: number) => vec2pix(n, x, c.y[i], c.z[i], true))).toEqual(c.vnest);
    const [x, y, z] = [c.x, c.y, c.z].map((a: number[]) => Float64Array.from(a));
    expect(Array.from(vec2pixArray(n, x, y, z, true))).toEqual(c.vnest);
  });
  it('pix2ang and pix2vec match healpy to 1e-12 and φ is in [0, 2π)', () => {
    for (const [name, nest] of [['Ring', false], ['Nest', true]] as const) {
      const t = c.pix.map((p: number) => pix2ang(n, p, nest)[0]);
      const ph = c.pix.map((p: number) => pix2ang(n, p, nest)[1]);
      expect(maxDiff(t, c['theta' + name])).toBeLessThanOrEqual(TOL);
      expect(maxDiff(ph, c['phi' + name])).toBeLessThanOrEqual(TOL);
      expect(ph.every((p: number) => p >= 0 && p < 2 * Math.PI)).toBe(true);
      const arr = pix2angArray(n, Float64Array.from(c.pix), nest);
      expect(maxDiff(arr.theta, c['theta' + name])).toBeLessThanOrEqual(TOL);
      expect(maxDiff(arr.phi, c['phi' + name])).toBeLessThanOrEqual(TOL);
      const v = c.pix.map((p: number) => pix2vec(n, p, nest));
      expect(maxDiff(v.map((q: number[]) => q[0]), c['x' + name])).toBeLessThanOrEqual(TOL);
      expect(maxDiff(v.map((q: number[]) => q[1]), c['y' + name])).toBeLessThanOrEqual(TOL);
      expect(maxDiff(v.map((q: number[]) => q[2]), c['z' + name])).toBeLessThanOrEqual(TOL);
      const va = pix2vecArray(n, c.pix, nest);
      expect(maxDiff(va.z, c['z' + name])).toBeLessThanOrEqual(TOL);
    }
  });
  it('nest2ring and ring2nest match healpy', () => {
    expect(c.pix.map((p: number) => nest2ring(n, p))).toEqual(c.n2r);
    expect(c.pix.map((p: number) => ring2nest(n, p))).toEqual(c.r2n);
    expect(Array.from(nest2ringArray(n, c.pix))).toEqual(c.n2r);
    expect(Array.from(ring2nestArray(n, c.pix))).toEqual(c.r2n);
  });
});

describe('round trips over every pixel', () => {
  it.each([1, 2, 4, 8, 16, 32])('pix → ang → pix and ring2nest ∘ nest2ring are identities at nside %i', (n) => {
    const npix = nside2npix(n);
    const all = new Float64Array(npix).map((_, i) => i);
    for (const nest of [false, true]) {
      const { theta, phi } = pix2angArray(n, all, nest);
      expect(Array.from(ang2pixArray(n, theta, phi, nest))).toEqual(Array.from(all));
      const { x, y, z } = pix2vecArray(n, all, nest);
      expect(Array.from(vec2pixArray(n, x, y, z, nest))).toEqual(Array.from(all));
    }
    expect(Array.from(ring2nestArray(n, nest2ringArray(n, all)))).toEqual(Array.from(all));
    expect(new Set(nest2ringArray(n, all)).size).toBe(npix);
  });
});

describe('resolution functions', () => {
  const r = fx.resolution;
  it('nside2pixarea, nside2resol and maxPixrad match healpy for nside 2^0…2^29', () => {
    r.nside.forEach((n: number, i: number) => {
      expect(nside2pixarea(n)).toBeCloseTo(r.pixarea[i], 15);
      expect(Math.abs(nside2pixarea(n, true) / r.pixareaDeg[i] - 1)).toBeLessThan(1e-14);
      expect(Math.abs(nside2resol(n) / r.resol[i] - 1)).toBeLessThan(1e-14);
      expect(Math.abs(nside2resol(n, true) / r.resolArcmin[i] - 1)).toBeLessThan(1e-14);
      expect(Math.abs(maxPixrad(n) / r.maxPixrad[i] - 1)).toBeLessThan(1e-12);
    });
  });
  it('nside2npix and npix2nside are inverse and reject non-HEALPix sizes', () => {
    expect(nside2npix(1)).toBe(12);
    expect(nside2npix(2 ** 29)).toBe(12 * 4 ** 29);
    expect(npix2nside(12 * 4 ** 29)).toBe(2 ** 29);
    expect(npix2nside(196608)).toBe(128);
    expect(() => npix2nside(100)).toThrow(InputError);
    expect(nRings(128)).toBe(511);
    expect(isNsideOk(3)).toBe(false);
    expect(isNsideOk(2 ** 30)).toBe(false);
    expect(isNsideOk(2 ** 29)).toBe(true);
  });
});

describe('conversions and options', () => {
  it('lonlat=true takes and returns degrees like healpy', () => {
    const l = fx.lonlat;
    expect(l.lon.map((lo: number, i: number) => ang2pix(128, lo, l.lat[i], false, true))).toEqual(l.ring128);
    expect(l.lon.map((lo: number, i: number) => ang2pix(128, lo, l.lat[i], true, true))).toEqual(l.nest128);
    l.pix.forEach((p: number, i: number) => {
      const [lo, la] = pix2ang(128, p, false, true);
      expect(Math.abs(lo - l.pixLon[i])).toBeLessThan(1e-10);
      expect(Math.abs(la - l.pixLat[i])).toBeLessThan(1e-10);
    });
  });
  it('vec2ang and ang2vec match healpy, φ in [0, 2π)', () => {
    const v = fx.vec2ang;
    v.x.forEach((x: number, i: number) => {
      const [t, p] = vec2ang(x, v.y[i], v.z[i]);
      expect(Math.abs(t - v.theta[i])).toBeLessThanOrEqual(TOL);
      expect(Math.abs(p - (v.phi[i] >= 2 * Math.PI ? 0 : v.phi[i]))).toBeLessThanOrEqual(TOL);
      expect(p >= 0 && p < 2 * Math.PI).toBe(true);
    });
    const a = fx.ang2vec;
    a.theta.forEach((t: number, i: number) => {
      const q = ang2vec(t, a.phi[i]);
      expect(maxDiff(q, [a.x[i], a.y[i], a.z[i]])).toBeLessThanOrEqual(TOL);
    });
  });
  it('rejects bad input with InputError naming the argument', () => {
    expect(() => ang2pix(128, -0.1, 0)).toThrow(/theta/);
    expect(() => ang2pix(128, NaN, 0)).toThrow(InputError);
    expect(() => ang2pix(128, 1, Infinity)).toThrow(/phi/);
    expect(() => ang2pix(100, 1, 0)).toThrow(/nside/);
    expect(() => pix2ang(2, 48)).toThrow(/ipix/);
    expect(() => pix2ang(2, 1.5)).toThrow(InputError);
    expect(() => vec2pix(2, 0, 0, 0)).toThrow(/vector/);
    expect(() => ang2pixArray(4, new Float64Array([1, 4]), new Float64Array([0, 0]))).toThrow(/\[1\].*theta/);
  });
  it('the number API refuses nside above 2^24 and points to the BigInt API', () => {
    expect(() => ang2pix(2 ** 25, 1, 1)).toThrow(/ang2pixBig/);
    expect(() => pix2ang(2 ** 29, 0)).toThrow(InputError);
  });
});

describe('correctly rounded trigonometry (trig.ts)', () => {
  it('cosCR, sinCR and atan2CR return the double nearest to mpmath’s 200-bit values', async () => {
    const { cosCR, sinCR, atan2CR } = await import('./trig.js');
    const t = fx.trig;
    t.theta.forEach((x: number, i: number) => {
      expect(cosCR(x)).toBe(t.cos[i]);
      expect(sinCR(x)).toBe(t.sin[i]);
    });
    t.y.forEach((y: number, i: number) => expect(atan2CR(y, t.x[i])).toBe(t.atan2[i]));
  });
});
