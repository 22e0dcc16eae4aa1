/**
 * (n_s, γ) fit of the signal-subtracted likelihood (physics.md §2.1) from per-event spatial
 * ratios y_i = (S_i − S̃_i)/D̃_i and energy bins, x_i(γ) = y_i R_{b(i)}(γ):
 *   TS(n_s, γ) = 2 Σ_i ln(1 + n_s x_i/N).
 * The algorithm (and its numbers) of the scan's PointFitter (src/scan/pointFit.ts), fed by the
 * caller instead of PointFitter's own S/S̃ passes, so trial kernels can compute y their way
 * (S̃ tables, bulk trig, several sources):
 *  - events with |y|·max_γ R ≥ bigB (or S̃/D̃·max_γ R ≥ bigB) are summed exactly; all others
 *    enter through ln(1+u) = u − u²/2 + u³/3 with per-bin moments Σy, Σy², Σy³, so one γ
 *    costs O(bins + exact events); the series error is < u⁴/4 per event with
 *    |u| ≤ n_s·bigB/N, and when that bound exceeds maxSeriesU (0.05) the fit is redone with
 *    every event exact;
 *  - γ: n_s fit on the γ grid, then a parabola through the best grid point and its
 *    neighbours, evaluated with linearly interpolated S/B.
 * Usage per fit: begin(); add(i, y, bin, big) for every event with y ≠ 0 (y also kept in the
 * caller's array for the exact refit); fit(N, y, bins, out).
 */
import { seriesNsFit, type NsState } from '../../likelihood/seriesNsFit.js';
import { InputError } from '../../errors.js';
import { parabolicPeak } from '../../stats/parabolicPeak.js';

export { seriesNsFit, type NsState };

export interface GammaFit {
  ts: number;
  ns: number;
  gamma: number;
}

/**
 * Caller-owned buffers (e.g. views of a WebAssembly memory): moments (nBins), exact list and x (capacity);
 * `nsFit`, where given, replaces seriesNsFit over x[0, m) and must equal it bit for bit (psFitWasm.ts).
 */
export interface SeriesFitBuffers {
  m1: Float64Array; m2: Float64Array; m3: Float64Array; exIdx: Int32Array; exY: Float64Array;
  x?: Float64Array;
  nsFit?: (m: number, c1: number, c2: number, c3: number, N: number, nsStart: number, out: NsState) => void;
  /**
   * `prepX(m, o0, o1, f)`, where given, writes x[j] = exY[j]·((1 − f)·binRatio[o0 + b_j] + f·binRatio[o1 + b_j]) for
   * j < m, b_j the bin of event exIdx[j] (prepare's loop; it must equal it bit for bit and read the same arrays)
   */
  prepX?: (m: number, o0: number, o1: number, f: number) => void;
}

export class SeriesFit {
  bigB = 10;
  maxSeriesU = 0.05;
  /** fits redone with every event exact (diagnostic) */
  exactRefits = 0;
  readonly m1: Float64Array;
  readonly m2: Float64Array;
  readonly m3: Float64Array;
  /** the exact events (index, y), filled by add() or by the caller's own pass (setExactCount) */
  readonly exIdx: Int32Array;
  readonly exY: Float64Array;
  private readonly x: Float64Array;
  /** energy bin of each exact event (gathered once per fit) */
  private readonly exB: Int32Array;
  /** bins with a nonzero moment (listed once per fit) */
  private readonly nzBins: Int32Array;
  private nNz = 0;
  private readonly tsG: Float64Array;
  private readonly nsG: Float64Array;
  private nEx = 0;
  private c1 = 0;
  private c2 = 0;
  private c3 = 0;
  private fitNsV = 0;
  private fitTs = 0;
  private readonly nG: number;

  /** binRatio[g·nBins + b] (S/B per γ grid value and bin) and binRatioMax are read at fit time (callers may update them in place). */
  /**
   * binRatio[g·nBins + b] (S/B per γ grid value and bin) and binRatioMax are read at fit time (callers may update them in place).
   * `bufs`: caller-owned moment and exact-list arrays (nBins and capacity entries; e.g. views of a WebAssembly memory).
   */
  constructor(readonly gammas: Float64Array, readonly nBins: number, readonly binRatio: Float64Array, readonly binRatioMax: Float64Array, capacity: number, bufs?: SeriesFitBuffers) {
    this.nG = gammas.length;
    this.m1 = bufs?.m1 ?? new Float64Array(nBins);
    this.m2 = bufs?.m2 ?? new Float64Array(nBins);
    this.m3 = bufs?.m3 ?? new Float64Array(nBins);
    this.exIdx = bufs?.exIdx ?? new Int32Array(capacity);
    this.exY = bufs?.exY ?? new Float64Array(capacity);
    if (this.m1.length < nBins || this.exIdx.length < capacity || this.exY.length < capacity) throw new InputError(`SeriesFit: buffers need ${nBins} bins and ${capacity} events`);
    this.x = bufs?.x ?? new Float64Array(capacity);
    if (this.x.length < capacity) throw new InputError(`SeriesFit: buffers need ${capacity} events`);
    this.nsFit = bufs?.nsFit ?? null;
    this.prepX = bufs?.prepX ?? null;
    this.exB = new Int32Array(capacity);
    this.nzBins = new Int32Array(nBins);
    this.tsG = new Float64Array(this.nG);
    this.nsG = new Float64Array(this.nG);
  }

