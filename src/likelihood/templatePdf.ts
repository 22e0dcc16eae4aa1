import { InputError } from '../errors.js';
import type { SkyMap } from '../sky/types.js';
import { interpAt, ringPairs, type RingPairs } from './ringInterp.js';
import { pixelZ, ringMeans } from './ringLookup.js';
import { TemplateLookup, type BackgroundCells } from './templateLookup.js';

/**
 * Spatial signal PDF of a template search (physics.md §2.3): template × acceptance,
 * normalised to a PDF on the sphere, smoothed with Gaussians on a grid of σ, and read for
 * each event at its own σ by linear interpolation between the two neighbouring grid maps
 * (csky takes the nearest grid value; interpolation halves the error for the same grid).
 * Within a map the value is interpolated bilinearly between the 4 nearest pixel centres
 * (healpy.get_interp_val's scheme). A map smoothed with σ is stored at the lowest nside with
 * pixels ≤ σ/6 (capped at the template's nside): a 18° map at nside 32 is 12 kB, so the lookups
 * after an RA scramble stay in cache. The RA-averaged PDF S̃ is the same mix of ring means,
 * which is exactly the RA average of the interpolant.
 */

/**
 * Smooth a RING map (equatorial) with Gaussian beams of each σ (radians); map k is returned at
 * nside outNsides[k] (≤ the input nside).
 */
export type Smoother = (map: Float64Array, nside: number, sigmas: Float64Array, outNsides: Int32Array) => Float64Array[];

/** Lowest power-of-2 nside (≥ 4, ≤ maxNside) whose pixel size √(π/3)/nside is ≤ σ/pixelsPerSigma. */
export function nsideForSigma(sigma: number, maxNside: number, pixelsPerSigma = 6): number {
  let ns = 4;
  while (ns < maxNside && Math.sqrt(Math.PI / 3) / ns > sigma / pixelsPerSigma) ns *= 2;
  return Math.min(ns, maxNside);
}

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
  /** nside of the input template */
  readonly nside: number;
  readonly sigmas: Float64Array;
  /** nside of each smoothed map */
  readonly nsides: Int32Array;
  /** offset of map k in `maps` */
  readonly offsets: Int32Array;
  /** all smoothed PDF maps (sr⁻¹, RING), concatenated */
  readonly maps: Float32Array;
  /** ring means of map k, by ring index r − 1 (north → south) */
  readonly ringMean: Float64Array[];
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
  pixelsPerSigma = 6,
): TemplateSpatial {
  if (template.ordering !== 'RING') throw new InputError(`template ${template.name ?? ''}: ordering must be RING, found ${template.ordering}`);
  if (template.frame !== 'equatorial') throw new InputError(`template ${template.name ?? ''}: frame must be equatorial, found ${template.frame}`);
  for (let k = 1; k < sigmas.length; k++) if (!(sigmas[k] > sigmas[k - 1])) throw new InputError('template σ grid must increase');
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
  const nsides = Int32Array.from(sigmas, (s) => nsideForSigma(s, nside, pixelsPerSigma));
  const offsets = new Int32Array(sigmas.length);
  let size = 0;
  for (let k = 0; k < sigmas.length; k++) {
    offsets[k] = size;
    size += 12 * nsides[k] * nsides[k];
  }
  const smoothed = smoother(sig, nside, sigmas, nsides);
  const maps = new Float32Array(size);
  const ringMean: Float64Array[] = [];
  for (let k = 0; k < sigmas.length; k++) {
    const m = smoothed[k];
    const np = 12 * nsides[k] * nsides[k];
    if (m.length !== np) throw new InputError(`smoother: map ${k} has ${m.length} pixels, expected ${np} (nside ${nsides[k]})`);
    // harmonic smoothing rings slightly below zero near sharp edges: clip, then renormalise
    let s = 0;
    for (let p = 0; p < np; p++) s += m[p] > 0 ? m[p] : 0;
    const f = np / (4 * Math.PI * s);
    const off = offsets[k];
    for (let p = 0; p < np; p++) maps[off + p] = m[p] > 0 ? m[p] * f : 0;
    const rm = ringMeans(nsides[k], maps.subarray(off, off + np));
    // ringMeans stores south → north; keep ring-index order (north → south)
    ringMean.push(Float64Array.from(rm.mean).reverse());
  }
  return { nside, sigmas, nsides, offsets, maps, ringMean, signalMap: sig };
}

