/**
 * Atmospheric neutrino and muon fluxes as analytic parametrisations. All fluxes are per
 * flavour (ν+ν̄), GeV⁻¹ cm⁻² s⁻¹ sr⁻¹, as functions of energy and the local zenith cosine.
 * At the South Pole the local zenith of a source at declination δ is θ = π/2 + δ, so
 * cos θ = −sin δ (up-going ⇔ sin δ > 0).
 *
 * The analysis itself used MCEq (H3a + SIBYLL 2.3c) tables with nuVeto passing fractions
 * (physics.md §1.2, §7.6). Those tables are not public here, so nusky uses the classic
 * analytic forms below; the overall normalisations are calibrated to the sample (see
 * sim/cascadeModel.ts and docs/events-irf-sim.md).
 */

/**
 * Effective zenith cosine in a curved atmosphere, D. Chirkin, hep-ph/0407078 (eq. for
 * cos θ*, parameters p1..p5 fitted for production heights of π/K): replaces cos θ in the
 * flat-atmosphere formulas so that horizontal fluxes stay finite.
 */
export function effectiveCosZenith(cosZen: number): number {
  const p1 = 0.102573, p2 = -0.068287, p3 = 0.958633, p4 = 0.0407253, p5 = 0.817285;
  const c = Math.abs(cosZen);
  return Math.sqrt((c * c + p1 * p1 + p2 * Math.pow(c, p3) + p4 * Math.pow(c, p5)) / (1 + p1 * p1 + p2 + p4));
}

/**
 * Conventional νμ+ν̄μ flux, T. K. Gaisser, "Cosmic Rays and Particle Physics" (CUP 1990),
 * eq. 7.5 (pion and kaon terms with critical energies 121 GeV and 897 GeV effective):
 *   dN/dE = 0.0096 E^-2.7 [ 1/(1 + 3.7 E cosθ* /121) + 0.38/(1 + 1.7 E cosθ* /897) ]
 * in cm⁻² s⁻¹ sr⁻¹ GeV⁻¹ (E in GeV). [formula quoted from the textbook; physics.md tags it M]
 */
export function convNuMu(eGeV: number, cosZen: number): number {
  const c = effectiveCosZenith(cosZen);
  return 0.0096 * Math.pow(eGeV, -2.7) * (1 / (1 + (3.7 * eGeV * c) / 121) + 0.38 / (1 + (1.7 * eGeV * c) / 897));
}

/**
 * Conventional νe+ν̄e flux above ~100 GeV, dominated by K_e3 decays: a kaon-like term with
 * the same critical energy as the νμ kaon term, scaled by `KE3_RATIO`. The value 0.035 is
 * calibrated to the atmospheric νe share of paper Fig. S1 (23.5 %, through the flavour-summed
 * area); it gives νe/νμ = 0.080 (vertical) and 0.053 (horizontal) at 1 TeV, somewhat above the
 * ~0.05 of full calculations (Gaisser 1990 §7; Honda et al. 2007) — the excess absorbs the
 * flavour dependence of the cascade selection that the flavour-summed area hides.
 */
export const KE3_RATIO = 0.035;
export function convNuE(eGeV: number, cosZen: number, ke3Ratio = KE3_RATIO): number {
  const c = effectiveCosZenith(cosZen);
  return 0.0096 * ke3Ratio * Math.pow(eGeV, -2.7) * (1 / (1 + (1.5 * eGeV * c) / 897));
}

/**
 * Prompt (charm) flux, equal for νe and νμ and isotropic, ν_τ negligible (BERSS, Bhattacharya
 * et al., JHEP 06 (2015) 110, arXiv:1502.01076; ERS, PRD 78, 043005 (2008)). Approximated
 * here by a power law E²Φ(100 TeV) = 1.0e-9 GeV cm⁻² s⁻¹ sr⁻¹ per flavour with γ = 2.9 and a
 * knee-like cut-off at 3 PeV — the order of magnitude of those models [M, not fitted]. It
 * contributes O(10) events to the 10-year cascade sample, so its precise shape is immaterial.
 */
export const PROMPT = { e2At100TeV: 1.0e-9, gamma: 2.9, eCutGeV: 3e6 } as const;
export function promptNu(eGeV: number): number {
  return (PROMPT.e2At100TeV / 1e10) * Math.pow(eGeV / 1e5, -PROMPT.gamma) * Math.exp(-eGeV / PROMPT.eCutGeV);
}

/**
 * Self-veto passing fraction for down-going atmospheric neutrinos (cos θ > 0): the
 * accompanying muons of the same air shower trigger the veto (Schönert, Gaisser, Resconi,
 * Schulz, PRD 79, 043009 (2009); Gaisser, Jero, Karle, van Santen, PRD 90, 023009 (2014)).
 * Both papers find a passing fraction that falls with E_ν cos θ; nusky uses the smooth form
 *   P = 1 / (1 + (E cos θ / E_veto)^p)
 * with E_veto larger for νe (only uncorrelated muons veto it) than for νμ (its own parent
 * muon also does). Parameters are calibrated to the sample's sin δ distribution.
 */
export interface VetoParams {
  eVetoNuMu: number;
  eVetoNuE: number;
  power: number;
}
export function selfVetoPassing(eGeV: number, cosZen: number, eVeto: number, power: number): number {
  if (cosZen <= 0) return 1;
  return 1 / (1 + Math.pow((eGeV * cosZen) / eVeto, power));
}
