/**
 * SeriesFit (seriesFit.ts) for a spatial ratio that is a γ-dependent combination of J
 * components: y_i(γ) = Σ_j c_j(γ) z_ij, x_i(γ) = y_i(γ) R_{b(i)}(γ). A stack whose source
 * weights W_k(γ) ∝ w_k·acceptance_k(γ) are re-weighted at every γ (as csky) has this form with
 * z_ij = Σ_k B_jk (S_ik − S̃_ik)/D̃_i, B a basis of the weight vectors on the γ grid and
 * W(γ_g) = Σ_j C[g][j] B_j (stackWeights.ts). Between grid values c(γ) is interpolated linearly,
 * as R(γ) is.
 *
 * The series terms need the per-bin moments of y(γ), y², y³ for any c: first moments per
 * component, second moments per pair (j ≤ l) and third per triple (j ≤ l ≤ m); one γ then
 * costs O(bins·(J + J² + J³)/…) + exact events. An event is exact when
 * max_γ |y_i(γ)|·max R ≥ bigB (bounded by Σ_j max_γ|c_j|·|z_ij|) or its S̃ term is large, so
 * the series bound |u| ≤ n_s·bigB/N of SeriesFit holds, with the same exact refit.
 */
import type { GammaFit } from './seriesFit.js';
import { seriesNsFit, type NsState } from './seriesFit.js';
import { InputError } from '../../errors.js';
import { parabolicPeak } from '../../stats/parabolicPeak.js';

/** seriesNsFit(x, m, c1, c2, c3, N, nsStart, out) over a fixed x buffer */
export type NsFitFn = (m: number, c1: number, c2: number, c3: number, N: number, nsStart: number, out: NsState) => void;

/**
 * prepare's arrays (c: J, cc2: pairs, cc3: triples, r and occ: bins, exZ: capacity·J, exB and x: capacity)
 * and `sums(nOcc, nEx)`, which computes from them, with prepare's arithmetic in its order, sum = (c1, c2, c3)
 * and x[0 … nEx) (the stack kernel's WebAssembly twin, stackFitWasm.ts).
 */
export interface FitWork {
  c: Float64Array; cc2: Float64Array; cc3: Float64Array; r: Float64Array; occ: Int32Array;
  exZ: Float64Array; exB: Int32Array; x: Float64Array; sum: Float64Array;
  sums: (nOcc: number, nEx: number) => number;
}

export class MultiSeriesFit {
  bigB = 10;
  maxSeriesU = 0.05;
  exactRefits = 0;
  readonly J: number;
  private readonly P: number;
  private readonly T: number;
  /** per-bin moments, one block of S = J + P + T per bin: Σz_j (J), Σz_j z_l (P pairs), Σz_j z_l z_m (T triples) */
  readonly m: Float64Array;
  /** moments per bin (block stride of m) */
  readonly S: number;
  private readonly pj: Int32Array;
  private readonly pl: Int32Array;
  private readonly tj: Int32Array;
  private readonly tl: Int32Array;
  private readonly tm: Int32Array;
  private readonly mult2: Float64Array;
  private readonly mult3: Float64Array;
  private readonly cMax: Float64Array;
  private readonly c: Float64Array;
  private readonly cc2: Float64Array;
  private readonly cc3: Float64Array;
  readonly exIdx: Int32Array;
  private readonly x: Float64Array;
  private readonly r: Float64Array;
  private readonly tsG: Float64Array;
  private readonly nsG: Float64Array;
  private nEx = 0;
  /** index of the pair (j, j) among the pairs; bins holding series events */
  private readonly diag: Int32Array;
  private readonly occ: Int32Array;
  private nOcc = 0;
  /** components and bin of each exact event (grown on demand) */
  private exZ: Float64Array = new Float64Array(0);
  private exB: Int32Array = new Int32Array(0);
  private readonly st: NsState = { ns: 0, ts: 0 };
  private readonly nsFit: NsFitFn;
  private readonly work: FitWork | null = null;

