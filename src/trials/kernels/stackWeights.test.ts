import { describe, expect, it } from 'vitest';
import { groupedWeightBasis, weightBasis } from './stackWeights.js';
import { MultiSeriesFit } from './multiSeriesFit.js';
import { SeriesFit, type GammaFit } from './seriesFit.js';
import { Rng } from '../../stats/random.js';

describe('stack weights on the γ grid', () => {
  it('weightBasis reproduces banded acceptance weights exactly with one basis vector per band, and fixed weights with one', () => {
    const K = 9, nG = 13;
    // three declination bands of sources with different acceptance slopes in γ
    const band = [0, 0, 0, 1, 1, 2, 2, 2, 2];
    const W = Array.from({ length: nG }, (_, g) => {
      const gam = 1 + 0.25 * g;
      const w = Float64Array.from(band, (b, k) => (1 + 0.1 * k) * Math.exp(-(gam - 2) * (0.3 + 0.5 * b)));
      const s = w.reduce((a, v) => a + v, 0);
      return w.map((v) => v / s);
    });
    const b = weightBasis(W);
    expect(b.J).toBe(3);
    expect(b.maxError).toBeLessThan(1e-14);
    for (let j = 0; j < b.J; j++) for (let k = 0; k < K; k++) expect(b.B[j * K + k]).toBeGreaterThanOrEqual(0);
    const gb = groupedWeightBasis(W)!;
    expect(gb.J).toBe(3);
    expect(Array.from(gb.group!)).toEqual(band);
    expect(gb.maxError).toBeLessThan(1e-15);
    // weights varying smoothly with declination: no groups
    const smooth = Array.from({ length: nG }, (_, g) => Float64Array.from({ length: K }, (_, k) => Math.exp(-(1 + 0.25 * g - 2) * 0.1 * k)));
    expect(groupedWeightBasis(smooth)).toBeNull();
    const fixed = weightBasis(Array.from({ length: nG }, () => W[4]));
    expect(fixed.J).toBe(1);
    expect(fixed.maxError).toBeLessThan(1e-15);
  });

  it('MultiSeriesFit with components z_j and coefficients c_j(γ) equals SeriesFit on y = Σ_j c_j z_j at every single γ', () => {
    const N = 15000, nB = 4, J = 3, rng = new Rng(6);
    const Z = new Float64Array(N * J), bin = new Int32Array(N);
    for (let i = 0; i < N; i++) {
      bin[i] = i % nB;
      for (let j = 0; j < J; j++) Z[i * J + j] = (i < 25 ? 30 * rng.uniform() : 0.5 * rng.normal()) * (1 + j);
    }
    const R = Float64Array.of(0.6, 0.9, 1.2, 1.7);
    for (const c of [[1, 0, 0], [0.2, 0.5, 0.3], [0.7, -0.2, 0.5]]) {
      const mf = new MultiSeriesFit(J, Float64Array.of(2), nB, R, R, Float64Array.from(c), N);
      mf.begin();
      let bt = 0;
      for (let i = 0; i < N; i++) mf.add(i, Z, bin[i], bt);
      const a: GammaFit = { ts: 0, ns: 0, gamma: 0 };
      mf.fit(N, Z, bin, a);
      const y = Float64Array.from({ length: N }, (_, i) => c[0] * Z[i * J] + c[1] * Z[i * J + 1] + c[2] * Z[i * J + 2]);
      const sf = new SeriesFit(Float64Array.of(2), nB, R, R, N);
      sf.begin();
      for (let i = 0; i < N; i++) sf.add(i, y[i], bin[i], bt);
      const b: GammaFit = { ts: 0, ns: 0, gamma: 0 };
      sf.fit(N, y, bin, b);
      expect(a.ts).toBeGreaterThan(1);
      // the exact sets differ (MultiSeriesFit classifies by a bound on |y|): agreement to the series error
      expect(Math.abs(a.ts - b.ts)).toBeLessThan(2e-6 * b.ts);
      expect(Math.abs(a.ns - b.ns)).toBeLessThan(1e-4 * b.ns);
    }
  });
});
