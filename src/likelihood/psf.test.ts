import { describe, expect, it } from 'vitest';
import { KENT_MIN_SIGMA, besselI0e, besselI0eFast, cosAngDist, psPdf, raAveragedPsPdf, raAveragedPsPdfFast } from './psf.js';

const DEG = Math.PI / 180;

/** ∫ f(ψ) 2π sin ψ dψ over [0, π] by composite Simpson with n intervals. */
function sphereIntegral(f: (psi: number) => number, n = 200000): number {
  const h = Math.PI / n;
  let s = 0;
  for (let k = 0; k <= n; k++) {
    const psi = k * h;
    const w = k === 0 || k === n ? 1 : k % 2 ? 4 : 2;
    s += w * f(psi) * 2 * Math.PI * Math.sin(psi);
  }
  return (s * h) / 3;
}

describe('point-source PDF', () => {
  for (const sd of [0.3, 1, 3, 6.99, 7, 15, 30, 60]) {
    it(`integrates to 1 over the sphere for σ = ${sd}° (Simpson quadrature)`, () => {
      const sigma = sd * DEG;
      expect(sphereIntegral((psi) => psPdf(Math.cos(psi), sigma))).toBeCloseTo(1, 8);
    });
  }

  it('is a Gaussian exp(−ψ²/2σ²) below 7° and vMF exp(κ cos ψ) at and above 7°', () => {
    const s1 = 3 * DEG;
    const r1 = psPdf(Math.cos(2 * DEG), s1) / psPdf(1, s1);
    expect(r1).toBeCloseTo(Math.exp(-0.5 * (2 / 3) ** 2), 12);
    const s2 = KENT_MIN_SIGMA;
    const k = 1 / (s2 * s2);
    const r2 = psPdf(Math.cos(5 * DEG), s2) / psPdf(1, s2);
    expect(r2).toBeCloseTo(Math.exp(k * (Math.cos(5 * DEG) - 1)), 12);
  });

  it('e^{−x} I0(x) matches tabulated values within 1e-13 relative', () => {
    // reference values from scipy.special.i0 (Debian python3-scipy)
    const ref: [number, number][] = [
      [0, 1],
      [1, 1.2660658777520082],
      [3, 4.880792585865024],
      [10, 2815.716628466254],
      [29.9, 708478330489.0146],
      [30.1, 862432920031.7792],
      [50, 2.9325537838493355e20],
    ];
    for (const [x, i0] of ref) expect(Math.abs(besselI0e(x) / (i0 * Math.exp(-x)) - 1)).toBeLessThan(1e-13);
  });
});

describe('RA-averaged point-source PDF S̃', () => {
  /** brute-force (1/2π)∫ S dα with the trapezoid rule on 20000 points (periodic: spectrally exact) */
  function brute(dec: number, decS: number, sigma: number): number {
    const n = 20000;
    let s = 0;
    for (let k = 0; k < n; k++) s += psPdf(cosAngDist((2 * Math.PI * k) / n, dec, 0, decS), sigma);
    return s / n;
  }
  const cases: [number, number, number][] = [
    [10, 10, 1],
    [10, 12, 2],
    [-50, -49, 5],
    [80, 85, 3],
    [89.9, 89.5, 0.5],
    [0, 30, 6.9],
    [0, 5, 7],
    [40, -20, 25],
    [-85, -60, 40],
    [0, 60, 1], // far away: zero
  ];
  for (const [d, ds, sd] of cases) {
    it(`matches brute-force RA integration at δ=${d}°, δs=${ds}°, σ=${sd}°`, () => {
      const dec = d * DEG;
      const decS = ds * DEG;
      const got = raAveragedPsPdf(Math.sin(dec), Math.cos(dec), Math.sin(decS), Math.cos(decS), sd * DEG);
      const ref = brute(dec, decS, sd * DEG);
      // vMF: closed form with I0; Gaussian: 32-point Gauss–Legendre
      expect(Math.abs(got - ref)).toBeLessThanOrEqual(1e-9 * Math.max(ref, 1e-300) + 1e-14);
    });
  }

  it('integrates to 1 over the sphere (∫ S̃ 2π cos δ dδ)', () => {
    const decS = -30 * DEG;
    for (const sigma of [2 * DEG, 20 * DEG]) {
      const n = 4000;
      let s = 0;
      for (let k = 0; k < n; k++) {
        const dec = -Math.PI / 2 + ((k + 0.5) * Math.PI) / n;
        s += raAveragedPsPdf(Math.sin(dec), Math.cos(dec), Math.sin(decS), Math.cos(decS), sigma) * 2 * Math.PI * Math.cos(dec) * (Math.PI / n);
      }
      expect(s).toBeCloseTo(1, 5);
    }
  });

  it('besselI0eFast (cubic table) equals the series e^{−x}I0(x) within 4e-11 relative on [0, 80]', () => {
    let worst = 0;
    for (let k = 0; k <= 200000; k++) {
      const x = (80 * k) / 200000 + (k % 7) * 1.3e-6;
      worst = Math.max(worst, Math.abs(besselI0eFast(x) / besselI0e(x) - 1));
    }
    expect(worst).toBeLessThan(4e-11);
  });

  it('raAveragedPsPdfFast equals raAveragedPsPdf within 4e-11 relative (vMF: table Bessel factor; Gaussian: same quadrature)', () => {
    let worst = 0;
    for (let k = 0; k < 20000; k++) {
      const d = (-90 + (180 * ((k * 0.618034) % 1))) * DEG, ds = (-85 + (170 * ((k * 0.414214) % 1))) * DEG;
      const sigma = (1 + 59 * ((k * 0.732051) % 1)) * DEG;
      const a = raAveragedPsPdf(Math.sin(d), Math.cos(d), Math.sin(ds), Math.cos(ds), sigma);
      const b = raAveragedPsPdfFast(Math.sin(d), Math.cos(d), Math.sin(ds), Math.cos(ds), sigma);
      if (a > 1e-300) worst = Math.max(worst, Math.abs(b / a - 1));
      else expect(b).toBe(a);
    }
    expect(worst).toBeLessThan(4e-11);
  });
});
