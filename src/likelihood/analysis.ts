/**
 * Glue between the likelihood objects and the IRF / template / event modules: builds a
 * ready-to-fit search from an IRF and a hypothesis, and converts n_s ↔ flux in the paper's
 * units (physics.md §2.6, §4.3):
 *  - π0-like PDF templates: E²dN/dE at 100 TeV per flavour, all-sky, TeV cm⁻² s⁻¹;
 *  - flux cubes (KRA-γ): a multiple of the model flux (MF);
 *  - point sources and stacking: E²dN/dE at 100 TeV per flavour, TeV cm⁻² s⁻¹ (summed over the catalog).
 */
import type { EventSample } from '../events/sample.js';
import { e2At100TeVForTemplate, expectedEventsTemplate, pointSourceAcceptance, recoEnergyHistogram, type Spectrum } from '../irf/expectation.js';
import type { Irf } from '../irf/irf.js';
import type { SkyMap } from '../sky/types.js';
import { spatialPdf, type Template } from '../templates/template.js';
import { Dataset, type DatasetOptions, type EventArrays } from './dataset.js';
import { EnergyRatioGrid, energyRatio } from './energyPdf.js';
import { cubeSignalMap } from './cubeSignal.js';
import { harmonicSmoother } from './harmonicSmoother.js';
import { SourceSearch, type Source } from './sourceSearch.js';
import { TemplateSearch } from './templateSearch.js';
import { buildTemplateSpatial, defaultSigmaGrid, type Smoother } from './templatePdf.js';

/** The likelihood's view of an event sample (angErr is σ). */
export function eventArrays(s: EventSample): EventArrays {
  return { ra: s.ra, dec: s.dec, sigma: s.angErr, logE: s.logE };
}

export function datasetFromSample(s: EventSample, opts: DatasetOptions = {}): Dataset {
  return new Dataset(eventArrays(s), opts);
}

/** E^-γ normalised to E²dN/dE(100 TeV) = 1 TeV cm⁻² s⁻¹ (dN/dE = 1e-7 GeV⁻¹ cm⁻² s⁻¹ at 1e5 GeV). */
export function unitPowerLaw(gamma: number): Spectrum {
  return (e) => 1e-7 * Math.pow(e / 1e5, -gamma);
}

/** Sky-integrated per-flavour spectrum of a flux cube (all-flavour ν+ν̄ → ÷3), log-log interpolated. */
export function cubeSkySpectrum(t: Template): Spectrum {
  const e = t.energies as Float64Array;
  const nE = e.length;
  const npix = 12 * t.nside * t.nside;
  const omega = (4 * Math.PI) / npix;
  const tot = new Float64Array(nE);
  for (let p = 0; p < npix; p++) for (let i = 0; i < nE; i++) tot[i] += t.data[p * nE + i] * omega;
  for (let i = 0; i < nE; i++) tot[i] /= 3;
  const le = Float64Array.from(e, Math.log);
  return (x) => {
    if (!(x >= e[0] && x <= e[nE - 1])) return 0;
    const l = Math.log(x);
    let i = 0;
    while (i < nE - 2 && le[i + 1] < l) i++;
    const f = (l - le[i]) / (le[i + 1] - le[i]);
    if (!(tot[i] > 0 && tot[i + 1] > 0)) return tot[i] * (1 - f) + tot[i + 1] * f;
    return Math.exp(Math.log(tot[i]) * (1 - f) + Math.log(tot[i + 1]) * f);
  };
}

export interface TemplateAnalysis {
  search: TemplateSearch;
  /** the template PDF (equatorial, sr⁻¹) used for the flux conversion */
  pdf: SkyMap;
  /** n_s → flux in `fluxUnit` */
  nsToFlux(ns: number): number;
  fluxUnit: string;
  /** spectral index for PDF templates; null for cubes (own spectrum) */
  gamma: number | null;
}

export interface TemplateAnalysisOptions {
  sigmas?: Float64Array;
  smoother?: Smoother;
  /** spectral index for PDF templates (default: the template's, else 2.7 as for π0) */
  gamma?: number;
  /** resample the template to this nside first (default: the template's own) */
  nside?: number;
}

/**
 * n_s → flux conversion of a template: E²dN/dE at 100 TeV (TeV cm⁻² s⁻¹, per flavour, all-sky)
 * for PDF templates with E^-γ, or a multiple of the model flux for cubes.
 */
