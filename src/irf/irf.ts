/**
 * One instrument-response bundle per event sample. The likelihood, the simulator and the
 * flux conversions all read the same object.
 */
import type { Rng } from '../stats/random.js';
import { loadCascadeAeff, type EffectiveArea } from './effectiveArea.js';
import { loadCascadeAngularModel, type AngularModel } from './psf.js';
import { loadEnergyDispersion, type EnergyDispersion } from './energyDispersion.js';
import { irfDataPath, readVector } from './tables.js';

/**
 * Livetime of the 10-year DNN-cascade sample, s (release GPFluxMeasurement.ipynb default
 * argument livetime=304047105.0735066; physics.md §1.1).
 */
export const DNNC_LIVETIME_S = 304047105.0735066;

export type Topology = 'track' | 'cascade';

/** Share of the flavour-summed area per flavour, vs log10 E. */
export interface FlavourShares {
  logE: Float64Array;
  /** [e, μ, τ] shares at each node, row-major [node * 3 + f]; rows sum to 1. */
  share: Float64Array;
}

export interface Irf {
  name: string;
  topology: Topology;
  /** s */
  livetimeS: number;
  aeff: EffectiveArea;
  angular: AngularModel;
  edisp: EnergyDispersion;
  /** For flavour-summed areas: how the area splits over νe, νμ, ντ. */
  flavourShares?: FlavourShares;
  /** Lower bound of log10 E_reco of the selection (events below are not in the sample). */
  minLogEReco?: number;
}

/**
 * Flavour shares of the DNN-cascade area from paper Fig. S1 (release FigS1/astro_*): for a
 * flavour-symmetric astrophysical flux the expected counts per flavour are proportional to
 * the per-flavour areas. Fig. S1 is binned in reconstructed energy; nusky uses its bin
 * centres as a proxy for the true energy (documented approximation). Empty bins are filled
 * from the nearest non-empty one.
 */
export function loadFlavourShares(dir: string): FlavourShares {
  const edges = readVector(`${dir}/FigS1_bins.csv`);
  const cols = ['nue', 'numu', 'nutau'].map((f) => readVector(`${dir}/FigS1_astro_${f}_values.csv`));
  const n = edges.length - 1;
  const logE = new Float64Array(n), share = new Float64Array(3 * n);
  let firstGood = -1;
  for (let i = 0; i < n; i++) {
    logE[i] = 0.5 * (Math.log10(edges[i]) + Math.log10(edges[i + 1]));
    const tot = cols[0][i] + cols[1][i] + cols[2][i];
    if (tot > 50) {
      if (firstGood < 0) firstGood = i;
      for (let f = 0; f < 3; f++) share[3 * i + f] = cols[f][i] / tot;
    } else if (firstGood >= 0) {
      for (let f = 0; f < 3; f++) share[3 * i + f] = share[3 * (i - 1) + f];
    }
  }
  for (let i = 0; i < firstGood; i++) for (let f = 0; f < 3; f++) share[3 * i + f] = share[3 * firstGood + f];
  return { logE, share };
}

/** Share of flavour f (0 = e, 1 = μ, 2 = τ) at energy E; linear interpolation, clamped. */
export function flavourShare(s: FlavourShares, f: number, eGeV: number): number {
  const x = Math.log10(eGeV), n = s.logE.length;
  if (x <= s.logE[0]) return s.share[f];
  if (x >= s.logE[n - 1]) return s.share[3 * (n - 1) + f];
  let i = 0;
  while (s.logE[i + 1] < x) i++;
  const t = (x - s.logE[i]) / (s.logE[i + 1] - s.logE[i]);
  return s.share[3 * i + f] * (1 - t) + s.share[3 * (i + 1) + f] * t;
}

/** Draw a flavour for an event of energy E from the shares. */
export function sampleFlavour(s: FlavourShares, eGeV: number, rng: Rng): number {
  const u = rng.uniform();
  const a = flavourShare(s, 0, eGeV);
  if (u < a) return 0;
  return u < a + flavourShare(s, 1, eGeV) ? 1 : 2;
}

let cached: Irf | null = null;

/** The 10-year DNN-cascade IRF (2023 Galactic-plane release tables shipped under data/irf/dnnc). */
export function loadDnnCascadeIrf(dir = irfDataPath('dnnc')): Irf {
  if (cached && dir === irfDataPath('dnnc')) return cached;
  const irf: Irf = {
    name: 'dnn-cascades-10yr',
    topology: 'cascade',
    livetimeS: DNNC_LIVETIME_S,
    aeff: loadCascadeAeff(dir),
    angular: loadCascadeAngularModel(dir),
    edisp: loadEnergyDispersion(dir, 'S6a'),
    flavourShares: loadFlavourShares(dir),
    minLogEReco: Math.log10(500),
  };
  if (dir === irfDataPath('dnnc')) cached = irf;
  return irf;
}
