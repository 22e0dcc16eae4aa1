/**
 * Published results of the IceCube Galactic-plane analysis, for side-by-side comparison:
 * IceCube Collaboration, "Observation of high-energy neutrinos from the Galactic plane",
 * Science 380, 1338 (2023), arXiv:2307.04427 — Table 1 and Table S3 (data release
 * "Digitized Tables/Table_1.csv", "Table_S3.csv"); hot spots and the source list from
 * Table 1 / Table S1 (compiled in /work/shared/reference/physics.md §3.1–3.3).
 * Copied here so nothing is read from outside the repository at run time.
 */

export const PUBLISHED_CITATION = 'IceCube Collaboration, Science 380, 1338 (2023), arXiv:2307.04427, Table 1 and Table S3';

/** Units of the flux columns. π0 and stacking: E²dN/dE at 100 TeV per flavour, 10⁻¹² TeV cm⁻² s⁻¹; KRA-γ: × model flux. */
export const PI0_FLUX_UNIT = 1e-12;

export interface PublishedTemplate {
  key: 'pi0' | 'kra5' | 'kra50';
  label: string;
  /** sensitivity flux (π0: 1e-12 TeV cm⁻² s⁻¹; KRA: × MF) */
  sensitivity: number;
  p: number;
  sigma: number;
  flux: number;
  fluxMinus: number;
  fluxPlus: number;
  /** raw n̂_s and the bias-corrected value of the paper */
  ns: number;
  nsBiasCorrected: number;
  ts: number;
  fluxUnit: string;
}

export const PUBLISHED_TEMPLATES: readonly PublishedTemplate[] = [
  { key: 'pi0', label: 'π0', sensitivity: 5.98, p: 1.26e-6, sigma: 4.71, flux: 21.8, fluxMinus: 4.9, fluxPlus: 5.3, ns: 748.0, nsBiasCorrected: 671.1, ts: 22.19, fluxUnit: '1e-12 TeV cm^-2 s^-1' },
  { key: 'kra5', label: 'KRA-γ5', sensitivity: 0.16, p: 6.13e-6, sigma: 4.37, flux: 0.55, fluxMinus: 0.15, fluxPlus: 0.18, ns: 275.6, nsBiasCorrected: 242.9, ts: 19.06, fluxUnit: 'x MF' },
  { key: 'kra50', label: 'KRA-γ50', sensitivity: 0.11, p: 3.72e-5, sigma: 3.96, flux: 0.37, fluxMinus: 0.11, fluxPlus: 0.13, ns: 211.1, nsBiasCorrected: 184.8, ts: 15.56, fluxUnit: 'x MF' },
];

/** π0 post-trial significance over the 3 templates (Bonferroni ×3), the abstract's 4.5σ. */
export const PUBLISHED_TEMPLATE_POST_TRIAL_SIGMA = 4.48;

/** The injected π0 flux of the demo: the published best fit (E²dN/dE at 100 TeV, per flavour, all-sky). */
export const PI0_BEST_FIT_E2_FLUX = 21.8e-12;
export const PI0_GAMMA = 2.7;

export interface PublishedStacking {
  key: 'snr' | 'pwn' | 'unid';
  label: string;
  /** Table S3: sensitivity, best-fit flux and 90 % UL, E²dN/dE at 100 TeV, 1e-12 TeV cm⁻² s⁻¹ (units as the paper's PS numbers; physics.md §3.2) */
  sensitivity: number;
  ns: number;
  gamma: number;
  p: number;
  sigma: number;
  flux: number;
  upperLimit: number;
}

export const PUBLISHED_STACKING: readonly PublishedStacking[] = [
  { key: 'snr', label: 'SNR', sensitivity: 2.24, ns: 218.6, gamma: 2.75, p: 5.9e-4, sigma: 3.24, flux: 6.22, upperLimit: 9.01 },
  { key: 'pwn', label: 'PWN', sensitivity: 2.25, ns: 279.6, gamma: 3.0, p: 5.93e-4, sigma: 3.24, flux: 3.8, upperLimit: 9.5 },
  { key: 'unid', label: 'UNID', sensitivity: 1.89, ns: 238.4, gamma: 2.85, p: 3.39e-4, sigma: 3.4, flux: 5.03, upperLimit: 7.76 },
];

export interface PublishedSpot {
  label: string;
  raDeg: number;
  decDeg: number;
  ns: number;
  gamma: number;
  pPre: number;
  pPost: number;
  sigmaPost: number;
  name?: string;
}

/** Table 1 / Table S1: hottest spots of the all-sky scan and the hottest source of the 109-source list. */
export const PUBLISHED_HOTSPOT_NORTH: PublishedSpot = { label: 'Hotspot (North)', raDeg: 337.9, decDeg: 17.6, ns: 213.7, gamma: 3.6, pPre: 3.92e-4, pPost: 0.28, sigmaPost: 0.58 };
export const PUBLISHED_HOTSPOT_SOUTH: PublishedSpot = { label: 'Hotspot (South)', raDeg: 248.1, decDeg: -50.9, ns: 90.2, gamma: 2.9, pPre: 1.31e-3, pPost: 0.46, sigmaPost: 0.1 };
export const PUBLISHED_SOURCE_LIST: PublishedSpot = { label: 'Source list', name: 'PMN J1650-5044', raDeg: 252.6, decDeg: -50.8, ns: 88.1, gamma: 2.9, pPre: 0.002, pPost: 0.22, sigmaPost: 0.77 };
