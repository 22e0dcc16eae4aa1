import { InputError } from '../errors.js';
import type { Rng } from '../stats/random.js';
import type { Dataset } from './dataset.js';
import type { EnergyRatioGrid } from './energyPdf.js';
import { fitNs, newNsFit, tsAt, type NsFit } from './fitNs.js';
import { extendedSigma, psPdf, raAveragedPsPdf } from './psf.js';
import { MultiSpline } from './spline.js';

/** One source of a point-source or stacking search (radians). */
export interface Source {
  ra: number;
  dec: number;
  /** Gaussian extension σ_ext (radians), added in quadrature; default 0 */
  extension?: number;
  /** stacking weight (equal, flux or custom); default 1 */
  weight?: number;
  name?: string;
}

export interface SourceFit extends NsFit {
  gamma: number;
}

export interface SourceSearchOptions {
  /** detector acceptance of each source on the γ grid of the energy PDF: acceptance[g][k] (events per unit flux); default equal */
  acceptance?: Float64Array[];
  /** γ search range (default [1, 4], physics.md §2.1) */
  gammaRange?: [number, number];
}

/**
 * Point-source and stacking search with n_s and γ fitted:
 *   S_i = Σ_k W_k(γ) S_ik,  W_k ∝ w_k · acc_k(γ)   (normalised to Σ W_k = 1),
 *   x_i(γ) = Σ_k W_k(γ)(S_ik − S̃_ik)/D̃_i · R_{b(i)}(γ).
 * The fit is a bracketed Newton in n_s nested in a bounded 1-D search in γ (coarse scan of
 * the profile on 7 points, then golden-section refinement around the best); robust first.
 */
export class SourceSearch {
  readonly n: number;
  readonly k: number;
  readonly ra: Float64Array;
  /** (S_ik − S̃_ik)/D̃_i, source-major: a[k·n + i] */
  readonly a: Float64Array;
  /** S̃_ik/D̃_i (for the export) */
  readonly sTildeOverD: Float64Array;
  readonly x: Float64Array;
  private readonly sigmaEff: Float64Array; // per source-major event
  private readonly srcSin: Float64Array;
  private readonly srcCos: Float64Array;
  private readonly srcRa: Float64Array;
  private readonly ratioBin: Float64Array;
  private readonly w: Float64Array;
  private readonly accSpline: MultiSpline | null;
  private readonly lnAcc: Float64Array;
  private readonly baseWeight: Float64Array;
  private readonly tmp: NsFit = newNsFit();
  private readonly result: SourceFit = { ns: 0, ts: 0, gamma: 2, iterations: 0, converged: true };
  readonly gammaRange: [number, number];

  constructor(
    readonly dataset: Dataset,
    readonly sources: Source[],
    readonly energy: EnergyRatioGrid,
    opts: SourceSearchOptions = {},
  ) {
    if (sources.length === 0) throw new InputError('SourceSearch: no sources');
    const n = dataset.n;
    const K = sources.length;
    this.n = n;
    this.k = K;
    this.gammaRange = opts.gammaRange ?? [1, 4];
    this.ra = Float64Array.from(dataset.events.ra);
    this.a = new Float64Array(K * n);
    this.sTildeOverD = new Float64Array(K * n);
    this.x = new Float64Array(n);
    this.sigmaEff = new Float64Array(K * n);
    this.srcSin = Float64Array.from(sources, (s) => Math.sin(s.dec));
    this.srcCos = Float64Array.from(sources, (s) => Math.cos(s.dec));
    this.srcRa = Float64Array.from(sources, (s) => s.ra);
    this.baseWeight = Float64Array.from(sources, (s) => s.weight ?? 1);
    for (const s of sources) {
      if (!(Math.abs(s.dec) <= Math.PI / 2)) throw new InputError(`source ${s.name ?? ''}: dec must be in [−π/2, π/2] rad, found ${s.dec}`);
      if ((s.weight ?? 1) < 0) throw new InputError(`source ${s.name ?? ''}: weight must be ≥ 0, found ${s.weight}`);
    }
    this.ratioBin = new Float64Array(energy.nBins);
    this.w = new Float64Array(K);
    this.lnAcc = new Float64Array(K);
    if (opts.acceptance) {
      if (opts.acceptance.length !== energy.gammas.length) throw new InputError(`SourceSearch: acceptance needs one row per γ grid value (${energy.gammas.length}), found ${opts.acceptance.length}`);
      this.accSpline = new MultiSpline(energy.gammas, opts.acceptance.map((r) => Float64Array.from(r, (v) => Math.log(Math.max(v, 1e-300)))));
    } else this.accSpline = null;
    const { sinDec, cosDec, dTildeSpace } = dataset;
    const sig = dataset.events.sigma;
    for (let k = 0; k < K; k++) {
      const ext = sources[k].extension ?? 0;
      for (let i = 0; i < n; i++) {
        const se = ext > 0 ? extendedSigma(sig[i], ext) : sig[i];
        this.sigmaEff[k * n + i] = se;
        this.sTildeOverD[k * n + i] = raAveragedPsPdf(sinDec[i], cosDec[i], this.srcSin[k], this.srcCos[k], se) / dTildeSpace[i];
      }
    }
    this.updateS();
  }

