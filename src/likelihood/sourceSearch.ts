import { InputError } from '../errors.js';
import type { Rng } from '../stats/random.js';
import { RA_STEP } from './scramble.js';
import type { Dataset } from './dataset.js';
import type { EnergyRatioGrid } from './energyPdf.js';
import { fitNs, newNsFit, tsAt, type NsFit } from './fitNs.js';
import { fitBrentProfile, profileNsInterval } from './sourceFitBrent.js';
import { pass2d } from './sourcePass.js';
import { KENT_MIN_SIGMA, extendedSigma, gaussSphereNorm, raAveragedPsPdf } from './psf.js';
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
 * The fit is a bracketed Halley/Newton in n_s nested in a bounded 1-D search in γ (coarse
 * scan of the profile on 4 points, then Brent's method around the best).
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
  /** per (source, event): PDF prefactor / D̃_i, exponent coefficient, and 1 for vMF / 0 for Gaussian */
  private readonly norm: Float64Array;
  private readonly coef: Float64Array;
  private readonly vmf: Uint8Array;
  private readonly srcSin: Float64Array;
  private readonly srcCos: Float64Array;
  private readonly srcRa: Float64Array;
  private readonly ratioBin: Float64Array;
  private readonly dRatio: Float64Array;
  private readonly d2Ratio: Float64Array;
  /** Σ_k W_k a_ik for γ-independent weights (the 2-D Newton's spatial factor) */
  private readonly aSum: Float64Array;
  private readonly p2 = new Float64Array(6);
  private readonly w: Float64Array;
  private readonly accSpline: MultiSpline | null;
  private readonly lnAcc: Float64Array;
  private readonly baseWeight: Float64Array;
  private readonly tmp: NsFit = newNsFit();
  private readonly result: SourceFit = { ns: 0, ts: 0, gamma: 2, iterations: 0, converged: true };
  readonly gammaRange: [number, number];
  /** tolerance of the γ search */
  gammaTol = 1e-3;
  /** how many fit() calls fell back to fitBrent() (diagnostic) */
  fallbacks = 0;

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
    this.norm = new Float64Array(K * n);
    this.coef = new Float64Array(K * n);
    this.vmf = new Uint8Array(K * n);
    this.srcSin = Float64Array.from(sources, (s) => Math.sin(s.dec));
    this.srcCos = Float64Array.from(sources, (s) => Math.cos(s.dec));
    this.srcRa = Float64Array.from(sources, (s) => s.ra);
    this.baseWeight = Float64Array.from(sources, (s) => s.weight ?? 1);
    for (const s of sources) {
      if (!(Math.abs(s.dec) <= Math.PI / 2)) throw new InputError(`source ${s.name ?? ''}: dec must be in [−π/2, π/2] rad, found ${s.dec}`);
      if ((s.weight ?? 1) < 0) throw new InputError(`source ${s.name ?? ''}: weight must be ≥ 0, found ${s.weight}`);
    }
    this.ratioBin = new Float64Array(energy.nBins);
    this.dRatio = new Float64Array(energy.nBins);
    this.d2Ratio = new Float64Array(energy.nBins);
    this.aSum = K === 1 ? this.a : new Float64Array(n);
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
        // constants of psf.ts' psPdf, divided by D̃_i, so a scramble costs one exp per event
        const j = k * n + i;
        if (se < KENT_MIN_SIGMA) {
          this.coef[j] = -0.5 / (se * se);
          this.norm[j] = 1 / (2 * Math.PI * se * se * gaussSphereNorm(se)) / dTildeSpace[i];
        } else {
          const kappa = 1 / (se * se);
          this.vmf[j] = 1;
          this.coef[j] = kappa;
          this.norm[j] = kappa / (2 * Math.PI * -Math.expm1(-2 * kappa)) / dTildeSpace[i];
        }
        this.sTildeOverD[k * n + i] = raAveragedPsPdf(sinDec[i], cosDec[i], this.srcSin[k], this.srcCos[k], se) / dTildeSpace[i];
      }
    }
    this.updateS();
  }

  /** Re-evaluate S_ik at the current RAs (the only term that changes under an RA scramble). */
  updateS(): void {
    const n = this.n;
    const { sinDec, cosDec } = this.dataset;
    const { norm, coef, vmf } = this;
    for (let k = 0; k < this.k; k++) {
      const ss = this.srcSin[k];
      const cs = this.srcCos[k];
      const rs = this.srcRa[k];
      const off = k * n;
      for (let i = 0; i < n; i++) {
        const j = off + i;
        let c = sinDec[i] * ss + cosDec[i] * cs * Math.cos(this.ra[i] - rs);
        if (c > 1) c = 1;
        else if (c < -1) c = -1;
        let S: number;
        if (vmf[j] === 1) S = norm[j] * Math.exp(coef[j] * (c - 1));
        else {
          const psi = Math.acos(c);
          S = norm[j] * Math.exp(coef[j] * psi * psi);
        }
        this.a[j] = S - this.sTildeOverD[j];
      }
    }
  }

  scrambleRa(rng: Rng): void {
    for (let i = 0; i < this.n; i++) this.ra[i] = rng.nextUint32() * RA_STEP;
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

  /**
   * Fit n_s ≥ 0 and γ ∈ gammaRange. Profile TS(γ) on 3 scan points (1, 2.5, 4 for the default
   * range), then a 2-D Newton iteration in (n_s, γ) from the best one with the analytic gradient
   * and Hessian (γ enters through the spline-interpolated S/B, whose dR/dγ and d²R/dγ² are exact
   * for the interpolant), with backtracking and the γ bounds handled as KKT conditions. Falls
   * back to fitBrent() when the Hessian is not negative definite, a step fails, or the weights
   * depend on γ (acceptance-weighted stacking). Returns an internal object reused across calls.
   */
  fit(out: SourceFit = this.result): SourceFit {
    if (this.accSpline) return this.fitBrent(out);
    const [g0, g1] = this.gammaRange;
    let bestTs = -Infinity;
    let gB = g0;
    let nB = 0;
    let warm = 0;
    for (let j = 0; j < 3; j++) {
      const g = g0 + ((g1 - g0) * j) / 2;
      // full n_s profile at each scan point: a cheaper lower bound picked the wrong γ basin on
      // background scrambles (tested against fitBrent)
      const f = this.profile(g, this.tmp, warm > 0 ? warm : undefined);
      warm = f.ns;
      if (f.ts > bestTs) {
        bestTs = f.ts;
        gB = g;
        nB = f.ns;
      }
    }
    out.converged = true;
    if (!(bestTs > 0)) {
      // n̂_s = 0 at every scanned γ: TS = 0, γ undetermined (reported as the first scan point)
      out.ns = 0;
      out.ts = 0;
      out.gamma = gB;
      out.iterations = 3;
      return out;
    }
    if (this.k > 1) {
      const w = this.weights(gB);
      const n = this.n;
      this.aSum.fill(0);
      for (let k = 0; k < this.k; k++) for (let i = 0; i < n; i++) this.aSum[i] += w[k] * this.a[k * n + i];
    }
    const P = this.p2;
    let n = nB;
    let g = gB;
    let ts = this.pass2d(n, g, P);
    let it = 0;
    for (; it < 30; it++) {
      const [, gn, gg, hnn, hng, hgg] = P;
      const atLo = g <= g0 && gg < 0;
      const atHi = g >= g1 && gg > 0;
      if (atLo || atHi) {
        // γ at a bound with ∂TS/∂γ outward: maximise n_s there, then check the KKT condition
        // with the gradient at the profile point (∂TS/∂γ at n̂_s(γ) is the profile's slope)
        const f = this.profile(g, this.tmp, n);
        n = f.ns;
        ts = this.pass2d(n, g, P);
        if ((atLo && P[2] <= 0) || (atHi && P[2] >= 0) || n === 0) break;
        continue;
      }
      const det = hnn * hgg - hng * hng;
      if (!(hnn < 0 && det > 0)) return this.fitBrent(out);
      let dn = -(hgg * gn - hng * gg) / det;
      let dg = -(hnn * gg - hng * gn) / det;
      // keep γ inside its range (scale the whole step)
      let scale = 1;
      if (g + dg > g1) scale = (g1 - g) / dg;
      else if (g + dg < g0) scale = (g0 - g) / dg;
      dn *= scale;
      dg *= scale;
      // converged when the full Newton step is negligible (not a backtracked one)
      const small = Math.abs(dn) <= 1e-7 * Math.max(1, n) && Math.abs(dg) <= 1e-6;
      let accepted = false;
      for (let bt = 0; bt < 8; bt++) {
        const nn = n + dn;
        const gnew = Math.min(g1, Math.max(g0, g + dg));
        if (nn > 0) {
          const t = this.pass2d(nn, gnew, P);
          if (t >= ts - 1e-12 * Math.max(1, ts)) {
            n = nn;
            g = gnew;
            ts = t;
            accepted = true;
            break;
          }
        }
        dn *= 0.5;
        dg *= 0.5;
      }
      if (!accepted) {
        if (small) break; // at the optimum to rounding: TS cannot increase further
        return this.fitBrent(out);
      }
      if (small) break;
    }
    if (!(ts >= bestTs - 1e-9 * Math.max(1, bestTs))) return this.fitBrent(out);
    out.ns = n;
    out.gamma = g;
    out.ts = ts;
    out.iterations = 3 + it + 1;
    return out;
  }

  /** One fused pass at (n, γ) for γ-independent weights: TS, gradient, Hessian into P (sourcePass.ts). */
  pass2d(ns: number, gamma: number, P: Float64Array): number {
    this.energy.ratioInto(gamma, this.ratioBin, this.dRatio, this.d2Ratio);
    return pass2d(this.aSum, this.dataset.energyBin, this.ratioBin, this.dRatio, this.d2Ratio, this.n, ns, P);
  }

  /** Robust fit (the fallback of fit()): 4-point profile scan + Brent in γ (sourceFitBrent.ts). */
  fitBrent(out: SourceFit = this.result): SourceFit {
    this.fallbacks++;
    return fitBrentProfile(this, out);
  }

  /** 68 % interval on n_s from the profile likelihood over γ (ΔTS = 1). */
  nsInterval(fit: SourceFit): [number, number] {
    return profileNsInterval(this, fit);
  }
}
