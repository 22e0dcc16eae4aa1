import { describe, expect, it } from 'vitest';
import { LaneRng } from './laneRng.js';
import { Rng } from './random.js';
import { ksTest } from './ks.js';
import { chi2Sf } from './chi2.js';
import { normCdf } from './normal.js';

const lanesOf = (seed: number) => {
  const g = new LaneRng();
  g.seedFrom(Rng.forStream(seed, 0));
  return g;
};
const laneState = (g: LaneRng, j: number) => ({ s0: g.state[j], s1: g.state[j + 4], s2: g.state[j + 8], s3: g.state[j + 12], spareNormal: NaN });
const every = (x: Float64Array, from: number, step: number) => Float64Array.from({ length: Math.floor((x.length - from + step - 1) / step) }, (_, k) => x[from + k * step]);

function corr(a: Float64Array, b: Float64Array): number {
  const n = Math.min(a.length, b.length);
  let sa = 0, sb = 0, sab = 0, saa = 0, sbb = 0;
  for (let k = 0; k < n; k++) { sa += a[k]; sb += b[k]; sab += a[k] * b[k]; saa += a[k] * a[k]; sbb += b[k] * b[k]; }
  const ma = sa / n, mb = sb / n;
  return (sab / n - ma * mb) / Math.sqrt((saa / n - ma * ma) * (sbb / n - mb * mb));
}

function chi2Uniform(x: Float64Array, bins: number): number {
  const h = new Float64Array(bins);
  for (let k = 0; k < x.length; k++) h[Math.floor(x[k] * bins)]++;
  const e = x.length / bins;
  let c = 0;
  for (let b = 0; b < bins; b++) c += (h[b] - e) ** 2 / e;
  return chi2Sf(c, bins - 1);
}

