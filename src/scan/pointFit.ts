/**
 * Allocation-free (n_s, γ) fit at one sky position with the signal-subtracted
 * point-source likelihood of physics.md §2.1:
 *   y_i = (S_i − S̃_i)/D̃_i,  x_i(γ) = y_i R_{b(i)}(γ),  ln L(n_s) − ln L(0) = Σ_i ln(1 + n_s x_i/N).
 *
 * Speed without changing the answer beyond ~1e-4 in TS:
 *  - S_i = 0 beyond each event's reach k·σ_i (default 5σ: e^{-12.5} of the peak);
 *    events are found per σ class by binary search in declination.
 *  - S̃_i depends on declinations only: computed once per declination ring.
 *  - "Exact" events (|y_i|·max_γ R ≥ bigB) are summed exactly; all others have
 *    |u_i| = n_s|x_i|/N ≤ n_s·bigB/N and enter through the series
 *    ln(1+u) = u − u²/2 + u³/3 + O(u⁴), with moments Σ y^k per energy bin, so the
 *    work per γ is O(bins + exact events), not O(events). The bound is
 *    |u| ≤ n_s·bigB/N; when that bound exceeds maxSeriesU (0.05, error < 1.6e-6
 *    per event) the position is refitted with every event exact.
 * γ: the n_s fit on the γ grid, then a parabola through the best grid point and
 * its neighbours, evaluated with linearly interpolated S/B.
 */
import { raAveragedPsPdf } from '../likelihood/psf.js';
import { fastExp } from '../likelihood/fastExp.js';
import { seriesNsFit } from '../likelihood/seriesNsFit.js';
import type { ScanData } from './data.js';
import { parabolicPeak } from '../stats/parabolicPeak.js';

export interface PointFitResult {
  ts: number;
  ns: number;
  gamma: number;
}

/**
 * A position's window gathered elsewhere (the ring scanner): per-bin moments of
 * the series events and the candidate exact events with w = |y|·max_γ R (all ≥ bigB,
 * except large-S̃ events, which are always candidates).
 */
export interface GatheredWindow {
  m1: Float64Array;
  m2: Float64Array;
  m3: Float64Array;
  exIdx: Int32Array;
  exY: Float64Array;
  exW: Float64Array;
  nEx: number;
}

/** Read-only view of the per-declination state (for the ring scanner). */
export interface RingState {
  bt: Float64Array;
  isBig: Uint8Array;
  bigList: Int32Array;
  nBig: number;
  ring1: Float64Array;
  ring2: Float64Array;
  ring3: Float64Array;
  bigB: number;
}

export class PointFitter {
  private readonly nG: number;
  private readonly nB: number;
  /** S̃_i/D̃_i at the current declination */
  private readonly bt: Float64Array;
  /** ring moments per bin of y = −bt over the non-exact events: ring1/2/3[b] */
  private readonly ring1: Float64Array;
  private readonly ring2: Float64Array;
  private readonly ring3: Float64Array;
  private readonly isBig: Uint8Array;
  private readonly bigList: Int32Array;
  private nBig = 0;
  private decP = NaN;
  // per-position state
  private readonly m1: Float64Array;
  private readonly m2: Float64Array;
  private readonly m3: Float64Array;
  private readonly exIdx: Int32Array;
  private readonly exY: Float64Array;
  private readonly x: Float64Array;
  private nEx = 0;
  private nWin = 0;
  private readonly stamp: Int32Array;
  private stampId = 0;
  private readonly r: Float64Array;
  private readonly tsG: Float64Array;
  /** R² and R³ per (γ grid, bin) */
  private readonly ratio2: Float64Array;
  private readonly ratio3: Float64Array;
  private readonly nsG: Float64Array;
  private c1 = 0;
  private c2 = 0;
  private c3 = 0;
  private readonly nsFit = { ns: 0, ts: 0 };
  /** threshold on |y|·max_γ R above which an event is summed exactly (set before setDeclination) */
  bigB = 10;
  /** use per-class declination bands (true for static data; false after a declination jitter breaks the sorting) */
  sortedByDec = true;

  /** events in use (sorted ones plus injected ones) */
  get n(): number {
    return this.d.n;
  }

