import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RingLookup, interpRing, pixelPhi, pixelZ, ringMeans } from './ringLookup.js';

// healpy 1.16 output from scripts/fixtures/likelihood_ang2pix.py
const fx = JSON.parse(readFileSync(new URL('../../test/fixtures/likelihood/ang2pix.json', import.meta.url), 'utf8'));

describe('RingLookup', () => {
  for (const nside of [1, 8, 128]) {
    it(`gives healpy.ang2pix (RING) at nside ${nside}, including poles and the z = ±2/3 boundary`, () => {
      const lk = new RingLookup(nside, fx.dec);
      const got = fx.ra.map((ra: number, i: number) => lk.pix(i, ra));
      expect(got).toEqual(fx[`pix${nside}`]);
    });
  }
  it('is periodic in RA (negative and > 2π RAs wrap)', () => {
    const lk = new RingLookup(8, [0.3, -1.2]);
    expect(lk.pix(0, -0.5)).toBe(lk.pix(0, 2 * Math.PI - 0.5));
    expect(lk.pix(1, 7)).toBe(lk.pix(1, 7 - 2 * Math.PI));
  });
});

describe('RING geometry', () => {
  it('pixel centre z and φ equal healpy.pix2ang at nside 1 and 8', () => {
    for (const nside of [1, 8]) {
      const z = pixelZ(nside);
      const phi = pixelPhi(nside);
      fx[`ringz${nside}`].forEach((v: number, p: number) => expect(z[p]).toBeCloseTo(v, 12));
      fx[`phi${nside}`].forEach((v: number, p: number) => expect(phi[p]).toBeCloseTo(v, 12));
    }
  });
  it('ring means of a map that depends only on z reproduce it; interpolation is linear in z', () => {
    const nside = 8;
    const z = pixelZ(nside);
    const m = Float64Array.from(z, (v) => 2 + v);
    const rm = ringMeans(nside, m);
    for (let r = 0; r < rm.z.length; r++) expect(rm.mean[r]).toBeCloseTo(2 + rm.z[r], 12);
    expect(interpRing(rm.z, rm.mean, 0.123)).toBeCloseTo(2.123, 12);
  });
});
