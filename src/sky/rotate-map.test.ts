import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { rotateMapFrame } from './rotate-map.js';
import { pix2vec } from './healpix/index.js';
import { UNSEEN, type SkyMap } from './types.js';

const fx = JSON.parse(readFileSync(new URL('../../test/fixtures/coords/rotate.json', import.meta.url), 'utf8'));
const nside: number = fx.nside;
const npix = 12 * nside * nside;
/** The fixture's smooth Galactic map: 1 + 0.5x + 0.3yz + 0.2z². */
const galMap = (): SkyMap => {
  const data = new Float64Array(npix);
  for (let p = 0; p < npix; p++) {
    const [x, y, z] = pix2vec(nside, p);
    data[p] = 1 + 0.5 * x + 0.3 * y * z + 0.2 * z * z;
  }
  return { nside, ordering: 'RING', frame: 'galactic', data };
};

describe('rotateMapFrame', () => {
  it('equals healpy get_interp_val at the astropy-transformed pixel centres to 1e-12', () => {
    const eq = rotateMapFrame(galMap(), 'equatorial');
    expect(eq.frame).toBe('equatorial');
    let worst = 0;
    for (let p = 0; p < npix; p++) worst = Math.max(worst, Math.abs(eq.data[p]! - fx.astropy_interp[p]));
    expect(worst).toBeLessThan(1e-12);
  });

  it("agrees with healpy Rotator(coord=['G','C']).rotate_map_pixel within the two frames' 1.3e-7 rad difference", () => {
    // healpy's own G↔C matrix differs from astropy's ICRS↔Galactic by up to 1.27e-7 (fixture); with |∇f| < 1.2
    // and at most √3 of that as a displacement, values may differ by < 3e-7.
    const eq = rotateMapFrame(galMap(), 'equatorial');
    let worst = 0;
    for (let p = 0; p < npix; p++) worst = Math.max(worst, Math.abs(eq.data[p]! - fx.healpy_rotator[p]));
    expect(worst).toBeLessThan(3e-7);
  });

  it('keeps a constant map constant, roughly conserves the integral and round-trips smooth maps to interpolation accuracy', () => {
    const c: SkyMap = { nside, ordering: 'NESTED', frame: 'equatorial', data: new Float64Array(npix).fill(2.5) };
    const r = rotateMapFrame(c, 'galactic');
    for (const v of r.data) expect(Math.abs(v - 2.5)).toBeLessThan(1e-14);
    const g = galMap();
    const back = rotateMapFrame(rotateMapFrame(g, 'equatorial'), 'galactic');
    let s0 = 0, s1 = 0, worst = 0;
    for (let p = 0; p < npix; p++) {
      s0 += g.data[p]!;
      s1 += back.data[p]!;
      worst = Math.max(worst, Math.abs(back.data[p]! - g.data[p]!));
    }
    expect(Math.abs(s1 / s0 - 1)).toBeLessThan(2e-3);
    expect(worst).toBeLessThan(0.05); // bilinear smoothing at nside 16 (pixel ≈ 3.7°)
  });

  it('marks output pixels UNSEEN when their interpolation touches an UNSEEN input pixel', () => {
    const g = galMap();
    g.data[1000] = UNSEEN;
    const r = rotateMapFrame(g, 'equatorial');
    let n = 0;
    for (const v of r.data) {
      if (v === UNSEEN) n++;
      else expect(v).toBeGreaterThan(0);
    }
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(8);
  });

  it('returns a copy when the frame is unchanged', () => {
    const g = galMap();
    const r = rotateMapFrame(g, 'galactic');
    expect(r.data).not.toBe(g.data);
    expect(Array.from(r.data)).toEqual(Array.from(g.data));
  });
});
