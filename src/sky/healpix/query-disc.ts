/**
 * healpy query_disc and query_strip. Algorithms of healpix_base.cc
 * (query_disc_internal, check_pixel_ring, check_pixel, query_strip_internal):
 * RING walks the rings crossing the disc and keeps the φ-interval inside it;
 * NEST descends the pixel hierarchy from the 12 base pixels. inclusive=true
 * returns every pixel overlapping the disc, tested at fact×nside (may return a
 * few extra pixels, as healpy).
 */
import { InputError } from '../../errors.js';
import { OUT, ringAbove, ring2z, ringNPix, ringShifted, normPhi } from './geometry.js';
import { checkNside, maxPixrad, MAX_NUMBER_ORDER } from './nside.js';
import { ringStart } from './indices.js';
import { loc2pix, pix2loc, pix2xyf, ringToNest as ringToNestUnchecked } from './pixel.js';
import { xyf2loc } from './geometry.js';
import { RangeSet } from './rangeset.js';

const INV_TWOPI = 1 / (2 * Math.PI);

export interface QueryOptions {
  /** Return all pixels overlapping the region instead of those whose centre is inside (default false). */
  inclusive?: boolean;
  /** Oversampling factor of the inclusive test (default 4; a power of 2 for NEST). */
  fact?: number;
  /** NESTED indices (default false: RING). */
  nest?: boolean;
}

/** cos of the angle between (z1, φ1) and (z2, φ2) (healpix cosdist_zphi). */
export function cosdistZphi(z1: number, phi1: number, z2: number, phi2: number): number {
  return z1 * z2 + Math.cos(phi1 - phi2) * Math.sqrt((1 - z1 * z1) * (1 - z2 * z2));
}

/** θ, φ of a vector as healpix pointing(vec3) followed by normalize(). */
export function vecToPointing(v: ArrayLike<number>, fn: string): [number, number] {
  const [x, y, z] = [v[0], v[1], v[2]];
  if (!(Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z)) || (x === 0 && y === 0 && z === 0)) {
    throw new InputError(`${fn}: vec: expected a finite non-zero 3-vector, found (${x}, ${y}, ${z})`);
  }
  const theta = Math.atan2(Math.sqrt(x * x + y * y), z);
  let phi = x === 0 && y === 0 ? 0 : Math.atan2(y, x);
  if (phi < 0) phi += 2 * Math.PI;
  return [theta, normPhi(phi)];
}

/** Oversampling factor for the inclusive mode (0 = exact mode), validated as healpy does. */
export function inclusiveFactor(nside: number, order: number, opts: QueryOptions, fn: string): number {
  if (!opts.inclusive) return 0;
  const fact = Math.abs(opts.fact ?? 4);
  if (!Number.isInteger(fact) || fact < 1) throw new InputError(`${fn}: fact: expected a positive integer, found ${String(opts.fact)}`);
  if (opts.nest && (fact & (fact - 1)) !== 0) throw new InputError(`${fn}: fact: expected a power of 2 when nest is true, found ${fact}`);
  if (nside * fact > 2 ** MAX_NUMBER_ORDER) {
    throw new InputError(`${fn}: fact: expected nside·fact ≤ 2^24 (number API), found ${nside}·${fact}`);
  }
  void order;
  return fact;
}

/**
 * True when the RING pixel at position ip of a ring (first pixel ipix1, nr pixels) lies entirely
 * outside the disc, tested on the fct×fct sub-pixel centres along its edges (check_pixel_ring).
 */
export function pixelOutsideRing(
  nside: number, ip: number, nr: number, ipix1: number, fct: number, cz: number, cphi: number, cosrp2: number, cpix: number,
): boolean {
  if (ip >= nr) ip -= nr;
  if (ip < 0) ip += nr;
  const pix = ip + ipix1;
  if (pix === cpix) return false; // disc centre inside the pixel
  pix2xyf(nside, pix, false);
  const px = OUT[0], py = OUT[1], pf = OUT[2];
  const n2 = fct * nside;
  const ox = fct * px, oy = fct * py;
  for (let i = 0; i < fct - 1; i++) {
    xyf2loc(n2, ox + i, oy, pf);
    if (cosdistZphi(OUT[0], OUT[1], cz, cphi) > cosrp2) return false;
    xyf2loc(n2, ox + fct - 1, oy + i, pf);
    if (cosdistZphi(OUT[0], OUT[1], cz, cphi) > cosrp2) return false;
    xyf2loc(n2, ox + fct - 1 - i, oy + fct - 1, pf);
    if (cosdistZphi(OUT[0], OUT[1], cz, cphi) > cosrp2) return false;
    xyf2loc(n2, ox, oy + fct - 1 - i, pf);
    if (cosdistZphi(OUT[0], OUT[1], cz, cphi) > cosrp2) return false;
  }
  return true;
}