  constructor(readonly d: ScanData) {
    const n = d.ra.length; // capacity
    this.nG = d.gammas.length;
    this.nB = d.nBins;
    this.bt = new Float64Array(n);
    this.ring1 = new Float64Array(this.nB);
    this.ring2 = new Float64Array(this.nB);
    this.ring3 = new Float64Array(this.nB);
    this.base1 = new Float64Array(this.nB);
    this.base2 = new Float64Array(this.nB);
    this.base3 = new Float64Array(this.nB);
    this.m1 = new Float64Array(this.nB);
    this.m2 = new Float64Array(this.nB);
    this.m3 = new Float64Array(this.nB);
    this.isBig = new Uint8Array(n);
    this.bigList = new Int32Array(n);
    this.exIdx = new Int32Array(n);
    this.exY = new Float64Array(n);
    this.x = new Float64Array(n);
    this.stamp = new Int32Array(n);
    this.r = new Float64Array(this.nB);
    this.tsG = new Float64Array(this.nG);
    this.ratio2 = Float64Array.from(d.binRatio, (r) => r * r);
    this.ratio3 = Float64Array.from(d.binRatio, (r) => r * r * r);
    this.nsG = new Float64Array(this.nG);
  }

  /**
   * S̃/D̃ of every event and the ring moments at declination dec (once per ring
   * or source position). `force` recomputes after the events' declinations
   * changed; with `tailOnly` only the injected events (index ≥ nSorted) are
   * redone on top of the cached sorted part (RA-only scrambles).
   */
  setDeclination(dec: number, force = false, tailOnly = false): void {
    const d = this.d;
    if (dec === this.decP && !force) return;
    if (tailOnly && dec === this.decP && this.baseValid) {
      this.ring1.set(this.base1);
      this.ring2.set(this.base2);
      this.ring3.set(this.base3);
      this.nBig = this.nBigBase;
      this.ringPass(dec, d.nSorted, d.n);
      return;
    }
    this.decP = dec;
    this.ring1.fill(0);
    this.ring2.fill(0);
    this.ring3.fill(0);
    this.nBig = 0;
    this.ringPass(dec, 0, d.nSorted);
    this.base1.set(this.ring1);
    this.base2.set(this.ring2);
    this.base3.set(this.ring3);
    this.nBigBase = this.nBig;
    this.baseValid = true;
    this.ringPass(dec, d.nSorted, d.n);
  }

  private readonly base1: Float64Array;
  private readonly base2: Float64Array;
  private readonly base3: Float64Array;
  private nBigBase = 0;
  private baseValid = false;

  private ringPass(dec: number, from: number, to: number): void {
    const d = this.d;
    const sp = Math.sin(dec), cp = Math.cos(dec);
    for (let i = from; i < to; i++) {
      this.isBig[i] = 0;
      if (Math.abs(d.dec[i] - dec) > d.reach[i]) {
        this.bt[i] = 0;
        continue;
      }
      const b = raAveragedPsPdf(d.sinDec[i], d.cosDec[i], sp, cp, d.sigma[i]) * d.invD[i];
      this.bt[i] = b;
      const bin = d.eBin[i];
      if (b * d.binRatioMax[bin] >= this.bigB) {
        this.isBig[i] = 1;
        this.bigList[this.nBig++] = i;
        continue;
      }
      this.ring1[bin] -= b;
      this.ring2[bin] += b * b;
      this.ring3[bin] -= b * b * b;
    }
  }