  /** Re-evaluate S_ik at the current RAs (the only term that changes under an RA scramble). */
  updateS(): void {
    const n = this.n;
    const { sinDec, cosDec, dTildeSpace } = this.dataset;
    for (let k = 0; k < this.k; k++) {
      const ss = this.srcSin[k];
      const cs = this.srcCos[k];
      const rs = this.srcRa[k];
      const off = k * n;
      for (let i = 0; i < n; i++) {
        const c = sinDec[i] * ss + cosDec[i] * cs * Math.cos(this.ra[i] - rs);
        this.a[off + i] = psPdf(c, this.sigmaEff[off + i]) / dTildeSpace[i] - this.sTildeOverD[off + i];
      }
    }
  }

  scrambleRa(rng: Rng): void {
    for (let i = 0; i < this.n; i++) this.ra[i] = 2 * Math.PI * rng.uniform();
    this.updateS();
  }

  unscramble(): void {
    this.ra.set(this.dataset.events.ra);
    this.updateS();
  }

  /** Source weights W_k(γ) (Σ = 1) into this.w. */
  private weights(gamma: number): Float64Array {
    const K = this.k;
    if (this.accSpline) this.accSpline.evalInto(gamma, this.lnAcc);
    let s = 0;
    for (let k = 0; k < K; k++) {
      this.w[k] = this.baseWeight[k] * (this.accSpline ? Math.exp(this.lnAcc[k]) : 1);
      s += this.w[k];
    }
    for (let k = 0; k < K; k++) this.w[k] /= s;
    return this.w;
  }

  /** Fill x with the per-event ratios at γ. */
  fillX(gamma: number): Float64Array {
    const n = this.n;
    this.energy.ratioInto(gamma, this.ratioBin);
    const bin = this.dataset.energyBin;
    const x = this.x;
    if (this.k === 1) {
      for (let i = 0; i < n; i++) x[i] = this.a[i] * this.ratioBin[bin[i]];
      return x;
    }
    const w = this.weights(gamma);
    for (let i = 0; i < n; i++) x[i] = w[0] * this.a[i];
    for (let k = 1; k < this.k; k++) {
      const wk = w[k];
      const off = k * n;
      for (let i = 0; i < n; i++) x[i] += wk * this.a[off + i];
    }
    for (let i = 0; i < n; i++) x[i] *= this.ratioBin[bin[i]];
    return x;
  }

  /** Profile TS(γ) = max over n_s at fixed γ; leaves the n_s fit in `out`. */
  profile(gamma: number, out: NsFit = this.tmp, nsStart?: number): NsFit {
    this.fillX(gamma);
    return fitNs(this.x, this.n, this.n, out, { nsStart });
  }

