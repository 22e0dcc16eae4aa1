/**
 * Scalar spherical-harmonic transforms on a HEALPix RING map (healpy.map2alm / alm2map semantics).
 *
 * Structure (as libsharp): rings are processed as north/south pairs in chunks. For each chunk:
 *  - map2alm: real FFT of every ring → F_m (phase-shifted by the ring's φ0, aliased for m > nphi/2),
 *    then for each m the Legendre sums a_lm += λ_lm(z)·(F_N ± F_S) (+ for even l−m, − for odd);
 *  - alm2map: Legendre sums E_m = Σ_{l−m even} a_lm λ_lm, O_m = Σ_{l−m odd}, F_N = E+O, F_S = E−O,
 *    then fold to the ring's Hermitian spectrum and inverse real FFT.
 * λ_mm underflows near the poles at high m; the recursion then runs on v = λ·2^(600·s) and only
 * starts accumulating once s reaches 0 (skipped terms are < 2^−300 in absolute value).
 */
import { InputError } from '../../errors.js';
import { type Alm, almIndex, checkAlm, checkLmax, createAlm } from './alm.js';
import { realFFT } from './fft.js';
import { ringPairs, npix2nside, type RingPairs } from './geometry.js';
import { ylmCoeffs } from './ylm.js';
import { UNSEEN } from '../types.js';

const BIG = 2 ** 300;
const SMALL = 2 ** -300;
const RESCALE = 2 ** -600;
const UPSCALE = 2 ** 600;
const CHUNK = 32;

export interface Map2AlmOptions {
  lmax?: number;
  mmax?: number;
  /** Jacobi iterations (healpy default 3). */
  iter?: number;
  /** Ring weights are not implemented: passing true throws. */
  useWeights?: boolean;
}

export interface Alm2MapOptions {
  lmax?: number;
  mmax?: number;
}

/** Chunk workspace: per-ring Fourier coefficients and λ_mm state. */
interface Work {
  nm: number;
  fNr: Float64Array; fNi: Float64Array; fSr: Float64Array; fSi: Float64Array;
  spR: Float64Array; spI: Float64Array; ring: Float64Array;
  mm: Float64Array; mmS: Int32Array;
}

function makeWork(nm: number, maxPhi: number): Work {
  const n = CHUNK * nm;
  return {
    nm,
    fNr: new Float64Array(n), fNi: new Float64Array(n), fSr: new Float64Array(n), fSi: new Float64Array(n),
    spR: new Float64Array(maxPhi / 2 + 1), spI: new Float64Array(maxPhi / 2 + 1), ring: new Float64Array(maxPhi),
    mm: new Float64Array(CHUNK), mmS: new Int32Array(CHUNK),
  };
}

function mapNside(map: Float64Array): number {
  const nside = npix2nside(map.length);
  if (nside < 0) throw new InputError(`map: expected 12·nside² pixels with nside a power of 2, found ${map.length}`);
  return nside;
}