/**
 * Per-event view of a TemplateSpatial: σ-interpolation weights and the ring pairs of both maps
 * are precomputed, so re-evaluating S after an RA scramble is 8 gathers from small maps per
 * event. S̃ does not depend on RA and is computed once.
 */
export class TemplateEventPdf {
  readonly n: number;
  private readonly k0: Int32Array;
  private readonly w: Float64Array;
  /** ring pairs per map k (shared between maps of equal nside) */
  private readonly pairs: RingPairs[];

  constructor(
    readonly spatial: TemplateSpatial,
    dec: Float64Array,
    sigma: Float64Array,
  ) {
    this.n = dec.length;
    this.k0 = new Int32Array(this.n);
    this.w = new Float64Array(this.n);
    const g = spatial.sigmas;
    for (let i = 0; i < this.n; i++) {
      const s = sigma[i];
      if (g.length === 1 || s <= g[0]) {
        this.k0[i] = 0;
        this.w[i] = 0;
      } else if (s >= g[g.length - 1]) {
        this.k0[i] = g.length - 2;
        this.w[i] = 1;
      } else {
        let k = 0;
        while (g[k + 1] < s) k++;
        this.k0[i] = k;
        this.w[i] = (s - g[k]) / (g[k + 1] - g[k]);
      }
    }
    const zs = Float64Array.from(dec, Math.sin);
    const byNside = new Map<number, RingPairs>();
    this.pairs = Array.from(spatial.nsides, (ns) => {
      let rp = byNside.get(ns);
      if (!rp) {
        rp = ringPairs(ns, zs);
        byNside.set(ns, rp);
      }
      return rp;
    });
  }

  /**
   * S_i (sr⁻¹) at RAs ra[i] into out. No allocation. Events come sorted by σ (Dataset), so
   * k0 is constant over runs of events: each run is one tight loop over one map.
   */
  evalS(ra: Float64Array, out: Float64Array): Float64Array {
    const { maps, offsets } = this.spatial;
    const last = this.spatial.sigmas.length - 1;
    const k0 = this.k0;
    const w = this.w;
    let i0 = 0;
    while (i0 < this.n) {
      const k = k0[i0];
      let i1 = i0 + 1;
      while (i1 < this.n && k0[i1] === k) i1++;
      if (k < last && this.pairs[k] === this.pairs[k + 1]) blend(maps, offsets[k], offsets[k + 1], this.pairs[k], ra, w, out, i0, i1);
      else {
        accumulate(maps, offsets[k], this.pairs[k], ra, w, out, i0, i1, false);
        if (k < last) accumulate(maps, offsets[k + 1], this.pairs[k + 1], ra, w, out, i0, i1, true);
      }
      i0 = i1;
    }
    return out;
  }

  /**
   * The WebAssembly evaluator of S, x = (S − S̃)·cx and the power sums of x (templateLookup.ts)
   * for these events, or null where it is unavailable (then use evalS).
   */
  lookup(sTilde: Float64Array, cx: Float64Array, xb: number, bg?: BackgroundCells): TemplateLookup | null {
    return TemplateLookup.create(this.spatial, this.k0, this.w, this.pairs, sTilde, cx, xb, bg);
  }

  /** S̃_i (sr⁻¹): the RA average of S at each event's declination (exact for the interpolant). */
  evalSTilde(_sinDec: Float64Array, out: Float64Array): Float64Array {
    const { ringMean } = this.spatial;
    const last = this.spatial.sigmas.length - 1;
    const rowOf = (k: number, i: number) => {
      const rp = this.pairs[k];
      const m = ringMean[k];
      return m[rp.ring0[i]] * (1 - rp.wz[i]) + m[rp.ring1[i]] * rp.wz[i];
    };
    for (let i = 0; i < this.n; i++) {
      const k = this.k0[i];
      const w = this.w[i];
      const a = w === 1 ? 0 : rowOf(k, i);
      out[i] = w === 0 || k === last ? a : a * (1 - w) + rowOf(k + 1, i) * w;
    }
    return out;
  }
}