function discRing(nside: number, theta: number, phi: number, radius: number, fact: number, set: RangeSet): void {
  const inclusive = fact !== 0;
  const fct = inclusive ? fact : 1;
  const npix = 12 * nside * nside;
  let rsmall: number, rbig: number;
  if (fct > 1) {
    rsmall = radius + maxPixrad(fct * nside);
    rbig = radius + maxPixrad(nside);
  } else rsmall = rbig = inclusive ? radius + maxPixrad(nside) : radius;
  if (rsmall >= Math.PI) {
    set.append(0, npix);
    return;
  }
  rbig = Math.min(Math.PI, rbig);
  const cosrsmall = Math.cos(rsmall), cosrbig = Math.cos(rbig);
  const z0 = Math.cos(theta);
  const xa = 1 / Math.sqrt((1 - z0) * (1 + z0));
  const cpix = loc2pix(nside, z0, phi, 0, false, false);
  const rlat1 = theta - rsmall;
  let irmin = ringAbove(nside, Math.cos(rlat1)) + 1;
  if (rlat1 <= 0 && irmin > 1) set.append(0, ringStart(nside, irmin - 1) + ringNPix(nside, irmin - 1)); // north pole inside
  if (fct > 1 && rlat1 > 0) irmin = Math.max(1, irmin - 1);
  const rlat2 = theta + rsmall;
  let irmax = ringAbove(nside, Math.cos(rlat2));
  if (fct > 1 && rlat2 < Math.PI) irmax = Math.min(4 * nside - 1, irmax + 1);
  for (let iz = irmin; iz <= irmax; iz++) {
    const z = ring2z(nside, iz);
    const x = (cosrbig - z * z0) * xa;
    const ysq = 1 - z * z - x * x;
    const dphi = ysq <= 0 ? (fct === 1 ? 0 : Math.PI - 1e-15) : Math.atan2(Math.sqrt(ysq), x);
    if (!(dphi > 0)) continue;
    const nr = ringNPix(nside, iz), ipix1 = ringStart(nside, iz);
    const shift = ringShifted(nside, iz) ? 0.5 : 0;
    const ipix2 = ipix1 + nr - 1;
    let lo = Math.floor(nr * INV_TWOPI * (phi - dphi) - shift) + 1;
    let hi = Math.floor(nr * INV_TWOPI * (phi + dphi) - shift);
    if (fct > 1) {
      while (lo <= hi && pixelOutsideRing(nside, lo, nr, ipix1, fct, z0, phi, cosrsmall, cpix)) ++lo;
      while (hi > lo && pixelOutsideRing(nside, hi, nr, ipix1, fct, z0, phi, cosrsmall, cpix)) --hi;
    }
    if (lo <= hi) {
      if (hi >= nr) {
        lo -= nr;
        hi -= nr;
      }
      if (lo < 0) {
        set.append(ipix1, ipix1 + hi + 1);
        set.append(ipix1 + lo + nr, ipix2 + 1);
      } else set.append(ipix1 + lo, ipix1 + hi + 1);
    }
  }
  if (rlat2 >= Math.PI && irmax + 1 < 4 * nside) set.append(ringStart(nside, irmax + 1), npix); // south pole inside
}

/** Hierarchical traversal state shared by the NEST disc and polygon queries (healpix_base check_pixel). */
export class NestWalk {
  pix: number[] = [];
  ord: number[] = [];
  stacktop = 0;
  constructor(readonly order: number, readonly omax: number, readonly inclusive: boolean, readonly set: RangeSet) {
    for (let i = 0; i < 12; i++) this.push(11 - i, 0); // base pixels, popped in ascending order
  }
  push(p: number, o: number): void {
    this.pix.push(p);
    this.ord.push(o);
  }
  private children(p: number, o: number): void {
    for (let i = 0; i < 4; i++) this.push(4 * p + 3 - i, o + 1);
  }
  private unwind(): void {
    this.pix.length = this.stacktop;
    this.ord.length = this.stacktop;
  }
  /** zone: 0 outside, 1 possibly overlapping, 2 centre inside, 3 entirely inside (check_pixel). */
  check(o: number, zone: number, p: number): void {
    if (zone === 0) return;
    const order = this.order;
    if (o < order) {
      if (zone >= 3) {
        const f = 4 ** (order - o);
        this.set.append(p * f, (p + 1) * f); // all sub-pixels
      } else this.children(p, o);
    } else if (o > order) {
      // only in inclusive mode
      if (zone >= 2 || o >= this.omax) {
        this.set.append(Math.floor(p / 4 ** (o - order)), Math.floor(p / 4 ** (o - order)) + 1);
        this.unwind();
      } else this.children(p, o);
    } else if (zone >= 2) this.set.append(p, p + 1);
    else if (this.inclusive) {
      if (order < this.omax) {
        this.stacktop = this.pix.length;
        this.children(p, o);
      } else this.set.append(p, p + 1);
    }
  }
}