/** One analysis pass without iteration (alm overwritten). */
function analyse(map: Float64Array, g: RingPairs, alm: Alm, w: Work): void {
  const { lmax, mmax, re, im } = alm;
  const { A, B, mmFactor } = ylmCoeffs(lmax);
  const nm = w.nm;
  const omega = (4 * Math.PI) / g.npix;
  re.fill(0); im.fill(0);
  for (let p0 = 0; p0 < g.npairs; p0 += CHUNK) {
    const nc = Math.min(CHUNK, g.npairs - p0);
    for (let c = 0; c < nc; c++) {
      const p = p0 + c;
      ringToPhases(map, g.startN[p], g.nphi[p], g.phi0[p], mmax, omega, w, w.fNr, w.fNi, c * nm);
      if (g.startS[p] >= 0) ringToPhases(map, g.startS[p], g.nphi[p], g.phi0[p], mmax, omega, w, w.fSr, w.fSi, c * nm);
      else for (let m = 0; m <= mmax; m++) { w.fSr[c * nm + m] = 0; w.fSi[c * nm + m] = 0; }
      w.mm[c] = 1 / Math.sqrt(4 * Math.PI); w.mmS[c] = 0;
    }
    for (let m = 0; m <= mmax; m++) {
      const i0 = almIndex(m, m, lmax);
      for (let c = 0; c < nc; c++) {
        const p = p0 + c;
        const x = g.cth[p];
        let lam2 = w.mm[c], s = w.mmS[c];
        if (m > 0) {
          lam2 *= -mmFactor[m] * g.sth[p];
          if (Math.abs(lam2) < SMALL) { lam2 *= UPSCALE; s++; }
          w.mm[c] = lam2; w.mmS[c] = s;
        }
        let lam1 = 0, l = m, i = i0;
        while (s > 0 && l < lmax) {
          l++; i++;
          const t = A[i] * x * lam2 - B[i] * lam1; lam1 = lam2; lam2 = t;
          if (Math.abs(lam2) > BIG) { lam1 *= RESCALE; lam2 *= RESCALE; s--; }
        }
        if (s > 0) continue;
        const k = c * nm + m;
        const nr = w.fNr[k], ni = w.fNi[k], sr = w.fSr[k], si = w.fSi[k];
        let ur = nr + sr, ui = ni + si, vr = nr - sr, vi = ni - si; // (ur,ui) pairs with parity of l−m
        if ((l - m) & 1) { const tr = ur, ti = ui; ur = vr; ui = vi; vr = tr; vi = ti; }
        for (;;) {
          re[i] += lam2 * ur; im[i] += lam2 * ui;
          if (l >= lmax) break;
          lam1 = A[i + 1] * x * lam2 - B[i + 1] * lam1;
          re[i + 1] += lam1 * vr; im[i + 1] += lam1 * vi;
          if (l + 1 >= lmax) break;
          lam2 = A[i + 2] * x * lam1 - B[i + 2] * lam2;
          l += 2; i += 2;
        }
      }
    }
  }
}

