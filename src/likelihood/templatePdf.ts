import { InputError } from '../errors.js';
import type { SkyMap } from '../sky/types.js';
import { RingLookup, interpRing, pixelZ, ringMeans } from './ringLookup.js';

/**
 * Spatial signal PDF of a template search (physics.md §2.3): template × acceptance,
 * normalised to a PDF on the sphere, smoothed with Gaussians on a grid of σ, and read for
 * each event at its own σ by linear interpolation between the two neighbouring grid maps
 * (csky takes the nearest grid value; interpolation halves the error for the same grid).
 * The RA-averaged PDF S̃ comes from ring means of the same maps, interpolated in sin δ.
 */

/** Smooth a RING map (equatorial) with Gaussian beams of each σ (radians); one output map per σ. */
export type Smoother = (map: Float64Array, nside: number, sigmas: Float64Array) => Float64Array[];

/**
 * Default σ grid: 0.5° then steps of ×1.1 up to maxSigma (≥ the largest event σ), so
 * adjacent grid maps differ by 10 % in width. The interpolation error this introduces is
 * measured in scripts/validate-likelihood.ts and docs/likelihood.md.
 */
export function defaultSigmaGrid(maxSigma: number, minSigma = (0.5 * Math.PI) / 180, ratio = 1.1): Float64Array {
  const out: number[] = [];
  for (let s = minSigma; ; s *= ratio) {
    out.push(s);
    if (s >= maxSigma) break;
  }
  return Float64Array.from(out);
}

export interface TemplateSpatial {
  readonly nside: number;
  readonly sigmas: Float64Array;
  /** all smoothed PDF maps (sr⁻¹), map k at offset k·npix */
  readonly maps: Float32Array;
  /** ring z (increasing) and ring means per σ (offset k·nRings) */
  readonly ringZ: Float64Array;
  readonly ringMean: Float64Array;
  /** template × acceptance before smoothing, normalised (sr⁻¹) */
  readonly signalMap: Float64Array;
}

/**
 * Build the smoothed signal PDF maps. `acceptance(sinDec)` is the detector acceptance for the
 * template's spectrum (e.g. the IRF's pointSourceAcceptance); use () => 1 for none.
 */
export function buildTemplateSpatial(
  template: SkyMap,
  acceptance: (sinDec: number) => number,
  sigmas: Float64Array,
  smoother: Smoother,
): TemplateSpatial {
  if (template.ordering !== 'RING') throw new InputError(`template ${template.name ?? ''}: ordering must be RING, found ${template.ordering}`);
  if (template.frame !== 'equatorial') throw new InputError(`template ${template.name ?? ''}: frame must be equatorial, found ${template.frame}`);
  const nside = template.nside;
  const npix = 12 * nside * nside;
  const omega = (4 * Math.PI) / npix;
  const z = pixelZ(nside);
  const accCache = new Map<number, number>();
  const sig = new Float64Array(npix);
  let total = 0;
  for (let p = 0; p < npix; p++) {
    const t = template.data[p];
    if (!(t >= 0)) continue; // UNSEEN / NaN / negative pixels carry no signal
    let a = accCache.get(z[p]);
    if (a === undefined) {
      a = acceptance(z[p]);
      if (!(a >= 0)) throw new InputError(`acceptance at sinDec ${z[p]}: expected ≥ 0, found ${a}`);
      accCache.set(z[p], a);
    }
    sig[p] = t * a;
    total += sig[p] * omega;
  }
  if (!(total > 0)) throw new InputError(`template ${template.name ?? ''}: template × acceptance is zero everywhere`);
  for (let p = 0; p < npix; p++) sig[p] /= total;
  const smoothed = smoother(sig, nside, sigmas);
  const nRings = 4 * nside - 1;
  const maps = new Float32Array(sigmas.length * npix);
  const ringMean = new Float64Array(sigmas.length * nRings);
  let ringZ: Float64Array = new Float64Array(0);
  for (let k = 0; k < sigmas.length; k++) {
    const m = smoothed[k];
    // harmonic smoothing rings slightly below zero near sharp edges: clip, then renormalise
    let s = 0;
    for (let p = 0; p < npix; p++) s += m[p] > 0 ? m[p] : 0;
    const f = 1 / (s * omega);
    const off = k * npix;
    for (let p = 0; p < npix; p++) maps[off + p] = m[p] > 0 ? m[p] * f : 0;
    const rm = ringMeans(nside, maps.subarray(off, off + npix));
    ringZ = rm.z;
    ringMean.set(rm.mean, k * nRings);
  }
  return { nside, sigmas, maps, ringZ, ringMean, signalMap: sig };
}

/**
 * Per-event view of a TemplateSpatial: the σ-interpolation weights and the ring lookup are
 * precomputed, so re-evaluating S after an RA scramble is one pixel lookup and two gathers
 * per event. S̃ does not depend on RA and is computed once.
 */
export class TemplateEventPdf {
  readonly n: number;
  private readonly lookup: RingLookup;
  private readonly k0: Int32Array;
  private readonly w: Float64Array;
  private readonly npix: number;

  constructor(
    readonly spatial: TemplateSpatial,
    dec: Float64Array,
    sigma: Float64Array,
  ) {
    this.n = dec.length;
    this.npix = 12 * spatial.nside * spatial.nside;
    this.lookup = new RingLookup(spatial.nside, dec);
    this.k0 = new Int32Array(this.n);
    this.w = new Float64Array(this.n);
    const g = spatial.sigmas;
    for (let i = 0; i < this.n; i++) {
      const s = sigma[i];
      if (s <= g[0]) {
        this.k0[i] = 0;
        this.w[i] = 0;
      } else if (s >= g[g.length - 1]) {
        this.k0[i] = Math.max(0, g.length - 2);
        this.w[i] = g.length > 1 ? 1 : 0;
      } else {
        let k = 0;
        while (g[k + 1] < s) k++;
        this.k0[i] = k;
        this.w[i] = (s - g[k]) / (g[k + 1] - g[k]);
      }
    }
  }

  /** S_i (sr⁻¹) at RAs ra[i] into out. No allocation. */
  evalS(ra: Float64Array, out: Float64Array): Float64Array {
    const maps = this.spatial.maps;
    const npix = this.npix;
    const single = this.spatial.sigmas.length === 1;
    for (let i = 0; i < this.n; i++) {
      const p = this.lookup.pix(i, ra[i]);
      const o = this.k0[i] * npix + p;
      const w = this.w[i];
      out[i] = single ? maps[o] : maps[o] * (1 - w) + maps[o + npix] * w;
    }
    return out;
  }

  /** S̃_i (sr⁻¹): the RA average of S at each event's declination. */
  evalSTilde(sinDec: Float64Array, out: Float64Array): Float64Array {
    const { ringZ, ringMean, sigmas } = this.spatial;
    const nR = ringZ.length;
    for (let i = 0; i < this.n; i++) {
      const k = this.k0[i];
      const a = interpRing(ringZ, ringMean.subarray(k * nR, (k + 1) * nR), sinDec[i]);
      if (sigmas.length === 1) out[i] = a;
      else {
        const b = interpRing(ringZ, ringMean.subarray((k + 1) * nR, (k + 2) * nR), sinDec[i]);
        out[i] = a * (1 - this.w[i]) + b * this.w[i];
      }
    }
    return out;
  }
}
