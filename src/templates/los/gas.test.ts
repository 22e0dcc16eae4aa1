import { describe, expect, it } from 'vitest';
import { nHI, nH2, nHII, nHNuclei } from './gas.js';
import { KPC_CM, MH_G, MSUN_G, PC_CM } from './units.js';

function column(f: (z: number) => number, zMax = 5, dz = 0.0005): number {
  let s = 0;
  for (let z = -zMax + dz / 2; z < zMax; z += dz) s += f(z) * dz * KPC_CM;
  return s;
}

describe('gas model', () => {
  it('the HI column through the disk averaged over R = 4–8 kpc is 6.2×10²⁰ cm⁻² (Dickey & Lockman 1990)', () => {
    let s = 0;
    let n = 0;
    for (let r = 4; r <= 8.0001; r += 0.1) {
      s += column((z) => nHI(r, z));
      n++;
    }
    expect(Math.abs(s / n / 6.2e20 - 1)).toBeLessThan(0.05);
  });

  it('the H2 layer at 5 kpc has the Bronfman et al. 1988 half-width at half-maximum (72 pc) and is z-symmetric', () => {
    const r = 4.75;
    const n0 = nH2(r, 0);
    expect(nH2(r, 0.072) / n0).toBeCloseTo(0.5, 6);
    expect(nH2(r, -0.03)).toBeCloseTo(nH2(r, 0.03), 12);
  });

  it('the H2 column at 5 kpc equals X_CO × the CO integral of Bronfman Table 3 (W_CO = ε·2·HWHM·√(π/4ln2))', () => {
    // ε(4.75 kpc) = 9.0 K km/s/kpc, HWHM 0.072 kpc → W_CO = 9.0 · 0.072 · √(π/ln2) K km/s.
    const wco = 9.0 * 0.072 * Math.sqrt(Math.PI / Math.LN2);
    expect(column((z) => nH2(4.75, z), 1) / (1.9e20 * wco)).toBeCloseTo(1, 3);
  });

  it('the total H2 mass is ~1×10⁹ M☉ (Heyer & Dame 2015, ARA&A 53, 583; Nakanishi & Sofue 2006: 8.5×10⁸) within 30 %', () => {
    let m = 0;
    const dr = 0.02;
    const dz = 0.002;
    for (let r = dr / 2; r < 12; r += dr) {
      for (let z = -1 + dz / 2; z < 1; z += dz) m += 2 * nH2(r, z) * 2 * Math.PI * r * dr * dz * KPC_CM ** 3;
    }
    const msun = (m * MH_G) / MSUN_G;
    expect(msun).toBeGreaterThan(0.7e9);
    expect(msun).toBeLessThan(1.3e9);
  });

  it('the local (R = 8.5 kpc) total gas surface density is 5–15 M☉ pc⁻² in H (Ferrière 2001 RMP 73, 1031: ≈ 7–10)', () => {
    const n = column((z) => nHNuclei(8.5, z));
    const sigma = (n * MH_G) / (MSUN_G / PC_CM ** 2);
    expect(sigma).toBeGreaterThan(5);
    expect(sigma).toBeLessThan(15);
  });

  it('densities are non-negative everywhere and H2 vanishes beyond 10.25 kpc', () => {
    for (let r = 0; r < 30; r += 0.37) {
      for (const z of [0, 0.05, 0.3, 2]) {
        expect(nHI(r, z)).toBeGreaterThanOrEqual(0);
        expect(nH2(r, z)).toBeGreaterThanOrEqual(0);
        expect(nHII(r, z)).toBeGreaterThanOrEqual(0);
      }
    }
    expect(nH2(10.3, 0)).toBe(0);
  });
});
