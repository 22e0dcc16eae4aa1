/**
 * The HEALPix geometry core, shared by the number and BigInt APIs. It maps a
 * location (z = cos θ, φ, and sin θ near the poles) to a pixel described either
 * by its RING position (ring 1…4·nside−1 counted from the north pole, 0-based
 * index in the ring) or by its NESTED face coordinates (ix, iy, face), and back.
 * Only the final step, position → pixel index, differs between number and
 * BigInt, so every integer here stays below 2^34 and is exact in a double.
 *
 * Algorithms: Górski et al. 2005, ApJ 622, 759 (§4, eqs. 4–10 and Fig. 4), as
 * organised in HEALPix C++ healpix_base.cc (loc2pix, pix2loc, ring2xyf, xyf2ring,
 * get_ring_info_small/get_ring_info2, ring_above, ring2z). The floating-point
 * expressions follow the same order of operations so that integer results are
 * identical to healpy's. Integer shifts of the C++ become floor divisions by
 * powers of two, exact for doubles, so nside up to 2^29 works.
 *
 * Results are written to the scratch array OUT (no allocation per call); read
 * them immediately, the next call overwrites them.
 */

/** Scratch outputs; meaning depends on the routine that wrote them. */
export const OUT = new Float64Array(4);

/** Face row (jrll) and column (jpll) of the 12 base pixels (healpix_base.cc). */
export const JRLL = new Int32Array([2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4]);
export const JPLL = new Int32Array([1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7]);

export const TWOTHIRD = 2 / 3;
export const HALFPI = Math.PI / 2;
export const TWOPI = 2 * Math.PI;
const INV_HALFPI = 2 / Math.PI;

/** v1 mod v2 in [0, v2), as cxxutils fmodulo (a result that rounds to v2 becomes 0). */
export function fmodulo(v1: number, v2: number): number {
  if (v1 >= 0) return v1 < v2 ? v1 : v1 % v2;
  const tmp = (v1 % v2) + v2;
  return tmp === v2 ? 0 : tmp;
}

/** Longitude folded into [0, 2π). */
export function normPhi(phi: number): number {
  return fmodulo(phi, TWOPI);
}

/**
 * Distance of the edge-line coordinates a, b (truncated to ja, jb) to the nearest
 * integer, or 0 next to the polar-cap boundary |z| = 2/3: how far the location is
 * from a pixel edge, in edge-line units. Callers use it to detect directions
 * that one ulp of cos θ could move into another pixel.
 */
function edgeMargin(a: number, ja: number, b: number, jb: number, za: number): number {
  if (Math.abs(za - TWOTHIRD) < 1e-15) return 0;
  return Math.min(a - ja, ja + 1 - a, b - jb, jb + 1 - b);
}

/**
 * Location → RING position: OUT[0] = ring (1…4n−1), OUT[1] = index in ring,
 * OUT[3] = edge margin (see edgeMargin).
 * sth (sin θ) is used only when haveSth and |z| ≥ 0.99, for precision at the poles.
 */
export function loc2ringPos(nside: number, z: number, phi: number, sth: number, haveSth: boolean): void {
  const za = Math.abs(z);
  const tt = fmodulo(phi * INV_HALFPI, 4); // in [0,4)
  if (za <= TWOTHIRD) {
    // equatorial belt: edge-line indices (paper eq. 8 inverted)
    const nl4 = 4 * nside;
    const temp1 = nside * (0.5 + tt);
    const temp2 = nside * z * 0.75;
    const a = temp1 - temp2, b = temp1 + temp2;
    const jp = Math.trunc(a); // ascending edge line
    const jm = Math.trunc(b); // descending edge line
    OUT[3] = edgeMargin(a, jp, b, jm, za);
    const ir = nside + 1 + jp - jm; // ring counted from z=2/3, 1…2n+1
    const kshift = 1 - (ir % 2);
    const h = Math.floor((jp + jm - nside + kshift + 1 + nl4 + nl4) / 2);
    OUT[0] = nside + ir - 1;
    OUT[1] = h - Math.floor(h / nl4) * nl4;
    return;
  }
  // polar caps
  const tp = tt - Math.trunc(tt);
  const tmp = za < 0.99 || !haveSth ? nside * Math.sqrt(3 * (1 - za)) : (nside * sth) / Math.sqrt((1 + za) / 3);
  const a = tp * tmp, b = (1 - tp) * tmp;
  const jp = Math.trunc(a);
  const jm = Math.trunc(b);
  OUT[3] = edgeMargin(a, jp, b, jm, za);
  const ir = jp + jm + 1; // ring counted from the nearest pole
  OUT[1] = Math.trunc(tt * ir);
  OUT[0] = z > 0 ? ir : 4 * nside - ir;
}

