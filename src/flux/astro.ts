/**
 * Astrophysical diffuse fluxes and template spectra, per flavour (ν+ν̄), GeV⁻¹ cm⁻² s⁻¹ sr⁻¹.
 */
import { powerLaw, powerLawFromE2At100TeV, type Spectrum } from './powerLaw.js';

/**
 * 6-year IceCube cascade fit (IceCube, PRL 125, 121104 (2020), arXiv:2001.09520, abstract):
 * Φ_per-flavour(100 TeV) = 1.66e-18 GeV⁻¹ cm⁻² s⁻¹ sr⁻¹, γ = 2.53. This is the astrophysical
 * weighting of the DNN-cascade simulation (`weights_cscd_hans`, physics.md §1.2, §7.7).
 */
export const CASCADE_6YR = { phi100TeV: 1.66e-18, gamma: 2.53 } as const;

export function cascade6yrFlux(): Spectrum {
  return powerLaw(CASCADE_6YR.phi100TeV, CASCADE_6YR.gamma);
}

/**
 * π0 best fit of the Galactic-plane paper (Science 380, 1338, Table 1): E²dN/dE(100 TeV) =
 * 21.8e-12 TeV cm⁻² s⁻¹, per flavour, integrated over the whole sky, spectrum E^-2.7
 * (physics.md §2.6, §4.1). Multiply by the template pdf (sr⁻¹) for the flux per sr.
 */
export const PI0_BEST_FIT_E2 = 21.8e-12;
export const PI0_GAMMA = 2.7;

export function pi0AllSkyFlux(e2TeVcm2s = PI0_BEST_FIT_E2): Spectrum {
  return powerLawFromE2At100TeV(e2TeVcm2s, PI0_GAMMA);
}

/**
 * Sky-summed spectrum of a per-pixel flux cube (KRA-γ style: [npix][nE] in GeV⁻¹ cm⁻² s⁻¹ sr⁻¹,
 * all-flavour ν+ν̄ as in zenodo 7070823, physics.md §4.2): Σ_pix Φ·Ω_pix / 3 → per flavour,
 * GeV⁻¹ cm⁻² s⁻¹. `cube` is pixel-major: cube[p * nE + k].
 */
export function skySummedSpectrumPerFlavour(cube: Float64Array, npix: number, nE: number, allFlavour = true): Float64Array {
  const out = new Float64Array(nE);
  const omega = (4 * Math.PI) / npix;
  for (let p = 0; p < npix; p++) for (let k = 0; k < nE; k++) out[k] += cube[p * nE + k];
  const f = omega / (allFlavour ? 3 : 1);
  for (let k = 0; k < nE; k++) out[k] *= f;
  return out;
}
