import { describe, it, expect } from 'vitest';
import { loadFixture } from '../../../test/healpix/fixtures.js';
import { getInterpWeights, getInterpWeightsArray, getInterpVal, getInterpValArray } from './interp.js';
import { pix2ang } from './pixel.js';

const fx = loadFixture('interp.json');
const TOL = 1e-12;
/**
 * Weights are ratios like (θ − θ1)/(θ2 − θ1) with θ2 − θ1 ≈ 0.67/nside: one ulp of θ
 * or of a ring colatitude (acos/atan2 differ by an ulp between V8 and glibc)
 * moves a weight by ≈ 2·4.4e-16·nside/0.67 ≈ 1.3e-15·nside. That condition number,
 * not a fitted value, sets the weight tolerance at large nside.
 */
const weightTol = (nside: number) => Math.max(TOL, 1.5e-15 * nside);

describe.each(fx.cases as any[])('getInterpWeights at nside $nside', (c) => {
  it('gives healpy’s 4 pixels exactly and weights to max(1e-12, 1.5e-15·nside), RING and NEST', () => {
    for (const [name, nest] of [['ring', false], ['nest', true]] as const) {
      const n = c.theta.length;
      const pix = new Float64Array(4 * n), w = new Float64Array(4 * n);
      getInterpWeightsArray(c.nside, c.theta, c.phi, nest, pix, w);
      const bad: string[] = [];
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < 4; k++) {
          if (pix[4 * i + k] !== c[name + 'Pix'][4 * i + k]) bad.push(`${i}.${k} pix ${pix[4 * i + k]} vs ${c[name + 'Pix'][4 * i + k]} (θ=${c.theta[i]}, φ=${c.phi[i]})`);
          if (!(Math.abs(w[4 * i + k] - c[name + 'W'][4 * i + k]) <= weightTol(c.nside))) bad.push(`${i}.${k} w ${w[4 * i + k]} vs ${c[name + 'W'][4 * i + k]}`);
        }
      }
      expect(bad).toEqual([]);
      const one = getInterpWeights(c.nside, c.theta[0], c.phi[0], nest);
      expect(Array.from(one.pix)).toEqual(Array.from(pix.subarray(0, 4)));
    }
  });
});

describe('getInterpVal', () => {
  const v = fx.val;
  it('matches healpy get_interp_val to 1e-12 (scalar and array forms)', () => {
    const ring = getInterpValArray(v.map, v.theta, v.phi);
    const nest = getInterpValArray(v.map, v.theta, v.phi, true);
    v.ring.forEach((x: number, i: number) => {
      expect(Math.abs(ring[i] - x)).toBeLessThanOrEqual(TOL);
      expect(Math.abs(nest[i] - v.nest[i])).toBeLessThanOrEqual(TOL);
      expect(getInterpVal(v.map, v.theta[i], v.phi[i])).toBe(ring[i]);
    });
  });
  it('returns the pixel value at a pixel centre and weights sum to 1', () => {
    const m = Float64Array.from({ length: 768 }, (_, i) => Math.sin(i));
    for (const p of [0, 5, 100, 383, 767]) {
      const [t, ph] = pix2ang(8, p);
      expect(getInterpVal(m, t, ph)).toBeCloseTo(m[p], 12);
      const { weights } = getInterpWeights(8, t + 0.01 > Math.PI ? t - 0.01 : t + 0.01, ph + 0.3);
      expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    }
  });
});
