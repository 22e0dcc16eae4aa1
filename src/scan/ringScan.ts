/**
 * Window gathering for a whole HEALPix ring at once (all-sky scan). All pixels of a
 * ring share δ_p, so for event i, cos ψ_ij = A_i + B_i cos(φ_j − α_i) with
 * A_i = sin δ_p sin δ_i, B_i = cos δ_p cos δ_i. Events loop outside, pixels inside:
 * an event's pixels within reach form one contiguous φ range (cos Δφ ≥ (cos reach − A)/B),
 * cos(φ_j − α_i) follows by rotation (the φ_j are uniform), and events out of reach
 * of the whole ring are skipped with one comparison. Per pixel this gives the same
 * moments and exact candidates as PointFitter's own gather (up to summation order),
 * then PointFitter.fitWindow fits (n_s, γ).
 */
import type { ScanData } from './data.js';
import { fastExp } from './fastExp.js';
// fastExp's tables in one array: 2^(k/64) at k < 64, 2^q at 64 + 1074 + q
const EXP_TABLE = Float64Array.from({ length: 64 + 2100 }, (_, k) => (k < 64 ? Math.pow(2, k / 64) : Math.pow(2, k - 64 - 1074)));
const EXP_INV = 64 / Math.LN2, EXP_SHIFT = 6755399441055744;
const EXP_HI = 6.93147180369123816490e-1 / 64, EXP_LO = 1.90821492927058770002e-10 / 64;
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

export class RingScanner {
  private readonly d: ScanData;
  private readonly nB: number;
  private M1 = new Float64Array(0);
  private M2 = new Float64Array(0);
  private M3 = new Float64Array(0);
  private bigY = new Float64Array(0);
  private readonly bigPos: Int32Array;
  // exact candidates of non-big events as (pixel, event, y) triplets, then sorted by pixel
  private tPix = new Int32Array(1 << 16);
  private tIdx = new Int32Array(1 << 16);
  private tY = new Float64Array(1 << 16);
  private sIdx = new Int32Array(1 << 16);
  private sY = new Float64Array(1 << 16);
  private pixStart = new Int32Array(1);
  private readonly win: GatheredWindow;
  private readonly res: PointFitResult = { ts: 0, ns: 0, gamma: 0 };