describe('LaneRng (four xoshiro128** lanes)', () => {
  it('lane j of the interleaved uniforms is (h·2²⁰ + ⌊l/2¹²⌋)/2⁵² of two outputs of an Rng in lane j state, and the state afterwards is that Rng state', () => {
    const g = lanesOf(5);
    const refs = [0, 1, 2, 3].map((j) => { const r = new Rng(0); r.setState(laneState(g, j)); return r; });
    const next = (r: Rng) => { const h = r.nextUint32(), l = r.nextUint32(); return (h * 2 ** 20 + Math.floor(l / 2 ** 12)) / 2 ** 52; };
    const out = new Float64Array(4003);
    g.fillUniform(out, 4003);
    for (let k = 0; k < out.length; k++) expect(out[k]).toBe(next(refs[k & 3]));
    // the last round (1001 uniforms per lane) is complete: every lane drew its 1001st uniform too, dropped
    next(refs[3]);
    const words = (st: { s0: number; s1: number; s2: number; s3: number }) => [st.s0 | 0, st.s1 | 0, st.s2 | 0, st.s3 | 0];
    for (let j = 0; j < 4; j++) expect(words(laneState(g, j))).toEqual(words(refs[j].getState()));
  });

  it('seedFrom draws 16 numbers of the parent, is deterministic, gives distinct lanes and never an all-zero lane', () => {
    const p = Rng.forStream(9, 3), q = Rng.forStream(9, 3);
    const a = new LaneRng(), b = new LaneRng();
    a.seedFrom(p);
    b.seedFrom(Rng.forStream(9, 3));
    expect(a.state).toEqual(b.state);
    for (let k = 0; k < 16; k++) q.nextUint32();
    expect(p.uniform()).toBe(q.uniform());
    const lanes = new Set([0, 1, 2, 3].map((j) => JSON.stringify(laneState(a, j))));
    expect(lanes.size).toBe(4);
    // a parent whose draws all mix to zero: every lane gets s0 = 1
    let k = 0;
    const zero = { nextUint32: () => (-Math.imul(++k, 0x9e3779b9)) >>> 0 } as unknown as Rng;
    a.seedFrom(zero);
    expect(Array.from(a.state)).toEqual([1, 1, 1, 1, ...Array(12).fill(0)]);
  });

  it('fillNormal is the polar method on the interleaved uniforms, in whole rounds, odd counts dropping the last v·f', () => {
    for (const n of [0, 1, 2, 3, 7, 1000, 1001]) {
      const g = lanesOf(11), h = lanesOf(11);
      const out = g.fillNormal(new Float64Array(n), n);
      const want: number[] = [];
      const u4 = new Float64Array(4);
      while (want.length < n) {
        h.fillUniform(u4, 4);
        for (let c = 0; c < 2; c++) {
          const u = 2 * u4[2 * c] - 1, v = 2 * u4[2 * c + 1] - 1, s = u * u + v * v;
          if (s >= 1 || s === 0 || want.length >= n) continue;
          const f = Math.sqrt((-2 * Math.log(s)) / s);
          want.push(u * f, v * f);
        }
      }
      expect(Array.from(out)).toEqual(want.slice(0, n));
      expect(g.state).toEqual(h.state);
    }
  });

  it('4e6 uniforms: each lane and the interleaved stream pass KS and χ² (1000 bins) at p > 1e-3', () => {
    const x = lanesOf(2023).fillUniform(new Float64Array(4_000_000));
    for (let j = 0; j < 4; j++) {
      const lane = every(x, j, 4);
      expect(ksTest(lane, (t) => t).p).toBeGreaterThan(1e-3);
      expect(chi2Uniform(lane, 1000)).toBeGreaterThan(1e-3);
    }
    expect(ksTest(x.subarray(0, 1_000_000), (t) => t).p).toBeGreaterThan(1e-3);
    expect(chi2Uniform(x, 1000)).toBeGreaterThan(1e-3);
  });

  it('uniforms are uncorrelated within 4/√n: lag 1 of the interleaved stream, lag 1 within a lane, lane against lane, trial against trial', () => {
    const n = 1_000_000, x = lanesOf(77).fillUniform(new Float64Array(4 * n));
    const tol = 4 / Math.sqrt(n);
    expect(Math.abs(corr(x.subarray(0, 4 * n - 1), x.subarray(1)))).toBeLessThan(4 / Math.sqrt(4 * n));
    const lanes = [0, 1, 2, 3].map((j) => every(x, j, 4));
    for (let j = 0; j < 4; j++) {
      expect(Math.abs(corr(lanes[j].subarray(0, n - 1), lanes[j].subarray(1)))).toBeLessThan(tol);
      for (let k = j + 1; k < 4; k++) expect(Math.abs(corr(lanes[j], lanes[k]))).toBeLessThan(tol);
    }
    const y = lanesOf(78).fillUniform(new Float64Array(n));
    expect(Math.abs(corr(x.subarray(0, n), y))).toBeLessThan(tol);
  });

  it('1e6 normals: mean 0 and variance 1 within 5 standard errors, KS against Φ at p > 1e-3, lag-1 correlation within 4/√n', () => {
    const n = 1_000_000, z = lanesOf(31).fillNormal(new Float64Array(n));
    let s = 0, s2 = 0;
    for (let k = 0; k < n; k++) { s += z[k]; s2 += z[k] * z[k]; }
    expect(Math.abs(s / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(ksTest(z, normCdf).p).toBeGreaterThan(1e-3);
    expect(Math.abs(corr(z.subarray(0, n - 1), z.subarray(1)))).toBeLessThan(4 / Math.sqrt(n));
    // u·f and v·f of one pair (lanes 0/1 or 2/3) and of consecutive pairs
    const even = every(z, 0, 2), odd = every(z, 1, 2);
    expect(Math.abs(corr(even, odd))).toBeLessThan(4 / Math.sqrt(n / 2));
    expect(Math.abs(corr(even.subarray(1), odd))).toBeLessThan(4 / Math.sqrt(n / 2));
  });
});
