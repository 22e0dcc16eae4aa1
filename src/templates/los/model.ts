/**
 * Declarative description of a line-of-sight ν model (JSON-able, so `nusky template make --model
 * MODEL.json` can read one). Every default carries its source; see docs/templates.md.
 */
import { InputError } from '../../errors.js';

export interface LosModel {
  name: string;
  /** Sun–Galactic-centre distance (kpc); 8.5 as in GALPROP and Gaggero et al. 2015. */
  rSunKpc: number;
  /** Integration volume: cylinder of radius rMaxKpc and half-height zMaxKpc around the GC. */
  rMaxKpc: number;
  zMaxKpc: number;
  gas: { xco: number; hii: boolean };
  cr: {
    /** Source distribution (R/R☉)^α exp(−β (R − R☉)/R☉); Case & Bhattacharya 1998 (ApJ 504, 761): α = 2, β = 3.53. */
    alpha: number;
    beta: number;
    /** Gaussian smoothing (kpc) of the source distribution in the plane: a stand-in for CR diffusion. */
    smoothKpc: number;
    /** Exponential vertical scale of the CR density (kpc). */
    zScaleKpc: number;
  };
  spectrum: {
    /** Local proton intensity at 1 GeV, GeV⁻¹ cm⁻² s⁻¹ sr⁻¹ (I☉(E) = norm · E^−index). */
    localNorm: number;
    index: number;
    /** KRA-γ-like radial hardening: Γ(R) = index + hardening · (min(R, rFlatKpc) − R☉), per kpc. 0 → uniform. */
    hardeningPerKpc: number;
    rFlatKpc: number;
    /** Energy (GeV) at which spectra of all radii coincide when hardening ≠ 0. */
    pivotGeV: number;
    /** Exponential cut-off energy of the proton spectrum (GeV), null for none. */
    cutoffGeV: number | null;
  };
  /** Nuclear enhancement factor for CR and ISM nuclei heavier than H (Mori 1997, ApJ 478, 225: ≈ 1.8 at TeV). */
  nuclearEnhancement: number;
  /** ν energy bins: nBins log bins from minGeV to maxGeV; maps at the log bin centres. */
  energies: { minGeV: number; maxGeV: number; nBins: number };
}

/**
 * PDG 2022 "Cosmic rays" review, eq. (30.2): I_N ≈ 1.8×10⁴ (E/GeV)^−2.7 nucleons m⁻² s⁻¹ sr⁻¹ GeV⁻¹,
 * of which ≈ 79 % are free protons → 1.42 GeV⁻¹ cm⁻² s⁻¹ sr⁻¹ at 1 GeV.
 */
export const LOCAL_PROTON_NORM = 1.8 * 0.79;

/** π0-like model: uniform E^−2.7 proton spectrum (the index of the paper's π0 template), no cut-off. */
export const PI0_MODEL: LosModel = {
  name: 'pi0-like',
  rSunKpc: 8.5,
  rMaxKpc: 25,
  zMaxKpc: 4,
  gas: { xco: 1.9e20, hii: true },
  cr: { alpha: 2.0, beta: 3.53, smoothKpc: 2.0, zScaleKpc: 2.0 },
  spectrum: { localNorm: LOCAL_PROTON_NORM, index: 2.7, hardeningPerKpc: 0, rFlatKpc: 11, pivotGeV: 10, cutoffGeV: null },
  nuclearEnhancement: 1.8,
  energies: { minGeV: 10, maxGeV: 1e8, nBins: 30 },
};

/**
 * KRA-γ-like model (Gaggero et al. 2015): harder spectra in the inner Galaxy, exponential proton
 * cut-off at `cutoffPeV`. The hardening slope 0.055 kpc⁻¹ and pivot 15 GeV were calibrated on the
 * shape of their Fig. 2 (with their δ-slope A = 0.035 kpc⁻¹ our smooth-gas model is 0.13 in index
 * too soft at 1–100 TeV); see docs/templates.md.
 */
