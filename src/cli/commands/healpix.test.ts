import { describe, it, expect } from 'vitest';
import { healpixInfo, healpixAng2pix, healpixPix2ang } from './healpix.js';
import { InputError } from '../../errors.js';

describe('nusky healpix CLI helpers', () => {
  it('info gives npix 196608 and ~27.5 arcmin resolution at nside 128', () => {
    const r = healpixInfo(128);
    expect(r.npix).toBe(196608);
    expect(r.resolutionArcmin).toBeCloseTo(27.48, 2);
  });
  it('ang2pix uses healpy’s lonlat convention (lon 0, lat 0 is pixel 1440 at nside 16 RING)', () => {
    expect(healpixAng2pix(16, 0, 0, false)).toBe('1440');
    expect(healpixAng2pix(2 ** 29, 0, 90, false)).toBe('0');
  });
  it('pix2ang returns the pixel centre in degrees and rejects bad input', () => {
    const [lon, lat] = healpixPix2ang(1, '4', false);
    expect(lon).toBeCloseTo(0, 12);
    expect(lat).toBeCloseTo(0, 12);
    expect(() => healpixPix2ang(1, '-1', false)).toThrow(InputError);
    expect(() => healpixAng2pix(16, 0, 91, false)).toThrow(/--lat/);
  });
});
