import { describe, expect, it } from 'vitest';
import { TsDistribution } from './tsDistribution.js';
import { Rng } from './random.js';
import { chi2Sf } from './chi2.js';
import { sigmaToP } from './normal.js';

function chernoff(n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: n }, () => (rng.uniform() < 0.5 ? 0 : rng.normal() ** 2));
}

describe('TsDistribution', () => {
  const bg = new TsDistribution(chernoff(20000, 1));

  it('reads p-values straight from the trials with a binomial interval', () => {
    const pv = bg.pValue(2.706); // ½·χ²₁ sf(2.706) = 0.05
    expect(pv.method).toBe('trials');
    expect(pv.extrapolated).toBe(false);
    expect(pv.pLo).toBeLessThan(pv.p); expect(pv.pHi).toBeGreaterThan(pv.p);
    expect(Math.abs(pv.p - 0.05)).toBeLessThan(4 * Math.sqrt(0.05 * 0.95 / 20000));
    expect(bg.pValue(0).p).toBe(1);
  });

  it('labels values beyond the trials as extrapolated from the fitted tail, close to the true χ² tail', () => {
    const pv = bg.pValue(30); // truth ½·χ²₁ sf(30) = 2.2e-8
    expect(pv.method).toBe('tail');
    expect(pv.extrapolated).toBe(true);
    const truth = 0.5 * chi2Sf(30, 1);
    expect(Math.abs(Math.log10(pv.p / truth))).toBeLessThan(0.5);
    const t5 = bg.threshold(5);
    expect(t5.extrapolated).toBe(true);
    const t2 = bg.threshold(2);
    expect(t2.extrapolated).toBe(false);
    expect(0.5 * chi2Sf(t2.ts, 1)).toBeCloseTo(sigmaToP(2), 2);
  });

  it('extrapolates stably from a few thousand trials: over 40 sets of 2,000 Chernoff trials, p(TS = 30) stays within 1 dex of the truth (5–95 %)', () => {
    const truth = 0.5 * chi2Sf(30, 1);
    const dex: number[] = [];
    for (let s = 0; s < 40; s++) dex.push(Math.log10(new TsDistribution(chernoff(2000, 500 + s)).p(30) / truth));
    dex.sort((a, b) => a - b);
    expect(dex[2]).toBeGreaterThan(-1);
    expect(dex[37]).toBeLessThan(1);
    expect(Math.abs(dex[20])).toBeLessThan(0.3); // median unbiased
  });
});
