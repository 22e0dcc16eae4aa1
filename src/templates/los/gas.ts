/**
 * Axisymmetric 3-D interstellar gas model (number densities in cm⁻³, R and z in kpc), the analytic
 * model GALPROP uses (Moskalenko et al. 2002, ApJ 565, 280, §2), re-implemented from the published
 * tables:
 *  - HI: radial profile of Gordon & Burton 1976 (ApJ 208, 346, Table 1, values = averages over the
 *    radial bins, linear interpolation between bin centres, e-folding 3 kpc beyond 15.75 kpc);
 *    vertical profile of Dickey & Lockman 1990 (ARA&A 28, 215) for R ≤ 8 kpc, flaring Gaussian of
 *    Cox, Krügel & Mezger 1986 (A&A 155, 380) for R ≥ 10 kpc, linear blend in between; scaled by
 *    Y(R)/0.33 cm⁻³ so that the column through the disk at 4–8 kpc is 6.2×10²⁰ cm⁻² (DL90).
 *  - H2: CO emissivity and Gaussian half-width at half-maximum of Bronfman et al. 1988 (ApJ 324, 248,
 *    Table 3) times X_CO = 1.9×10²⁰ cm⁻² (K km s⁻¹)⁻¹ (Strong & Mattox 1996, A&A 308, L21).
 *    The small mid-plane offsets z0(R) (< 40 pc) of that table are neglected (the model is z-symmetric).
 *  - HII: Cordes et al. 1991 (Nature 354, 121) two-component model (eq. 6, Table 1).
 */
import { KPC_CM } from './units.js';

const HI_EDGES = [
  0.0, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0, 9.5, 10.0, 10.5, 11.0, 11.5,
  12.0, 12.5, 13.0, 13.5, 14.0, 14.5, 15.0, 15.5, 16.0,
];
const HI_DENS = [
  0.1, 0.13, 0.14, 0.16, 0.19, 0.25, 0.3, 0.33, 0.32, 0.31, 0.3, 0.37, 0.38, 0.36, 0.32, 0.29, 0.38, 0.4, 0.25,
  0.23, 0.32, 0.36, 0.32, 0.25, 0.16, 0.1, 0.09, 0.08, 0.06,
];
const HI_CENTRES = HI_DENS.map((_, i) => 0.5 * (HI_EDGES[i] + HI_EDGES[i + 1]));

/** Gordon & Burton 1976 mid-plane-equivalent HI density Y(R) in cm⁻³. */
export function hiRadial(r: number): number {
  const c = HI_CENTRES;
  const n = c.length;
  if (r <= c[0]) return HI_DENS[0];
  if (r >= c[n - 1]) return HI_DENS[n - 1] * Math.exp(-(r - c[n - 1]) / 3);
  let i = 0;
  while (r > c[i + 1]) i++;
  const t = (r - c[i]) / (c[i + 1] - c[i]);
  return HI_DENS[i] + t * (HI_DENS[i + 1] - HI_DENS[i]);
}

const LN2 = Math.LN2;

/** HI vertical profile (cm⁻³ at the reference density 0.33 cm⁻³). */
export function hiVertical(r: number, z: number): number {
  const az = Math.abs(z);
  let f1 = 0;
  let f2 = 0;
  if (r < 10) {
    // Dickey & Lockman 1990: two Gaussians (FWHM 212 and 530 pc) and an exponential (403 pc).
    const z1 = 0.212 / 2;
    const z2 = 0.53 / 2;
    f1 = 0.395 * Math.exp(-LN2 * (az / z1) ** 2) + 0.107 * Math.exp(-LN2 * (az / z2) ** 2) + 0.064 * Math.exp(-az / 0.403);
  }
  if (r > 8) {
    // Cox et al. 1986 flaring outer disk.
    const h = 0.0523 * Math.exp(0.11 * r);
    f2 = 0.57 * Math.exp(-((az / h) ** 2));
  }
  if (r <= 8) return f1;
  if (r >= 10) return f2;
  return f1 + ((f2 - f1) * (r - 8)) / 2;
}

/** HI number density (atoms cm⁻³). */
export function nHI(r: number, z: number): number {
  return (hiVertical(r, z) * hiRadial(r)) / 0.33;
}

const H2_R = [0.0, 2.25, 2.75, 3.25, 3.75, 4.25, 4.75, 5.25, 5.75, 6.25, 6.75, 7.25, 7.75, 8.25, 8.75, 9.25, 9.75, 10.25];
/** CO volume emissivity, K km s⁻¹ kpc⁻¹ (Bronfman et al. 1988, Table 3). */
const H2_CO = [0.0, 1.5, 3.3, 5.8, 5.5, 8.4, 9.0, 9.6, 8.6, 9.1, 7.9, 9.2, 7.7, 5.0, 3.6, 4.8, 1.7, 0.0];
/** Half-width at half-maximum of the CO layer, kpc (Bronfman et al. 1988, Table 3). */
const H2_ZH = [0.077, 0.077, 0.08, 0.061, 0.065, 0.071, 0.072, 0.082, 0.083, 0.073, 0.063, 0.058, 0.072, 0.08, 0.066, 0.023, 0.147, 0.147];

/** Default CO-to-H2 conversion factor X_CO, cm⁻² (K km s⁻¹)⁻¹ (Strong & Mattox 1996). */
export const XCO_DEFAULT = 1.9e20;

/** H2 number density (molecules cm⁻³). */
export function nH2(r: number, z: number, xco = XCO_DEFAULT): number {
  const n = H2_R.length;
  if (r >= H2_R[n - 1]) return 0;
  let i = 0;
  while (r > H2_R[i + 1]) i++;
  const t = (r - H2_R[i]) / (H2_R[i + 1] - H2_R[i]);
  const co = H2_CO[i] + t * (H2_CO[i + 1] - H2_CO[i]);
  const zh = H2_ZH[i] + t * (H2_ZH[i + 1] - H2_ZH[i]);
  return (co * Math.exp(-LN2 * (z / zh) ** 2) * xco) / KPC_CM;
}

/** HII (free electron = proton) density, Cordes et al. 1991. */
export function nHII(r: number, z: number): number {
  const az = Math.abs(z);
  const ne1 = 0.025 * Math.exp(-az / 1.0) * Math.exp(-((r / 20) ** 2));
  const ne2 = 0.2 * Math.exp(-az / 0.15) * Math.exp(-(((r - 4) / 2) ** 2));
  return ne1 + ne2;
}

export interface GasOptions {
  /** X_CO in cm⁻² (K km s⁻¹)⁻¹; default 1.9e20. */
  xco?: number;
  /** Include ionised hydrogen (default true). */
  hii?: boolean;
}

/** Total hydrogen nuclei density n_HI + 2 n_H2 (+ n_HII), cm⁻³. */
export function nHNuclei(r: number, z: number, opt: GasOptions = {}): number {
  const xco = opt.xco ?? XCO_DEFAULT;
  return nHI(r, z) + 2 * nH2(r, z, xco) + (opt.hii === false ? 0 : nHII(r, z));
}
