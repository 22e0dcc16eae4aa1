/**
 * Spectra as plain functions E [GeV] → dN/dE. Convention throughout nusky: per flavour
 * (ν+ν̄ of one flavour), GeV⁻¹ cm⁻² s⁻¹, and sr⁻¹ for diffuse fluxes — the convention in
 * which the IceCube Galactic-plane release quotes fluxes (physics.md §2.6, §4.3).
 */
import { InputError } from '../errors.js';

/** dN/dE per flavour (ν+ν̄), GeV⁻¹ cm⁻² s⁻¹ [sr⁻¹ for diffuse]. */
export type Spectrum = (eGeV: number) => number;

/** 100 TeV in GeV: the pivot at which the paper quotes E²dN/dE. */
export const E_PIVOT_GEV = 1e5;

/**
 * Power law Φ0 (E/E0)^-γ, optionally × exp(-E/Ecut).
 * @param phi0 dN/dE at e0 (GeV⁻¹ cm⁻² s⁻¹ [sr⁻¹]); @param e0 pivot (GeV).
 */
export function powerLaw(phi0: number, gamma: number, e0 = E_PIVOT_GEV, eCutGeV = Infinity): Spectrum {
  if (!(phi0 >= 0) || !Number.isFinite(gamma) || !(e0 > 0) || !(eCutGeV > 0)) {
    throw new InputError(`powerLaw: need phi0 >= 0, finite gamma, e0 > 0, eCut > 0; got ${phi0}, ${gamma}, ${e0}, ${eCutGeV}`);
  }
  if (eCutGeV === Infinity) return (e) => phi0 * Math.pow(e / e0, -gamma);
  return (e) => phi0 * Math.pow(e / e0, -gamma) * Math.exp(-e / eCutGeV);
}

/**
 * E²dN/dE at 100 TeV in the paper's units (TeV cm⁻² s⁻¹ [sr⁻¹], per flavour) → dN/dE at
 * 100 TeV in GeV⁻¹ cm⁻² s⁻¹: Φ0 = E²Φ / (100 TeV)² = e2 [TeV] / 1e4 [TeV²] → TeV⁻¹ → ×1e-3 GeV⁻¹.
 * Example: π0 best fit 21.8e-12 TeV cm⁻² s⁻¹ → 2.18e-18 GeV⁻¹ cm⁻² s⁻¹.
 */
export function normFromE2At100TeV(e2TeVcm2s: number): number {
  return e2TeVcm2s * 1e-7;
}

/** Inverse of normFromE2At100TeV: dN/dE(100 TeV) [GeV⁻¹ cm⁻² s⁻¹] → E²dN/dE(100 TeV) [TeV cm⁻² s⁻¹]. */
export function e2At100TeVFromNorm(phi0GeV: number): number {
  return phi0GeV * 1e7;
}

/** E²dN/dE at 100 TeV of any spectrum, in TeV cm⁻² s⁻¹ [sr⁻¹]. */
export function e2FluxAt100TeV(spectrum: Spectrum): number {
  return e2At100TeVFromNorm(spectrum(E_PIVOT_GEV));
}

/** Power law pinned by its E²dN/dE at 100 TeV (TeV cm⁻² s⁻¹ [sr⁻¹], per flavour). */
export function powerLawFromE2At100TeV(e2TeVcm2s: number, gamma: number, eCutGeV = Infinity): Spectrum {
  return powerLaw(normFromE2At100TeV(e2TeVcm2s), gamma, E_PIVOT_GEV, eCutGeV);
}

/** Scale a spectrum by a constant. */
export function scaled(spectrum: Spectrum, factor: number): Spectrum {
  return (e) => factor * spectrum(e);
}

/**
 * Spectrum tabulated at energies (GeV) as dN/dE values; log-log interpolation, 0 outside
 * the table (per-pixel or sky-summed spectra of KRA-γ-style cubes).
 */
export function tabulatedSpectrum(eGeV: ArrayLike<number>, dnde: ArrayLike<number>): Spectrum {
  const n = eGeV.length;
  if (n < 2 || dnde.length !== n) throw new InputError(`tabulatedSpectrum: need >= 2 points and equal lengths, got ${n} and ${dnde.length}`);
  const lx = new Float64Array(n), ly = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!(eGeV[i] > 0) || (i > 0 && !(eGeV[i] > eGeV[i - 1]))) throw new InputError(`tabulatedSpectrum: energies must be positive and increasing (index ${i})`);
    lx[i] = Math.log(eGeV[i]);
    ly[i] = dnde[i] > 0 ? Math.log(dnde[i]) : -Infinity;
  }
  return (e) => {
    const x = Math.log(e);
    if (!(x >= lx[0] && x <= lx[n - 1])) return 0;
    let lo = 0, hi = n - 1;
    while (hi - lo > 1) { const m = (lo + hi) >>> 1; if (x >= lx[m]) lo = m; else hi = m; }
    const t = (x - lx[lo]) / (lx[hi] - lx[lo]);
    return Math.exp(ly[lo] + t * (ly[hi] - ly[lo]));
  };
}
