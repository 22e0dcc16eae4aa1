import { pixelPhi, pixelZ } from './ringLookup.js';
import { psPdf } from './psf.js';

/**
 * Brute-force real-space smoothing of a RING map with the point-source kernel of psf.ts
 * (Gaussian below 7°, vMF above), renormalised per output pixel. O(npix²): a reference for
 * tests and small maps (nside ≤ 16), and a stand-in Smoother until harmonic smoothing is used.
 */
function unitVectors(nside: number): { x: Float64Array; y: Float64Array; z: Float64Array } {
  const z = pixelZ(nside);
  const phi = pixelPhi(nside);
  const x = new Float64Array(z.length);
  const y = new Float64Array(z.length);
  for (let p = 0; p < z.length; p++) {
    const r = Math.sqrt(Math.max(0, 1 - z[p] * z[p]));
    x[p] = r * Math.cos(phi[p]);
    y[p] = r * Math.sin(phi[p]);
  }
  return { x, y, z };
}

export function directSmoothing(map: Float64Array, nside: number, sigmas: Float64Array, outNsides?: Int32Array): Float64Array[] {
  const npix = 12 * nside * nside;
  const s = unitVectors(nside);
  const omega = (4 * Math.PI) / npix;
  const src: number[] = [];
  for (let q = 0; q < npix; q++) if (map[q] !== 0) src.push(q);
  return Array.from(sigmas, (sigma, k) => {
    const o = unitVectors(outNsides ? outNsides[k] : nside);
    const out = new Float64Array(o.z.length);
    for (let p = 0; p < out.length; p++) {
      let acc = 0;
      for (const q of src) acc += map[q] * psPdf(o.x[p] * s.x[q] + o.y[p] * s.y[q] + o.z[p] * s.z[q], sigma);
      out[p] = acc * omega;
    }
    return out;
  });
}
