/**
 * Change a map's frame (equatorial ↔ Galactic) by pixel-space interpolation, as healpy's
 * Rotator.rotate_map_pixel: each output pixel centre is carried into the input frame and the
 * input map is bilinearly interpolated there (getInterpVal). This smooths the map slightly
 * (about one pixel); a harmonic rotation (rotateMapAlm in src/sky/sht) is more accurate for
 * band-limited maps.
 */
import { frameMatrix, rotateThetaPhiTo } from './coords.js';
import { getInterpWeightsArray, pix2angArray } from './healpix/index.js';
import { UNSEEN, type Frame, type SkyMap } from './types.js';

/**
 * The map in frame `to`, same nside and ordering. Output pixels whose interpolation gives weight
 * to an UNSEEN input pixel are UNSEEN (healpy would mix the sentinel into the value).
 */
export function rotateMapFrame(map: SkyMap, to: Frame): SkyMap {
  const out: SkyMap = { ...map, frame: to, data: Float64Array.from(map.data) };
  if (map.frame === to) return out;
  const nest = map.ordering === 'NESTED';
  const m = frameMatrix(to, map.frame); // output-frame vector → input-frame vector
  const npix = map.data.length;
  const ipix = new Float64Array(npix);
  for (let p = 0; p < npix; p++) ipix[p] = p;
  const { theta, phi } = pix2angArray(map.nside, ipix, nest);
  const d = new Float64Array(2);
  for (let p = 0; p < npix; p++) {
    rotateThetaPhiTo(m, theta[p]!, phi[p]!, d);
    theta[p] = d[0]!;
    phi[p] = d[1]!;
  }
  const pix = new Float64Array(4 * npix);
  const w = new Float64Array(4 * npix);
  getInterpWeightsArray(map.nside, theta, phi, nest, pix, w);
  const src = map.data;
  const data = out.data;
  for (let p = 0; p < npix; p++) {
    let v = 0;
    for (let k = 4 * p; k < 4 * p + 4; k++) {
      const s = src[pix[k]!]!;
      if (s === UNSEEN && w[k]! > 0) {
        v = UNSEEN;
        break;
      }
      v += s * w[k]!;
    }
    data[p] = v;
  }
  return out;
}
