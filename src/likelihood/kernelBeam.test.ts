import { describe, expect, it } from 'vitest';
import { eventPdfBeam } from './kernelBeam.js';

const DEG = Math.PI / 180;

describe('eventPdfBeam', () => {
  it('for the Gaussian branch at small σ approaches the heat kernel exp(−l(l+1)σ²/2)', () => {
    const s = 1 * DEG;
    const b = eventPdfBeam(s, 300);
    for (const l of [10, 50, 100, 200]) expect(Math.abs(b[l] - Math.exp((-l * (l + 1) * s * s) / 2))).toBeLessThan(2e-3);
  });

  it('for the vMF branch equals the analytic I_{l+1/2}(κ)/I_{1/2}(κ) (l = 1: coth κ − 1/κ)', () => {
    const s = 20 * DEG;
    const k = 1 / (s * s);
    const b = eventPdfBeam(s, 5);
    expect(b[0]).toBeCloseTo(1, 14);
    expect(b[1]).toBeCloseTo(1 / Math.tanh(k) - 1 / k, 10);
    // l = 2: 1 − 3 coth(κ)/κ + 3/κ²
    expect(b[2]).toBeCloseTo(1 - (3 / Math.tanh(k)) / k + 3 / (k * k), 10);
  });
});