  begin(): void {
    this.m1.fill(0);
    this.m2.fill(0);
    this.m3.fill(0);
    this.nEx = 0;
  }

  /** After the caller's own pass wrote n exact events to exIdx/exY[0, n) (and the moments) since begin(): add() continues after them. */
  setExactCount(n: number): void {
    this.nEx = n;
  }

  /** Event i with ratio y in energy bin b; `bt` = S̃_i/D̃_i (events with a large S̃ term are always exact). */
  add(i: number, y: number, b: number, bt: number): void {
    const rm = this.binRatioMax[b];
    if ((y < 0 ? -y : y) * rm >= this.bigB || bt * rm >= this.bigB) {
      this.exIdx[this.nEx] = i;
      this.exY[this.nEx++] = y;
      return;
    }
    const y2 = y * y;
    this.m1[b] += y;
    this.m2[b] += y2;
    this.m3[b] += y2 * y;
  }

  /** Fit (n_s, γ) over N events; y and bin hold every event's ratio and bin (for the exact refit). */
  fit(N: number, y: Float64Array, bin: Int32Array, out: GammaFit): GammaFit {
    this.fitGathered(N, bin, out);
    if ((out.ns * this.bigB) / N > this.maxSeriesU) {
      this.m1.fill(0);
      this.m2.fill(0);
      this.m3.fill(0);
      let ne = 0;
      for (let i = 0; i < N; i++) {
        if (y[i] === 0) continue;
        this.exIdx[ne] = i;
        this.exY[ne++] = y[i];
      }
      this.nEx = ne;
      this.fitGathered(N, bin, out);
      this.exactRefits++;
    }
    return out;
  }

  /**
   * per-bin S/B at grid index g, or interpolated a fraction f towards g+1; x and the series coefficients.
   * Bins without moments add +0 to c1…c3 and are skipped (nzBins, listed per fit: the same sums).
   */
  private prepare(g: number, f: number): void {
    const nB = this.nBins, br = this.binRatio, nz = this.nzBins, m1 = this.m1, m2 = this.m2, m3 = this.m3;
    const o0 = g * nB, o1 = (f > 0 ? g + 1 : g) * nB;
    let c1 = 0, c2 = 0, c3 = 0;
    for (let q = 0; q < this.nNz; q++) {
      const b = nz[q];
      const rb = (1 - f) * br[o0 + b] + f * br[o1 + b];
      c1 += rb * m1[b];
      c2 += rb * rb * m2[b];
      c3 += rb * rb * rb * m3[b];
    }
    this.c1 = c1;
    this.c2 = c2;
    this.c3 = c3;
    if (this.prepX) {
      this.prepX(this.nEx, o0, o1, f);
      return;
    }
    const x = this.x, exY = this.exY, exB = this.exB;
    for (let j = 0; j < this.nEx; j++) {
      const b = exB[j];
      x[j] = exY[j] * ((1 - f) * br[o0 + b] + f * br[o1 + b]);
    }
  }


  private readonly nsFit: SeriesFitBuffers['nsFit'] | null;
  private readonly prepX: SeriesFitBuffers['prepX'] | null;

  private fitNs(N: number, nsStart: number): void {
    if (this.nsFit) this.nsFit(this.nEx, this.c1, this.c2, this.c3, N, nsStart, this.st);
    else seriesNsFit(this.x, this.nEx, this.c1, this.c2, this.c3, N, nsStart, this.st);
    this.fitNsV = this.st.ns;
    this.fitTs = this.st.ts;
  }

  private readonly st: NsState = { ns: 0, ts: 0 };

  private fitGathered(N: number, bin: Int32Array, out: GammaFit): void {
    const G = this.gammas, nG = this.nG;
    for (let j = 0; j < this.nEx; j++) this.exB[j] = bin[this.exIdx[j]];
    let nNz = 0;
    for (let b = 0; b < this.nBins; b++) if (this.m1[b] !== 0 || this.m2[b] !== 0 || this.m3[b] !== 0) this.nzBins[nNz++] = b;
    this.nNz = nNz;
    let best = 0;
    let nsPrev = 0;
    for (let g = 0; g < nG; g++) {
      this.prepare(g, 0);
      this.fitNs(N, nsPrev);
      this.tsG[g] = this.fitTs;
      this.nsG[g] = this.fitNsV;
      nsPrev = this.fitNsV;
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
    this.prepare(g, f);
    this.fitNs(N, out.ns);
    if (this.fitTs > out.ts) {
      out.ts = this.fitTs;
      out.ns = this.fitNsV;
      out.gamma = G[g] + f * (G[g + 1] - G[g]);
    }
  }
}
