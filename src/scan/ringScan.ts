/**
 * Window gathering for a whole HEALPix ring at once (all-sky scan). All pixels of a
 * ring share δ_p, so for event i, cos ψ_ij = A_i + B_i cos(φ_j − α_i) with
 * A_i = sin δ_p sin δ_i, B_i = cos δ_p cos δ_i. Events loop outside, pixels inside:
 * an event's pixels within reach form one contiguous φ range (cos Δφ ≥ (cos reach − A)/B),
 * and events out of reach of the whole ring are skipped with one comparison. The common
 * case (vMF, not a large-S̃ event) runs in WebAssembly (gatherWasm.ts) where available. Per pixel this gives the same
 * moments and exact candidates as PointFitter's own gather (up to summation order),
 * then PointFitter.fitWindow fits (n_s, γ).
 */
import type { ScanData } from './data.js';
import { fastExp } from '../likelihood/fastExp.js';
import { createGatherWasm, EXP_HI, EXP_INV, EXP_LO, EXP_SHIFT, EXP_TABLE, type GatherWasm } from './gatherWasm.js';
import type { GatheredWindow, PointFitResult, PointFitter } from './pointFit.js';
import { ringInfo } from '../likelihood/ringLookup.js';

/** Offset of the pixel centres of RING-scheme ring r in units of 2π/count (healpy pix2ang). */
export function ringShift(nside: number, r: number): number {
  const equatorial = r >= nside && r <= 3 * nside;
  return equatorial ? (((r + nside) & 1) === 1 ? 0 : 0.5) : 0.5;
}

/** φ of pixel j (0-based within the ring), as scan.ts has always computed it. */
export function ringPhi(j: number, shift: number, count: number): number {
  return ((j + shift) * 2 * Math.PI) / count;
}

export interface RingRows {
  pix: Int32Array;
  ts: Float64Array;
  ns: Float64Array;
  gamma: Float64Array;
}

const PXY_OFF = 32768; // bytes; the exp table (17,312 bytes) lies below
const align = (x: number) => (x + 63) & ~63;

export class RingScanner {
  private readonly d: ScanData;
  private readonly nB: number;
  private readonly wasm: GatherWasm | null;
  // one buffer (the WebAssembly memory when available): exp table, pixel vectors, moments, candidates
  private buf: ArrayBuffer;
  private pxyOff = PXY_OFF;
  private mOff = 0;
  private candOff = 0;
  private candCap = 0;
  /** pixel (p_x, p_y) pairs, unwrapped index j' ∈ [0, 2np) */
  private pxy = new Float64Array(0);
  /** moments (m1, m2, m3) at 3·(bin·2np + j') */
  private M = new Float64Array(0);
  /** candidate records: pixel j' at candJ[4k], y at candY[2k + 1] */
  private candJ = new Int32Array(0);
  private candY = new Float64Array(0);
  private candIdx = new Int32Array(1 << 16);
  private bigY = new Float64Array(0);
  private readonly bigPos: Int32Array;
  private sIdx = new Int32Array(1 << 16);
  private sY = new Float64Array(1 << 16);
  private pixStart = new Int32Array(1);
  private readonly win: GatheredWindow;
  private readonly res: PointFitResult = { ts: 0, ns: 0, gamma: 0 };

  /** `wasm: false` forces the JS loop (the WebAssembly one is bit-identical). */
  constructor(
    readonly fitter: PointFitter,
    o: { wasm?: boolean } = {},
  ) {
    this.d = fitter.d;
    this.nB = this.d.nBins;
    const cap = this.d.ra.length;
    this.bigPos = new Int32Array(cap).fill(-1);
    this.win = { m1: new Float64Array(this.nB), m2: new Float64Array(this.nB), m3: new Float64Array(this.nB), exIdx: new Int32Array(cap), exY: new Float64Array(cap), exW: new Float64Array(cap), nEx: 0 };
    this.wasm = o.wasm === false ? null : createGatherWasm();
    this.buf = this.wasm ? this.wasm.memory.buffer : new ArrayBuffer(PXY_OFF);
  }

  /** true when the common loop runs in WebAssembly */
  get usesWasm(): boolean {
    return this.wasm !== null;
  }