  /** Collect the position's window: exact events and per-bin moments. */
  private gather(ra: number, dec: number, exactAll = false): void {
    const d = this.d;
    const cd = Math.cos(dec);
    const px = cd * Math.cos(ra), py = cd * Math.sin(ra), pz = Math.sin(dec);
    const { ux, uy, uz, pdfA, pdfC, gaussian, cosReach, eBin, binRatioMax, invD } = d;
    const m1 = this.m1, m2 = this.m2, m3 = this.m3;
    const btA = this.bt, isBig = this.isBig, stamp = this.stamp, exIdx = this.exIdx, exY = this.exY;
    const bigB = exactAll ? 0 : this.bigB;
    if (exactAll) {
      m1.fill(0);
      m2.fill(0);
      m3.fill(0);
    } else {
      m1.set(this.ring1);
      m2.set(this.ring2);
      m3.set(this.ring3);
    }
    let ne = 0;
    let nw = 0;
    const id = ++this.stampId;
    const nC = d.classReach.length;
    const decs = d.dec;
    // classes, then the unsorted tail of injected events (c === nC)
    for (let c = 0; c <= nC; c++) {
      let lo = c < nC ? d.classStart[c] : d.nSorted;
      let hi = c < nC ? d.classStart[c + 1] : d.n;
      if (this.sortedByDec && c < nC) {
        const dlo = dec - d.classReach[c], dhi = dec + d.classReach[c];
        let a = lo, b = hi;
        while (a < b) { const k = (a + b) >>> 1; if (decs[k] < dlo) a = k + 1; else b = k; }
        lo = a;
        b = hi;
        while (a < b) { const k = (a + b) >>> 1; if (decs[k] <= dhi) a = k + 1; else b = k; }
        hi = a;
      }
      for (let i = lo; i < hi; i++) {
        const cpsi = ux[i] * px + uy[i] * py + uz[i] * pz;
        if (cpsi < cosReach[i]) continue;
        nw++;
        const bt = btA[i];
        let sOverD: number;
        if (gaussian[i] === 0) sOverD = invD[i] * pdfA[i] * fastExp(pdfC[i] * (cpsi - 1));
        else {
          const psi = Math.acos(cpsi > 1 ? 1 : cpsi);
          sOverD = invD[i] * pdfA[i] * fastExp(pdfC[i] * psi * psi);
        }
        const y = sOverD - bt;
        if (isBig[i] === 1 || exactAll) {
          stamp[i] = id;
          exIdx[ne] = i;
          exY[ne++] = y;
          continue;
        }
        // replace the ring's out-of-window term (y = −bt) by this event's y
        const bin = eBin[i];
        const yo = -bt;
        const yo2 = yo * yo;
        if ((y < 0 ? -y : y) * binRatioMax[bin] >= bigB) {
          m1[bin] -= yo;
          m2[bin] -= yo2;
          m3[bin] -= yo2 * yo;
          exIdx[ne] = i;
          exY[ne++] = y;
        } else {
          const y2 = y * y;
          m1[bin] += y - yo;
          m2[bin] += y2 - yo2;
          m3[bin] += y2 * y - yo2 * yo;
        }
      }
    }
    if (exactAll) {
      for (let i = 0; i < this.n; i++) {
        if (stamp[i] === id || btA[i] === 0) continue;
        exIdx[ne] = i;
        exY[ne++] = -btA[i];
      }
    } else {
      for (let k = 0; k < this.nBig; k++) {
        const i = this.bigList[k];
        if (stamp[i] === id) continue;
        exIdx[ne] = i;
        exY[ne++] = -btA[i];
      }
    }
    this.nEx = ne;
    this.nWin = nw;
  }

  /** Fill the per-bin S/B at grid index g (f = 0) or interpolated towards g+1, then x and the series coefficients. */
  private prepare(g: number, f: number): void {
    const d = this.d, nB = this.nB;
    let c1 = 0, c2 = 0, c3 = 0;
    if (f === 0) {
      // grid γ: R, R², R³ precomputed (the same products as below with f = 0)
      const o = g * nB, R = d.binRatio, R2 = this.ratio2, R3 = this.ratio3, m1 = this.m1, m2 = this.m2, m3 = this.m3;
      for (let b = 0; b < nB; b++) {
        c1 += R[o + b] * m1[b];
        c2 += R2[o + b] * m2[b];
        c3 += R3[o + b] * m3[b];
      }
      for (let j = 0; j < this.nEx; j++) this.x[j] = this.exY[j] * R[o + d.eBin[this.exIdx[j]]];
    } else {
      const r = this.r;
      const o0 = g * nB, o1 = (g + 1) * nB;
      for (let b = 0; b < nB; b++) {
        const rb = (1 - f) * d.binRatio[o0 + b] + f * d.binRatio[o1 + b];
        r[b] = rb;
        c1 += rb * this.m1[b];
        c2 += rb * rb * this.m2[b];
        c3 += rb * rb * rb * this.m3[b];
      }
      for (let j = 0; j < this.nEx; j++) this.x[j] = this.exY[j] * r[d.eBin[this.exIdx[j]]];
    }
    this.c1 = c1;
    this.c2 = c2;
    this.c3 = c3;
  }

  /** Maximise Σ_exact ln(1 + ns x_j/N) + c1 u − c2 u²/2 + c3 u³/3 (u = ns/N) over ns ∈ [0, N). */
  private fitNs(nsStart: number): void {
    seriesNsFit(this.x, this.nEx, this.c1, this.c2, this.c3, this.n, nsStart, this.nsFit);
  }

  /** Fit (n_s, γ) at (ra, dec). */
  fitAt(ra: number, dec: number, out: PointFitResult): PointFitResult {
    this.setDeclination(dec);
    this.gather(ra, dec);
    this.fitGathered(out);
    // the series bound |u| ≤ n_s·bigB/N only holds for small n_s: refit strong spots exactly
    if ((out.ns * this.bigB) / this.n > this.maxSeriesU) {
      this.gather(ra, dec, true);
      this.fitGathered(out);
      this.exactRefits++;
    }
    return out;
  }

