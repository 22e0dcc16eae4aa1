import { describe, it, expect } from 'vitest';
import { loadFixture } from '../../../test/healpix/fixtures.js';
import { ang2pixBig, pix2angBig, vec2pixBig, pix2vecBig, nest2ringBig, ring2nestBig } from './big.js';
import { ang2pix, nest2ring, ring2nest, pix2ang } from './pixel.js';
import { InputError } from '../../errors.js';

const fx = loadFixture('pixel-big.json');
const TOL = 1e-12;
const big = (a: string[]) => a.map((s) => BigInt(s));

describe.each(fx.cases as any[])('BigInt API at nside $nside against healpy (int64)', (c) => {
  const n = c.nside as number;
  it('ang2pixBig and vec2pixBig give healpy’s pixels', () => {
    expect(c.theta.map((t: number, i: number) => ang2pixBig(n, t, c.phi[i]))).toEqual(big(c.ring));
    expect(c.theta.map((t: number, i: number) => ang2pixBig(n, t, c.phi[i], true))).toEqual(big(c.nest));
    expect(c.x.map((x: number, i: number) => vec2pixBig(n, x, c.y[i], c.z[i]))).toEqual(big(c.vring));
    expect(c.x.map((x: number, i: number) => vec2pixBig(n, x, c.y[i], c.z[i], true))).toEqual(big(c.vnest));
  });
  it('pix2angBig and pix2vecBig match healpy to 1e-12', () => {
    for (const [name, nest] of [['Ring', false], ['Nest', true]] as const) {
      big(c.pix).forEach((p, i) => {
        const [t, ph] = pix2angBig(n, p, nest);
        expect(Math.abs(t - c['theta' + name][i])).toBeLessThanOrEqual(TOL);
        expect(Math.abs(ph - c['phi' + name][i])).toBeLessThanOrEqual(TOL);
        const v = pix2vecBig(n, p, nest);
        expect(Math.abs(v[0] - c['x' + name][i]) + Math.abs(v[1] - c['y' + name][i]) + Math.abs(v[2] - c['z' + name][i])).toBeLessThanOrEqual(2 * TOL);
      });
    }
  });
  it('nest2ringBig and ring2nestBig match healpy', () => {
    expect(big(c.pix).map((p) => nest2ringBig(n, p))).toEqual(big(c.n2r));
    expect(big(c.pix).map((p) => ring2nestBig(n, p))).toEqual(big(c.r2n));
  });
});

describe('BigInt and number APIs agree', () => {
  it('for random directions and pixels at nside 2^0…2^24', () => {
    let s = 12345;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648), s / 2147483648);
    for (let order = 0; order <= 24; order += 3) {
      const n = 2 ** order;
      for (let k = 0; k < 50; k++) {
        const t = Math.acos(2 * rnd() - 1), p = 2 * Math.PI * rnd();
        for (const nest of [false, true]) {
          const pix = ang2pix(n, t, p, nest);
          expect(ang2pixBig(n, t, p, nest)).toBe(BigInt(pix));
          expect(pix2angBig(n, pix, nest)).toEqual(pix2ang(n, pix, nest));
        }
        const q = Math.floor(rnd() * 12 * n * n);
        expect(nest2ringBig(n, q)).toBe(BigInt(nest2ring(n, q)));
        expect(ring2nestBig(n, q)).toBe(BigInt(ring2nest(n, q)));
      }
    }
  });
  it('rejects out-of-range pixels', () => {
    expect(() => pix2angBig(2 ** 29, 12n * 4n ** 29n)).toThrow(InputError);
    expect(() => nest2ringBig(2 ** 29, -1n)).toThrow(/ipix/);
  });
});
