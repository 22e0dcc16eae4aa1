import { describe, it, expect } from 'vitest';
import { loadFixture } from '../../../test/healpix/fixtures.js';
import { queryDisc, queryStrip } from './query-disc.js';
import { queryPolygon } from './query-polygon.js';
import { ring2nestArray, pix2vecArray } from './arrays.js';
import { nside2npix } from './nside.js';
import { InputError } from '../../errors.js';

const fx = loadFixture('query.json');

/** Expand healpy's runs [a0, b0, a1, b1, …] into the pixel list. */
function expand(runs: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs.length; i += 2) for (let p = runs[i]; p < runs[i + 1]; p++) out.push(p);
  return out;
}

describe('queryDisc against healpy query_disc', () => {
  it(`returns healpy’s sorted pixel list in all ${fx.discs.length} cases (nside 1–128, RING/NEST, exact and inclusive with fact 1, 4, 8)`, () => {
    const bad: string[] = [];
    for (const c of fx.discs) {
      const got = Array.from(queryDisc(c.nside, c.vec, c.radius, { inclusive: c.inclusive, fact: c.fact, nest: c.nest }));
      const want = expand(c.runs);
      if (got.length !== want.length || got.some((p, i) => p !== want[i])) {
        bad.push(`nside ${c.nside} vec ${c.vec} r ${c.radius} nest ${c.nest} incl ${c.inclusive} fact ${c.fact}: ${got.length} vs ${want.length}`);
      }
    }
    expect(bad).toEqual([]);
  });
  it('exact mode returns exactly the pixels whose centres are within the radius', () => {
    const n = 32, v = [0.3, -0.5, 0.8], r = 0.4;
    const l = Math.hypot(...v);
    const all = Float64Array.from({ length: nside2npix(n) }, (_, i) => i);
    const { x, y, z } = pix2vecArray(n, all);
    const brute = Array.from(all).filter((p) => Math.acos(Math.min(1, (x[p] * v[0] + y[p] * v[1] + z[p] * v[2]) / l)) <= r);
    expect(Array.from(queryDisc(n, v, r))).toEqual(brute);
  });
  it('rejects a zero vector, a negative radius and a non-power-of-2 fact in NEST', () => {
    expect(() => queryDisc(8, [0, 0, 0], 0.1)).toThrow(/vec/);
    expect(() => queryDisc(8, [0, 0, 1], -1)).toThrow(/radius/);
    expect(() => queryDisc(8, [0, 0, 1], 0.1, { inclusive: true, fact: 3, nest: true })).toThrow(InputError);
  });
});

describe('queryStrip against healpy query_strip', () => {
  it('returns healpy’s RING pixels, and in NEST the same pixels converted and sorted', () => {
    for (const c of fx.strips) {
      const want = expand(c.runs);
      expect(Array.from(queryStrip(c.nside, c.theta1, c.theta2, { inclusive: c.inclusive }))).toEqual(want);
      const nest = Array.from(ring2nestArray(c.nside, want)).sort((a, b) => a - b);
      expect(Array.from(queryStrip(c.nside, c.theta1, c.theta2, { inclusive: c.inclusive, nest: true }))).toEqual(nest);
    }
  });
});

describe('queryPolygon against healpy query_polygon', () => {
  it(`returns healpy’s pixel list in all ${fx.polygons.length} cases (triangles and quadrilaterals, RING/NEST, inclusive)`, () => {
    const bad: string[] = [];
    for (const c of fx.polygons) {
      const got = Array.from(queryPolygon(c.nside, c.vertices, { inclusive: c.inclusive, fact: c.fact, nest: c.nest }));
      const want = expand(c.runs);
      if (got.length !== want.length || got.some((p, i) => p !== want[i])) {
        bad.push(`nside ${c.nside} verts ${JSON.stringify(c.vertices)} nest ${c.nest} incl ${c.inclusive} fact ${c.fact}: ${got.length} vs ${want.length}`);
      }
    }
    expect(bad).toEqual([]);
  });
  it('rejects non-convex and degenerate polygons', () => {
    expect(() => queryPolygon(4, [[1, 0, 0], [0, 1, 0]])).toThrow(/at least 3/);
    expect(() => queryPolygon(4, [[1, 0, 0], [0, 1, 0], [-1, 0, 0.0], [0.1, 0.1, 1], [0, -1, 0]])).toThrow(InputError);
    expect(() => queryPolygon(4, [[1, 0, 0], [0, 1, 0], [1, 1, 0]])).toThrow(/degenerate/);
  });
});
