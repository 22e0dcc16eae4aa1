import { describe, expect, it } from 'vitest';
import { Rng } from '../stats/random.js';
import { fitNs, newNsFit, nsInterval, tsAt, tsDerivs } from './fitNs.js';

/** independent maximiser: golden-section search on TS over [0, hi] */
function goldenMax(f: (n: number) => number, a: number, b: number): number {
  const r = (Math.sqrt(5) - 1) / 2;
  let c = b - r * (b - a);
  let d = a + r * (b - a);
  for (let k = 0; k < 200; k++) {
    if (f(c) > f(d)) b = d;
    else a = c;
    c = b - r * (b - a);
    d = a + r * (b - a);
  }
  return 0.5 * (a + b);
}

function sample(seed: number, n: number, signal: number): Float64Array {
  const rng = new Rng(seed);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = (i < signal ? 5 + 20 * rng.uniform() : 0) + rng.normal() * 0.8;
  return x;
}

describe('fitNs', () => {
  for (const [seed, n, sig] of [
    [1, 200, 10],
    [2, 1000, 30],
    [3, 50, 3],
    [4, 500, 0],
  ] as const) {
    it(`agrees with golden-section maximisation of TS (seed ${seed}, N=${n}, ${sig} signal-like)`, () => {
      const x = sample(seed, n, sig);
      const fit = fitNs(x, n, n, newNsFit());
      let xmin = 0;
      for (const v of x) xmin = Math.min(xmin, v);
      const hi = Math.min(n, (-n / xmin) * (1 - 1e-9));
      const ref = goldenMax((v) => tsAt(x, n, n, v), 0, hi);
      const refTs = Math.max(0, tsAt(x, n, n, ref));
      expect(fit.converged).toBe(true);
      expect(fit.ts).toBeCloseTo(refTs, 7);
      expect(Math.abs(fit.ns - (refTs === 0 ? 0 : ref))).toBeLessThan(1e-5 * Math.max(1, ref));
    });
  }

  it('returns n̂ = 0 and TS = 0 when the slope at 0 is negative', () => {
    const x = Float64Array.from([-1, -0.5, 0.2, 0.1]);
    const fit = fitNs(x, 4, 4, newNsFit());
    expect(fit.ns).toBe(0);
    expect(fit.ts).toBe(0);
  });

  it('stops at nsMax when the likelihood still rises there', () => {
    const x = Float64Array.from([3, 4, 5, 6]);
    const fit = fitNs(x, 4, 4, newNsFit(), { nsMax: 2 });
    expect(fit.ns).toBe(2);
    expect(fit.ts).toBeCloseTo(tsAt(x, 4, 4, 2), 12);
  });

  it('gives the same result from a warm start', () => {
    const x = sample(9, 300, 12);
    const a = fitNs(x, 300, 300, newNsFit());
    const b = fitNs(x, 300, 300, newNsFit(), { nsStart: a.ns * 1.7 });
    expect(b.ns).toBeCloseTo(a.ns, 8);
  });

  it('uses only the first m entries and the given total N', () => {
    const x = sample(5, 400, 15);
    const full = fitNs(x, 400, 1000, newNsFit());
    const y = new Float64Array(500);
    y.set(x);
    y.fill(1e6, 400); // garbage beyond m must be ignored
    expect(fitNs(y, 400, 1000, newNsFit()).ns).toBeCloseTo(full.ns, 10);
  });

  it('analytic dTS/dn and d²TS/dn² match central finite differences', () => {
    const x = sample(6, 300, 10);
    const d = new Float64Array(2);
    for (const n of [0, 1.5, 7, 20]) {
      tsDerivs(x, 300, 300, n, d);
      const h = 1e-4;
      const g = (tsAt(x, 300, 300, n + h) - tsAt(x, 300, 300, n - h)) / (2 * h);
      const hh = (tsAt(x, 300, 300, n + h) - 2 * tsAt(x, 300, 300, n) + tsAt(x, 300, 300, n - h)) / (h * h);
      expect(d[0]).toBeCloseTo(g, 5);
      expect(Math.abs(d[1] - hh)).toBeLessThan(1e-3 * Math.abs(d[1]) + 1e-4);
    }
  });

  it('68 % interval ends lie at TS(n̂) − 1', () => {
    const x = sample(7, 800, 25);
    const fit = fitNs(x, 800, 800, newNsFit());
    const [lo, hi] = nsInterval(x, 800, 800, fit);
    expect(lo).toBeLessThan(fit.ns);
    expect(hi).toBeGreaterThan(fit.ns);
    if (lo > 0) expect(tsAt(x, 800, 800, lo)).toBeCloseTo(fit.ts - 1, 6);
    expect(tsAt(x, 800, 800, hi)).toBeCloseTo(fit.ts - 1, 6);
  });
});