/** Location → NESTED face coordinates: OUT[0] = ix, OUT[1] = iy, OUT[2] = face, OUT[3] = edge margin. */
export function loc2xyf(nside: number, z: number, phi: number, sth: number, haveSth: boolean): void {
  const za = Math.abs(z);
  const tt = fmodulo(phi * INV_HALFPI, 4);
  if (za <= TWOTHIRD) {
    const temp1 = nside * (0.5 + tt);
    const temp2 = nside * (z * 0.75);
    const a = temp1 - temp2, b = temp1 + temp2;
    const jp = Math.trunc(a);
    const jm = Math.trunc(b);
    OUT[3] = edgeMargin(a, jp, b, jm, za);
    const ifp = Math.floor(jp / nside); // in {0,4}
    const ifm = Math.floor(jm / nside);
    OUT[2] = ifp === ifm ? ifp | 4 : ifp < ifm ? ifp : ifm + 8;
    OUT[0] = jm - ifm * nside;
    OUT[1] = nside - (jp - ifp * nside) - 1;
    return;
  }
  const ntt = Math.min(3, Math.trunc(tt));
  const tp = tt - ntt;
  const tmp = za < 0.99 || !haveSth ? nside * Math.sqrt(3 * (1 - za)) : (nside * sth) / Math.sqrt((1 + za) / 3);
  const a = tp * tmp, b = (1 - tp) * tmp;
  const ta = Math.trunc(a), tb = Math.trunc(b);
  OUT[3] = edgeMargin(a, ta, b, tb, za);
  const jp = Math.min(ta, nside - 1); // clamp: points on the face boundary
  const jm = Math.min(tb, nside - 1);
  if (z >= 0) {
    OUT[0] = nside - jm - 1;
    OUT[1] = nside - jp - 1;
    OUT[2] = ntt;
  } else {
    OUT[0] = jp;
    OUT[1] = jm;
    OUT[2] = ntt + 8;
  }
}

/** Pixels in ring `ring` (1…4n−1). */
export function ringNPix(nside: number, ring: number): number {
  if (ring < nside) return 4 * ring;
  if (ring < 3 * nside) return 4 * nside;
  return 4 * (4 * nside - ring);
}

/** Whether the ring's first pixel centre is at φ = π/nPix (true) or at φ = 0 (false). */
export function ringShifted(nside: number, ring: number): boolean {
  if (ring < nside || ring >= 3 * nside) return true;
  return (ring - nside) % 2 === 0;
}

/** z = cos θ of the centres of ring `ring` (healpix_base.cc ring2z). */
export function ring2z(nside: number, ring: number): number {
  const fact2 = 4 / (12 * nside * nside);
  if (ring < nside) return 1 - ring * ring * fact2;
  if (ring <= 3 * nside) return (2 * nside - ring) * (2 * nside * fact2);
  const r = 4 * nside - ring;
  return r * r * fact2 - 1;
}

/** Colatitude θ of ring centres, computed as get_ring_info2 (atan2 in the caps for precision). */
export function ring2theta(nside: number, ring: number): number {
  const northring = ring > 2 * nside ? 4 * nside - ring : ring;
  const fact2 = 4 / (12 * nside * nside);
  let theta: number;
  if (northring < nside) {
    const tmp = northring * northring * fact2;
    theta = Math.atan2(Math.sqrt(tmp * (2 - tmp)), 1 - tmp);
  } else {
    theta = Math.acos((2 * nside - northring) * (2 * nside * fact2));
  }
  return ring !== northring ? Math.PI - theta : theta;
}

/** Index of the ring just north of z (0 when z is above ring 1), healpix_base.cc ring_above. */
export function ringAbove(nside: number, z: number): number {
  const az = Math.abs(z);
  if (az <= TWOTHIRD) return Math.trunc(nside * (2 - 1.5 * z));
  const iring = Math.trunc(nside * Math.sqrt(3 * (1 - az)));
  return z > 0 ? iring : 4 * nside - iring - 1;
}

/**
 * RING position → location: OUT[0] = z, OUT[1] = φ, OUT[2] = sin θ, OUT[3] = 1 when
 * OUT[2] was computed (|z| > 0.99), else 0 — as healpix_base.cc pix2loc.
 */
