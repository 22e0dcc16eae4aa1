import { describe, expect, it } from 'vitest';
import { Rng, lgamma } from './random.js';

describe('Rng', () => {
  it('is reproducible for a seed and differs between seeds', () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43);
    const xa = [a.uniform(), a.uniform()], xb = [b.uniform(), b.uniform()], xc = [c.uniform(), c.uniform()];
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it('forStream gives the same stream for the same (seed, stream) whatever was drawn before', () => {
    const x = Rng.forStream(7, 123).uniform();
    Rng.forStream(7, 122).uniform();
    expect(Rng.forStream(7, 123).uniform()).toBe(x);
    expect(Rng.forStream(7, 124).uniform()).not.toBe(x);
  });

  it('uniform has mean 1/2 and variance 1/12 within 5 standard errors', () => {
    const r = new Rng(1), n = 200_000;
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) { const u = r.uniform(); s += u; s2 += u * u; }
    const m = s / n, v = s2 / n - m * m;
    expect(Math.abs(m - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(v - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / n));
  });

  it('normal has mean 0 and variance 1 within 5 standard errors', () => {
    const r = new Rng(2), n = 200_000;
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) { const x = r.normal(); s += x; s2 += x * x; }
    expect(Math.abs(s / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });

  it.each([0.5, 7, 30, 250, 6e4])('poisson(%d) has mean and variance equal to the mean', (mu) => {
    const r = new Rng(3), n = 100_000;
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) { const k = r.poisson(mu); s += k; s2 += k * k; }
    const m = s / n, v = s2 / n - m * m;
    expect(Math.abs(m - mu)).toBeLessThan(5 * Math.sqrt(mu / n));
    expect(Math.abs(v / mu - 1)).toBeLessThan(5 * Math.sqrt(2 / n) + 1e-3);
  });
});

describe('Rng bulk fills', () => {
  // the bulk fills keep the generator state in locals; they must draw exactly what the
  // one-at-a-time methods draw, and leave the generator in the same state
  it('fillUniform, fillUint32Scaled and fillNormal equal repeated single draws, state included', () => {
    for (const n of [0, 1, 7, 1000]) {
      const a = new Rng(11), b = new Rng(11);
      const u = a.fillUniform(new Float64Array(n));
      expect(Array.from(u)).toEqual(Array.from({ length: n }, () => b.uniform()));
      const scale = (2 * Math.PI) / 4294967296;
      const r = a.fillUint32Scaled(new Float64Array(n + 3), n, scale, 0.25);
      expect(Array.from(r.subarray(0, n))).toEqual(Array.from({ length: n }, () => 0.25 + scale * b.nextUint32()));
      expect(r[n]).toBe(0);
      const g = a.fillNormal(new Float64Array(n), n);
      expect(Array.from(g)).toEqual(Array.from({ length: n }, () => b.normal()));
      expect(a.normal()).toBe(b.normal()); // the spare normal is handed over too
      expect(a.uniform()).toBe(b.uniform());
    }
  });
});

describe('lgamma', () => {
  it('matches log factorials', () => {
    let lf = 0;
    for (let k = 1; k < 60; k++) {
      lf += Math.log(k);
      expect(lgamma(k + 1)).toBeCloseTo(lf, 10);
    }
    expect(lgamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
  });
});
