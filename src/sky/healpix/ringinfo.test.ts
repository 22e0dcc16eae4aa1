import { describe, it, expect } from 'vitest';
import { ringInfo } from './ringinfo.js';
import { pix2ang } from './pixel.js';
import { nside2npix, nRings } from './nside.js';
import { InputError } from '../../errors.js';

describe('ringInfo', () => {
  it.each([1, 2, 4, 64])('tiles the RING ordering and gives each ring’s centre θ, z and φ0 (nside %i)', (n) => {
    let next = 0;
    const bad: string[] = [];
    for (let r = 1; r <= nRings(n); r++) {
      const ri = ringInfo(n, r);
      if (ri.firstPixel !== next) bad.push(`ring ${r} starts at ${ri.firstPixel}, expected ${next}`);
      next += ri.nPixels;
      const [t0, p0] = pix2ang(n, ri.firstPixel);
      const [, p1] = pix2ang(n, ri.firstPixel + ri.nPixels - 1);
      if (Math.abs(t0 - ri.theta) > 1e-13 || Math.abs(Math.cos(t0) - ri.z) > 1e-13) bad.push(`ring ${r} θ`);
      if (Math.abs(p0 - ri.phi0) > 1e-13) bad.push(`ring ${r} φ0 ${ri.phi0} vs ${p0}`);
      if (Math.abs(p1 - (ri.phi0 + (2 * Math.PI * (ri.nPixels - 1)) / ri.nPixels)) > 1e-12) bad.push(`ring ${r} spacing`);
    }
    expect(bad).toEqual([]);
    expect(next).toBe(nside2npix(n));
  });
  it('follows the paper: 4r pixels in the polar cap, 4·nside in the belt, belt rings alternately shifted', () => {
    expect(ringInfo(8, 3)).toMatchObject({ nPixels: 12, shifted: true });
    expect(ringInfo(8, 8)).toMatchObject({ nPixels: 32, shifted: true });
    expect(ringInfo(8, 9)).toMatchObject({ nPixels: 32, shifted: false });
    expect(ringInfo(8, 31)).toMatchObject({ nPixels: 4, shifted: true, firstPixel: nside2npix(8) - 4 });
    expect(() => ringInfo(8, 32)).toThrow(InputError);
  });
});
