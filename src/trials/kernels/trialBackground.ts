/**
 * The background PDF of a trial (csky `update_bg`) for the ps and stack kernels:
 *  - rebuild(N): for scrambles that move the data in declination (the 3° jitter), from all of the
 *    trial's events: each data event's energy-PDF bin follows its new sin δ row (its log E column is
 *    kept), the energy histogram is recounted and the S/B grid recomputed, and the sin δ KDE
 *    (bandwidth and grid of the data's) is rebuilt, with each event's 1/D̃ from it. Cost: one pass
 *    over the events plus the KDE's convolution with cached kernel rows (kdeCache.ts).
 *  - mixInjected(n): RA-only scrambles: the data's PDF plus the n injected events (the KDE is linear
 *    in the events: p = (n_d p_d + n_i p_i)/(n_d + n_i); the histogram gains the injected bins).
 *  - restore(N): the data's PDF (S/B grid and 1/D̃).
 */
import type { Dataset } from '../../likelihood/dataset.js';
import { energyRatio } from '../../likelihood/energyPdf.js';
import type { ScanData } from '../../scan/data.js';
import { CachedSinDecKde } from './kdeCache.js';
import { findEdge } from './synthetic.js';
import type { SinDecDensity } from '../../likelihood/background.js';

export class TrialBackground {
  /** log E column of each data event's energy bin */
  readonly col: Int32Array;
  /** energy-PDF columns (log E bins) */
  readonly nE: number;
  private readonly hist: Float64Array;
  private readonly kde: CachedSinDecKde;
  private readonly counts: Float64Array;
  /** sin δ edges of the energy-PDF rows, and whether they are equally spaced */
  readonly edges: Float64Array;
  readonly uniform: boolean;
  private readonly invW: number;
  /** energy row of each KDE cell, −1 where an edge falls inside it */
  readonly cellRow: Int32Array;

  /** per γ: each signal bin's share of its row (s_k/Σ_row s), and per γ and row whether Σ_row s > 0 */
  readonly sigNorm: Float64Array[];
  readonly sigRowPos: Uint8Array;
  private readonly hNorm: Float64Array;
  private readonly binRatio0: Float64Array;
  private readonly binRatioMax0: Float64Array;
  private readonly injSin: Float64Array;
  private readonly pMix: Float64Array;

  constructor(readonly ds: Dataset, readonly d: ScanData, readonly sigHists: Float64Array[]) {
    this.binRatio0 = d.binRatio.slice();
    this.binRatioMax0 = d.binRatioMax.slice();
    this.injSin = new Float64Array(d.ra.length - d.nSorted);
    this.pMix = new Float64Array(ds.bgDensity.x.length);
    const b = ds.binning;
    this.nE = b.logEEdges.length - 1;
    this.col = Int32Array.from(d.eBin.subarray(0, d.nSorted), (e) => e % this.nE);
    // the signal histograms are checked once (sizes, no negative entries); setRatios trusts them and
    // uses each bin's share of its row, s_k/Σ_row s (energyRatio's first quotient), computed here
    for (const s of sigHists) energyRatio(b, s, ds.bgEnergyHist);
    const nEc = b.logEEdges.length - 1, nRows = ds.bgEnergyHist.length / nEc;
    this.hNorm = new Float64Array(ds.bgEnergyHist.length);
    this.sigRowPos = new Uint8Array(sigHists.length * nRows);
    this.sigNorm = sigHists.map((s, g) => {
      const out = new Float64Array(s.length);
      for (let row = 0; row < nRows; row++) {
        let ss = 0;
        for (let c = 0; c < nEc; c++) ss += s[row * nEc + c];
        this.sigRowPos[g * nRows + row] = ss > 0 ? 1 : 0;
        for (let c = 0; c < nEc; c++) out[row * nEc + c] = s[row * nEc + c] / ss;
      }
      return out;
    });
    this.hist = new Float64Array(ds.bgEnergyHist.length);
    this.kde = new CachedSinDecKde(ds.bgDensity.bandwidth, ds.bgDensity.x.length);
    this.counts = new Float64Array(ds.bgDensity.x.length);
    this.edges = b.sinDecEdges;
    const n = this.edges.length - 1, w = (this.edges[n] - this.edges[0]) / n;
    this.uniform = this.edges.every((e, k) => Math.abs(e - (this.edges[0] + k * w)) < 1e-12);
    this.invW = 1 / w;
    // energy row of each KDE cell [−1 + c·dx, −1 + (c+1)·dx) widened by 1e-9 (cell assignment rounds),
    // or −1 when an edge falls inside it (those events take the row from the edges)
    const nG = ds.bgDensity.x.length, dx = 2 / nG;
    this.cellRow = new Int32Array(nG);
    for (let c = 0; c < nG; c++) {
      const lo = this.row(-1 + c * dx - 1e-9), hi = this.row(-1 + (c + 1) * dx + 1e-9);
      this.cellRow[c] = lo === hi && c > 0 && c < nG - 1 ? lo : -1;
    }
  }

  /** Row of the energy-PDF binning for sin δ = x (findEdge on the sin δ edges; equal-width edges by division, checked against the edges). */
  row(x: number): number {
    const e = this.edges, nR = e.length - 1;
    if (!this.uniform) return findEdge(e, x);
    if (!(x > e[0])) return 0;
    if (x >= e[nR]) return nR - 1;
    let r = ((x - e[0]) * this.invW) | 0;
    if (r > nR - 1) r = nR - 1;
    if (x < e[r]) r--;
    else if (x >= e[r + 1]) r++;
    return r;
  }

