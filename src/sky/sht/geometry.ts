/**
 * HEALPix RING-scheme ring geometry for the transforms (Górski et al. 2005, ApJ 622, 759, eqs. 4–9).
 * Kept here so the SHT has no dependency on the pixel library.
 *
 * Rings are numbered i = 1 … 4·nside−1 from the north pole. The transforms work on pairs
 * (north ring i, south ring 4·nside−i) for i = 1 … 2·nside; pair 2·nside is the equator alone.
 */
export interface RingPairs {
  nside: number;
  npix: number;
  /** Number of pairs (2·nside). */
  npairs: number;
  /** cos θ of the northern ring of each pair. */
  cth: Float64Array;
  /** sin θ of the northern ring (computed without cancellation near the poles). */
  sth: Float64Array;
  /** Pixels per ring (4i in the caps, 4·nside in the belt); the same for both rings of a pair. */
  nphi: Int32Array;
  /** Longitude of the first pixel of the ring (both rings of a pair share it). */
  phi0: Float64Array;
  /** First pixel index (RING) of the northern and southern ring; south = -1 for the equator. */
  startN: Int32Array;
  startS: Int32Array;
}

const cache = new Map<number, RingPairs>();

export function ringPairs(nside: number): RingPairs {
  const hit = cache.get(nside);
  if (hit) return hit;
  const npairs = 2 * nside;
  const npix = 12 * nside * nside;
  const ncap = 2 * nside * (nside - 1);
  const g: RingPairs = {
    nside, npix, npairs,
    cth: new Float64Array(npairs), sth: new Float64Array(npairs),
    nphi: new Int32Array(npairs), phi0: new Float64Array(npairs),
    startN: new Int32Array(npairs), startS: new Int32Array(npairs),
  };
  for (let p = 0; p < npairs; p++) {
    const i = p + 1;
    if (i < nside) {
      // polar cap: 1 − z = i²/(3 nside²)
      const omz = (i * i) / (3 * nside * nside);
      g.cth[p] = 1 - omz;
      g.sth[p] = Math.sqrt(omz * (2 - omz));
      g.nphi[p] = 4 * i;
      g.phi0[p] = Math.PI / (4 * i);
      g.startN[p] = 2 * i * (i - 1);
      g.startS[p] = npix - 2 * i * (i + 1);
    } else {
      const z = (2 * (2 * nside - i)) / (3 * nside);
      g.cth[p] = z;
      g.sth[p] = Math.sqrt((1 - z) * (1 + z));
      g.nphi[p] = 4 * nside;
      const shifted = (i - nside + 1) & 1; // 1 → first pixel at π/(4 nside)
      g.phi0[p] = shifted ? Math.PI / (4 * nside) : 0;
      g.startN[p] = ncap + (i - nside) * 4 * nside;
      g.startS[p] = i === 2 * nside ? -1 : ncap + (4 * nside - i - nside) * 4 * nside;
    }
  }
  cache.set(nside, g);
  return g;
}

/** Valid HEALPix nside (power of two, 1 … 2^29) for a map of npix pixels, or -1. */
export function npix2nside(npix: number): number {
  const ns = Math.round(Math.sqrt(npix / 12));
  return 12 * ns * ns === npix && ns > 0 && (ns & (ns - 1)) === 0 ? ns : -1;
}
