import { describe, it, expect } from 'vitest';
import { quarterTurns } from './loops-vec.js';
import { cosFast } from './loops.js';
import { cosCR } from './trig.js';
import { ang2pix, pix2ang, vec2pix, nest2ring, ring2nest, ang2pixArray, pix2angArray, vec2pixArray, nest2ringArray, ring2nestArray } from './index.js';
import { Rng } from '../../stats/random.js';

describe('quarterTurns (polynomial atan2 of the vec2pix loops)', () => {
  it('equals atan2(y, x)·2/π folded to [0, 4) within 1e-15 on random and octant-boundary vectors', () => {
    const rng = new Rng(7);
    const pts: [number, number][] = [[1, 0], [0, 1], [-1, 0], [0, -1], [1, 1], [-1, 1], [-1, -1], [1, -1], [1e-300, 1], [3, -1e-300]];
    for (let i = 0; i < 100_000; i++) pts.push([rng.normal(), rng.normal() * (i % 2 ? 1 : 1e-8)]);
    let worst = 0;
    for (const [x, y] of pts) {
      let ref = (Math.atan2(y, x) * 2) / Math.PI;
      if (ref < 0) ref += 4;
      let d = Math.abs(quarterTurns(y, x) - ref);
      d = Math.min(d, 4 - d); // 0 and 4 are the same direction
      worst = Math.max(worst, d);
    }
    expect(worst).toBeLessThan(1e-15);
  });
});

describe('cosFast (polynomial cos of the ang2pix loops)', () => {
  it('is within 2.5e-16 of the correctly rounded cos on [0, π], including the poles and |z| = 2/3', () => {
    const rng = new Rng(11);
    const th = [0, 1e-300, 0.01, Math.acos(2 / 3), Math.PI - Math.acos(2 / 3), Math.PI / 2, Math.PI - 0.01, Math.PI];
    for (let i = 0; i < 20_000; i++) th.push(Math.PI * rng.uniform());
    let worst = 0;
    for (const t of th) worst = Math.max(worst, Math.abs(cosFast(t) - cosCR(t)));
    expect(worst).toBeLessThan(2.5e-16);
  });
});

describe('int32 array loops (nside ≤ 2^13) agree with the scalar kernels', () => {
  for (const nside of [1, 8, 128, 8192]) {
    it(`gives the scalar functions’ pixels and angles at nside ${nside}, including ring-boundary directions`, () => {
      const rng = new Rng(nside);
      const n = 10_000;
      const th = new Float64Array(n), ph = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        // half random, half on ring boundaries z = 1 − k²/(3 nside²) / z = 4/3 − 2k/(3 nside) and meridians φ = jπ/(2·nside)
        const k = 1 + Math.floor(rng.uniform() * 2 * nside);
        const zb = k <= nside ? 1 - (k * k) / (3 * nside * nside) : 2 / 3 - (2 * (k - nside)) / (3 * nside);
        th[i] = i % 2 ? Math.acos(2 * rng.uniform() - 1) : Math.acos(rng.uniform() < 0.5 ? zb : -zb);
        ph[i] = i % 2 ? 8 * rng.uniform() - 1 : (Math.floor(rng.uniform() * 8 * nside) * Math.PI) / (4 * nside);
      }
      for (const nest of [false, true]) {
        const arr = ang2pixArray(nside, th, ph, nest);
        const x = new Float64Array(n), y = new Float64Array(n), z = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          x[i] = 2 * Math.sin(th[i]) * Math.cos(ph[i]);
          y[i] = 2 * Math.sin(th[i]) * Math.sin(ph[i]);
          z[i] = 2 * Math.cos(th[i]);
        }
        const varr = vec2pixArray(nside, x, y, z, nest);
        const ang = pix2angArray(nside, arr, nest);
        let bad = 0;
        for (let i = 0; i < n; i++) {
          const [t, p] = pix2ang(nside, arr[i], nest);
          if (arr[i] !== ang2pix(nside, th[i], ph[i], nest) || varr[i] !== vec2pix(nside, x[i], y[i], z[i], nest)) bad++;
          if (!Object.is(ang.theta[i], t) || !Object.is(ang.phi[i], p)) bad++;
        }
        expect(bad).toBe(0);
      }
      const r2n = ring2nestArray(nside, ang2pixArray(nside, th, ph)), n2r = nest2ringArray(nside, r2n);
      let bad = 0;
      for (let i = 0; i < n; i++) if (r2n[i] !== ring2nest(nside, n2r[i]) || n2r[i] !== nest2ring(nside, r2n[i])) bad++;
      expect(bad).toBe(0);
    });
  }
});