  constructor(readonly fitter: PointFitter) {
    this.d = fitter.d;
    this.nB = this.d.nBins;
    const cap = this.d.ra.length;
    this.bigPos = new Int32Array(cap).fill(-1);
    this.win = { m1: new Float64Array(this.nB), m2: new Float64Array(this.nB), m3: new Float64Array(this.nB), exIdx: new Int32Array(cap), exY: new Float64Array(cap), exW: new Float64Array(cap), nEx: 0 };
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
    const { M1, M2, M3, bigY } = this;
    for (let j = 0; j < np; j++) {
      // the pixel's sums sit at j and j + np (windows run past 2π without wrapping)
      for (let b = 0, q = j; b < nB; b++, q += np2) {
        w.m1[b] = M1[q] + M1[q + np];
        w.m2[b] = M2[q] + M2[q + np];
        w.m3[b] = M3[q] + M3[q + np];
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

  private ensure(np: number, nBig: number): void {
    const np2 = 2 * np;
    if (this.M1.length < this.nB * np2) {
      this.M1 = new Float64Array(this.nB * np2);
      this.M2 = new Float64Array(this.nB * np2);
      this.M3 = new Float64Array(this.nB * np2);
    }
    if (this.bigY.length < nBig * np2) this.bigY = new Float64Array(Math.max(nBig * np2, 2 * this.bigY.length));
    if (this.pixStart.length < np + 1) this.pixStart = new Int32Array(np + 1);
    if (this.px.length < np2) {
      this.px = new Float64Array(np2);
      this.py = new Float64Array(np2);
      this.pxy = new Float64Array(2 * np2);
    }
  }

  private px = new Float64Array(0);
  private py = new Float64Array(0);
  private pxy = new Float64Array(0);

  private grow(): void {
    const cap = 2 * this.tPix.length;
    const gi = (a: Int32Array) => { const b = new Int32Array(cap); b.set(a); return b; };
    const gf = (a: Float64Array) => { const b = new Float64Array(cap); b.set(a); return b; };
    this.tPix = gi(this.tPix);
    this.tIdx = gi(this.tIdx);
    this.tY = gf(this.tY);
    this.sIdx = new Int32Array(cap);
    this.sY = new Float64Array(cap);
  }

  /**
   * Per-pixel moments M·[b·2np + j'], big-event y bigY[j'·nBig + k] (NaN where not in reach)
   * and the candidate triplets of one ring; j' ∈ [0, 2np) is the pixel index unwrapped past 2π.
   */
  private gatherRing(dec: number, np: number, shift: number, h: number): void {
    const d = this.d, nB = this.nB, np2 = 2 * np;
    const st = this.fitter.ringState();
    const nBig = st.nBig, bigB = st.bigB;
    this.ensure(np, nBig);
    const { M1, M2, M3, bigY, bigPos, px, py } = this;
    const sp = Math.sin(dec), cp = Math.cos(dec);
    // pixel unit vectors as PointFitter.gather computes them, so cos ψ is bit-identical
    for (let j = 0; j < np; j++) {
      const phi = ringPhi(j, shift, np);
      px[j] = px[j + np] = cp * Math.cos(phi);
      py[j] = py[j + np] = cp * Math.sin(phi);
      this.pxy[2 * j] = this.pxy[2 * (j + np)] = px[j];
      this.pxy[2 * j + 1] = this.pxy[2 * (j + np) + 1] = py[j];
    }
    for (let b = 0; b < nB; b++) {
      M1.fill(st.ring1[b], b * np2, b * np2 + np);
      M2.fill(st.ring2[b], b * np2, b * np2 + np);
      M3.fill(st.ring3[b], b * np2, b * np2 + np);
      M1.fill(0, b * np2 + np, (b + 1) * np2);
      M2.fill(0, b * np2 + np, (b + 1) * np2);
      M3.fill(0, b * np2 + np, (b + 1) * np2);
    }
    for (let k = 0; k < nBig; k++) {
      const i = st.bigList[k];
      bigPos[i] = k;
      for (let j = 0; j < np; j++) bigY[j * nBig + k] = -st.bt[i];
    }
    bigY.fill(NaN, np * nBig, np2 * nBig);
    const { sinDec, ra, ux, uy, cosReach, pdfA, pdfC, invD, gaussian, eBin, binRatioMax, cosDec } = d;
    const btA = st.bt, isBig = st.isBig;
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
        const uxi = ux[i], uyi = uy[i];
        const aD = invD[i] * pdfA[i], kap = pdfC[i], gauss = gaussian[i] === 1;
        const bt = btA[i], bin = eBin[i], rmax = binRatioMax[bin];
        const big = isBig[i] === 1, kb = big ? bigPos[i] : 0;
        const yo = -bt, yo2 = yo * yo, yo3 = yo2 * yo;
        const base = bin * np2;
        const j1 = j0 + cnt;
        if (!gauss && !big) {
          // the common case (vMF, not a large-S̃ event), without the per-pixel branches on the kind
          const yBig = bigB / rmax;
          const ET = EXP_TABLE, pxy = this.pxy;
          for (let j = j0; j < j1; j++) {
            const cpsi = uxi * pxy[2 * j] + uyi * pxy[2 * j + 1] + A;
            if (cpsi < cr) continue;
            // fastExp inlined (same operations; no underflow guard: κ(cos ψ − 1) ≥ −12.5 within min(5σ, π))
            const x = kap * (cpsi - 1);
            const nd = x * EXP_INV + EXP_SHIFT - EXP_SHIFT;
            const n = nd | 0;
            const r = x - nd * EXP_HI - nd * EXP_LO;
            const y = aD * (ET[(n >> 6) + 1138] * ET[n & 63] * (1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120))))))) - bt;
            const q = base + j;
            if (y >= yBig || y <= -yBig) {
              M1[q] -= yo;
              M2[q] -= yo2;
              M3[q] -= yo3;
              if (nT === this.tPix.length) this.grow();
              this.tPix[nT] = j < np ? j : j - np;
              this.tIdx[nT] = i;
              this.tY[nT++] = y;
            } else {
              const y2 = y * y;
              M1[q] += y - yo;
              M2[q] += y2 - yo2;
              M3[q] += y2 * y - yo3;
            }
          }
          continue;
        }
        for (let j = j0; j < j1; j++) {
          const cpsi = uxi * px[j] + uyi * py[j] + A;
          if (cpsi < cr) continue;
          let s: number;
          if (gauss) {
            const psi = Math.acos(cpsi > 1 ? 1 : cpsi);
            s = aD * fastExp(kap * psi * psi);
          } else s = aD * fastExp(kap * (cpsi - 1));
          const y = s - bt;
          if (big) bigY[j * nBig + kb] = y;
          else if ((y < 0 ? -y : y) * rmax >= bigB) {
            M1[base + j] -= yo;
            M2[base + j] -= yo2;
            M3[base + j] -= yo3;
            if (nT === this.tPix.length) this.grow();
            this.tPix[nT] = j < np ? j : j - np;
            this.tIdx[nT] = i;
            this.tY[nT++] = y;
          } else {
            const y2 = y * y;
            M1[base + j] += y - yo;
            M2[base + j] += y2 - yo2;
            M3[base + j] += y2 * y - yo3;
          }
        }
      }
    }
    for (let k = 0; k < nBig; k++) bigPos[st.bigList[k]] = -1;
    // counting sort of the triplets by pixel
    const ps = this.pixStart;
    ps.fill(0, 0, np + 1);
    for (let t = 0; t < nT; t++) ps[this.tPix[t] + 1]++;
    for (let j = 0; j < np; j++) ps[j + 1] += ps[j];
    for (let t = 0; t < nT; t++) {
      const q = ps[this.tPix[t]]++;
      this.sIdx[q] = this.tIdx[t];
      this.sY[q] = this.tY[t];
    }
    for (let j = np; j > 0; j--) ps[j] = ps[j - 1];
    ps[0] = 0;
  }
}