  /** Energy-PDF bins of the data events [0, nSorted) from their current sin δ. */
  setBins(): void {
    const d = this.d, n0 = d.nSorted, nE = this.nE, col = this.col, sinDec = d.sinDec, eBin = d.eBin;
    for (let i = 0; i < n0; i++) eBin[i] = this.row(sinDec[i]) * nE + col[i];
  }

  /**
   * Energy bins of the data events from their current sin δ, then the energy S/B grid
   * (d.binRatio, d.binRatioMax) and every event's 1/D̃ from events [0, N) (data and injected):
   * bins, histogram and KDE cell counts in one pass.
   */
  rebuild(N: number): void {
    const d = this.d, h = this.hist, nB = d.nBins, n0 = d.nSorted, nE = this.nE, col = this.col;
    const kde = this.kde, counts = this.counts, eBin = d.eBin, sinDec = d.sinDec, cellRow = this.cellRow;
    h.fill(0);
    counts.fill(0);
    for (let i = 0; i < N; i++) {
      const x = sinDec[i];
      const c = kde.cell(x);
      counts[c]++;
      if (i < n0) {
        // the row from the KDE cell when the cell lies inside one row, else from the edges
        const r = cellRow[c];
        eBin[i] = (r >= 0 ? r : this.row(x)) * nE + col[i];
      }
      h[eBin[i]]++;
    }
    this.setRatios(h);
    fillInvD(kde.densityFromCounts(counts, N), sinDec, d.invD, 0, N);
  }

  /**
   * The energy S/B grid (d.binRatio, d.binRatioMax) from a background histogram h (rows × columns
   * of the energy-PDF binning): energyRatio's arithmetic (energyPdf.ts), written in place.
   */
  setRatios(h: Float64Array): void {
    const d = this.d, nB = d.nBins, nE = this.nE, nR = nB / nE, br = d.binRatio, bm = d.binRatioMax;
    // r = (s_k/Σ_row s)/(b_k/Σ_row b): both quotients as energyRatio forms them, the signal one once at set-up
    const hb = this.hNorm;
    for (let row = 0; row < nR; row++) {
      let sb = 0;
      for (let c = 0; c < nE; c++) sb += h[row * nE + c];
      for (let c = 0; c < nE; c++) hb[row * nE + c] = h[row * nE + c] / sb;
    }
    bm.fill(0);
    for (let g = 0; g < d.gammas.length; g++) {
      const sig = this.sigHists[g], sn = this.sigNorm[g], o = g * nB;
      for (let row = 0; row < nR; row++) {
        const ssPos = this.sigRowPos[g * nR + row] === 1;
        let maxR = 0;
        for (let c = 0; c < nE; c++) {
          const k = row * nE + c;
          let r = 0;
          if (h[k] > 0 && ssPos) {
            r = sn[k] / hb[k];
            if (r > maxR) maxR = r;
          }
          br[o + k] = r;
        }
        for (let c = 0; c < nE; c++) {
          const k = row * nE + c;
          if (!(h[k] > 0)) br[o + k] = sig[k] > 0 ? maxR : 1;
        }
      }
      for (let b = 0; b < nB; b++) if (br[o + b] > bm[b]) bm[b] = br[o + b];
    }
  }

  /** The data's PDF plus the events [nSorted, nSorted + n) (n ≥ 1) injected into unmoved data. */
  mixInjected(n: number): void {
    const d = this.d, ds = this.ds, n0 = d.nSorted, N = n0 + n, h = this.hist, nB = d.nBins;
    h.set(ds.bgEnergyHist);
    for (let k = 0; k < n; k++) {
      h[d.eBin[n0 + k]] += 1;
      this.injSin[k] = d.sinDec[n0 + k];
    }
    this.setRatios(h);
    const kInj = this.kde.density(this.injSin, n);
    const p = this.pMix;
    for (let i = 0; i < p.length; i++) p[i] = (n0 * ds.bgDensity.p[i] + n * kInj.p[i]) / N;
    fillInvD({ x: kInj.x, p, bandwidth: kInj.bandwidth }, d.sinDec, d.invD, 0, N);
  }

  /** The data's S/B grid and 1/D̃ (from the data's density at the current sin δ) for events [0, N). */
  restore(N: number): void {
    const d = this.d;
    d.binRatio.set(this.binRatio0);
    d.binRatioMax.set(this.binRatioMax0);
    fillInvD(this.ds.bgDensity, d.sinDec, d.invD, 0, N);
  }
}

/** invD[j] = 2π / p(sin δ_j) for j in [from, to): evalSinDecDensity inlined (same arithmetic). */
export function fillInvD(dens: SinDecDensity, sinDec: Float64Array, invD: Float64Array, from: number, to: number): void {
  const p = dens.p, nGrid = p.length, last = nGrid - 1;
  for (let j = from; j < to; j++) {
    const t = (sinDec[j] + 1) / (2 / nGrid) - 0.5;
    let v: number;
    if (t <= 0) v = p[0];
    else if (t >= last) v = p[last];
    else {
      const k = Math.floor(t), f = t - k;
      v = p[k] * (1 - f) + p[k + 1] * f;
    }
    invD[j] = (2 * Math.PI) / v;
  }
}
