import { describe, expect, it } from 'vitest';
import { ComplexFFT, RealFFT } from './fft.js';

function naive(re: Float64Array, im: Float64Array, sign: number): [Float64Array, Float64Array] {
  const n = re.length, or = new Float64Array(n), oi = new Float64Array(n);
  for (let k = 0; k < n; k++)
    for (let j = 0; j < n; j++) {
      const a = (sign * 2 * Math.PI * ((j * k) % n)) / n;
      or[k] += re[j] * Math.cos(a) - im[j] * Math.sin(a);
      oi[k] += re[j] * Math.sin(a) + im[j] * Math.cos(a);
    }
  return [or, oi];
}

describe('FFT', () => {
  // radix 4, 2, 3, 5, 7 (generic), 31 (largest direct), 37 and 2·127 (Bluestein), 1
  for (const n of [1, 2, 4, 8, 12, 20, 30, 7, 62, 37, 254, 96]) {
    it(`complex forward/backward of length ${n} match the O(n²) DFT to 1e-12`, () => {
      const re = new Float64Array(n).map((_, i) => Math.sin(i * 1.3) + 0.1 * i);
      const im = new Float64Array(n).map((_, i) => Math.cos(i * 0.7));
      for (const sign of [-1, 1]) {
        const [er, ei] = naive(re, im, sign);
        const r = re.slice(), m = im.slice(), f = new ComplexFFT(n);
        if (sign < 0) f.forward(r, m); else f.backward(r, m);
        for (let k = 0; k < n; k++) { expect(Math.abs(r[k] - er[k])).toBeLessThan(1e-12 * n); expect(Math.abs(m[k] - ei[k])).toBeLessThan(1e-12 * n); }
      }
    });
  }
  for (const n of [4, 12, 28, 76, 508]) {
    it(`real forward then backward of length ${n} gives n·x, and forward matches the DFT`, () => {
      const x = new Float64Array(n).map((_, i) => Math.sin(i * i * 0.01) - 0.3);
      const f = new RealFFT(n), sr = new Float64Array(n / 2 + 1), si = new Float64Array(n / 2 + 1);
      f.forward(x, 0, sr, si);
      const [er, ei] = naive(x, new Float64Array(n), -1);
      for (let k = 0; k <= n / 2; k++) { expect(Math.abs(sr[k] - er[k])).toBeLessThan(1e-11); expect(Math.abs(si[k] - ei[k])).toBeLessThan(1e-11); }
      const y = new Float64Array(n);
      f.backward(sr, si, y, 0);
      for (let j = 0; j < n; j++) expect(Math.abs(y[j] / n - x[j])).toBeLessThan(1e-13);
    });
  }
});