export function templateFluxConversion(irf: Irf, t: Template, pdf: SkyMap = spatialPdf(t, { frame: 'equatorial' }), gamma?: number): { perEvent: number; fluxUnit: string } {
  if (t.kind === 'cube') return { perEvent: 1 / cubeSignalMap(irf, t).nModel, fluxUnit: 'x model flux (MF)' };
  const g = gamma ?? t.spectrum?.index ?? 2.7;
  return { perEvent: e2At100TeVForTemplate(irf, 1, pdf, g), fluxUnit: 'TeV cm^-2 s^-1 (E^2 dN/dE at 100 TeV, per flavour, all-sky)' };
}

/**
 * Template search from an IRF. PDF templates: spatial PDF = template × acceptance(sin δ) for
 * E^-γ. Cubes (KRA-γ): expected events per pixel from the per-pixel spectrum × A(E, δ)
 * (cubeSignalMap, csky's per_pixel_flux). Energy S/B from recoEnergyHistogram with the
 * (sky-summed, for cubes) spectrum and the data's histogram.
 */
export function buildTemplateAnalysis(ds: Dataset, irf: Irf, t: Template, opts: TemplateAnalysisOptions = {}): TemplateAnalysis {
  const isCube = t.kind === 'cube';
  const gamma = isCube ? null : (opts.gamma ?? t.spectrum?.index ?? 2.7);
  const spectrum = isCube ? cubeSkySpectrum(t) : unitPowerLaw(gamma as number);
  const sigmas = opts.sigmas ?? defaultSigmaGrid(ds.maxSigma());
  const smoother = opts.smoother ?? harmonicSmoother();
  let pdf: SkyMap;
  let spatial;
  let perEventCube = 0;
  if (isCube) {
    const c = cubeSignalMap(irf, t, opts.nside ?? t.nside);
    pdf = spatialPdf(t, { frame: 'equatorial', nside: opts.nside });
    spatial = buildTemplateSpatial(c.map, () => 1, sigmas, smoother);
    perEventCube = 1 / c.nModel;
  } else {
    pdf = spatialPdf(t, { frame: 'equatorial', nside: opts.nside });
    const acc = (s: number) => pointSourceAcceptance(irf, spectrum, Math.max(-1, Math.min(1, s)));
    spatial = buildTemplateSpatial(pdf, acc, sigmas, smoother);
  }
  const sig = recoEnergyHistogram(irf, spectrum, ds.binning.sinDecEdges, ds.binning.logEEdges);
  const search = new TemplateSearch(ds, spatial, energyRatio(ds.binning, sig, ds.bgEnergyHist), t.name);
  const { perEvent, fluxUnit } = isCube ? { perEvent: perEventCube, fluxUnit: 'x model flux (MF)' } : templateFluxConversion(irf, t, pdf, gamma ?? undefined);
  return { search, pdf, gamma, fluxUnit, nsToFlux: (ns) => ns * perEvent };
}

export interface SourceAnalysis {
  search: SourceSearch;
  /** total E²dN/dE at 100 TeV (TeV cm⁻² s⁻¹, per flavour, summed over sources) for n_s at γ */
  nsToFlux(ns: number, gamma: number): number;
  fluxUnit: string;
}

export const DEFAULT_GAMMA_GRID = Float64Array.from({ length: 13 }, (_, k) => 1 + 0.25 * k);

/**
 * Point-source / stacking search from an IRF: energy S/B on a γ grid (13 values 1…4, spline
 * in between), stacking weights w_k × acc_k(γ) with acc from pointSourceAcceptance.
 */
export function buildSourceAnalysis(ds: Dataset, irf: Irf, sources: Source[], gammas: Float64Array = DEFAULT_GAMMA_GRID): SourceAnalysis {
  const hists = Array.from(gammas, (g) => recoEnergyHistogram(irf, unitPowerLaw(g), ds.binning.sinDecEdges, ds.binning.logEEdges));
  const grid = new EnergyRatioGrid(ds.binning, gammas, hists, ds.bgEnergyHist);
  const accAt = (g: number) => Float64Array.from(sources, (s) => pointSourceAcceptance(irf, unitPowerLaw(g), Math.sin(s.dec)));
  const acceptance = sources.length > 1 ? Array.from(gammas, accAt) : undefined;
  const search = new SourceSearch(ds, sources, grid, { acceptance });
  const wsum = sources.reduce((a, s) => a + (s.weight ?? 1), 0);
  return {
    search,
    fluxUnit: 'TeV cm^-2 s^-1 (E^2 dN/dE at 100 TeV, per flavour, summed over sources)',
    nsToFlux: (ns, gamma) => {
      // n = Σ_k Φ_k acc_k with Φ_k = Φ w_k/Σw  →  Φ = n / Σ_k (w_k/Σw) acc_k
      const acc = accAt(gamma);
      let e = 0;
      sources.forEach((s, k) => (e += ((s.weight ?? 1) / wsum) * acc[k]));
      return ns / e;
    },
  };
}
