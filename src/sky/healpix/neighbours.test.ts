import { describe, it, expect } from 'vitest';
import { loadFixture } from '../../../test/healpix/fixtures.js';
import { getAllNeighbours, getAllNeighboursArray } from './neighbours.js';
import { nest2ring, pix2vec } from './pixel.js';
import { nside2npix, maxPixrad } from './nside.js';

const fx = loadFixture('neighbours.json');

describe.each(fx.cases as any[])('getAllNeighbours at nside $nside', (c) => {
  it('returns healpy’s 8 neighbours (SW, W, NW, N, NE, E, SE, S; −1 where none), RING and NEST', () => {
    const ring: number[] = [], nest: number[] = [];
    for (const p of c.pix as number[]) {
      ring.push(...getAllNeighbours(c.nside, p));
      nest.push(...getAllNeighbours(c.nside, p, true));
    }
    expect(ring).toEqual(c.ring);
    // the fixture's NEST rows are for the same indices interpreted as NEST pixels
    expect(nest).toEqual(c.nest);
    expect(Array.from(getAllNeighboursArray(c.nside, c.pix))).toEqual(c.ring);
  });
});

describe('neighbour geometry', () => {
  it('every neighbour at nside 16 is within 3 pixel radii, and NEST and RING neighbours are the same pixels', () => {
    const n = 16;
    const bad: string[] = [];
    for (let p = 0; p < nside2npix(n); p++) {
      const nb = getAllNeighbours(n, p, true);
      const nbr = getAllNeighbours(n, nest2ring(n, p));
      const [x, y, z] = pix2vec(n, p, true);
      nb.forEach((q, i) => {
        if ((q === -1 ? -1 : nest2ring(n, q)) !== nbr[i]) bad.push(`${p}:${i} order`);
        if (q < 0) return;
        const [a, b, c] = pix2vec(n, q, true);
        if (!(Math.acos(Math.min(1, x * a + y * b + z * c)) < 3 * maxPixrad(n))) bad.push(`${p}:${i} far`);
      });
    }
    expect(bad).toEqual([]);
  });
});