  /**
   * coef[g·J + j] = c_j(γ_g); binRatio[g·nBins + b] and binRatioMax as in SeriesFit (read at fit
   * time, callers may update them in place); capacity = most events.
   */
  /**
   * buffers (optional): m and exIdx gathered by the caller; work: prepare's arrays and sums elsewhere
   * (FitWork); nsFit, a twin of seriesNsFit over x[0 … m) (called after x is prepared).
   */
  constructor(J: number, readonly gammas: Float64Array, readonly nBins: number, readonly binRatio: Float64Array, readonly binRatioMax: Float64Array, readonly coef: Float64Array, capacity: number, buffers?: { m: Float64Array; exIdx: Int32Array; nsFit?: NsFitFn; work?: FitWork }) {
    this.J = J;
    const w = buffers?.work;
    const pairs: number[][] = [], triples: number[][] = [];
    for (let j = 0; j < J; j++) for (let l = j; l < J; l++) {
      pairs.push([j, l]);
      for (let m = l; m < J; m++) triples.push([j, l, m]);
    }
    this.P = pairs.length;
    this.T = triples.length;
    this.pj = Int32Array.from(pairs, (p) => p[0]);
    this.pl = Int32Array.from(pairs, (p) => p[1]);
    this.tj = Int32Array.from(triples, (t) => t[0]);
    this.tl = Int32Array.from(triples, (t) => t[1]);
    this.tm = Int32Array.from(triples, (t) => t[2]);
    // multiplicity of each unordered product in (Σ_j c_j z_j)^2 and ^3
    this.mult2 = Float64Array.from(pairs, ([j, l]) => (j === l ? 1 : 2));
    this.mult3 = Float64Array.from(triples, ([j, l, m]) => (j === l && l === m ? 1 : j === l || l === m ? 3 : 6));
    this.S = J + this.P + this.T;
    // external buffers: a caller that gathers the moments itself (stack kernel's WebAssembly pass)
    this.m = buffers?.m ?? new Float64Array(nBins * this.S);
    if (this.m.length < nBins * this.S) throw new InputError(`MultiSeriesFit: moment buffer too small (${this.m.length} < ${nBins * this.S})`);
    this.cMax = new Float64Array(J);
    for (let g = 0; g < gammas.length; g++) for (let j = 0; j < J; j++) this.cMax[j] = Math.max(this.cMax[j], Math.abs(coef[g * J + j]));
    this.c = w?.c ?? new Float64Array(J);
    this.diag = Int32Array.from({ length: J }, (_, j) => pairs.findIndex((p) => p[0] === j && p[1] === j));
    this.occ = w?.occ ?? new Int32Array(nBins);
    this.cc2 = w?.cc2 ?? new Float64Array(this.P);
    this.cc3 = w?.cc3 ?? new Float64Array(this.T);
    this.exIdx = buffers?.exIdx ?? new Int32Array(capacity);
    this.x = w?.x ?? new Float64Array(capacity);
    if (w) {
      if (!(w.x.length >= capacity && w.exB.length >= capacity && w.exZ.length >= capacity * J && w.r.length >= nBins && w.occ.length >= nBins)) throw new InputError('MultiSeriesFit: work arrays too small');
      this.exZ = w.exZ;
      this.exB = w.exB;
      this.work = w;
    }
    this.nsFit = buffers?.nsFit ?? ((m, c1, c2, c3, N, ns0, out) => seriesNsFit(this.x, m, c1, c2, c3, N, ns0, out));
    this.r = w?.r ?? new Float64Array(nBins);
    this.tsG = new Float64Array(gammas.length);
    this.nsG = new Float64Array(gammas.length);
  }

  begin(): void {
    this.m.fill(0);
    this.nEx = 0;
  }

  /** Moments and the first nEx entries of exIdx were gathered by the caller (into the buffers given to the constructor). */
  gathered(nEx: number): void {
    this.nEx = nEx;
  }

  /** Event i with components Z[i·J … i·J+J) in bin b; btBound ≥ max_γ S̃_i(γ)/D̃_i. */
  add(i: number, Z: Float64Array, b: number, btBound: number): void {
    const J = this.J, o = i * J, rm = this.binRatioMax[b];
    let yMax = 0;
    for (let j = 0; j < J; j++) { const z = Z[o + j]; yMax += this.cMax[j] * (z < 0 ? -z : z); }
    if (yMax * rm >= this.bigB || btBound * rm >= this.bigB) {
      this.exIdx[this.nEx++] = i;
      return;
    }
    // moments in the pair/triple order of the constructor (j ≤ l ≤ m), reusing z_j z_l
    const mm = this.m, q = b * this.S;
    let p = q + J, t = q + J + this.P;
    for (let j = 0; j < J; j++) {
      const zj = Z[o + j];
      mm[q + j] += zj;
      for (let l = j; l < J; l++) {
        const zjl = zj * Z[o + l];
        mm[p++] += zjl;
        for (let m = l; m < J; m++) mm[t++] += zjl * Z[o + m];
      }
    }
  }

  /** Fit over N events; Z holds every event's components (for the exact refit). */
  fit(N: number, Z: Float64Array, bin: Int32Array, out: GammaFit): GammaFit {
    this.fitGathered(N, Z, bin, out);
    if ((out.ns * this.bigB) / N > this.maxSeriesU) {
      this.m.fill(0);
      let ne = 0;
      const J = this.J;
      for (let i = 0; i < N; i++) {
        let nz = false;
        for (let j = 0; j < J; j++) if (Z[i * J + j] !== 0) nz = true;
        if (nz) this.exIdx[ne++] = i;
      }
      this.nEx = ne;
      this.fitGathered(N, Z, bin, out);
      this.exactRefits++;
    }
    return out;
  }

