/**
 * Ring Fourier step of the transforms: one ring of nphi pixels (first at φ0) ↔ F_m, m = 0 … mmax,
 * with F_m = Ω Σ_j f_j e^{−imφ_j} (analysis) and f_j = Σ_{|m|≤mmax} F_m e^{imφ_j} (synthesis, F_{−m} =
 * conj F_m). m > nphi/2 aliases onto frequency m mod nphi, as in healpy/libsharp.
 */
import { realFFT } from './fft.js';
import { UNSEEN } from '../types.js';

/** Scratch for one ring (sized for the longest ring, 4·nside). */
export interface RingScratch { spR: Float64Array; spI: Float64Array; ring: Float64Array }

export function ringScratch(maxPhi: number): RingScratch {
  return { spR: new Float64Array(maxPhi / 2 + 1), spI: new Float64Array(maxPhi / 2 + 1), ring: new Float64Array(maxPhi) };
}

/** F_m = Ω Σ_j f_j e^{−im φ_j} for m = 0 … mmax from one ring's real FFT. */
export function ringToPhases(map: Float64Array, start: number, nphi: number, phi0: number, mmax: number, omega: number,
  w: RingScratch, outR: Float64Array, outI: Float64Array, off: number): void {
  const fft = realFFT(nphi);
  const spR = w.spR, spI = w.spI, ring = w.ring;
  for (let j = 0; j < nphi; j++) { const v = map[start + j]; ring[j] = v === UNSEEN ? 0 : v; }
  fft.forward(ring, 0, spR, spI);
  const half = nphi >> 1;
  // e^{−i m φ0} by rotation recurrence, refreshed from cos/sin every 64 steps to bound drift
  let cr = 1, ci = 0;
  const dr = Math.cos(phi0), di = -Math.sin(phi0);
  let k = 0;
  for (let m = 0; m <= mmax; m++) {
    if ((m & 63) === 0) { cr = Math.cos(m * phi0); ci = -Math.sin(m * phi0); }
    let ar: number, ai: number;
    if (k <= half) { ar = spR[k]; ai = spI[k]; } else { ar = spR[nphi - k]; ai = -spI[nphi - k]; }
    outR[off + m] = omega * (ar * cr - ai * ci);
    outI[off + m] = omega * (ar * ci + ai * cr);
    const t = cr * dr - ci * di; ci = cr * di + ci * dr; cr = t;
    if (++k === nphi) k = 0;
  }
}

/** Ring values f_j = Σ_{|m|≤mmax} F_m e^{im φ_j} from F_0 … F_mmax (F_{−m} = conj F_m). */
export function phasesToRing(out: Float64Array, start: number, nphi: number, phi0: number, mmax: number,
  w: RingScratch, inR: Float64Array, inI: Float64Array, off: number): void {
  const fft = realFFT(nphi);
  const spR = w.spR, spI = w.spI;
  const half = nphi >> 1;
  spR.fill(0, 0, half + 1); spI.fill(0, 0, half + 1);
  let cr = 1, ci = 0;
  const dr = Math.cos(phi0), di = Math.sin(phi0);
  let k = 0;
  for (let m = 0; m <= mmax; m++) {
    if ((m & 63) === 0) { cr = Math.cos(m * phi0); ci = Math.sin(m * phi0); }
    const fr = inR[off + m], fi = inI[off + m];
    const gr = fr * cr - fi * ci, gi = fr * ci + fi * cr; // G_m = F_m e^{imφ0}
    if (m === 0) { spR[0] += gr; spI[0] += gi; }
    else {
      if (k <= half) { spR[k] += gr; spI[k] += gi; }
      const k2 = k === 0 ? 0 : nphi - k;
      if (k2 <= half) { spR[k2] += gr; spI[k2] -= gi; }
    }
    const t = cr * dr - ci * di; ci = cr * di + ci * dr; cr = t;
    if (++k === nphi) k = 0;
  }
  spI[0] = 0; spI[half] = 0; // self-conjugate bins (imaginary parts cancel in exact arithmetic)
  fft.backward(spR, spI, out, start);
}

