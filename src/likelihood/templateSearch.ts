import type { Rng } from '../stats/random.js';
import { RA_STEP } from './scramble.js';
import type { Dataset } from './dataset.js';
import { fitNs, newNsFit, nsInterval, type NsFit } from './fitNs.js';
import { fitNsSeries } from './fitNsSeries.js';
import { densityCells, type TemplateLookup, type UpdatedBgX } from './templateLookup.js';
import { TemplateEventPdf, type TemplateSpatial } from './templatePdf.js';

/**
 * |x| above which an event is fitted exactly rather than through the power sums (fitNsSeries):
 * ~2 % of a 60k cascade sample (xb = 2: 5 %, and a 3× slower fit; 4: fallbacks to the exact fit).
 */
const SERIES_XB = 3;

/**
 * Template search (n_s only, spectrum fixed): per-event arrays preallocated once, a scramble
 * method that re-evaluates only S (the pixel lookup at the new RA), and an allocation-free fit.
 *   x_i = (S_i − S̃_i)/D̃_i · R_i,   TS = 2 Σ ln(1 + n_s x_i/N)   (physics.md §2.1).
 */
export class TemplateSearch {
  readonly n: number;
  /** current RAs (scrambles overwrite this copy, never the dataset's) */
  readonly ra: Float64Array;
  readonly s: Float64Array;
  readonly sTilde: Float64Array;
  /** energy S/B per event */
  readonly eRatio: Float64Array;
  /** combined per-event ratio x_i */
  readonly x: Float64Array;
  private readonly pdf: TemplateEventPdf;
  private readonly result: NsFit = newNsFit();
  /** WebAssembly evaluator (S, x and power sums in one call), null where unavailable */
  private readonly fast: TemplateLookup | null;

  /** the WebAssembly evaluator whose memory holds ra, s and x (null on the JS path), for trial kernels that draw RAs there */
  get lookup(): TemplateLookup | null {
    return this.fast;
  }

  constructor(
    readonly dataset: Dataset,
    readonly spatial: TemplateSpatial,
    /** energy S/B per (sin δ, log E) bin for the template's fixed spectrum (energyRatio()) */
    energyRatioPerBin: Float64Array,
    readonly name = 'template',
  ) {
    const n = dataset.n;
    this.n = n;
    this.pdf = new TemplateEventPdf(spatial, dataset.events.dec, dataset.events.sigma);
    this.sTilde = new Float64Array(n);
    this.eRatio = new Float64Array(n);
    this.pdf.evalSTilde(dataset.sinDec, this.sTilde);
    for (let i = 0; i < n; i++) this.eRatio[i] = energyRatioPerBin[dataset.energyBin[i]];
    const cx = Float64Array.from(this.eRatio, (e, i) => e / dataset.dTildeSpace[i]);
    const nGrid = dataset.bgDensity.x.length;
    const bg = { ...densityCells(nGrid, dataset.sinDec), bin: dataset.energyBin, nGrid, nBins: energyRatioPerBin.length };
    this.fast = this.pdf.lookup(this.sTilde, cx, SERIES_XB, bg);
    // on the WebAssembly path ra, s and x are views of the kernel's memory (no copies per trial)
    this.ra = this.fast ? this.fast.ra : new Float64Array(n);
    this.s = this.fast ? this.fast.s : new Float64Array(n);
    this.x = this.fast ? this.fast.x : new Float64Array(n);
    this.ra.set(dataset.events.ra);
    this.updateS();
  }

  /**
   * Re-evaluate S (and x) at the current RAs. The WebAssembly path gives the same S and x to
   * rounding (R/D̃ precomputed), and the power sums that fit() uses until x or ra change.
   */
  updateS(): void {
    if (this.fast) {
      // power sums only when the fit needs them (fit())
      this.fast.run(this.ra, this.s, this.x, false);
      return;
    }
    this.pdf.evalS(this.ra, this.s);
    const d = this.dataset.dTildeSpace;
    for (let i = 0; i < this.n; i++) this.x[i] = ((this.s[i] - this.sTilde[i]) / d[i]) * this.eRatio[i];
  }

  /**
   * Take the RAs of `src` (a search on the same events, e.g. another template on the same scramble,
   * just updated) and re-evaluate S; on the WebAssembly path the template-independent ring
   * arithmetic is copied from src instead of recomputed (correlated trials).
   */
  updateSFrom(src: TemplateSearch): void {
    if (this.fast && src.fast && this.n === src.n) {
      this.fast.runFrom(src.fast, false);
      return;
    }
    this.ra.set(src.ra);
    this.updateS();
  }

  /**
   * For signal trials that rebuild the background (csky update_bg): x at the current S with the
   * sin δ density grid `pGrid` (the dataset's grid size) and energy S/B per bin `ratio`, with its
   * power sums for fitNsSeries (xb = seriesXb). null without the WebAssembly path. The views are
   * valid until the next call; this search's own x and fit are untouched.
   */
  xWithBackground(pGrid: Float64Array, ratio: Float64Array): UpdatedBgX | null {
    return this.fast ? this.fast.updatedBg(pGrid, ratio) : null;
  }

  /** |x| threshold of the power-sum fit (fitNsSeries) */
  get seriesXb(): number {
    return SERIES_XB;
  }

  /** Replace every RA by a uniform draw and re-evaluate S. S̃, D̃ and the energy term do not change. */
  scrambleRa(rng: Rng): void {
    // bulk fill: the same 32-bit draws as n nextUint32() calls, ~5× faster
    rng.fillUint32Scaled(this.ra, this.n, RA_STEP);
    this.updateS();
  }

  /** Restore the observed RAs. */
  unscramble(): void {
    this.ra.set(this.dataset.events.ra);
    this.updateS();
  }

  /**
   * Fit n_s ≥ 0; returns an internal object reused across calls (copy it if you keep it).
   * After updateS() on the WebAssembly path the fit runs on the power sums of x (fitNsSeries: equal
   * to fitNs within a proven 1e-10 relative bound, else fitNs itself). If you edit `x` in place,
   * call fitNs(search.x, …) instead.
   */
  fit(out: NsFit = this.result): NsFit {
    if (this.fast) {
      // slope at n_s = 0 not positive (about half the background trials): n̂_s = 0 as in fitNs, no power sums needed
      if (!(this.fast.sumX > 0)) {
        out.ns = 0;
        out.ts = 0;
        out.iterations = 0;
        out.converged = true;
        return out;
      }
      this.fast.ensureSums();
      return fitNsSeries(this.fast.sums, this.fast.exact, this.fast.nExact, SERIES_XB, this.x, this.n, this.n, out);
    }
    return fitNs(this.x, this.n, this.n, out);
  }

  /** 68 % profile-likelihood interval on n_s (ΔTS = 1). */
  nsInterval(fit: NsFit): [number, number] {
    return nsInterval(this.x, this.n, this.n, fit);
  }

  /** Per-event ratios like the release's event_contributions_gp.csv (SoB_space, SoB_space_ss, SoB_energy). */
  contributions(): { sobSpace: Float64Array; sobSpaceSS: Float64Array; sobEnergy: Float64Array } {
    const d = this.dataset.dTildeSpace;
    return {
      sobSpace: Float64Array.from(this.s, (v, i) => v / d[i]),
      sobSpaceSS: Float64Array.from(this.sTilde, (v, i) => v / d[i]),
      sobEnergy: Float64Array.from(this.eRatio),
    };
  }
}