export function ringPos2loc(nside: number, ring: number, ip: number): void {
  const fact2 = 4 / (12 * nside * nside);
  OUT[3] = 0;
  OUT[2] = 0;
  if (ring < nside) {
    const tmp = ring * ring * fact2;
    const z = 1 - tmp;
    if (z > 0.99) {
      OUT[2] = Math.sqrt(tmp * (2 - tmp));
      OUT[3] = 1;
    }
    OUT[0] = z;
    OUT[1] = ((ip + 0.5) * HALFPI) / ring;
  } else if (ring <= 3 * nside) {
    const fact1 = 2 * nside * fact2;
    const fodd = (ring + nside) % 2 === 1 ? 1 : 0.5;
    OUT[0] = (2 * nside - ring) * fact1;
    OUT[1] = (ip + 1 - fodd) * Math.PI * 0.75 * fact1;
  } else {
    const nr = 4 * nside - ring;
    const tmp = nr * nr * fact2;
    const z = tmp - 1;
    if (z < -0.99) {
      OUT[2] = Math.sqrt(tmp * (2 - tmp));
      OUT[3] = 1;
    }
    OUT[0] = z;
    OUT[1] = ((ip + 0.5) * HALFPI) / nr;
  }
}

/** NESTED face coordinates → location, same outputs as ringPos2loc. */
export function xyf2loc(nside: number, ix: number, iy: number, face: number): void {
  const fact2 = 4 / (12 * nside * nside);
  const jr = JRLL[face] * nside - ix - iy - 1;
  let nr: number;
  OUT[3] = 0;
  OUT[2] = 0;
  if (jr < nside) {
    nr = jr;
    const tmp = nr * nr * fact2;
    const z = 1 - tmp;
    if (z > 0.99) {
      OUT[2] = Math.sqrt(tmp * (2 - tmp));
      OUT[3] = 1;
    }
    OUT[0] = z;
  } else if (jr > 3 * nside) {
    nr = 4 * nside - jr;
    const tmp = nr * nr * fact2;
    const z = tmp - 1;
    if (z < -0.99) {
      OUT[2] = Math.sqrt(tmp * (2 - tmp));
      OUT[3] = 1;
    }
    OUT[0] = z;
  } else {
    nr = nside;
    OUT[0] = (2 * nside - jr) * (2 * nside * fact2);
  }
  let tmp = JPLL[face] * nr + ix - iy;
  if (tmp < 0) tmp += 8 * nr;
  OUT[1] = nr === nside ? 0.75 * HALFPI * tmp * (2 * nside * fact2) : (0.5 * HALFPI * tmp) / nr;
}

/** RING position → face coordinates: OUT[0] = ix, OUT[1] = iy, OUT[2] = face (healpix_base.cc ring2xyf). */
export function ringPos2xyf(nside: number, ring: number, ip: number): void {
  const iphi = ip + 1;
  const nl2 = 2 * nside;
  let kshift: number, nr: number, face: number;
  if (ring < nside) {
    kshift = 0;
    nr = ring;
    face = Math.floor((iphi - 1) / nr);
  } else if (ring <= 3 * nside) {
    const tmp = ring - nside;
    kshift = (ring + nside) % 2;
    nr = nside;
    const ire = tmp + 1;
    const irm = nl2 + 1 - tmp;
    const ifm = Math.floor((iphi - Math.floor(ire / 2) + nside - 1) / nside);
    const ifp = Math.floor((iphi - Math.floor(irm / 2) + nside - 1) / nside);
    face = ifp === ifm ? ifp | 4 : ifp < ifm ? ifp : ifm + 8;
  } else {
    kshift = 0;
    nr = 4 * nside - ring;
    face = Math.floor((iphi - 1) / nr) + 8;
  }
  const irt = ring - (2 + (face >> 2)) * nside + 1;
  let ipt = 2 * iphi - JPLL[face] * nr - kshift - 1;
  if (ipt >= nl2) ipt -= 8 * nside;
  OUT[0] = Math.floor((ipt - irt) / 2);
  OUT[1] = Math.floor((-ipt - irt) / 2);
  OUT[2] = face;
}

/** Face coordinates → RING position: OUT[0] = ring, OUT[1] = index in ring (healpix_base.cc xyf2ring). */
export function xyf2ringPos(nside: number, ix: number, iy: number, face: number): void {
  const jr = JRLL[face] * nside - ix - iy - 1;
  let nr: number, shifted: boolean;
  if (jr < nside) {
    nr = jr;
    shifted = true;
  } else if (jr < 3 * nside) {
    nr = nside;
    shifted = (jr - nside) % 2 === 0;
  } else {
    nr = 4 * nside - jr;
    shifted = true;
  }
  const kshift = shifted ? 0 : 1;
  let jp = Math.trunc((JPLL[face] * nr + ix - iy + 1 + kshift) / 2); // C++ integer division
  if (jp < 1) jp += 4 * nside;
  OUT[0] = jr;
  OUT[1] = jp - 1;
}
