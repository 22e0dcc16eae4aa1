import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  ICRS_TO_GALACTIC, GALACTIC_TO_ICRS, angularDistance, equatorialToGalactic, galacticToEquatorial,
  equatorialToGalacticArray, galacticToEquatorialArray, radec2vec, vec2radec, matMul,
  frameMatrix, IDENTITY3, rotateLonLatTo, rotateThetaPhiTo,
} from './coords.js';

const fx = JSON.parse(readFileSync(new URL('../../test/fixtures/coords/coords.json', import.meta.url), 'utf8'));
const TWO_PI = 2 * Math.PI;
/** Angle between two directions, robust for the comparison itself. */
const sep = (l1: number, b1: number, l2: number, b2: number): number => angularDistance(l1, b1, l2, b2);

describe('ICRS ↔ Galactic rotation', () => {
  it('the matrix built from the published constants equals astropy\'s composite ICRS→Galactic matrix to 10 EPS (rounding of three rotations)', () => {
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(Math.abs(ICRS_TO_GALACTIC[i]![j]! - fx.icrs_to_galactic[i][j])).toBeLessThan(10 * Number.EPSILON);
  });

  it('is orthonormal: M · Mᵀ = I', () => {
    const p = matMul(ICRS_TO_GALACTIC, GALACTIC_TO_ICRS);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(Math.abs(p[i]![j]! - (i === j ? 1 : 0))).toBeLessThan(1e-15);
  });

  it('equatorialToGalactic agrees with astropy within 1e-9 rad on random points, the poles and the origin', () => {
    const { ra, dec, l, b } = fx.icrs;
    const arr = equatorialToGalacticArray(ra, dec);
    let worst = 0;
    for (let i = 0; i < ra.length; i++) {
      const g = equatorialToGalactic(ra[i], dec[i]);
      worst = Math.max(worst, sep(g.l, g.b, l[i], b[i]), sep(arr.l[i]!, arr.b[i]!, l[i], b[i]));
      expect(g.l).toBeGreaterThanOrEqual(0);
      expect(g.l).toBeLessThan(TWO_PI);
      expect(Math.abs(g.b - b[i])).toBeLessThan(1e-12);
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('galacticToEquatorial agrees with astropy within 1e-9 rad, including the Galactic centre and poles', () => {
    const { l, b, ra, dec } = fx.galactic;
    const arr = galacticToEquatorialArray(l, b);
    let worst = 0;
    for (let i = 0; i < l.length; i++) {
      const q = galacticToEquatorial(l[i], b[i]);
      worst = Math.max(worst, sep(q.ra, q.dec, ra[i], dec[i]), sep(arr.ra[i]!, arr.dec[i]!, ra[i], dec[i]));
    }
    expect(worst).toBeLessThan(1e-9);
    // Galactic centre: astropy gives (266.40499°, −28.93618°).
    const gc = galacticToEquatorial(0, 0);
    expect(gc.ra / (Math.PI / 180)).toBeCloseTo(266.4049882865447, 9);
    expect(gc.dec / (Math.PI / 180)).toBeCloseTo(-28.936177761791456, 9);
  });

  it('array forms write into the given out arrays and allow in-place use', () => {
    const ra = Float64Array.from(fx.icrs.ra.slice(0, 10) as number[]);
    const dec = Float64Array.from(fx.icrs.dec.slice(0, 10) as number[]);
    const r = equatorialToGalacticArray(ra, dec, ra, dec);
    expect(r.l).toBe(ra);
    for (let i = 0; i < 10; i++) expect(sep(ra[i]!, dec[i]!, fx.icrs.l[i], fx.icrs.b[i])).toBeLessThan(1e-9);
  });
});

describe('allocation-free rotations', () => {
  it('rotateLonLatTo and rotateThetaPhiTo (θ = π/2 − b) agree with astropy within 1e-9 rad', () => {
    const { ra, dec, l, b } = fx.icrs;
    const m = frameMatrix('equatorial', 'galactic');
    const o = new Float64Array(2);
    for (let i = 0; i < ra.length; i++) {
      rotateLonLatTo(m, ra[i], dec[i], o);
      expect(sep(o[0]!, o[1]!, l[i], b[i])).toBeLessThan(1e-9);
      rotateThetaPhiTo(m, Math.PI / 2 - dec[i], ra[i], o);
      expect(sep(o[1]!, Math.PI / 2 - o[0]!, l[i], b[i])).toBeLessThan(1e-9);
      expect(o[1]).toBeGreaterThanOrEqual(0);
      expect(o[1]).toBeLessThan(TWO_PI);
    }
  });

  it('same-frame rotations pass angles through bit for bit (HEALPix pixel corners stay on their pixel)', () => {
    expect(frameMatrix('galactic', 'galactic')).toBe(IDENTITY3);
    const o = [0, 0];
    rotateThetaPhiTo(frameMatrix('equatorial', 'equatorial'), 0.1, 7.5, o);
    expect(o).toEqual([0.1, 7.5]);
    rotateLonLatTo(IDENTITY3, 1.1, -0.3, o);
    expect(o).toEqual([1.1, -0.3]);
  });
});

describe('angularDistance', () => {
  it('matches astropy separation (Vincenty) to 1e-12 rad for random, tiny and antipodal pairs', () => {
    const { lon1, lat1, lon2, lat2, sep: want } = fx.separation;
    for (let i = 0; i < want.length; i++) {
      const d = angularDistance(lon1[i], lat1[i], lon2[i], lat2[i]);
      expect(Math.abs(d - want[i])).toBeLessThan(1e-12 + 1e-12 * want[i]);
    }
  });

  it('resolves 1e-10 rad separations to 1e-6 relative accuracy (no acos cancellation)', () => {
    expect(angularDistance(0.1, 0.2, 0.1 + 1e-10 / Math.cos(0.2), 0.2) / 1e-10).toBeCloseTo(1, 6);
  });
});

describe('unit vectors', () => {
  it('radec2vec and vec2radec invert each other, with exact poles', () => {
    const v = radec2vec(1.2, -0.4);
    expect(Math.hypot(v[0]!, v[1]!, v[2]!)).toBeCloseTo(1, 15);
    const r = vec2radec(v[0]!, v[1]!, v[2]!);
    expect(r.ra).toBeCloseTo(1.2, 14);
    expect(r.dec).toBeCloseTo(-0.4, 14);
    expect(vec2radec(0, 0, 1).dec).toBe(Math.PI / 2);
    expect(vec2radec(-1, -1e-300, 0).ra).toBeCloseTo(Math.PI, 14);
  });
});