  /** State of the current declination (after setDeclination). */
  ringState(): RingState {
    return { bt: this.bt, isBig: this.isBig, bigList: this.bigList, nBig: this.nBig, ring1: this.ring1, ring2: this.ring2, ring3: this.ring3, bigB: this.bigB };
  }

  /**
   * Fit (n_s, γ) from a window gathered at (ra, dec) for the current declination,
   * with an adaptive series threshold T ≥ bigB: candidates with w < T go into the
   * series. First T = ∞ (series only: exact whenever n̂_s = 0, because the slope at
   * n_s = 0 is the same sum either way), then T = maxSeriesU·N/(1.25·n̂_s) until the
   * bound n̂_s·T/N ≤ maxSeriesU holds — the same guarantee as fitAt's (every series
   * term has |u| ≤ maxSeriesU at n̂_s) with far fewer exact terms for small n̂_s.
   * Below T = bigB the position is refitted with every event exact, as in fitAt.
   */
  fitWindow(w: GatheredWindow, ra: number, dec: number, out: PointFitResult): PointFitResult {
    const N = this.n, u = this.maxSeriesU;
    let T = Infinity;
    for (;;) {
      this.loadWindow(w, T);
      // the series-only attempt only decides TS = 0 or gives n̂_s for T: no γ refinement
      this.fitGathered(out, T !== Infinity, T !== Infinity);
      if (out.ns === 0 || (out.ns * T) / N <= u) return out;
      if (T <= this.bigB) break;
      T = Math.max(this.bigB, (u * N) / (1.25 * out.ns));
    }
    this.gather(ra, dec, true);
    this.fitGathered(out);
    this.exactRefits++;
    return out;
  }

  private loadWindow(w: GatheredWindow, T: number): void {
    const m1 = this.m1, m2 = this.m2, m3 = this.m3, eBin = this.d.eBin;
    m1.set(w.m1);
    m2.set(w.m2);
    m3.set(w.m3);
    let ne = 0;
    for (let k = 0; k < w.nEx; k++) {
      const y = w.exY[k];
      if (w.exW[k] < T) {
        const b = eBin[w.exIdx[k]], y2 = y * y;
        m1[b] += y;
        m2[b] += y2;
        m3[b] += y2 * y;
      } else {
        this.exIdx[ne] = w.exIdx[k];
        this.exY[ne++] = y;
      }
    }
    this.nEx = ne;
    this.nWin = -1;
  }

  /** positions refitted with every event exact (because n̂_s·bigB/N exceeded maxSeriesU) */
  exactRefits = 0;
  /** largest allowed series argument bound before an exact refit (error per event < u⁴/4 ≈ 1.6e-6) */
  maxSeriesU = 0.05;

  /** TS and n_s of the last fit at each γ grid value (before the refinement). */
  gridProfile(): { ts: Float64Array; ns: Float64Array } {
    return { ts: this.tsG, ns: this.nsG };
  }

  /** Events within reach of the last position, and how many of them (plus large-S̃ events) were summed exactly. */
  windowSize(): { window: number; exact: number } {
    return { window: this.nWin, exact: this.nEx };
  }

  /** `warm`: start each γ's n_s fit from the previous fit at that γ (nsG, same position) */
  private fitGathered(out: PointFitResult, refine = true, warm = false): PointFitResult {
    const G = this.d.gammas;
    let best = 0;
    let nsPrev = 0;
    for (let g = 0; g < this.nG; g++) {
      this.prepare(g, 0);
      this.fitNs(warm && this.nsG[g] > 0 ? this.nsG[g] : nsPrev);
      this.tsG[g] = this.nsFit.ts;
      this.nsG[g] = this.nsFit.ns;
      nsPrev = this.nsFit.ns;
      if (this.tsG[g] > this.tsG[best]) best = g;
    }
    out.ts = this.tsG[best];
    out.ns = this.nsG[best];
    out.gamma = G[best];
    if (!(out.ts > 0) || this.nG < 3 || !refine) return out;
    const pos = parabolicPeak(this.tsG, this.nG, best);
    if (Number.isNaN(pos)) return out;
    const g = Math.min(Math.floor(pos), this.nG - 2);
    const f = pos - g;
    this.prepare(g, f);
    this.fitNs(out.ns);
    if (this.nsFit.ts > out.ts) {
      out.ts = this.nsFit.ts;
      out.ns = this.nsFit.ns;
      out.gamma = G[g] + f * (G[g + 1] - G[g]);
    }
    return out;
  }
}
