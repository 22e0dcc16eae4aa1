import { describe, expect, it } from 'vitest';
import { Rng } from '../stats/random.js';
import { DEC_POLE_EXCLUSION, jitterDec, jitterDecBulk, scrambleRa } from './scramble.js';

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
});