  /** Fit every pixel of ring r; rows written from offset o. */
  scanRing(nside: number, r: number, out: RingRows, o: number): void {
    const { start, count: np, z } = ringInfo(nside, r);
    const dec = Math.asin(z);
    const shift = ringShift(nside, r);
    const h = (2 * Math.PI) / np;
    this.fitter.setDeclination(dec);
    this.gatherRing(dec, np, shift, h);
    const d = this.d, nB = this.nB, w = this.win, np2 = 2 * np;
    const st = this.fitter.ringState();
    const nBig = st.nBig;
    const { M, bigY } = this;
    for (let j = 0; j < np; j++) {
      // the pixel's sums sit at j and j + np (windows run past 2π without wrapping)
      for (let b = 0, q = 3 * j; b < nB; b++, q += 3 * np2) {
        const q2 = q + 3 * np;
        w.m1[b] = M[q] + M[q2];
        w.m2[b] = M[q + 1] + M[q2 + 1];
        w.m3[b] = M[q + 2] + M[q2 + 2];
      }
      let ne = 0;
      for (let k = 0, q = j * nBig, q2 = (j + np) * nBig; k < nBig; k++) {
        const i = st.bigList[k];
        let y = bigY[q2 + k];
        if (y !== y) y = bigY[q + k];
        w.exIdx[ne] = i;
        w.exY[ne] = y;
        w.exW[ne++] = (y < 0 ? -y : y) * d.binRatioMax[d.eBin[i]];
      }
      for (let t = this.pixStart[j]; t < this.pixStart[j + 1]; t++) {
        const i = this.sIdx[t], y = this.sY[t];
        w.exIdx[ne] = i;
        w.exY[ne] = y;
        w.exW[ne++] = (y < 0 ? -y : y) * d.binRatioMax[d.eBin[i]];
      }
      w.nEx = ne;
      this.fitter.fitWindow(w, ringPhi(j, shift, np), dec, this.res);
      out.pix[o + j] = start + j;
      out.ts[o + j] = this.res.ts;
      out.ns[o + j] = this.res.ns;
      out.gamma[o + j] = this.res.gamma;
    }
  }

  /** Lay out the buffer for a ring of np pixels with room for `cand` candidates (keeps candidates [0, keep)). */
  private layout(np: number, cand: number, keep = 0): void {
    const pxyOff = PXY_OFF;
    const mOff = align(pxyOff + 32 * np);
    const candOff = align(mOff + 48 * this.nB * np);
    const need = candOff + 16 * cand;
    if (need > this.buf.byteLength) {
      if (this.wasm) {
        this.wasm.memory.grow(Math.ceil((need - this.buf.byteLength) / 65536));
        this.buf = this.wasm.memory.buffer;
      } else {
        const nb = new ArrayBuffer(need);
        new Uint8Array(nb).set(new Uint8Array(this.buf));
        this.buf = nb;
      }
    }
    if (keep > 0 && candOff !== this.candOff) throw new Error('ring scanner: layout moved with candidates kept');
    this.pxyOff = pxyOff;
    this.mOff = mOff;
    this.candOff = candOff;
    this.candCap = Math.floor((this.buf.byteLength - candOff) / 16);
    this.pxy = new Float64Array(this.buf, pxyOff, 4 * np);
    this.M = new Float64Array(this.buf, mOff, 6 * this.nB * np);
    this.candJ = new Int32Array(this.buf, candOff, 4 * this.candCap);
    this.candY = new Float64Array(this.buf, candOff, 2 * this.candCap);
    if (this.candIdx.length < this.candCap) {
      const c = new Int32Array(this.candCap);
      c.set(this.candIdx.subarray(0, keep));
      this.candIdx = c;
    }
  }

  private ensure(np: number, nBig: number): void {
    const np2 = 2 * np;
    this.layout(np, Math.max(this.candCap, 4 * np2));
    if (this.bigY.length < nBig * np2) this.bigY = new Float64Array(Math.max(nBig * np2, 2 * this.bigY.length));
    if (this.pixStart.length < np + 1) this.pixStart = new Int32Array(np + 1);
  }

