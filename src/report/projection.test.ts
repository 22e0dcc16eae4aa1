import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../stats/random.js';
import { MOLL_XMAX, MOLL_YMAX, mollweideAux, mollweideForward, mollweideHalfWidth, mollweideInverse } from './projection.js';

const fx = JSON.parse(readFileSync(new URL('../../test/fixtures/report/mollweide.json', import.meta.url), 'utf8')) as {
  forward: { lonDeg: number[]; latDeg: number[]; x: number[]; y: number[] };
};
const D2R = Math.PI / 180;

describe('Mollweide projection', () => {
  it('maps the centre, the poles and the equator edges to the ellipse landmarks', () => {
    expect(Array.from(mollweideForward(0, 0))).toEqual([0, 0]);
    const np = mollweideForward(0, Math.PI / 2);
    expect(np[0]).toBe(0);
    expect(np[1]).toBeCloseTo(Math.SQRT2, 15);
    expect(mollweideForward(1, -Math.PI / 2)[1]).toBeCloseTo(-Math.SQRT2, 15);
    expect(mollweideForward(Math.PI, 0)[0]).toBeCloseTo(2 * Math.SQRT2, 15);
    expect(mollweideForward(-Math.PI, 0)[0]).toBeCloseTo(-2 * Math.SQRT2, 15);
    expect(MOLL_XMAX / MOLL_YMAX).toBe(2);
  });

  it('solves 2ψ + sin 2ψ = π sin φ to 1e-14 everywhere, including within 1e-8 rad of the poles', () => {
    for (const lat of [0, 0.3, -1.0, 1.2, 1.25, 1.5, 1.57, Math.PI / 2 - 1e-5, Math.PI / 2 - 1e-8, -(Math.PI / 2 - 1e-8)]) {
      const psi = mollweideAux(lat);
      expect(Math.abs(2 * psi + Math.sin(2 * psi) - Math.PI * Math.sin(lat))).toBeLessThan(1e-14);
    }
  });

  it('agrees both ways with healpy MollweideProj.xy2ang (exact closed form) at ~240 points of the plane', () => {
    // healpy: x ∈ [−2, 2], y ∈ [−1, 1], longitude grows to the left (flipconv 'astro');
    // ours: the same plane times √2, with λ growing to the right.
    const p = new Float64Array(2);
    fx.forward.lonDeg.forEach((lon, i) => {
      const lat = fx.forward.latDeg[i]! * D2R;
      mollweideForward(-lon * D2R, lat, p);
      expect(p[0]! / Math.SQRT2).toBeCloseTo(fx.forward.x[i]!, 10);
      expect(p[1]! / Math.SQRT2).toBeCloseTo(fx.forward.y[i]!, 10);
      mollweideInverse(fx.forward.x[i]! * Math.SQRT2, fx.forward.y[i]! * Math.SQRT2, p);
      expect(p[1]!).toBeCloseTo(lat, 12);
      expect(Math.abs(p[0]! + lon * D2R) * Math.cos(lat)).toBeLessThan(1e-10);
    });
    expect(fx.forward.lonDeg.length).toBeGreaterThan(200);
  });

  it('inverse undoes forward to 1e-9 rad (lon) and 1e-12 rad (lat) away from the poles', () => {
    const rng = new Rng(11);
    const p = new Float64Array(2);
    const q = new Float64Array(2);
    for (let k = 0; k < 2000; k++) {
      const lon = (rng.uniform() * 2 - 1) * Math.PI;
      const lat = Math.asin(rng.uniform() * 2 - 1) * 0.9999;
      mollweideForward(lon, lat, p);
      mollweideInverse(p[0]!, p[1]!, q);
      expect(Math.abs(q[1]! - lat)).toBeLessThan(1e-12);
      expect(Math.abs(q[0]! - lon) * Math.cos(lat)).toBeLessThan(1e-9);
    }
  });

  it('inverse returns NaN outside the ellipse and handles the poles', () => {
    expect(Array.from(mollweideInverse(2 * Math.SQRT2 + 1e-3, 0))).toEqual([NaN, NaN]);
    expect(Array.from(mollweideInverse(0, Math.SQRT2))).toEqual([0, Math.PI / 2]);
    expect(mollweideHalfWidth(0)).toBeCloseTo(MOLL_XMAX, 15);
    expect(mollweideHalfWidth(MOLL_YMAX)).toBe(0);
  });

  it('preserves area: the share of a fine x-y grid in a latitude band equals the band’s share of the sphere', () => {
    const nx = 1200;
    const ny = 600;
    const bands = [-90, -60, -30, -10, 0, 10, 30, 60, 90];
    const counts = new Float64Array(bands.length - 1);
    const q = new Float64Array(2);
    let total = 0;
    for (let j = 0; j < ny; j++) {
      const y = (1 - (2 * (j + 0.5)) / ny) * MOLL_YMAX;
      for (let i = 0; i < nx; i++) {
        const x = ((2 * (i + 0.5)) / nx - 1) * MOLL_XMAX;
        mollweideInverse(x, y, q);
        if (Number.isNaN(q[1]!)) continue;
        total++;
        const lat = q[1]! / D2R;
        let b = 0;
        while (lat > bands[b + 1]!) b++;
        counts[b]!++;
      }
    }
    // Total inside ≈ π/4 of the box (ellipse area); each band ≈ (sin b1 − sin b0)/2 of it.
    expect(total / (nx * ny)).toBeCloseTo(Math.PI / 4, 3);
    for (let b = 0; b < counts.length; b++) {
      const expected = (Math.sin(bands[b + 1]! * D2R) - Math.sin(bands[b]! * D2R)) / 2;
      // Grid discretisation: a band's edge rows are each ≤ 1/ny of the height, i.e. ~2·(1/600) of area share.
      expect(Math.abs(counts[b]! / total - expected)).toBeLessThan(2.5e-3);
    }
  });
});