const INV_TWO_PI = 1 / (2 * Math.PI);

/**
 * out[i] = (1 − w_i)·M(i) (upper = false) or out[i] += w_i·M(i) (upper = true) for i ∈ [i0, i1),
 * M the bilinear interpolant of one map (ringInterp.interpAt, inlined for speed).
 */
function accumulate(map: Float32Array, off: number, rp: RingPairs, ra: Float64Array, w: Float64Array, out: Float64Array, i0: number, i1: number, upper: boolean): void {
  // per-ring tables are tiny (4·nside − 1 entries) and stay in L1; per event only ring0 and wz stream
  const { ringStart, ringCount, ringShift, ring0, wz } = rp;
  for (let i = i0; i < i1; i++) {
    const wi = upper ? w[i] : 1 - w[i];
    if (wi === 0) {
      if (!upper) out[i] = 0;
      continue;
    }
    let t = ra[i] * INV_TWO_PI;
    t -= Math.floor(t);
    const r = ring0[i];
    const c0 = ringCount[r];
    let u = t * c0 - ringShift[r];
    let j = Math.floor(u);
    const f = u - j;
    if (j < 0) j += c0;
    let j1 = j + 1;
    if (j1 >= c0) j1 -= c0;
    const s0 = off + ringStart[r];
    let v = map[s0 + j] * (1 - f) + map[s0 + j1] * f;
    const z = wz[i];
    if (z !== 0) {
      const c1 = ringCount[r + 1];
      u = t * c1 - ringShift[r + 1];
      j = Math.floor(u);
      const g = u - j;
      if (j < 0) j += c1;
      j1 = j + 1;
      if (j1 >= c1) j1 -= c1;
      const s1 = off + ringStart[r + 1];
      v = v * (1 - z) + (map[s1 + j] * (1 - g) + map[s1 + j1] * g) * z;
    }
    if (upper) out[i] += wi * v;
    else out[i] = wi * v;
  }
}

/**
 * Fused path when maps k and k+1 share an nside (same pixel geometry): one set of ring/φ
 * weights, 8 gathers, out[i] = (1 − w_i)·M_k(i) + w_i·M_{k+1}(i).
 */
function blend(map: Float32Array, offA: number, offB: number, rp: RingPairs, ra: Float64Array, w: Float64Array, out: Float64Array, i0: number, i1: number): void {
  const { ringStart, ringCount, ringShift, ring0, wz } = rp;
  for (let i = i0; i < i1; i++) {
    let t = ra[i] * INV_TWO_PI;
    t -= Math.floor(t);
    const r = ring0[i];
    const c0 = ringCount[r];
    let u = t * c0 - ringShift[r];
    let j = Math.floor(u);
    const f = u - j;
    if (j < 0) j += c0;
    let j1 = j + 1;
    if (j1 >= c0) j1 -= c0;
    const p0 = ringStart[r] + j;
    const p1 = ringStart[r] + j1;
    let a = map[offA + p0] * (1 - f) + map[offA + p1] * f;
    let b = map[offB + p0] * (1 - f) + map[offB + p1] * f;
    const z = wz[i];
    if (z !== 0) {
      const c1 = ringCount[r + 1];
      u = t * c1 - ringShift[r + 1];
      j = Math.floor(u);
      const g = u - j;
      if (j < 0) j += c1;
      j1 = j + 1;
      if (j1 >= c1) j1 -= c1;
      const q0 = ringStart[r + 1] + j;
      const q1 = ringStart[r + 1] + j1;
      a = a * (1 - z) + (map[offA + q0] * (1 - g) + map[offA + q1] * g) * z;
      b = b * (1 - z) + (map[offB + q0] * (1 - g) + map[offB + q1] * g) * z;
    }
    const wi = w[i];
    out[i] = a * (1 - wi) + b * wi;
  }
}
