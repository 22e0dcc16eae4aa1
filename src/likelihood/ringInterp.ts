import { ringInfo } from './ringLookup.js';

/**
 * Bilinear interpolation on a RING map between the 4 nearest pixel centres on the two rings
 * that bracket the point (healpy.get_interp_weights' scheme: linear in φ along each ring, linear
 * in θ between the rings), specialised to points whose
 * z is fixed (RA scrambles): the ring pair and the z weight are precomputed per point, so a new
 * RA costs two floors and four gathers. The average over RA of this interpolant equals the
 * same θ-weighted mix of the two rings' means exactly (ring means → S̃).
 */
export interface RingPairs {
  /** per point: first pixel, pixel count and φ shift (in pixel units) of the upper ring (index 0) and the lower ring (1) */
  start0: Int32Array;
  count0: Int32Array;
  shift0: Float64Array;
  start1: Int32Array;
  count1: Int32Array;
  shift1: Float64Array;
  /** weight of the lower ring */
  wz: Float64Array;
  /** ring indices (r − 1) of the two rings (ring1 = ring0 + 1, or = ring0 beyond the outermost centres with wz = 0) */
  ring0: Int32Array;
  ring1: Int32Array;
  /** per-ring tables of the map (index r − 1) */
  ringStart: Int32Array;
  ringCount: Int32Array;
  ringShift: Float64Array;
}

/** Ring geometry tables of a RING map: z, start, count, shift per ring r = 1 … 4nside−1 (index r−1). */
export function ringTable(nside: number): { z: Float64Array; start: Int32Array; count: Int32Array; shift: Float64Array } {
  const nr = 4 * nside - 1;
  const z = new Float64Array(nr);
  const start = new Int32Array(nr);
  const count = new Int32Array(nr);
  const shift = new Float64Array(nr);
  for (let r = 1; r <= nr; r++) {
    const info = ringInfo(nside, r);
    z[r - 1] = info.z;
    start[r - 1] = info.start;
    count[r - 1] = info.count;
    const equatorial = r >= nside && r <= 3 * nside;
    shift[r - 1] = equatorial ? (((r + nside) & 1) === 1 ? 0 : 0.5) : 0.5;
  }
  return { z, start, count, shift };
}

/** Ring pairs for points at z = sin δ (beyond the outermost ring centres: that ring alone). */
export function ringPairs(nside: number, zs: ArrayLike<number>): RingPairs {
  const t = ringTable(nside);
  const n = zs.length;
  const out: RingPairs = {
    start0: new Int32Array(n),
    count0: new Int32Array(n),
    shift0: new Float64Array(n),
    start1: new Int32Array(n),
    count1: new Int32Array(n),
    shift1: new Float64Array(n),
    wz: new Float64Array(n),
    ring0: new Int32Array(n),
    ring1: new Int32Array(n),
    ringStart: t.start,
    ringCount: t.count,
    ringShift: t.shift,
  };
  const nr = t.z.length;
  for (let i = 0; i < n; i++) {
    const z = zs[i];
    let a: number;
    let b: number;
    let w: number;
    if (z >= t.z[0]) {
      a = b = 0;
      w = 0;
    } else if (z <= t.z[nr - 1]) {
      a = b = nr - 1;
      w = 0;
    } else {
      // rings are ordered by decreasing z: find a with z[a] ≥ z > z[a+1]
      let lo = 0;
      let hi = nr - 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (t.z[mid] >= z) lo = mid;
        else hi = mid;
      }
      a = lo;
      b = hi;
      // linear in θ between the ring centres, as healpy's get_interp_weights
      const th = Math.acos(z);
      const ta = Math.acos(t.z[a]);
      w = (th - ta) / (Math.acos(t.z[b]) - ta);
    }
    out.start0[i] = t.start[a];
    out.count0[i] = t.count[a];
    out.shift0[i] = t.shift[a];
    out.start1[i] = t.start[b];
    out.count1[i] = t.count[b];
    out.shift1[i] = t.shift[b];
    out.wz[i] = w;
    out.ring0[i] = a;
    out.ring1[i] = b;
  }
  return out;
}

const INV_TWO_PI = 1 / (2 * Math.PI);

/** Linear interpolation along one ring at φ (radians): map values at offset + ring pixels. */
export function ringValue(map: Float32Array | Float64Array, offset: number, start: number, count: number, shift: number, phi: number): number {
  let t = phi * INV_TWO_PI;
  t -= Math.floor(t); // turns in [0, 1)
  t = t * count - shift;
  let j = Math.floor(t);
  const f = t - j;
  if (j < 0) j += count;
  let j1 = j + 1;
  if (j1 >= count) j1 -= count;
  return map[offset + start + j] * (1 - f) + map[offset + start + j1] * f;
}

/** Bilinear value at point i of a RingPairs table, RA phi. */
export function interpAt(map: Float32Array | Float64Array, offset: number, rp: RingPairs, i: number, phi: number): number {
  const w = rp.wz[i];
  const v0 = ringValue(map, offset, rp.start0[i], rp.count0[i], rp.shift0[i], phi);
  if (w === 0) return v0;
  return v0 * (1 - w) + ringValue(map, offset, rp.start1[i], rp.count1[i], rp.shift1[i], phi) * w;
}
