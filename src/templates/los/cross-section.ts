/**
 * Inelastic proton–proton cross-sections (mb), kinetic/total energy in GeV.
 */

/** Threshold kinetic energy for π0 production, T_th = 2 m_π + m_π²/(2 m_p) = 0.2797 GeV (Kafexhiu et al. 2014, eq. 1). */
export const T_TH_GEV = 2 * 0.1349768 + (0.1349768 * 0.1349768) / (2 * 0.938272);

/**
 * Kafexhiu, Aharonian, Taylor & Vila 2014, PRD 90, 123014, eq. (1):
 * σ_inel = [30.7 − 0.96 ln(T/T_th) + 0.18 ln²(T/T_th)] · [1 − (T_th/T)^1.9]³ mb, T = proton kinetic energy.
 * Fits the data from threshold to LHC energies (TOTEM 7 TeV: 73.5 mb).
 */
export function sigmaInelKafexhiu(tKinGeV: number): number {
  if (!(tKinGeV > T_TH_GEV)) return 0;
  const l = Math.log(tKinGeV / T_TH_GEV);
  const thr = 1 - Math.pow(T_TH_GEV / tKinGeV, 1.9);
  return (30.7 - 0.96 * l + 0.18 * l * l) * thr * thr * thr;
}

/**
 * Kelner, Aharonian & Bugayov 2006, PRD 74, 034018, eq. (79):
 * σ_inel = (34.3 + 1.88 L + 0.25 L²) · [1 − (E_th/E_p)⁴]² mb, L = ln(E_p / 1 TeV), E_th = 1.22 GeV.
 */
export function sigmaInelKAB(eGeV: number): number {
  const eth = 1.22;
  if (!(eGeV > eth)) return 0;
  const l = Math.log(eGeV / 1000);
  const t = 1 - Math.pow(eth / eGeV, 4);
  return (34.3 + 1.88 * l + 0.25 * l * l) * t * t;
}
