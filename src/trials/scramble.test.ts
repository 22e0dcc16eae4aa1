import { describe, expect, it } from 'vitest';
import { Rng } from '../stats/random.js';
import { LaneRng } from '../stats/laneRng.js';
import { DEC_POLE_EXCLUSION, jitterDec, jitterDecBulk, jitterDecLanes, scrambleRa, scrambleRaLanes } from './scramble.js';

describe('scrambles', () => {
  it('scrambleRa draws the same right ascensions as 2π·uniform() per event', () => {
    const a = new Float64Array(1001), r1 = new Rng(3), r2 = new Rng(3);
    scrambleRa(r1, a);
    for (let i = 0; i < a.length; i++) expect(a[i]).toBe(2 * Math.PI * r2.uniform());
    expect(r1.uniform()).toBe(r2.uniform());
  });

  it('jitterDecBulk gives the declinations and the generator state of jitterDec, redraws near the caps included', () => {
    // many events near the caps and a wide jitter force redraws; a few inside the caps are left alone
    const n = 5000, lim = Math.PI / 2 - DEC_POLE_EXCLUSION;
    const src = new Rng(9);
    const dec0 = Float64Array.from({ length: n }, () => (src.uniform() < 0.5 ? 1 : -1) * (lim - 0.3 * src.uniform() + (src.uniform() < 0.05 ? 0.1 : 0)));
    for (const width of [0.05, 0.4]) {
      const a = new Float64Array(n), b = new Float64Array(n), buf = new Float64Array(n);
      const r1 = new Rng(42), r2 = new Rng(42);
      r1.normal(); r2.normal(); // leave a spare normal pending
      jitterDec(r1, dec0, a, n, width);
      jitterDecBulk(r2, dec0, b, n, buf, width);
      expect(Array.from(b)).toEqual(Array.from(a));
      expect(r2.normal()).toBe(r1.normal());
      expect(r2.uniform()).toBe(r1.uniform());
      let moved = 0;
      for (let i = 0; i < n; i++) { expect(Math.abs(b[i])).toBeLessThanOrEqual(lim + 0.1); if (b[i] !== dec0[i]) moved++; }
      expect(moved).toBeGreaterThan(0.9 * n);
    }
  });

  it('scrambleRaLanes is 2π times the lane uniforms; jitterDecLanes is the jitter rule with the first draws from the lanes and the redraws from rng', () => {
    const n = 5000, lim = Math.PI / 2 - DEC_POLE_EXCLUSION;
    const src = new Rng(9);
    const dec0 = Float64Array.from({ length: n }, () => (src.uniform() < 0.5 ? 1 : -1) * (lim - 0.3 * src.uniform() + (src.uniform() < 0.05 ? 0.1 : 0)));
    const a = new Float64Array(1001), la = new LaneRng(), lb = new LaneRng();
    la.seedFrom(new Rng(4));
    lb.seedFrom(new Rng(4));
    scrambleRaLanes(la, a);
    const u = lb.fillUniform(new Float64Array(1001));
    for (let i = 0; i < a.length; i++) expect(a[i]).toBe(2 * Math.PI * u[i]);
    for (const width of [0.05, 0.4]) {
      const b = new Float64Array(n), buf = new Float64Array(n), r1 = new Rng(42), r2 = new Rng(42);
      r1.normal(); r2.normal();
      jitterDecLanes(r1, la, dec0, b, n, buf, width);
      // reference: jitterDec's loop with a normal source that gives the m lane normals, then r2's
      let m = 0;
      for (let i = 0; i < n; i++) if (Math.abs(dec0[i]) <= lim) m++;
      const z = lb.fillNormal(new Float64Array(m));
      let p = 0, redraws = 0;
      const next = () => (p < m ? z[p++] : (redraws++, r2.normal()));
      for (let i = 0; i < n; i++) {
        const d0 = dec0[i];
        if (Math.abs(d0) > lim) { expect(b[i]).toBe(d0); continue; }
        let d = d0 + width * next();
        for (let k = 0; k < 100 && Math.abs(d) > lim; k++) d = d0 + width * next();
        expect(b[i]).toBe(Math.abs(d) > lim ? d0 : d);
      }
      expect(redraws).toBeGreaterThan(10);
      expect(r1.normal()).toBe(r2.normal());
      expect(la.state).toEqual(lb.state);
    }
  });
});
