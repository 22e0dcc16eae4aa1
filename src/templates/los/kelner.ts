/**
 * Secondary spectra of pp interactions, Kelner, Aharonian & Bugayov 2006 (KAB06), PRD 74, 034018
 * (erratum PRD 79, 039901), §IV, valid for E_p ≥ 0.1 TeV and x = E/E_p ≥ 10⁻³.
 * F(x, E_p) is dN/dx per inelastic collision. Below E_p = 0.1 TeV the parameters are frozen at
 * their 0.1 TeV values (an extrapolation: spectra below E_ν ≈ 20 GeV are approximate).
 */
import { MB_CM2 } from './units.js';
import { sigmaInelKafexhiu } from './cross-section.js';

const L_MIN = Math.log(0.1);

function lnTeV(ep: number): number {
  const l = Math.log(ep / 1000);
  return l < L_MIN ? L_MIN : l;
}

/** KAB06 eqs. (62)–(65): electron neutrinos (≈ also ν_μ from muon decay, "F_νμ(2)"). */
export function fElectron(x: number, ep: number): number {
  if (!(x > 0 && x < 1)) return 0;
  const l = lnTeV(ep);
  const be = 1 / (69.5 + 2.65 * l + 0.3 * l * l);
  const betae = 1 / Math.pow(0.201 + 0.062 * l + 0.00042 * l * l, 0.25);
  const ke = (0.279 + 0.141 * l + 0.0172 * l * l) / (0.3 + (2.3 + l) * (2.3 + l));
  const lx = Math.log(x);
  const a = 1 + ke * lx * lx;
  return (be * a * a * a * Math.pow(-lx, 5)) / (x * (1 + 0.3 / Math.pow(x, betae)));
}

/** KAB06 eqs. (66)–(69): ν_μ from direct π → μ ν_μ decay ("F_νμ(1)"), zero above x = 0.427. */
export function fMuonNu1(x: number, ep: number): number {
  const y = x / 0.427;
  if (!(y > 0 && y < 1)) return 0;
  const l = lnTeV(ep);
  const bp = 1.75 + 0.204 * l + 0.01 * l * l;
  const betap = 1 / (1.67 + 0.111 * l + 0.0038 * l * l);
  const kp = 1.07 - 0.086 * l + 0.002 * l * l;
  const yb = Math.pow(y, betap);
  const ly = Math.log(y);
  const den = 1 + kp * yb * (1 - yb);
  const r = (1 - yb) / den;
  const bracket = 1 / ly - (4 * betap * yb) / (1 - yb) - (4 * kp * betap * yb * (1 - 2 * yb)) / den;
  return ((bp * ly) / y) * r * r * r * r * bracket;
}

/** KAB06 eqs. (58)–(61): γ-rays from π0 and η decays. */
export function fGamma(x: number, ep: number): number {
  if (!(x > 0 && x < 1)) return 0;
  const l = lnTeV(ep);
  const bg = 1.3 + 0.14 * l + 0.011 * l * l;
  const betag = 1 / (1.79 + 0.11 * l + 0.008 * l * l);
  const kg = 1 / (0.801 + 0.049 * l + 0.014 * l * l);
  const xb = Math.pow(x, betag);
  const lx = Math.log(x);
  const den = 1 + kg * xb * (1 - xb);
  const r = (1 - xb) / den;
  const bracket = 1 / lx - (4 * betag * xb) / (1 - xb) - (4 * kg * betag * xb * (1 - 2 * xb)) / den;
  return ((bg * lx) / x) * r * r * r * r * bracket;
}

/**
 * All-flavour ν + ν̄ yield per collision, dN/dx = F_νμ(1) + F_νμ(2) + F_νe with F_νμ(2) ≈ F_νe ≈ F_e
 * (KAB06 §IV.B: agreement better than 5 %). Flavour mixing conserves this total; after oscillations
 * over Galactic baselines each flavour carries 1/3 of it.
 */
export function fNuAllFlavour(x: number, ep: number): number {
  return fMuonNu1(x, ep) + 2 * fElectron(x, ep);
}

/** Log-spaced grid of n points from lo to hi (inclusive). */
export function logGrid(lo: number, hi: number, n: number): Float64Array {
  const g = new Float64Array(n);
  const a = Math.log(lo);
  const d = n > 1 ? (Math.log(hi) - a) / (n - 1) : 0;
  for (let i = 0; i < n; i++) g[i] = Math.exp(a + i * d);
  return g;
}

/**
 * Yield matrix Y[i·nP + k] (cm² per unit ln E_p) such that the ν intensity is
 *   j(E_i) = ∫ ds n_H ∑_k Y[i, k] I_p(E_k)
 * with I_p the proton intensity (GeV⁻¹ cm⁻² s⁻¹ sr⁻¹) on the log grid `ep`:
 *   j(E) = (1/4π) ∫ds q(E),  q(E) = 4π n_H ∫ σ(E_p) I_p(E_p) F(E/E_p, E_p) dE_p/E_p  (KAB06 eq. 71).
 * Trapezoid weights in ln E_p. σ is Kafexhiu 2014 at kinetic energy E_p − m_p.
 */
export function yieldMatrix(
  enu: Float64Array,
  ep: Float64Array,
  f: (x: number, ep: number) => number = fNuAllFlavour,
): Float64Array {
  const nE = enu.length;
  const nP = ep.length;
  const y = new Float64Array(nE * nP);
  const sig = new Float64Array(nP);
  const w = new Float64Array(nP);
  for (let k = 0; k < nP; k++) {
    sig[k] = sigmaInelKafexhiu(ep[k] - 0.938272) * MB_CM2;
    const lo = k > 0 ? Math.log(ep[k] / ep[k - 1]) : 0;
    const hi = k < nP - 1 ? Math.log(ep[k + 1] / ep[k]) : 0;
    w[k] = 0.5 * (lo + hi);
  }
  for (let i = 0; i < nE; i++) {
    for (let k = 0; k < nP; k++) {
      const x = enu[i] / ep[k];
      if (x >= 1 || x < 1e-4) continue;
      y[i * nP + k] = sig[k] * f(x, ep[k]) * w[k];
    }
  }
  return y;
}