/** F_m = Ω Σ_j f_j e^{−im φ_j} for m = 0 … mmax from one ring's real FFT. */
function ringToPhases(map: Float64Array, start: number, nphi: number, phi0: number, mmax: number, omega: number,
  w: Work, outR: Float64Array, outI: Float64Array, off: number): void {
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
function phasesToRing(out: Float64Array, start: number, nphi: number, phi0: number, mmax: number,
  w: Work, inR: Float64Array, inI: Float64Array, off: number): void {
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

function synthesise(alm: Alm, g: RingPairs, out: Float64Array, w: Work): void {
  const { lmax, mmax, re, im } = alm;
  const { A, B, mmFactor } = ylmCoeffs(lmax);
  const nm = w.nm;
  for (let p0 = 0; p0 < g.npairs; p0 += CHUNK) {
    const nc = Math.min(CHUNK, g.npairs - p0);
    for (let c = 0; c < nc; c++) { w.mm[c] = 1 / Math.sqrt(4 * Math.PI); w.mmS[c] = 0; }
    for (let m = 0; m <= mmax; m++) {
      const i0 = almIndex(m, m, lmax);
      for (let c = 0; c < nc; c++) {
        const p = p0 + c;
        const x = g.cth[p];
        let lam2 = w.mm[c], s = w.mmS[c];
        if (m > 0) {
          lam2 *= -mmFactor[m] * g.sth[p];
          if (Math.abs(lam2) < SMALL) { lam2 *= UPSCALE; s++; }
          w.mm[c] = lam2; w.mmS[c] = s;
        }
        let lam1 = 0, l = m, i = i0;
        while (s > 0 && l < lmax) {
          l++; i++;
          const t = A[i] * x * lam2 - B[i] * lam1; lam1 = lam2; lam2 = t;
          if (Math.abs(lam2) > BIG) { lam1 *= RESCALE; lam2 *= RESCALE; s--; }
        }
        const k = c * nm + m;
        if (s > 0) { w.fNr[k] = 0; w.fNi[k] = 0; w.fSr[k] = 0; w.fSi[k] = 0; continue; }
        let ur = 0, ui = 0, vr = 0, vi = 0;
        const par = (l - m) & 1;
        for (;;) {
          ur += lam2 * re[i]; ui += lam2 * im[i];
          if (l >= lmax) break;
          lam1 = A[i + 1] * x * lam2 - B[i + 1] * lam1;
          vr += lam1 * re[i + 1]; vi += lam1 * im[i + 1];
          if (l + 1 >= lmax) break;
          lam2 = A[i + 2] * x * lam1 - B[i + 2] * lam2;
          l += 2; i += 2;
        }
        // (ur,ui) belong to parity par; E = even-parity sum, O = odd
        const er = par ? vr : ur, ei = par ? vi : ui, or = par ? ur : vr, oi = par ? ui : vi;
        w.fNr[k] = er + or; w.fNi[k] = ei + oi; w.fSr[k] = er - or; w.fSi[k] = ei - oi;
      }
    }
    for (let c = 0; c < nc; c++) {
      const p = p0 + c;
      phasesToRing(out, g.startN[p], g.nphi[p], g.phi0[p], mmax, w, w.fNr, w.fNi, c * nm);
      if (g.startS[p] >= 0) phasesToRing(out, g.startS[p], g.nphi[p], g.phi0[p], mmax, w, w.fSr, w.fSi, c * nm);
    }
  }
}

/**
 * Spherical-harmonic analysis of a RING map (healpy.map2alm, no weights): a_lm = Ω_pix Σ_p f_p Y*_lm(p),
 * refined by `iter` Jacobi steps a ← a + map2alm(f − alm2map(a)). UNSEEN pixels count as 0.
 */
export function map2alm(map: Float64Array, opts: Map2AlmOptions = {}): Alm {
  const nside = mapNside(map);
  const lmax = opts.lmax ?? 3 * nside - 1;
  const mmax = opts.mmax ?? lmax;
  const iter = opts.iter ?? 3;
  checkLmax(lmax, mmax);
  if (opts.useWeights) throw new InputError('map2alm: useWeights: ring weights are not implemented; use iter (Jacobi iteration) instead');
  if (!Number.isInteger(iter) || iter < 0) throw new InputError(`map2alm: iter: expected an integer ≥ 0, found ${iter}`);
  const g = ringPairs(nside);
  const w = makeWork(mmax + 1, 4 * nside);
  const alm = createAlm(lmax, mmax);
  analyse(map, g, alm, w);
  if (iter > 0) {
    const clean = new Float64Array(map.length);
    for (let p = 0; p < map.length; p++) clean[p] = map[p] === UNSEEN ? 0 : map[p];
    const resid = new Float64Array(map.length);
    const corr = createAlm(lmax, mmax);
    for (let it = 0; it < iter; it++) {
      synthesise(alm, g, resid, w);
      for (let p = 0; p < resid.length; p++) resid[p] = clean[p] - resid[p];
      analyse(resid, g, corr, w);
      for (let i = 0; i < alm.re.length; i++) { alm.re[i] += corr.re[i]; alm.im[i] += corr.im[i]; }
    }
  }
  return alm;
}

/** Spherical-harmonic synthesis onto a RING map of the given nside (healpy.alm2map, no pixel window). */
export function alm2map(alm: Alm, nside: number, opts: Alm2MapOptions = {}): Float64Array {
  checkAlm(alm);
  if (npix2nside(12 * nside * nside) !== nside) throw new InputError(`alm2map: nside: expected a power of 2, found ${nside}`);
  const lmax = opts.lmax ?? alm.lmax;
  const mmax = Math.min(opts.mmax ?? alm.mmax, lmax);
  const src = lmax === alm.lmax && mmax === alm.mmax ? alm : truncate(alm, lmax, mmax);
  const g = ringPairs(nside);
  const out = new Float64Array(12 * nside * nside);
  synthesise(src, g, out, makeWork(mmax + 1, 4 * nside));
  return out;
}

/** Copy of alm restricted to l ≤ lmax, m ≤ mmax (missing coefficients are zero). */
export function truncate(alm: Alm, lmax: number, mmax: number): Alm {
  const out = createAlm(lmax, mmax);
  for (let m = 0; m <= Math.min(mmax, alm.mmax); m++)
    for (let l = m; l <= Math.min(lmax, alm.lmax); l++) {
      out.re[almIndex(l, m, lmax)] = alm.re[almIndex(l, m, alm.lmax)];
      out.im[almIndex(l, m, lmax)] = alm.im[almIndex(l, m, alm.lmax)];
    }
  return out;
}
