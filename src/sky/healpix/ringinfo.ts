/**
 * Ring geometry for iso-latitude algorithms (spherical harmonics, strips):
 * ring r (1…4·nside−1, from the north pole) holds nPixels pixels whose centres
 * are at colatitude theta and longitudes phi0 + 2π·j/nPixels, j = 0…nPixels−1;
 * their RING indices are firstPixel + j.
 */
import { InputError } from '../../errors.js';
import { checkNsideAny } from './nside.js';
import { ringNPix, ringShifted, ring2z, ring2theta } from './geometry.js';
import { ringStart } from './indices.js';

export interface RingInfo {
  /** RING index of the ring's first pixel (exact for nside ≤ 2^24). */
  firstPixel: number;
  /** Pixels in the ring: 4r in the north cap, 4·nside in the belt. */
  nPixels: number;
  /** cos θ of the pixel centres (healpix_base ring2z). */
  z: number;
  /** Colatitude of the pixel centres, radians (get_ring_info2: atan2 near the poles). */
  theta: number;
  /** Longitude of the first pixel centre: π/nPixels when shifted, else 0. */
  phi0: number;
  /** Whether the ring is shifted by half a pixel. */
  shifted: boolean;
}

/** Geometry of ring `ring` (1 … 4·nside−1). */
export function ringInfo(nside: number, ring: number): RingInfo {
  checkNsideAny(nside, 'ringInfo');
  if (!(Number.isInteger(ring) && ring >= 1 && ring <= 4 * nside - 1)) {
    throw new InputError(`ringInfo: ring: expected an integer in [1, ${4 * nside - 1}], found ${String(ring)}`);
  }
  const nPixels = ringNPix(nside, ring);
  const shifted = ringShifted(nside, ring);
  return {
    firstPixel: ringStart(nside, ring),
    nPixels,
    z: ring2z(nside, ring),
    theta: ring2theta(nside, ring),
    phi0: shifted ? Math.PI / nPixels : 0,
    shifted,
  };
}