function discNest(nside: number, order: number, theta: number, phi: number, radius: number, fact: number, set: RangeSet): void {
  if (radius >= Math.PI) {
    set.append(0, 12 * nside * nside);
    return;
  }
  const omax = order + (fact ? Math.log2(fact) : 0);
  const crpdr = new Float64Array(omax + 1), crmdr = new Float64Array(omax + 1);
  const cosrad = Math.cos(radius);
  for (let o = 0; o <= omax; o++) {
    const dr = maxPixrad(2 ** o); // safety distance
    crpdr[o] = radius + dr > Math.PI ? -1 : Math.cos(radius + dr);
    crmdr[o] = radius - dr < 0 ? 1 : Math.cos(radius - dr);
  }
  const z0 = Math.cos(theta);
  const walk = new NestWalk(order, omax, fact !== 0, set);
  while (walk.pix.length > 0) {
    const p = walk.pix.pop()!, o = walk.ord.pop()!;
    pix2loc(2 ** o, p, true);
    const c = cosdistZphi(z0, phi, OUT[0], OUT[1]);
    if (c > crpdr[o]) walk.check(o, c < cosrad ? 1 : c <= crmdr[o] ? 2 : 3, p);
  }
}

/**
 * healpy query_disc: pixels whose centres lie within `radius` (radians) of the
 * direction `vec` (any length), ascending. inclusive=true: all pixels overlapping
 * the disc (may include a few more), tested with oversampling `fact`.
 */
export function queryDisc(nside: number, vec: ArrayLike<number>, radius: number, opts: QueryOptions = {}): Float64Array {
  const order = checkNside(nside, 'queryDisc');
  if (!(radius >= 0)) throw new InputError(`queryDisc: radius: expected ≥ 0 radians, found ${String(radius)}`);
  const [theta, phi] = vecToPointing(vec, 'queryDisc');
  const fact = inclusiveFactor(nside, order, opts, 'queryDisc');
  const set = new RangeSet();
  if (opts.nest) discNest(nside, order, theta, phi, radius, fact, set);
  else discRing(nside, theta, phi, radius, fact, set);
  return set.toArray();
}

function stripRing(nside: number, theta1: number, theta2: number, inclusive: boolean, set: RangeSet): void {
  let ring1 = Math.max(1, 1 + ringAbove(nside, Math.cos(theta1)));
  let ring2 = Math.min(4 * nside - 1, ringAbove(nside, Math.cos(theta2)));
  if (inclusive) {
    ring1 = Math.max(1, ring1 - 1);
    ring2 = Math.min(4 * nside - 1, ring2 + 1);
  }
  const pix1 = ringStart(nside, ring1), pix2 = ringStart(nside, ring2) + ringNPix(nside, ring2);
  if (pix1 <= pix2) set.append(pix1, pix2);
}

/**
 * healpy query_strip: pixels whose centres lie between colatitudes theta1 and
 * theta2 (if theta1 > theta2, the two caps θ ≤ theta2 and θ ≥ theta1).
 * inclusive=true adds the rings overlapping the edges. NEST: the same pixels,
 * converted and sorted (healpy 1.16 aborts for nest=True).
 */
export function queryStrip(nside: number, theta1: number, theta2: number, opts: { inclusive?: boolean; nest?: boolean } = {}): Float64Array {
  checkNside(nside, 'queryStrip');
  for (const [v, name] of [[theta1, 'theta1'], [theta2, 'theta2']] as const) {
    if (!(v >= 0 && v <= Math.PI)) throw new InputError(`queryStrip: ${name}: expected a colatitude in [0, π], found ${String(v)}`);
  }
  const set = new RangeSet();
  const inc = opts.inclusive ?? false;
  if (theta1 < theta2) stripRing(nside, theta1, theta2, inc, set);
  else {
    stripRing(nside, 0, theta2, inc, set);
    const s2 = new RangeSet();
    stripRing(nside, theta1, Math.PI, inc, s2);
    set.appendSet(s2);
  }
  const res = set.toArray();
  if (opts.nest) {
    for (let i = 0; i < res.length; i++) res[i] = ringToNestUnchecked(nside, res[i]);
    res.sort();
  }
  return res;
}