  /**
   * Per-pixel moments M[3(b·2np + j') + m], big-event y bigY[j'·nBig + k] (NaN where not in reach)
   * and the exact candidates of one ring; j' ∈ [0, 2np) is the pixel index unwrapped past 2π.
   */
  private gatherRing(dec: number, np: number, shift: number, h: number): void {
    const d = this.d, nB = this.nB, np2 = 2 * np;
    const st = this.fitter.ringState();
    const nBig = st.nBig, bigB = st.bigB;
    this.ensure(np, nBig);
    const { bigY, bigPos } = this;
    let { M, pxy } = this;
    const sp = Math.sin(dec), cp = Math.cos(dec);
    // pixel unit vectors as PointFitter.gather computes them, so cos ψ is bit-identical
    for (let j = 0; j < np; j++) {
      const phi = ringPhi(j, shift, np);
      pxy[2 * j] = pxy[2 * (j + np)] = cp * Math.cos(phi);
      pxy[2 * j + 1] = pxy[2 * (j + np) + 1] = cp * Math.sin(phi);
    }
    for (let b = 0; b < nB; b++) {
      const r1 = st.ring1[b], r2 = st.ring2[b], r3 = st.ring3[b];
      for (let j = 0, q = 3 * b * np2; j < np; j++, q += 3) {
        M[q] = r1;
        M[q + 1] = r2;
        M[q + 2] = r3;
      }
      M.fill(0, 3 * (b * np2 + np), 3 * (b + 1) * np2);
    }
    for (let k = 0; k < nBig; k++) {
      const i = st.bigList[k];
      bigPos[i] = k;
      for (let j = 0; j < np; j++) bigY[j * nBig + k] = -st.bt[i];
    }
    bigY.fill(NaN, np * nBig, np2 * nBig);
    const { sinDec, ra, ux, uy, cosReach, pdfA, pdfC, invD, gaussian, eBin, binRatioMax, cosDec } = d;
    const btA = st.bt, isBig = st.isBig;
    const ev = this.wasm?.ev;
    let nT = 0;
    const nC = d.classReach.length;
    for (let c = 0; c <= nC; c++) {
      let lo = c < nC ? d.classStart[c] : d.nSorted;
      let hi = c < nC ? d.classStart[c + 1] : d.n;
      if (c < nC) {
        const dlo = dec - d.classReach[c], dhi = dec + d.classReach[c];
        let a = lo, e = hi;
        while (a < e) { const k = (a + e) >>> 1; if (d.dec[k] < dlo) a = k + 1; else e = k; }
        lo = a;
        e = hi;
        while (a < e) { const k = (a + e) >>> 1; if (d.dec[k] <= dhi) a = k + 1; else e = k; }
        hi = a;
      }
      for (let i = lo; i < hi; i++) {
        const A = sp * sinDec[i], B = cp * cosDec[i], cr = cosReach[i];
        if (A + B < cr) continue;
        // pixels within reach: cos(φ − α) ≥ (cos reach − A)/B, one pixel of margin each side
        let j0 = 0, cnt = np;
        const t = B > 0 ? (cr - A) / B : -2;
        if (t > -1) {
          const dphi = Math.acos(t < 1 ? t : 1);
          j0 = Math.floor((ra[i] - dphi) / h - shift) - 1;
          cnt = Math.ceil((ra[i] + dphi) / h - shift) + 1 - j0 + 1;
          if (cnt >= np) { j0 = 0; cnt = np; }
          j0 %= np;
          if (j0 < 0) j0 += np;
        }
        if (nT + cnt > this.candCap) {
          this.layout(np, 2 * (nT + cnt), nT);
          M = this.M;
          pxy = this.pxy;
        }
        const uxi = ux[i], uyi = uy[i];
        const aD = invD[i] * pdfA[i], kap = pdfC[i], gauss = gaussian[i] === 1;
        const bt = btA[i], bin = eBin[i], rmax = binRatioMax[bin];
        const big = isBig[i] === 1, kb = big ? bigPos[i] : 0;
        const yo = -bt, yo2 = yo * yo, yo3 = yo2 * yo;
        const base = 3 * bin * np2;
        const j1 = j0 + cnt;
        const nT0 = nT;
        if (!gauss && !big) {
          // the common case (vMF, not a large-S̃ event), without the per-pixel branches on the kind
          const yBig = bigB / rmax;
          if (ev) nT = ev(j0, j1, uxi, uyi, A, cr, kap, aD, bt, yBig, yo, yo2, yo3, this.mOff + 8 * base, this.pxyOff, nT, this.candOff);
          else nT = this.commonLoop(j0, j1, uxi, uyi, A, cr, kap, aD, bt, yBig, yo, yo2, yo3, base, nT);
          for (let k = nT0; k < nT; k++) this.candIdx[k] = i;
          continue;
        }
        const candJ = this.candJ, candY = this.candY;
        for (let j = j0; j < j1; j++) {
          const cpsi = uxi * pxy[2 * j] + uyi * pxy[2 * j + 1] + A;
          if (cpsi < cr) continue;
          let s: number;
          if (gauss) {
            const psi = Math.acos(cpsi > 1 ? 1 : cpsi);
            s = aD * fastExp(kap * psi * psi);
          } else s = aD * fastExp(kap * (cpsi - 1));
          const y = s - bt;
          if (big) bigY[j * nBig + kb] = y;
          else if ((y < 0 ? -y : y) * rmax >= bigB) {
            const q = base + 3 * j;
            M[q] -= yo;
            M[q + 1] -= yo2;
            M[q + 2] -= yo3;
            candJ[4 * nT] = j;
            candY[2 * nT + 1] = y;
            this.candIdx[nT++] = i;
          } else {
            const y2 = y * y, q = base + 3 * j;
            M[q] += y - yo;
            M[q + 1] += y2 - yo2;
            M[q + 2] += y2 * y - yo3;
          }
        }
      }
    }
    for (let k = 0; k < nBig; k++) bigPos[st.bigList[k]] = -1;
    this.sortCandidates(np, nT);
  }

