/**
 * Flux ↔ expected events. Shared by the simulator and the likelihood fits.
 *
 * Units: spectra are dN/dE per flavour (ν+ν̄), GeV⁻¹ cm⁻² s⁻¹ (point sources, or all-sky
 * integrated template fluxes) or GeV⁻¹ cm⁻² s⁻¹ sr⁻¹ (diffuse). Effective areas in cm²,
 * livetime in s. For the flavour-summed DNN-cascade area the expected count is simply
 * N = T Σ A(E, δ) ∫Φ_per-flavour dE (physics.md §1.7, §2.6).
 */
import { InputError } from '../errors.js';
import type { SkyMap } from '../sky/types.js';
import type { Spectrum } from '../flux/powerLaw.js';
import { findBin } from './tables.js';
import { nDecBins, nEBins, type EffectiveArea } from './effectiveArea.js';
import { recoFraction } from './energyDispersion.js';
import type { Irf } from './irf.js';
import { pixelSinDecEquatorial } from './pixelDirections.js';

export type { Spectrum } from '../flux/powerLaw.js';

// 5-point Gauss–Legendre on [-1, 1]
const GL_X = [-0.9061798459386640, -0.5384693101056831, 0, 0.5384693101056831, 0.9061798459386640];
const GL_W = [0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891];

/** ∫ Φ(E) dE over [10^a, 10^b] GeV (Gauss–Legendre in ln E, exact to ~1e-10 for power laws on 0.04-dex bins). */
export function integrateSpectrum(spectrum: Spectrum, logELo: number, logEHi: number): number {
  const lo = logELo * Math.LN10, hi = logEHi * Math.LN10;
  const h = 0.5 * (hi - lo), c = 0.5 * (hi + lo);
  let s = 0;
  for (let i = 0; i < 5; i++) {
    const e = Math.exp(c + h * GL_X[i]);
    s += GL_W[i] * spectrum(e) * e;
  }
  return s * h;
}

/** ∫Φ dE over each true-energy bin of an effective area. */
export function spectrumBinIntegrals(aeff: EffectiveArea, spectrum: Spectrum): Float64Array {
  const n = nEBins(aeff), out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = integrateSpectrum(spectrum, aeff.logEEdges[k], aeff.logEEdges[k + 1]);
  return out;
}

/** Expected events per declination band of the area for a point source of `spectrum` (no solid angle). */
export function bandAcceptance(irf: Irf, spectrum: Spectrum): Float64Array {
  const a = irf.aeff, nE = nEBins(a), nD = nDecBins(a);
  const I = spectrumBinIntegrals(a, spectrum);
  const out = new Float64Array(nD);
  for (let j = 0; j < nD; j++) {
    let s = 0;
    for (let k = 0; k < nE; k++) s += a.values[j * nE + k] * I[k];
    out[j] = s * irf.livetimeS;
  }
  return out;
}

/**
 * Expected number of events from a point source at sin δ with spectrum dN/dE (per flavour,
 * GeV⁻¹ cm⁻² s⁻¹), over the IRF's livetime.
 */
export function pointSourceAcceptance(irf: Irf, spectrum: Spectrum, sinDec: number): number {
  if (!(sinDec >= -1 && sinDec <= 1)) throw new InputError(`pointSourceAcceptance: sinDec must be in [-1, 1], got ${sinDec}`);
  const j = findBin(irf.aeff.sinDecEdges, sinDec);
  return bandAcceptance(irf, spectrum)[j];
}

/** Fraction of a template pdf (sr⁻¹, Σ pdf·Ω = 1) in each declination band of the area. */
export function templateBandFractions(irf: Irf, templatePdf: SkyMap): Float64Array {
  const sinDec = pixelSinDecEquatorial(templatePdf);
  const npix = templatePdf.data.length, omega = (4 * Math.PI) / npix;
  const out = new Float64Array(nDecBins(irf.aeff));
  for (let p = 0; p < npix; p++) {
    const v = templatePdf.data[p];
    if (!(v > 0)) continue;
    const j = findBin(irf.aeff.sinDecEdges, sinDec[p]);
    if (j >= 0) out[j] += v * omega;
  }
  return out;
}