export function kraModel(cutoffPeV: number): LosModel {
  return {
    ...PI0_MODEL,
    name: `kra${cutoffPeV}`,
    spectrum: { ...PI0_MODEL.spectrum, hardeningPerKpc: 0.055, rFlatKpc: 11, pivotGeV: 15, cutoffGeV: cutoffPeV * 1e6 },
  };
}

const NUM_FIELDS: [string, (m: LosModel) => number][] = [
  ['rSunKpc', (m) => m.rSunKpc],
  ['rMaxKpc', (m) => m.rMaxKpc],
  ['zMaxKpc', (m) => m.zMaxKpc],
  ['gas.xco', (m) => m.gas.xco],
  ['cr.smoothKpc', (m) => m.cr.smoothKpc],
  ['cr.zScaleKpc', (m) => m.cr.zScaleKpc],
  ['spectrum.localNorm', (m) => m.spectrum.localNorm],
  ['spectrum.pivotGeV', (m) => m.spectrum.pivotGeV],
  ['nuclearEnhancement', (m) => m.nuclearEnhancement],
  ['energies.minGeV', (m) => m.energies.minGeV],
  ['energies.maxGeV', (m) => m.energies.maxGeV],
  ['energies.nBins', (m) => m.energies.nBins],
];

/** Merge a partial user model (e.g. parsed JSON) onto the π0-like defaults and validate it. */
export function resolveModel(partial: unknown, source = 'model'): LosModel {
  if (partial === null || typeof partial !== 'object') throw new InputError(`${source}: expected a JSON object`);
  const p = partial as Partial<LosModel> & Record<string, unknown>;
  const m: LosModel = {
    ...PI0_MODEL,
    ...p,
    name: typeof p.name === 'string' ? p.name : 'custom',
    gas: { ...PI0_MODEL.gas, ...(p.gas ?? {}) },
    cr: { ...PI0_MODEL.cr, ...(p.cr ?? {}) },
    spectrum: { ...PI0_MODEL.spectrum, ...(p.spectrum ?? {}) },
    energies: { ...PI0_MODEL.energies, ...(p.energies ?? {}) },
  };
  for (const [name, get] of NUM_FIELDS) {
    const v = get(m);
    const zeroOk = name === 'cr.smoothKpc';
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (v === 0 && !zeroOk)) {
      throw new InputError(`${source}: field ${name}: expected a positive number, found ${JSON.stringify(v)}`);
    }
  }
  if (m.energies.maxGeV <= m.energies.minGeV) throw new InputError(`${source}: energies.maxGeV must exceed energies.minGeV`);
  if (!Number.isInteger(m.energies.nBins)) throw new InputError(`${source}: energies.nBins: expected an integer`);
  for (const [name, v] of [['spectrum.index', m.spectrum.index], ['spectrum.hardeningPerKpc', m.spectrum.hardeningPerKpc], ['cr.alpha', m.cr.alpha], ['cr.beta', m.cr.beta]] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`${source}: field ${name}: expected a number, found ${JSON.stringify(v)}`);
  }
  const c = m.spectrum.cutoffGeV;
  if (c !== null && !(typeof c === 'number' && c > 0)) {
    throw new InputError(`${source}: field spectrum.cutoffGeV: expected a positive number or null, found ${JSON.stringify(c)}`);
  }
  return m;
}

/** Log bin edges and log centres of the model's ν energy grid (GeV). */
export function energyBins(m: LosModel): { edges: Float64Array; centres: Float64Array } {
  const { minGeV, maxGeV, nBins } = m.energies;
  const edges = new Float64Array(nBins + 1);
  const centres = new Float64Array(nBins);
  const a = Math.log(minGeV);
  const d = (Math.log(maxGeV) - a) / nBins;
  for (let i = 0; i <= nBins; i++) edges[i] = Math.exp(a + i * d);
  for (let i = 0; i < nBins; i++) centres[i] = Math.exp(a + (i + 0.5) * d);
  return { edges, centres };
}
