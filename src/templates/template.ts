/**
 * Galactic-plane templates, normalised as in the IceCube 2023 paper (physics.md §2.6, §4):
 *  - kind 'pdf' (π0): a spatial PDF in sr⁻¹ with Σ pdf·Ω_pix = 1 and a separate all-sky per-flavour
 *    (ν+ν̄) power law, quoted as E²dN/dE at 100 TeV in TeV cm⁻² s⁻¹;
 *  - kind 'cube' (KRA-γ): flux per pixel and energy, GeV⁻¹ cm⁻² s⁻¹ sr⁻¹, all flavours ν+ν̄
 *    (divide by 3 for one flavour).
 * Maps are HEALPix RING in a known frame; cubes are pixel-major: data[p · nE + i].
 */
import { InputError } from '../errors.js';
import type { Frame, SkyMap } from '../sky/types.js';
import { npix2nside, resampleRing } from './sky-util.js';

export interface PowerLawSpectrum {
  type: 'powerlaw';
  /** dN/dE ∝ E^−index. */
  index: number;
  /** All-sky, per-flavour ν+ν̄ E²dN/dE at 100 TeV, TeV cm⁻² s⁻¹. */
  e2FluxAt100TeV: number;
}

export interface Template {
  name: string;
  kind: 'pdf' | 'cube';
  nside: number;
  ordering: 'RING';
  frame: Frame;
  /** 'sr^-1' (pdf) or 'GeV^-1 cm^-2 s^-1 sr^-1' (cube, all flavours ν+ν̄). */
  unit: string;
  data: Float64Array | Float32Array;
  /** Cube only: energies (GeV, increasing) at which data gives the differential flux. */
  energies?: Float64Array;
  /** Pdf only: the all-sky spectrum. */
  spectrum?: PowerLawSpectrum;
  /** Where the template came from (model, source file, version). */
  provenance?: Record<string, unknown>;
}

export const PDF_UNIT = 'sr^-1';
export const CUBE_UNIT = 'GeV^-1 cm^-2 s^-1 sr^-1';

/** Number of energies of a cube (1 for a pdf). */
export function nEnergies(t: Template): number {
  return t.kind === 'cube' ? (t.energies?.length ?? 0) : 1;
}

/** Check shapes and units; throws InputError naming the field. */
export function validateTemplate(t: Template, source = t.name): Template {
  const nE = nEnergies(t);
  const npix = 12 * t.nside * t.nside;
  if (npix2nside(npix) !== t.nside) throw new InputError(`${source}: nside ${t.nside} is not a power of two`);
  if (t.kind === 'cube') {
    if (!t.energies || t.energies.length < 1) throw new InputError(`${source}: a cube needs energies`);
    for (let i = 1; i < nE; i++) {
      if (!(t.energies[i] > t.energies[i - 1])) throw new InputError(`${source}: energies must increase (index ${i})`);
    }
  } else if (!t.spectrum) {
    throw new InputError(`${source}: a pdf template needs a spectrum`);
  }
  if (t.data.length !== npix * nE) {
    throw new InputError(`${source}: data length: expected ${npix}·${nE} = ${npix * nE}, found ${t.data.length}`);
  }
  for (let i = 0; i < t.data.length; i++) {
    const v = t.data[i];
    if (!(v >= 0) || !Number.isFinite(v)) throw new InputError(`${source}: data[${i}]: expected a finite value ≥ 0, found ${v}`);
  }
  return t;
}

/** Trapezoid weights in E over the cube's energies (∫ f dE ≈ Σ w_i f_i, power-law-exact in log space). */
export function energyIntegrationWeights(energies: Float64Array): Float64Array {
  const n = energies.length;
  const w = new Float64Array(n);
  if (n === 1) {
    w[0] = 1;
    return w;
  }
  // ∫ f dE = ∫ f E dlnE: trapezoid in ln E on f·E.
  for (let i = 0; i < n; i++) {
    const lo = i > 0 ? Math.log(energies[i] / energies[i - 1]) : 0;
    const hi = i < n - 1 ? Math.log(energies[i + 1] / energies[i]) : 0;
    w[i] = 0.5 * (lo + hi) * energies[i];
  }
  return w;
}

export interface PdfOptions {
  nside?: number;
  frame?: Frame;
  /**
   * Cube only: weight per energy of the cube (e.g. ∫ A_eff dE, for an acceptance-weighted pdf).
   * Default: ∫ dE, i.e. the pdf of the number flux.
   */
  energyWeights?: ArrayLike<number>;
}

/**
 * Spatial PDF (sr⁻¹, Σ pdf·Ω = 1) as a RING SkyMap at the requested nside and frame
 * (default: the template's nside, equatorial).
 */