/**
 * Expected events for a template: flux(E, pixel) = allSkySpectrum(E) × pdf(pixel), with the
 * pdf in sr⁻¹ (Σ pdf·Ω_pix = 1; any frame/ordering, converted to equatorial δ) and the
 * spectrum per flavour integrated over the sky (GeV⁻¹ cm⁻² s⁻¹) — the π0 convention (§2.6).
 */
export function expectedEventsTemplate(irf: Irf, templatePdf: SkyMap, allSkySpectrum: Spectrum): number {
  const f = templateBandFractions(irf, templatePdf);
  const acc = bandAcceptance(irf, allSkySpectrum);
  let n = 0;
  for (let j = 0; j < f.length; j++) n += f[j] * acc[j];
  return n;
}

/** Expected events for an isotropic diffuse flux (GeV⁻¹ cm⁻² s⁻¹ sr⁻¹ per flavour), whole sky. */
export function expectedEventsIsotropic(irf: Irf, diffuseSpectrum: Spectrum): number {
  const acc = bandAcceptance(irf, diffuseSpectrum);
  const e = irf.aeff.sinDecEdges;
  let n = 0;
  for (let j = 0; j < acc.length; j++) n += acc[j] * 2 * Math.PI * (e[j + 1] - e[j]);
  return n;
}

/**
 * Expected events per (sin δ row, log10 E_reco column) bin, row-major, for an isotropic
 * diffuse flux (per sr, per flavour), each row integrated over its band's solid angle and
 * folded with the energy dispersion. sin δ is the TRUE declination (PSF migration between
 * rows ignored). Reconstructed energies outside the dispersion table get no events.
 */
export function recoEnergyHistogram(irf: Irf, spectrum: Spectrum, sinDecEdges: Float64Array, logEEdges: Float64Array): Float64Array {
  const a = irf.aeff, nE = nEBins(a), nD = nDecBins(a);
  const nRow = sinDecEdges.length - 1, nCol = logEEdges.length - 1;
  if (nRow < 1 || nCol < 1) throw new InputError('recoEnergyHistogram: need at least one sin δ and one log E bin');
  const I = spectrumBinIntegrals(a, spectrum);
  // reco-bin fractions per true bin, computed once
  const frac = new Float64Array(nE * nCol);
  for (let k = 0; k < nE; k++) {
    const eMid = Math.pow(10, 0.5 * (a.logEEdges[k] + a.logEEdges[k + 1]));
    for (let c = 0; c < nCol; c++) frac[k * nCol + c] = recoFraction(irf.edisp, eMid, logEEdges[c], logEEdges[c + 1]);
  }
  const out = new Float64Array(nRow * nCol);
  for (let r = 0; r < nRow; r++) {
    for (let j = 0; j < nD; j++) {
      const lo = Math.max(sinDecEdges[r], a.sinDecEdges[j]), hi = Math.min(sinDecEdges[r + 1], a.sinDecEdges[j + 1]);
      if (!(hi > lo)) continue;
      const w = irf.livetimeS * 2 * Math.PI * (hi - lo);
      for (let k = 0; k < nE; k++) {
        const n = w * a.values[j * nE + k] * I[k];
        if (n === 0) continue;
        for (let c = 0; c < nCol; c++) out[r * nCol + c] += n * frac[k * nCol + c];
      }
    }
  }
  return out;
}

/**
 * E²dN/dE at 100 TeV (TeV cm⁻² s⁻¹, per flavour) of a power law E^-γ that yields `nEvents`
 * expected events from a point source at sin δ (the paper's n_s → flux conversion).
 */
export function e2At100TeVForPointSource(irf: Irf, nEvents: number, gamma: number, sinDec: number): number {
  const unit = pointSourceAcceptance(irf, (e) => 1e-7 * Math.pow(e / 1e5, -gamma), sinDec);
  return nEvents / unit;
}

/** Same for a template (all-sky E²dN/dE at 100 TeV, per flavour). */
export function e2At100TeVForTemplate(irf: Irf, nEvents: number, templatePdf: SkyMap, gamma: number): number {
  const unit = expectedEventsTemplate(irf, templatePdf, (e) => 1e-7 * Math.pow(e / 1e5, -gamma));
  return nEvents / unit;
}
