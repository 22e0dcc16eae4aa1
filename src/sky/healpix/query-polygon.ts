/**
 * healpy query_polygon for convex spherical polygons: the intersection of the
 * half-spheres bounded by the great circles through consecutive vertices
 * (healpix_base.cc query_polygon_internal + query_multidisc; the inclusive mode
 * adds the polygon's enclosing circle, found as in find_enclosing_circle).
 */
import { InputError } from '../../errors.js';
import { OUT, ringAbove, ring2z, ringNPix, ringShifted } from './geometry.js';
import { checkNside, maxPixrad } from './nside.js';
import { ringStart } from './indices.js';
import { loc2pix, pix2loc } from './pixel.js';
import { RangeSet } from './rangeset.js';
import { QueryOptions, NestWalk, inclusiveFactor, vecToPointing, pixelOutsideRing } from './query-disc.js';

type V3 = [number, number, number];
const INV_TWOPI = 1 / (2 * Math.PI);

const dot = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: V3, b: V3): V3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const norm = (a: V3): V3 => {
  const l = 1 / Math.sqrt(dot(a, a));
  return [a[0] * l, a[1] * l, a[2] * l];
};
const add = (a: V3, b: V3): V3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const sub = (a: V3, b: V3): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];

/** Smallest circle containing the points (centre, cos radius), as healpix find_enclosing_circle. */
function enclosingCircle(p: V3[]): [V3, number] {
  let center = norm(add(p[0], p[1]));
  let cosrad = dot(p[0], center);
  const circle3 = (q1: number, q2: number): void => {
    center = norm(add(p[q1], p[q2]));
    cosrad = dot(p[q1], center);
    for (let i = 0; i < q1; i++) {
      if (dot(p[i], center) < cosrad) {
        center = norm(cross(sub(p[q1], p[i]), sub(p[q2], p[i])));
        cosrad = dot(p[i], center);
        if (cosrad < 0) {
          center = [-center[0], -center[1], -center[2]];
          cosrad = -cosrad;
        }
      }
    }
  };
  const circle2 = (q: number): void => {
    center = norm(add(p[0], p[q]));
    cosrad = dot(p[0], center);
    for (let i = 1; i < q; i++) if (dot(p[i], center) < cosrad) circle3(i, q);
  };
  for (let i = 2; i < p.length; i++) if (dot(p[i], center) < cosrad) circle2(i);
  return [center, cosrad];
}

function multidiscRing(nside: number, normals: V3[], rad: number[], fact: number, set: RangeSet): void {
  const fct = fact !== 0 ? fact : 1;
  let rpsmall: number, rpbig: number;
  if (fct > 1) {
    rpsmall = maxPixrad(fct * nside);
    rpbig = maxPixrad(nside);
  } else rpsmall = rpbig = fact !== 0 ? maxPixrad(nside) : 0;
  let irmin = 1, irmax = 4 * nside - 1;
  const z0: number[] = [], xa: number[] = [], cosrsmall: number[] = [], cosrbig: number[] = [], ptheta: number[] = [], pphi: number[] = [], cpix: number[] = [];
  for (let i = 0; i < normals.length; i++) {
    const rsmall = rad[i] + rpsmall;
    if (!(rsmall < Math.PI)) continue;
    const rbig = Math.min(Math.PI, rad[i] + rpbig);
    const [th, ph] = vecToPointing(normals[i], 'queryPolygon');
    cosrsmall.push(Math.cos(rsmall));
    cosrbig.push(Math.cos(rbig));
    const cth = Math.cos(th);
    z0.push(cth);
    cpix.push(fct > 1 ? loc2pix(nside, cth, ph, 0, false, false) : -1);
    xa.push(1 / Math.sqrt((1 - cth) * (1 + cth)));
    ptheta.push(th);
    pphi.push(ph);
    const rlat1 = th - rsmall;
    let irminT = rlat1 <= 0 ? 1 : ringAbove(nside, Math.cos(rlat1)) + 1;
    if (fct > 1 && rlat1 > 0) irminT = Math.max(1, irminT - 1);
    const rlat2 = th + rsmall;
    let irmaxT = rlat2 >= Math.PI ? 4 * nside - 1 : ringAbove(nside, Math.cos(rlat2));
    if (fct > 1 && rlat2 < Math.PI) irmaxT = Math.min(4 * nside - 1, irmaxT + 1);
    if (irmaxT < irmax) irmax = irmaxT;
    if (irminT > irmin) irmin = irminT;
  }
  for (let iz = irmin; iz <= irmax; iz++) {
    const z = ring2z(nside, iz);
    const ipix1 = ringStart(nside, iz), nr = ringNPix(nside, iz);
    const shift = ringShifted(nside, iz) ? 0.5 : 0;
    const tr = new RangeSet();
    tr.append(ipix1, ipix1 + nr);
    for (let j = 0; j < z0.length; j++) {
      const x = (cosrbig[j] - z * z0[j]) * xa[j];
      const ysq = 1 - z * z - x * x;
      const dphi = ysq <= 0 ? Math.PI - 1e-15 : Math.atan2(Math.sqrt(ysq), x);
      let lo = Math.floor(nr * INV_TWOPI * (pphi[j] - dphi) - shift) + 1;
      let hi = Math.floor(nr * INV_TWOPI * (pphi[j] + dphi) - shift);
      if (fct > 1) {
        while (lo <= hi && pixelOutsideRing(nside, lo, nr, ipix1, fct, z0[j], pphi[j], cosrsmall[j], cpix[j])) ++lo;
        while (hi > lo && pixelOutsideRing(nside, hi, nr, ipix1, fct, z0[j], pphi[j], cosrsmall[j], cpix[j])) --hi;
      }
      if (hi >= nr) {
        lo -= nr;
        hi -= nr;
      }
      if (lo < 0) tr.remove(ipix1 + hi + 1, ipix1 + lo + nr);
      else tr.intersect(ipix1 + lo, ipix1 + hi + 1);
    }
    set.appendSet(tr);
  }
}