  // prepare's arithmetic is MultiSeriesFit's (same operations, same order); arrays in locals (V8
  // reloads this.* fields in loops)
  private prepare(g: number, f: number): { c1: number; c2: number; c3: number } {
    const J = this.J, P = this.P, T = this.T, nB = this.nBins, c = this.c, co = this.coef, br = this.binRatio, r = this.r;
    const cc2 = this.cc2, cc3 = this.cc3, pj = this.pj, pl = this.pl, tj = this.tj, tl = this.tl, tm = this.tm, mult2 = this.mult2, mult3 = this.mult3;
    const g1 = f > 0 ? g + 1 : g;
    for (let j = 0; j < J; j++) c[j] = (1 - f) * co[g * J + j] + f * co[g1 * J + j];
    for (let p = 0; p < P; p++) cc2[p] = mult2[p] * c[pj[p]] * c[pl[p]];
    for (let t = 0; t < T; t++) cc3[t] = mult3[t] * c[tj[t]] * c[tl[t]] * c[tm[t]];
    let c1 = 0, c2 = 0, c3 = 0;
    for (let b = 0; b < nB; b++) r[b] = (1 - f) * br[g * nB + b] + f * br[g1 * nB + b];
    if (this.work !== null) {
      const w = this.work;
      w.sums(this.nOcc, this.nEx);
      return { c1: w.sum[0], c2: w.sum[1], c3: w.sum[2] };
    }
    // bins without series events hold +0 moments, whose terms would add +0: skipped
    const occ = this.occ, nOcc = this.nOcc, mm = this.m, S = this.S;
    for (let u = 0; u < nOcc; u++) {
      const b = occ[u], rb = r[b];
      let s1 = 0, s2 = 0, s3 = 0;
      const q = b * S;
      for (let j = 0; j < J; j++) s1 += c[j] * mm[q + j];
      for (let p = 0; p < P; p++) s2 += cc2[p] * mm[q + J + p];
      for (let t = 0; t < T; t++) s3 += cc3[t] * mm[q + J + P + t];
      c1 += rb * s1;
      c2 += rb * rb * s2;
      c3 += rb * rb * rb * s3;
    }
    // the exact events' components and bins, gathered once per fit (exZ, exB)
    const exZ = this.exZ, exB = this.exB, x = this.x, nEx = this.nEx;
    for (let e = 0, o = 0; e < nEx; e++) {
      let y = 0;
      for (let j = 0; j < J; j++) y += c[j] * exZ[o++];
      x[e] = y * r[exB[e]];
    }
    return { c1, c2, c3 };
  }

  private fitAt(N: number, g: number, f: number, nsStart: number): void {
    const { c1, c2, c3 } = this.prepare(g, f);
    this.nsFit(this.nEx, c1, c2, c3, N, nsStart, this.st);
  }

  private fitGathered(N: number, Z: Float64Array, bin: Int32Array, out: GammaFit): void {
    const G = this.gammas, nG = G.length;
    // the exact events' components and bins in event order (prepare reads them for every γ)
    if (this.exZ.length < this.nEx * this.J) {
      this.exZ = new Float64Array(this.exIdx.length * this.J);
      this.exB = new Int32Array(this.exIdx.length);
    }
    const J = this.J, exZ = this.exZ, exB = this.exB, exIdx = this.exIdx, nEx = this.nEx;
    for (let e = 0; e < nEx; e++) {
      const i = exIdx[e];
      for (let j = 0; j < J; j++) exZ[e * J + j] = Z[i * J + j];
      exB[e] = bin[i];
    }
    // bins with series events: a non-zero Σz_j² for some j (else every z_j of the bin is 0)
    const m = this.m, diag = this.diag, occ = this.occ, S = this.S;
    let nOcc = 0;
    for (let b = 0; b < this.nBins; b++) {
      const q = b * S + J;
      for (let j = 0; j < J; j++) {
        if (m[q + diag[j]] !== 0) {
          occ[nOcc++] = b;
          break;
        }
      }
    }
    this.nOcc = nOcc;
    let best = 0, nsPrev = 0;
    for (let g = 0; g < nG; g++) {
      this.fitAt(N, g, 0, nsPrev);
      this.tsG[g] = this.st.ts;
      this.nsG[g] = this.st.ns;
      nsPrev = this.st.ns;
      if (this.tsG[g] > this.tsG[best]) best = g;
    }
    out.ts = this.tsG[best];
    out.ns = this.nsG[best];
    out.gamma = G[best];
    if (!(out.ts > 0) || nG < 3) return;
    const pos = parabolicPeak(this.tsG, nG, best);
    if (Number.isNaN(pos)) return;
    const g = Math.min(Math.floor(pos), nG - 2);
    const f = pos - g;
    this.fitAt(N, g, f, out.ns);
    if (this.st.ts > out.ts) {
      out.ts = this.st.ts;
      out.ns = this.st.ns;
      out.gamma = G[g] + f * (G[g + 1] - G[g]);
    }
  }
}
