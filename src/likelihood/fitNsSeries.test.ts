import { describe, expect, it } from 'vitest';
import { Rng } from '../stats/random.js';
import { fitNs, newNsFit } from './fitNs.js';
import { fitNsSeries } from './fitNsSeries.js';

/** power sums P1…P8 of the |x| ≤ xb events and the list of the others, as the WebAssembly kernel makes them */
function split(x: Float64Array, xb: number): { sums: Float64Array; exact: Float64Array; nExact: number } {
  const sums = new Float64Array(8);
  const exact = new Float64Array(x.length);
  let nExact = 0;
  for (const v of x) {
    if (Math.abs(v) <= xb) {
      let p = 1;
      for (let k = 0; k < 8; k++) sums[k] += p *= v;
    } else exact[nExact++] = v;
  }
  return { sums, exact, nExact };
}

/** cascade-like x: |x| median ~0.5, a few % above 2, rare ±10…50, plus `signal` events at +2…8 */
function sample(rng: Rng, n: number, signal: number, tails = true): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const tail = tails && rng.uniform() < 0.002 ? 10 + 40 * rng.uniform() : 1;
    x[i] = (rng.normal() * 0.7 + (rng.uniform() < 0.5 ? -0.2 : 0.2)) * tail;
  }
  for (let i = 0; i < signal; i++) x[i] = 2 + 6 * rng.uniform();
  return x;
}

function compare(x: Float64Array, xb: number, nsMax?: number): { series: ReturnType<typeof newNsFit>; exact: ReturnType<typeof newNsFit> } {
  const { sums, exact, nExact } = split(x, xb);
  const series = fitNsSeries(sums, exact, nExact, xb, x, x.length, x.length, newNsFit(), { nsMax });
  const ref = fitNs(x, x.length, x.length, newNsFit(), { nsMax });
  expect(Math.abs(series.ts - ref.ts)).toBeLessThanOrEqual(1e-9 * Math.max(1, ref.ts));
  expect(Math.abs(series.ns - ref.ns)).toBeLessThanOrEqual(1e-9 * Math.max(1, ref.ns));
  return { series, exact: ref };
}

describe('fitNsSeries', () => {
  it('equals fitNs (TS and n̂_s to 1e-9 relative) on 40 background-like and signal-like samples of 20k events, through the series', () => {
    const rng = new Rng(3);
    let viaSeries = 0;
    let positive = 0;
    for (let t = 0; t < 40; t++) {
      const { series } = compare(sample(rng, 20000, t % 4 === 0 ? 60 : 0), 2);
      if (series.iterations >= 0) viaSeries++;
      if (series.ns > 0) positive++;
    }
    // the few fits with n̂_s·xb/N ≳ 0.02 fail the 1e-10 bound and are done exactly
    expect(viaSeries).toBeGreaterThanOrEqual(35);
    expect(positive).toBeGreaterThan(10);
  });

  it('falls back to the exact fit when n̂_s leaves the series region (strong signal of |x| ≤ xb events)', () => {
    const x = sample(new Rng(4), 5000, 0);
    for (let i = 0; i < 1500; i++) x[i] = 1.9;
    const { series } = compare(x, 2);
    expect(series.iterations).toBeLessThan(0);
  });

  it('falls back when the remainder bound is not small enough (every event in the series, moderate n̂_s)', () => {
    const x = sample(new Rng(5), 3000, 0).map((v) => Math.max(-1.99, Math.min(1.99, v)));
    for (let i = 0; i < 150; i++) x[i] = 1.99;
    compare(x, 2);
  });

  it('gives n̂_s = 0, TS = 0 when the slope at 0 is ≤ 0, and honours nsMax and the domain bound of the exact events', () => {
    const neg = sample(new Rng(6), 2000, 0).map((v) => v - 0.3);
    const { series } = compare(neg, 2);
    expect(series.ns).toBe(0);
    expect(series.ts).toBe(0);
    const strong = sample(new Rng(7), 2000, 400, false);
    const capped = compare(strong, 2, 50).series;
    expect(capped.ns).toBe(50);
    // one very negative exact event bounds n below N/60
    const dom = sample(new Rng(8), 2000, 300);
    dom[1999] = -60;
    compare(dom, 2);
  });
});
