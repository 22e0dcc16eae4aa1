import { describe, expect, it } from 'vitest';
import { Rng } from '../stats/random.js';
import { backgroundSpacePdf, evalSinDecDensity, sinDecKde } from './background.js';

describe('sin δ background density', () => {
  it('integrates to 1 over [−1, 1] (trapezoid on a fine grid) including the reflected edges', () => {
    const rng = new Rng(1);
    const s = Float64Array.from({ length: 20000 }, () => (rng.uniform() < 0.3 ? 1 - 0.1 * rng.uniform() : 2 * rng.uniform() - 1));
    const d = sinDecKde(s);
    const n = 20000;
    let I = 0;
    for (let k = 0; k <= n; k++) I += (k === 0 || k === n ? 0.5 : 1) * evalSinDecDensity(d, -1 + (2 * k) / n);
    expect(I * (2 / n)).toBeCloseTo(1, 3);
  });

  it('recovers a uniform density (0.5) away from nothing, and the edges are not depleted', () => {
    const rng = new Rng(2);
    const s = Float64Array.from({ length: 200000 }, () => 2 * rng.uniform() - 1);
    const d = sinDecKde(s);
    for (const v of [-0.999, -0.5, 0, 0.7, 0.999]) expect(Math.abs(evalSinDecDensity(d, v) - 0.5)).toBeLessThan(0.02);
  });

  it('equals an exact Gaussian KDE (direct sum) to the binning error', () => {
    const rng = new Rng(3);
    const s = Float64Array.from({ length: 3000 }, () => Math.tanh(rng.normal()));
    const h = 0.0873;
    const d = sinDecKde(s, h, 4000);
    for (const x of [-0.6, -0.1, 0.3, 0.8]) {
      let ref = 0;
      for (const v of s) for (const m of [v, -2 - v, 2 - v]) ref += Math.exp(-0.5 * ((x - m) / h) ** 2);
      ref /= s.length * h * Math.sqrt(2 * Math.PI);
      expect(Math.abs(evalSinDecDensity(d, x) / ref - 1)).toBeLessThan(2e-3);
    }
  });

  it('background space PDF is p(sin δ)/2π sr⁻¹ (integrates to 1 on the sphere)', () => {
    const d = sinDecKde(Float64Array.from([0.1, 0.2, -0.4]), 0.2);
    const out = backgroundSpacePdf(d, Float64Array.from([0.1]));
    expect(out[0]).toBeCloseTo(evalSinDecDensity(d, 0.1) / (2 * Math.PI), 14);
  });

  it('rejects a non-positive bandwidth with a typed error', () => {
    expect(() => sinDecKde([0], 0)).toThrow('bandwidth must be > 0, found 0');
  });
});