function multidiscNest(order: number, normals: V3[], rad: number[], fact: number, set: RangeSet): void {
  const omax = order + (fact ? Math.log2(fact) : 0);
  const nv = normals.length;
  const crlimit = new Float64Array((omax + 1) * nv * 3);
  for (let o = 0; o <= omax; o++) {
    const dr = maxPixrad(2 ** o);
    for (let i = 0; i < nv; i++) {
      const k = (o * nv + i) * 3;
      crlimit[k] = rad[i] + dr > Math.PI ? -1 : Math.cos(rad[i] + dr);
      crlimit[k + 1] = o === 0 ? Math.cos(rad[i]) : crlimit[i * 3 + 1];
      crlimit[k + 2] = rad[i] - dr < 0 ? 1 : Math.cos(rad[i] - dr);
    }
  }
  const walk = new NestWalk(order, omax, fact !== 0, set);
  while (walk.pix.length > 0) {
    const p = walk.pix.pop()!, o = walk.ord.pop()!;
    pix2loc(2 ** o, p, true);
    const z = OUT[0], ph = OUT[1];
    const s = OUT[3] === 1 ? OUT[2] : Math.sqrt((1 - z) * (1 + z));
    const pv: V3 = [s * Math.cos(ph), s * Math.sin(ph), z];
    let zone = 3;
    outer: for (let i = 0; i < nv; i++) {
      const crad = dot(pv, normals[i]);
      for (let iz = 0; iz < zone; iz++) {
        if (crad < crlimit[(o * nv + i) * 3 + iz]) {
          zone = iz;
          if (zone === 0) break outer;
        }
      }
    }
    if (zone > 0) walk.check(o, zone, p);
  }
}

/**
 * healpy query_polygon: pixels whose centres lie inside the convex polygon with
 * the given vertices (3-vectors, any length, in order), ascending. InputError for
 * fewer than 3 vertices, degenerate corners or a non-convex polygon.
 */
export function queryPolygon(nside: number, vertices: ArrayLike<ArrayLike<number>>, opts: QueryOptions = {}): Float64Array {
  const order = checkNside(nside, 'queryPolygon');
  const nv = vertices.length;
  if (nv < 3) throw new InputError(`queryPolygon: vertices: expected at least 3, found ${nv}`);
  const fact = inclusiveFactor(nside, order, opts, 'queryPolygon');
  const vv: V3[] = [];
  for (let i = 0; i < nv; i++) {
    const [t, p] = vecToPointing(vertices[i], 'queryPolygon'); // normalised as pointing → vec3
    const s = Math.sin(t);
    vv.push([s * Math.cos(p), s * Math.sin(p), Math.cos(t)]);
  }
  const normals: V3[] = [];
  let flip = 0;
  for (let i = 0; i < nv; i++) {
    const n = norm(cross(vv[i], vv[(i + 1) % nv]));
    const hnd = dot(n, vv[(i + 2) % nv]);
    if (!(Math.abs(hnd) > 1e-10)) throw new InputError(`queryPolygon: vertices: expected non-degenerate corners, found a degenerate corner at vertex ${(i + 1) % nv}`);
    if (i === 0) flip = hnd < 0 ? -1 : 1;
    else if (!(flip * hnd > 0)) throw new InputError('queryPolygon: vertices: expected a convex polygon, found a non-convex one');
    normals.push([n[0] * flip, n[1] * flip, n[2] * flip]);
  }
  const rad = new Array<number>(nv).fill(Math.PI / 2);
  if (fact !== 0) {
    const [c, cosrad] = enclosingCircle(vv);
    normals.push(c);
    rad.push(Math.acos(cosrad));
  }
  const set = new RangeSet();
  if (opts.nest) multidiscNest(order, normals, rad, fact, set);
  else multidiscRing(nside, normals, rad, fact, set);
  return set.toArray();
}
