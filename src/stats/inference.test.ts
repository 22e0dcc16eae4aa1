import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { clopperPearson, wilson } from './binomial.js';
import { kolmogorovSf, ksTest } from './ks.js';
import { gammaFitMle, gammaFitTail } from './fit.js';
import { countAbove, quantile } from './quantile.js';
import { Rng } from './random.js';
import { chi2Sf, gammaLogPdf, gammaLogSf, gammaSf } from './chi2.js';

const ref = JSON.parse(readFileSync(new URL('../../test/fixtures/stats/reference.json', import.meta.url), 'utf8'));

describe('binomial intervals', () => {
  it('Clopper-Pearson matches scipy beta.ppf bounds (1e-12 up to n = 1000; 1e-9 at n = 1e6, where ln B(a, b) cancels two lgamma values of 1.3e7)', () => {
    for (const r of ref.clopperPearson) {
      const iv = clopperPearson(r.k, r.n, r.cl);
      const tol = r.n > 1000 ? 1e-9 : 1e-12;
      if (r.lo > 0) expect(Math.abs(iv.lo - r.lo) / r.lo).toBeLessThan(tol);
      else expect(iv.lo).toBe(0);
      expect(Math.abs(iv.hi - r.hi) / r.hi).toBeLessThan(tol);
    }
  });
  it('Wilson interval contains the point estimate and shrinks like 1/√n', () => {
    const a = wilson(30, 100), b = wilson(300, 1000);
    expect(a.lo).toBeLessThan(0.3); expect(a.hi).toBeGreaterThan(0.3);
    expect((a.hi - a.lo) / (b.hi - b.lo)).toBeCloseTo(Math.sqrt(10), 1);
  });
});

describe('Kolmogorov–Smirnov', () => {
  it('kolmogorovSf matches scipy.special.kolmogorov on both series branches', () => {
    for (const r of ref.kolmogorov) expect(Math.abs(kolmogorovSf(r.x) - r.sf)).toBeLessThan(1e-13);
  });
  it('statistic and asymptotic p match scipy kstest; Stephens p is within 3 % of the exact p', () => {
    const k = ksTest(ref.ks.sample, (x) => Math.min(1, Math.max(0, x)), 'asymp');
    expect(k.d).toBeCloseTo(ref.ks.D, 14);
    expect(k.p).toBeCloseTo(ref.ks.pAsymp, 12);
    const s = ksTest(ref.ks.sample, (x) => Math.min(1, Math.max(0, x)));
    expect(Math.abs(s.p - ref.ks.pExact) / ref.ks.pExact).toBeLessThan(0.03);
  });
  it('rejects a wrong hypothesis', () => {
    const rng = new Rng(1);
    const x = Array.from({ length: 500 }, () => rng.normal() + 0.3);
    expect(ksTest(x, (v) => 0.5 * (1 + Math.tanh(v * 0.8))).p).toBeLessThan(1e-3);
  });
});

describe('fits', () => {
  it('gamma MLE matches scipy gamma.fit(floc=0)', () => {
    const f = gammaFitMle(ref.gammaFit.sample);
    expect(f.shape).toBeCloseTo(ref.gammaFit.shape, 5);
    expect(f.scale).toBeCloseTo(ref.gammaFit.scale, 5);
  });
  it('truncated tail fit reaches the likelihood maximum and extrapolates a χ²₂ tail within 25 %', () => {
    const rng = new Rng(5);
    const x = Float64Array.from({ length: 100000 }, () => 2 * rng.exponential()); // χ²₂ = 2·Exp(1)
    const f = gammaFitTail(x, 3);
    const tail = Array.from(x).filter((v) => v > 3);
    const nll = (k: number, th: number) => tail.reduce((s, v) => s - gammaLogPdf(v, k, th), 0) + tail.length * gammaLogSf(3, k, th);
    const best = nll(f.shape, f.scale);
    for (const [dk, dt] of [[1.02, 1], [0.98, 1], [1, 1.02], [1, 0.98]]) expect(best).toBeLessThanOrEqual(nll(f.shape * dk, f.scale * dt));
    const extrap = gammaSf(20, f.shape, f.scale) / gammaSf(3, f.shape, f.scale);
    const truth = chi2Sf(20, 2) / chi2Sf(3, 2);
    expect(Math.abs(extrap / truth - 1)).toBeLessThan(0.25);
  });
});

describe('quantiles', () => {
  it('match numpy.quantile (linear)', () => {
    const q = ref.quantile;
    q.probs.forEach((p: number, i: number) => expect(quantile(q.sample, p)).toBeCloseTo(q.values[i], 13));
  });
  it('countAbove counts strictly greater entries in a sorted sample', () => {
    const s = Float64Array.from([0, 0, 1, 2, 2, 3]);
    expect(countAbove(s, 0)).toBe(4); expect(countAbove(s, 2)).toBe(1); expect(countAbove(s, -1)).toBe(6); expect(countAbove(s, 3)).toBe(0);
  });
});
