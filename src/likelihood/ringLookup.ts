/**
 * HEALPix RING-scheme pixel lookup specialised to events whose declination is fixed while
 * their RA is scrambled: the z-dependent part of ang2pix (chealpix `ang2pix_ring_z_phi`,
 * Górski et al. 2005) is computed once per event, leaving a few floors per new RA.
 * Checked against healpy.ang2pix in ringLookup.test.ts.
 */
const INV_HALF_PI = 2 / Math.PI;

export class RingLookup {
  readonly nside: number;
  readonly n: number;
  private readonly z: Float64Array;
  /** equatorial: nside·z·0.75; polar: nside·sinθ/√((1+|z|)/3) */
  private readonly t: Float64Array;

  constructor(nside: number, dec: ArrayLike<number>) {
    this.nside = nside;
    this.n = dec.length;
    this.z = new Float64Array(this.n);
    this.t = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const z = Math.sin(dec[i]);
      this.z[i] = z;
      const za = Math.abs(z);
      this.t[i] = za <= 2 / 3 ? nside * z * 0.75 : (nside * Math.cos(dec[i])) / Math.sqrt((1 + za) / 3);
    }
  }

  /** RING pixel of event i at right ascension ra (radians). Integer arithmetic via |0 (V8 float % is a runtime call). */
  pix(i: number, ra: number): number {
    const nside = this.nside;
    const z = this.z[i];
    let tt = ra * INV_HALF_PI; // φ/(π/2), wrapped into [0, 4)
    if (tt < 0 || tt >= 4) tt -= 4 * Math.floor(tt * 0.25);
    if (tt >= 4) tt = 0;
    if (z <= 2 / 3 && z >= -2 / 3) {
      const nl4 = 4 * nside;
      const temp1 = nside * (0.5 + tt);
      const temp2 = this.t[i];
      const jp = Math.floor(temp1 - temp2) | 0;
      const jm = Math.floor(temp1 + temp2) | 0;
      const ir = (nside + 1 + jp - jm) | 0;
      const kshift = 1 - (ir & 1);
      let ip = (jp + jm - nside + kshift + 1) >> 1;
      if (ip >= nl4) ip -= nl4;
      else if (ip < 0) ip += nl4;
      return 2 * nside * (nside - 1) + (ir - 1) * nl4 + ip;
    }
    const tp = tt - Math.floor(tt);
    const tmp = this.t[i];
    const jp = Math.floor(tp * tmp) | 0;
    const jm = Math.floor((1 - tp) * tmp) | 0;
    const ir = (jp + jm + 1) | 0;
    let ip = Math.floor(tt * ir) | 0;
    if (ip >= 4 * ir) ip -= 4 * ir;
    if (z > 0) return 2 * ir * (ir - 1) + ip;
    return 12 * nside * nside - 2 * ir * (ir + 1) + ip;
  }

  /** Fill out[i] with the pixel of every event at RAs ra[i]. */
  pixAll(ra: ArrayLike<number>, out: Int32Array): Int32Array {
    for (let i = 0; i < this.n; i++) out[i] = this.pix(i, ra[i]);
    return out;
  }
}

/** Ring r (1 … 4nside−1) of a RING map: first pixel, pixel count and z = cos θ of its centres. */
export function ringInfo(nside: number, r: number): { start: number; count: number; z: number } {
  const npix = 12 * nside * nside;
  if (r < nside) return { start: 2 * r * (r - 1), count: 4 * r, z: 1 - (r * r) / (3 * nside * nside) };
  if (r <= 3 * nside) return { start: 2 * nside * (nside - 1) + (r - nside) * 4 * nside, count: 4 * nside, z: ((2 * nside - r) * 2) / (3 * nside) };
  const rr = 4 * nside - r;
  return { start: npix - 2 * rr * (rr + 1), count: 4 * rr, z: -(1 - (rr * rr) / (3 * nside * nside)) };
}

/** z = cos θ = sin δ of every pixel centre of a RING map. */
export function pixelZ(nside: number): Float64Array {
  const out = new Float64Array(12 * nside * nside);
  for (let r = 1; r < 4 * nside; r++) {
    const { start, count, z } = ringInfo(nside, r);
    out.fill(z, start, start + count);
  }
  return out;
}

/** Mean of a RING map over each ring (index r−1) and the rings' z, in increasing z order. */
export function ringMeans(nside: number, map: ArrayLike<number>): { z: Float64Array; mean: Float64Array } {
  const nr = 4 * nside - 1;
  const z = new Float64Array(nr);
  const mean = new Float64Array(nr);
  for (let r = 1; r <= nr; r++) {
    const { start, count, z: zr } = ringInfo(nside, r);
    let s = 0;
    for (let p = start; p < start + count; p++) s += map[p];
    // ring 1 is the northernmost: store south → north so z increases
    z[nr - r] = zr;
    mean[nr - r] = s / count;
  }
  return { z, mean };
}

/** Linear interpolation of ring means at sin δ (flat beyond the outermost rings). */
export function interpRing(z: Float64Array, v: Float64Array, s: number): number {
  const n = z.length;
  if (s <= z[0]) return v[0];
  if (s >= z[n - 1]) return v[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (z[mid] <= s) lo = mid;
    else hi = mid;
  }
  const f = (s - z[lo]) / (z[hi] - z[lo]);
  return v[lo] * (1 - f) + v[hi] * f;
}

/** RA (φ) of the centre of every pixel of a RING map (chealpix pix2ang_ring). */
export function pixelPhi(nside: number): Float64Array {
  const out = new Float64Array(12 * nside * nside);
  for (let r = 1; r < 4 * nside; r++) {
    const { start, count } = ringInfo(nside, r);
    const equatorial = r >= nside && r <= 3 * nside;
    const shift = equatorial ? (((r + nside) & 1) === 1 ? 0 : 0.5) : 0.5;
    const dphi = (2 * Math.PI) / count;
    for (let j = 0; j < count; j++) out[start + j] = (j + shift) * dphi;
  }
  return out;
}