  /** The JS twin of gatherWasm's ev(): same operations in the same order. */
  private commonLoop(j0: number, j1: number, uxi: number, uyi: number, A: number, cr: number, kap: number, aD: number, bt: number, yBig: number, yo: number, yo2: number, yo3: number, base: number, nT: number): number {
    const ET = EXP_TABLE, pxy = this.pxy, M = this.M, candJ = this.candJ, candY = this.candY;
    for (let j = j0; j < j1; j++) {
      const cpsi = uxi * pxy[2 * j] + uyi * pxy[2 * j + 1] + A;
      if (cpsi < cr) continue;
      // fastExp inlined (same operations; no underflow guard: κ(cos ψ − 1) ≥ −12.5 within min(5σ, π))
      const x = kap * (cpsi - 1);
      const nd = x * EXP_INV + EXP_SHIFT - EXP_SHIFT;
      const n = nd | 0;
      const r = x - nd * EXP_HI - nd * EXP_LO;
      const y = aD * (ET[(n >> 6) + 1138] * ET[n & 63] * (1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120))))))) - bt;
      const q = base + 3 * j;
      if (y >= yBig || y <= -yBig) {
        M[q] -= yo;
        M[q + 1] -= yo2;
        M[q + 2] -= yo3;
        candJ[4 * nT] = j;
        candY[2 * nT + 1] = y;
        nT++;
      } else {
        const y2 = y * y;
        M[q] += y - yo;
        M[q + 1] += y2 - yo2;
        M[q + 2] += y2 * y - yo3;
      }
    }
    return nT;
  }

  /** Counting sort of the candidates by (wrapped) pixel into sIdx/sY with offsets pixStart. */
  private sortCandidates(np: number, nT: number): void {
    if (this.sIdx.length < nT) {
      this.sIdx = new Int32Array(2 * nT);
      this.sY = new Float64Array(2 * nT);
    }
    const ps = this.pixStart, candJ = this.candJ, candY = this.candY, candIdx = this.candIdx;
    ps.fill(0, 0, np + 1);
    for (let t = 0; t < nT; t++) {
      const j = candJ[4 * t];
      ps[(j < np ? j : j - np) + 1]++;
    }
    for (let j = 0; j < np; j++) ps[j + 1] += ps[j];
    for (let t = 0; t < nT; t++) {
      const j = candJ[4 * t];
      const q = ps[j < np ? j : j - np]++;
      this.sIdx[q] = candIdx[t];
      this.sY[q] = candY[2 * t + 1];
    }
    for (let j = np; j > 0; j--) ps[j] = ps[j - 1];
    ps[0] = 0;
  }
}