export function spatialPdf(t: Template, opt: PdfOptions = {}): SkyMap {
  const nside = opt.nside ?? t.nside;
  const frame = opt.frame ?? 'equatorial';
  const npix = 12 * t.nside * t.nside;
  let base: Float64Array;
  if (t.kind === 'pdf') {
    base = Float64Array.from(t.data);
  } else {
    const e = t.energies as Float64Array;
    const nE = e.length;
    const w = opt.energyWeights ? Float64Array.from(opt.energyWeights) : energyIntegrationWeights(e);
    if (w.length !== nE) throw new InputError(`energyWeights: expected ${nE} values, found ${w.length}`);
    base = new Float64Array(npix);
    for (let p = 0; p < npix; p++) {
      let s = 0;
      for (let i = 0; i < nE; i++) s += w[i] * t.data[p * nE + i];
      base[p] = s;
    }
  }
  const data = resampleRing(base, 1, t.nside, t.frame, nside, frame);
  let sum = 0;
  for (let p = 0; p < data.length; p++) sum += data[p];
  const omega = (4 * Math.PI) / data.length;
  if (!(sum > 0)) throw new InputError(`${t.name}: template is zero everywhere`);
  for (let p = 0; p < data.length; p++) data[p] /= sum * omega;
  return { nside, ordering: 'RING', frame, data, name: 'PDF', unit: PDF_UNIT };
}

/** log-log interpolation of y(x) at xs (0 outside [x0, x_last]). */
function interpLogLog(x: Float64Array, y: Float64Array, xs: ArrayLike<number>): Float64Array {
  const out = new Float64Array(xs.length);
  for (let j = 0; j < xs.length; j++) {
    const v = xs[j];
    if (!(v >= x[0] && v <= x[x.length - 1])) continue;
    let i = 0;
    while (i < x.length - 2 && x[i + 1] < v) i++;
    if (x.length === 1) {
      out[j] = y[0];
      continue;
    }
    if (y[i] <= 0 || y[i + 1] <= 0) {
      const t = (v - x[i]) / (x[i + 1] - x[i]);
      out[j] = y[i] + t * (y[i + 1] - y[i]);
      continue;
    }
    const t = Math.log(v / x[i]) / Math.log(x[i + 1] / x[i]);
    out[j] = Math.exp(Math.log(y[i]) + t * Math.log(y[i + 1] / y[i]));
  }
  return out;
}

/**
 * All-sky, per-flavour (ν+ν̄) spectrum dN/dE (GeV⁻¹ cm⁻² s⁻¹) at energies eGeV.
 * pdf: Φ(E) = Φ₀ (E/100 TeV)^−γ with Φ₀ = e2FluxAt100TeV·10³ / (10⁵ GeV)² (TeV → GeV).
 * cube: Σ_pix flux·Ω / 3, log-log interpolated (0 outside the cube's energy range).
 */
export function allSkySpectrum(t: Template, eGeV: ArrayLike<number>): Float64Array {
  if (t.kind === 'pdf') {
    const s = t.spectrum as PowerLawSpectrum;
    const phi0 = (s.e2FluxAt100TeV * 1e3) / 1e10;
    return Float64Array.from(eGeV, (e) => phi0 * Math.pow(e / 1e5, -s.index));
  }
  const e = t.energies as Float64Array;
  const nE = e.length;
  const npix = 12 * t.nside * t.nside;
  const omega = (4 * Math.PI) / npix;
  const tot = new Float64Array(nE);
  for (let p = 0; p < npix; p++) for (let i = 0; i < nE; i++) tot[i] += t.data[p * nE + i];
  for (let i = 0; i < nE; i++) tot[i] *= omega / 3;
  return interpLogLog(e, tot, eGeV);
}

/** Per-pixel spectrum of a cube (all flavours ν+ν̄, GeV⁻¹ cm⁻² s⁻¹ sr⁻¹) at the cube's energies. */
export function pixelSpectrum(t: Template, pix: number): Float64Array {
  if (t.kind !== 'cube') throw new InputError(`${t.name}: pixelSpectrum needs a cube template; this one is a pdf`);
  const nE = nEnergies(t);
  if (!(Number.isInteger(pix) && pix >= 0 && pix < 12 * t.nside * t.nside)) throw new InputError(`pixel ${pix} out of range`);
  return Float64Array.from(t.data.subarray(pix * nE, (pix + 1) * nE));
}

/** The same template in another frame and/or nside (area-averaged; a pdf is renormalised). */
export function convertTemplate(t: Template, frame: Frame, nside = t.nside): Template {
  if (frame === t.frame && nside === t.nside) return t;
  const nE = nEnergies(t);
  const data = resampleRing(t.data, nE, t.nside, t.frame, nside, frame);
  if (t.kind === 'pdf') {
    let s = 0;
    for (let p = 0; p < data.length; p++) s += data[p];
    const omega = (4 * Math.PI) / data.length;
    for (let p = 0; p < data.length; p++) data[p] /= s * omega;
  }
  return { ...t, frame, nside, data };
}

/** Σ pdf · Ω_pix of a pdf map (1 for a normalised template). */
export function pdfIntegral(map: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < map.length; i++) s += map[i];
  return (s * 4 * Math.PI) / map.length;
}
