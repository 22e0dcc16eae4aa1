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
import { ChunkState, anaPair, anaQuad, anaSingle, synthPair, synthSingle } from './kernels.js';
import { phasesToRing, ringScratch, ringToPhases, type RingScratch } from './ringfft.js';
import { ringPairs, npix2nside, type RingPairs } from './geometry.js';
import { ylmCoeffs } from './ylm.js';
import { flushAnalysis, getWasm, makeArena, quadWasm, type Arena } from './wasm.js';
import { UNSEEN } from '../types.js';

const CHUNK = 64;

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

/** Workspace of one transform: per-chunk Fourier coefficients, ring scratch and Legendre state. */
interface Work {
  nm: number;
  fNr: Float64Array; fNi: Float64Array; fSr: Float64Array; fSi: Float64Array;
  ring: RingScratch;
  st: ChunkState;
}

function makeWork(nm: number, maxPhi: number): Work {
  const n = CHUNK * nm;
  return {
    nm,
    fNr: new Float64Array(n), fNi: new Float64Array(n), fSr: new Float64Array(n), fSi: new Float64Array(n),
    ring: ringScratch(maxPhi), st: new ChunkState(CHUNK),
  };
}

function mapNside(map: Float64Array): number {
  const nside = npix2nside(map.length);
  if (nside < 0) throw new InputError(`map: expected 12·nside² pixels with nside a power of 2, found ${map.length}`);
  return nside;
}

/** Chunk k of ring pairs is processed when k mod count = index (worker threads split the rings this way). */
export interface Part { index: number; count: number }
const WHOLE: Part = { index: 0, count: 1 };

/** Run the Legendre kernels for one m over the alive rings of the chunk: four, then two, then one at a time. */
function legendreM(st: ChunkState, na: number, m: number, lmax: number, re: Float64Array, im: Float64Array,
  a: Float64Array, base: number, synth: boolean, arena: Arena | null): void {
  const single = synth ? synthSingle : anaSingle;
  const pair = synth ? synthPair : anaPair;
  let j = 0;
  // four rings per pass: SIMD kernel when available; in JS only for analysis (synthesis with 16 scalar
  // accumulators spills registers and is no faster than two passes of two)
  if (arena || !synth) for (; j + 3 < na; j += 4) {
    const c1 = st.alive[j], c2 = st.alive[j + 1], c3 = st.alive[j + 2], c4 = st.alive[j + 3];
    const lm = Math.max(st.l[c1], st.l[c2], st.l[c3], st.l[c4]);
    if (st.l[c1] < lm) single(st, c1, lm, m, lmax, re, im, a, base);
    if (st.l[c2] < lm) single(st, c2, lm, m, lmax, re, im, a, base);
    if (st.l[c3] < lm) single(st, c3, lm, m, lmax, re, im, a, base);
    if (st.l[c4] < lm) single(st, c4, lm, m, lmax, re, im, a, base);
    if (arena) quadWasm(arena, st, c1, c2, c3, c4, m, lmax, base, synth);
    else anaQuad(st, c1, c2, c3, c4, m, lmax, re, im, a, base);
  }
  for (; j + 1 < na; j += 2) {
    const c1 = st.alive[j], c2 = st.alive[j + 1];
    const l1 = st.l[c1], l2 = st.l[c2];
    if (l1 < l2) single(st, c1, l2, m, lmax, re, im, a, base);
    else if (l2 < l1) single(st, c2, l1, m, lmax, re, im, a, base);
    pair(st, c1, c2, m, lmax, re, im, a, base);
  }
  if (j < na) single(st, st.alive[j], lmax + 1, m, lmax, re, im, a, base);
}

