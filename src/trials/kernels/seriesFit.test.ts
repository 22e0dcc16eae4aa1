import { describe, expect, it } from 'vitest';
import { Rng } from '../../stats/random.js';
import { SeriesFit, type GammaFit } from './seriesFit.js';

/** max over n ∈ [0, nMax] of 2Σ ln(1 + n y_i R_b/N) by golden section (TS is concave in n). */
function exactTs(y: Float64Array, bin: Int32Array, R: Float64Array, N: number): { ts: number; ns: number } {
  const f = (n: number) => { let s = 0; for (let i = 0; i < N; i++) s += Math.log1p((n * y[i] * R[bin[i]]) / N); return 2 * s; };
  let xmin = 0;
  for (let i = 0; i < N; i++) xmin = Math.min(xmin, y[i] * R[bin[i]]);
  let a = 0, b = xmin < 0 ? Math.min(N, (-0.999999 * N) / xmin) : N;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 200; it++) {
    const c = b - g * (b - a), d = a + g * (b - a);
    if (f(c) > f(d)) b = d; else a = c;
  }
  const ns = 0.5 * (a + b);
  return f(ns) > 0 ? { ts: f(ns), ns } : { ts: 0, ns: 0 };
}

function sample(N: number, nSig: number, seed: number) {
  const rng = new Rng(seed), nB = 6;
  const y = new Float64Array(N), bin = new Int32Array(N);
  for (let i = 0; i < N; i++) {
    bin[i] = Math.floor(rng.uniform() * nB);
    // background: S − S̃ scatters around 0; signal events: large S/D̃
    y[i] = i < nSig ? 20 + 200 * rng.uniform() : 0.6 * rng.normal() + (rng.uniform() < 0.01 ? 15 * rng.uniform() : 0);
  }
  return { y, bin, nB };
}

describe('SeriesFit', () => {
  it('equals the exact n_s fit within 2e-6 in TS when the series carries most events, and exactly after the strong-signal refit', () => {
    for (const [nSig, seed] of [[0, 1], [15, 2], [40, 3], [600, 4]]) {
      const N = 20000;
      const { y, bin, nB } = sample(N, nSig, seed);
      const R = Float64Array.from({ length: nB }, (_, b) => 0.5 + 0.4 * b);
      const fit = new SeriesFit(Float64Array.of(2), nB, R, R.slice(), N);
      fit.begin();
      for (let i = 0; i < N; i++) fit.add(i, y[i], bin[i], 0);
      const out: GammaFit = { ts: 0, ns: 0, gamma: 0 };
      fit.fit(N, y, bin, out);
      const ref = exactTs(y, bin, R, N);
      expect(Math.abs(out.ts - ref.ts)).toBeLessThan(2e-6 * Math.max(1, ref.ts));
      expect(Math.abs(out.ns - ref.ns)).toBeLessThan(1e-3 * Math.max(1, ref.ns));
      if (nSig === 600) expect(fit.exactRefits).toBe(1);
    }
  });

  it('picks the best γ of the grid and refines it: TS at least the best grid value, γ inside the grid', () => {
    const N = 20000;
    const { y, bin, nB } = sample(N, 30, 5);
    const gammas = Float64Array.of(1, 2, 3, 4);
    const br = new Float64Array(4 * nB);
    // bins with higher index favour harder spectra
    for (let g = 0; g < 4; g++) for (let b = 0; b < nB; b++) br[g * nB + b] = Math.exp((b - 2.5) * (2.6 - gammas[g]) * 0.8);
    const brMax = new Float64Array(nB);
    for (let g = 0; g < 4; g++) for (let b = 0; b < nB; b++) brMax[b] = Math.max(brMax[b], br[g * nB + b]);
    const fit = new SeriesFit(gammas, nB, br, brMax, N);
    fit.begin();
    for (let i = 0; i < N; i++) fit.add(i, y[i], bin[i], 0);
    const out: GammaFit = { ts: 0, ns: 0, gamma: 0 };
    fit.fit(N, y, bin, out);
    let best = 0;
    for (let g = 0; g < 4; g++) best = Math.max(best, exactTs(y, bin, br.subarray(g * nB, g * nB + nB), N).ts);
    expect(out.ts).toBeGreaterThanOrEqual(best - 2e-6 * best);
    expect(out.gamma).toBeGreaterThanOrEqual(1);
    expect(out.gamma).toBeLessThanOrEqual(4);
  });
});
