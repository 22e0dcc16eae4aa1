import { pixelPhi, pixelZ } from './ringLookup.js';
import { psPdf } from './psf.js';

/**
 * Brute-force real-space smoothing of a RING map with the point-source kernel of psf.ts
 * (Gaussian below 7°, vMF above), renormalised per output pixel. O(npix²): a reference for
 * tests and small maps (nside ≤ 16), and a stand-in Smoother until harmonic smoothing is used.
 */
export function directSmoothing(map: Float64Array, nside: number, sigmas: Float64Array): Float64Array[] {
  const npix = 12 * nside * nside;
  const z = pixelZ(nside);
  const phi = pixelPhi(nside);
  const sx = new Float64Array(npix);
  const sy = new Float64Array(npix);
  for (let p = 0; p < npix; p++) {
    const r = Math.sqrt(Math.max(0, 1 - z[p] * z[p]));
    sx[p] = r * Math.cos(phi[p]);
    sy[p] = r * Math.sin(phi[p]);
  }
  const omega = (4 * Math.PI) / npix;
  const src: number[] = [];
  for (let q = 0; q < npix; q++) if (map[q] !== 0) src.push(q);
  return Array.from(sigmas, (sigma) => {
    const out = new Float64Array(npix);
    for (let p = 0; p < npix; p++) {
      let s = 0;
      for (const q of src) s += map[q] * psPdf(sx[p] * sx[q] + sy[p] * sy[q] + z[p] * z[q], sigma);
      out[p] = s * omega;
    }
    return out;
  });
}