/** One analysis pass without iteration (alm overwritten). */
function analyse(map: Float64Array, g: RingPairs, alm: Alm, w: Work, part: Part = WHOLE): void {
  const { lmax, mmax } = alm;
  const { a: a0, c: scale, mmFactor } = ylmCoeffs(lmax);
  const wk = getWasm();
  const arena = wk ? makeArena(wk, a0, alm.re.length, lmax) : null;
  // with SIMD, the kernels work on copies in wasm memory
  const re = arena ? arena.re : alm.re, im = arena ? arena.im : alm.im, a = arena ? arena.a : a0;
  const nm = w.nm, st = w.st;
  const omega = (4 * Math.PI) / g.npix;
  re.fill(0); im.fill(0);
  for (let p0 = 0; p0 < g.npairs; p0 += CHUNK) {
    if ((p0 / CHUNK) % part.count !== part.index) continue;
    const nc = Math.min(CHUNK, g.npairs - p0);
    for (let c = 0; c < nc; c++) {
      const p = p0 + c;
      ringToPhases(map, g.startN[p], g.nphi[p], g.phi0[p], mmax, omega, w.ring, w.fNr, w.fNi, c * nm);
      if (g.startS[p] >= 0) ringToPhases(map, g.startS[p], g.nphi[p], g.phi0[p], mmax, omega, w.ring, w.fSr, w.fSi, c * nm);
      else for (let m = 0; m <= mmax; m++) { w.fSr[c * nm + m] = 0; w.fSi[c * nm + m] = 0; }
    }
    st.reset(nc, g.cth, g.sth, p0);
    for (let m = 0; m <= mmax; m++) {
      const base = almIndex(0, m, lmax);
      const na = st.prefix(m, lmax, a, mmFactor, base);
      for (let j = 0; j < na; j++) {
        const c = st.alive[j], k = c * nm + m;
        const nr = w.fNr[k], ni = w.fNi[k], sr = w.fSr[k], si = w.fSi[k];
        st.er[c] = nr + sr; st.ei[c] = ni + si; st.or[c] = nr - sr; st.oi[c] = ni - si;
      }
      legendreM(st, na, m, lmax, re, im, a, base, false, arena);
      if (arena) flushAnalysis(arena, m, lmax, base);
    }
  }
  // λ = c·μ: the kernels summed μ
  const ore = alm.re, oim = alm.im;
  for (let m = 0; m <= mmax; m++) {
    const base = almIndex(0, m, lmax);
    for (let l = m; l <= lmax; l++) { ore[base + l] = re[base + l] * scale[base + l]; oim[base + l] = im[base + l] * scale[base + l]; }
  }
}

function synthesise(alm: Alm, g: RingPairs, out: Float64Array, w: Work, part: Part = WHOLE): void {
  const { lmax, mmax } = alm;
  const { a: a0, c: scale, mmFactor } = ylmCoeffs(lmax);
  const wk = getWasm();
  const arena = wk ? makeArena(wk, a0, alm.re.length, lmax) : null;
  const a = arena ? arena.a : a0;
  // pre-multiply by c so the kernels can sum alm·μ
  const re = arena ? arena.re : new Float64Array(alm.re.length), im = arena ? arena.im : new Float64Array(alm.im.length);
  for (let m = 0; m <= mmax; m++) {
    const base = almIndex(0, m, lmax);
    for (let l = m; l <= lmax; l++) { re[base + l] = alm.re[base + l] * scale[base + l]; im[base + l] = alm.im[base + l] * scale[base + l]; }
  }
  const nm = w.nm, st = w.st;
  for (let p0 = 0; p0 < g.npairs; p0 += CHUNK) {
    if ((p0 / CHUNK) % part.count !== part.index) continue;
    const nc = Math.min(CHUNK, g.npairs - p0);
    st.reset(nc, g.cth, g.sth, p0);
    for (let m = 0; m <= mmax; m++) {
      const base = almIndex(0, m, lmax);
      for (let c = 0; c < nc; c++) { st.er[c] = 0; st.ei[c] = 0; st.or[c] = 0; st.oi[c] = 0; }
      const na = st.prefix(m, lmax, a, mmFactor, base);
      legendreM(st, na, m, lmax, re, im, a, base, true, arena);
      for (let c = 0; c < nc; c++) {
        const k = c * nm + m;
        const er = st.er[c], ei = st.ei[c], or = st.or[c], oi = st.oi[c];
        w.fNr[k] = er + or; w.fNi[k] = ei + oi; w.fSr[k] = er - or; w.fSi[k] = ei - oi;
      }
    }
    for (let c = 0; c < nc; c++) {
      const p = p0 + c;
      phasesToRing(out, g.startN[p], g.nphi[p], g.phi0[p], mmax, w.ring, w.fNr, w.fNi, c * nm);
      if (g.startS[p] >= 0) phasesToRing(out, g.startS[p], g.nphi[p], g.phi0[p], mmax, w.ring, w.fSr, w.fSi, c * nm);
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

/** Analysis over one share of the rings (for worker threads): partial a_lm, to be summed over shares. */
export function analysePart(map: Float64Array, lmax: number, mmax: number, part: Part): Alm {
  const nside = mapNside(map);
  const alm = createAlm(lmax, mmax);
  analyse(map, ringPairs(nside), alm, makeWork(mmax + 1, 4 * nside), part);
  return alm;
}

/** Synthesis of one share of the rings into out (for worker threads); other pixels are left as they are. */
export function synthesisePart(alm: Alm, nside: number, out: Float64Array, part: Part): void {
  synthesise(alm, ringPairs(nside), out, makeWork(alm.mmax + 1, 4 * nside), part);
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