  /** TS at fixed (n_s, γ). */
  tsAt(ns: number, gamma: number): number {
    this.fillX(gamma);
    return tsAt(this.x, this.n, this.n, ns);
  }

  /** Fit n_s ≥ 0 and γ ∈ gammaRange. Returns an internal object reused across calls. */
  fit(out: SourceFit = this.result): SourceFit {
    const [g0, g1] = this.gammaRange;
    const nScan = 7;
    let best = -1;
    let bestTs = -Infinity;
    let bestNs = 0;
    for (let j = 0; j < nScan; j++) {
      const g = g0 + ((g1 - g0) * j) / (nScan - 1);
      const f = this.profile(g);
      if (f.ts > bestTs) {
        bestTs = f.ts;
        best = j;
        bestNs = f.ns;
      }
    }
    if (!(bestTs > 0)) {
      // n̂_s = 0 for every γ on the scan: TS = 0, γ undetermined (report the scan's first point)
      out.ns = 0;
      out.ts = 0;
      out.gamma = g0 + ((g1 - g0) * Math.max(best, 0)) / (nScan - 1);
      out.iterations = nScan;
      out.converged = true;
      return out;
    }
    // golden-section on the bracket around the best scan point
    const step = (g1 - g0) / (nScan - 1);
    let a = Math.max(g0, g0 + (best - 1) * step);
    let b = Math.min(g1, g0 + (best + 1) * step);
    const r = (Math.sqrt(5) - 1) / 2;
    let c = b - r * (b - a);
    let d = a + r * (b - a);
    let fc = this.profile(c, this.tmp, bestNs).ts;
    let fd = this.profile(d, this.tmp, this.tmp.ns).ts;
    let evals = nScan + 2;
    while (b - a > 1e-4) {
      if (fc >= fd) {
        b = d;
        d = c;
        fd = fc;
        c = b - r * (b - a);
        fc = this.profile(c, this.tmp, this.tmp.ns).ts;
      } else {
        a = c;
        c = d;
        fc = fd;
        d = a + r * (b - a);
        fd = this.profile(d, this.tmp, this.tmp.ns).ts;
      }
      evals++;
    }
    // candidates: the refined optimum and the best scan point (golden section needs unimodality)
    const gRef = 0.5 * (a + b);
    const fRef = this.profile(gRef, this.tmp, this.tmp.ns);
    if (fRef.ts >= bestTs) {
      out.gamma = gRef;
      out.ns = fRef.ns;
      out.ts = fRef.ts;
    } else {
      const gb = g0 + best * step;
      const f = this.profile(gb);
      out.gamma = gb;
      out.ns = f.ns;
      out.ts = f.ts;
    }
    out.iterations = evals + 1;
    out.converged = true;
    return out;
  }

  /**
   * 68 % interval on n_s from the profile likelihood over γ (ΔTS = 1), by bisection on
   * n ↦ max_γ TS(n, γ) (γ maximised by golden section at each n).
   */
  nsInterval(fit: SourceFit): [number, number] {
    const prof = (ns: number) => {
      const [g0, g1] = this.gammaRange;
      let best = -Infinity;
      for (let j = 0; j <= 12; j++) best = Math.max(best, this.tsAt(ns, g0 + ((g1 - g0) * j) / 12));
      return best;
    };
    const target = fit.ts - 1;
    const f = (ns: number) => prof(ns) - target;
    const bis = (lo: number, hi: number, up: boolean) => {
      for (let it = 0; it < 60 && hi - lo > 1e-3; it++) {
        const m = 0.5 * (lo + hi);
        if (f(m) > 0 === up) lo = m;
        else hi = m;
      }
      return 0.5 * (lo + hi);
    };
    const lower = f(0) >= 0 ? 0 : bis(0, fit.ns, false);
    let hi = Math.max(1, 2 * fit.ns);
    for (let k = 0; k < 40 && f(hi) > 0; k++) hi *= 2;
    return [lower, bis(fit.ns, hi, true)];
  }
}
