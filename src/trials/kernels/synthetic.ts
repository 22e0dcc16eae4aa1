/**
 * Shared setup of the point-source / stacking kernels: events (a nusky sample
 * file, or the likelihood package's synthetic cascade-like sample), the data
 * background model (likelihood Dataset) and an energy S/B grid.
 *
 * Energy model: 'ideal-powerlaw' = signal E^-γ with perfect energy resolution
 * (likelihood/synthetic powerLawHistogram). Exact for the synthetic sample;
 * for real data it ignores the energy dispersion of the IRF (a known limitation
 * until an IRF-folded signal histogram is wired in).
 */
import { Rng } from '../../stats/random.js';
import { syntheticEvents, powerLawHistogram } from '../../likelihood/synthetic.js';
import { Dataset, type EventArrays } from '../../likelihood/dataset.js';
import { EnergyRatioGrid, PAPER_ENERGY_BINNING } from '../../likelihood/energyPdf.js';
import { DEFAULT_GAMMAS } from '../../scan/data.js';
import { readSample } from '../../events/io.js';
import { loadDnnCascadeIrf, type Irf } from '../../irf/irf.js';
import { recoEnergyHistogram } from '../../irf/expectation.js';
import { simulateSample } from '../../sim/simulate.js';
import { dnnCascadeUptime } from '../../sim/uptime.js';
import type { Signal } from '../../sim/signal.js';
import { powerLawFromE2At100TeV } from '../../flux/powerLaw.js';
import { InputError } from '../../errors.js';

export interface EventSourceConfig {
  /** a nusky event sample file (Parquet/FITS/CSV) */
  events?: string;
  /** or a synthetic sample: background events and its seed */
  synthetic?: { nBackground: number; seed?: number };
}

export async function loadEvents(c: EventSourceConfig): Promise<EventArrays> {
  if (c.events) {
    const s = await readSample(c.events);
    return { ra: s.ra, dec: s.dec, sigma: s.angErr, logE: s.logE };
  }
  if (c.synthetic) {
    if (!(Number.isInteger(c.synthetic.nBackground) && c.synthetic.nBackground > 0)) throw new InputError(`kernel config: synthetic.nBackground must be a positive integer, found ${c.synthetic.nBackground}`);
    return syntheticEvents(new Rng(c.synthetic.seed ?? 12345), { nBackground: c.synthetic.nBackground });
  }
  throw new InputError('kernel config: give "events" (a sample file) or "synthetic" ({nBackground, seed})');
}

export interface EnergyModelConfig {
  /** 'ideal' (E^-γ, perfect energy resolution; default) or 'irf' (the DNN-cascade IRF: effective area × energy dispersion) */
  energy?: 'ideal' | 'irf';
}

export interface EnergyModel {
  grid: EnergyRatioGrid;
  irf: Irf | null;
  /** expected signal histogram over the energy-PDF bins for E^-γ (any normalisation) */
  signalHist(gamma: number): Float64Array;
  /** draws the energy-PDF bin of a signal event at sin δ for an E^-γ spectrum */
  binSampler(gamma: number): (rng: Rng, sinDec: number) => number;
}

let irfCache: Irf | null = null;

/** Energy S/B grid and signal-energy sampler for a kernel. */
export function energyModel(ds: Dataset, kind: EnergyModelConfig['energy'] = 'ideal', gammas: ArrayLike<number> = DEFAULT_GAMMAS): EnergyModel {
  const b = PAPER_ENERGY_BINNING;
  const nE = b.logEEdges.length - 1;
  const row = (sinDec: number) => findEdge(b.sinDecEdges, sinDec);
  if (kind === 'irf') {
    const irf = (irfCache ??= loadDnnCascadeIrf());
    const hist = (g: number) => recoEnergyHistogram(irf, (e) => Math.pow(e / 1e5, -g), b.sinDecEdges, b.logEEdges);
    const g = Array.from(gammas);
    const grid = new EnergyRatioGrid(b, g, g.map(hist), ds.bgEnergyHist);
    return {
      grid,
      irf,
      signalHist: hist,
      binSampler(gamma) {
        const h = hist(gamma);
        const cum = new Float64Array(h.length);
        for (let r = 0; r < h.length / nE; r++) {
          let a = 0;
          for (let c = 0; c < nE; c++) cum[r * nE + c] = a += h[r * nE + c];
        }
        return (rng, sinDec) => {
          const r = row(sinDec);
          const tot = cum[r * nE + nE - 1];
          if (!(tot > 0)) return r * nE + findEdge(b.logEEdges, drawLogE(rng, gamma));
          const u = rng.uniform() * tot;
          let c = 0;
          while (c < nE - 1 && cum[r * nE + c] < u) c++;
          return r * nE + c;
        };
      },
    };
  }
  return {
    grid: idealEnergyGrid(ds, gammas),
    irf: null,
    signalHist: (g) => powerLawHistogram(PAPER_ENERGY_BINNING, g),
    binSampler: (gamma) => (rng, sinDec) => row(sinDec) * nE + findEdge(b.logEEdges, drawLogE(rng, gamma)),
  };
}

/** Bin of v in ascending edges, clamped to the first/last bin (as likelihood/energyPdf). */
export function findEdge(e: Float64Array, v: number): number {
  const n = e.length - 1;
  if (!(v > e[0])) return 0;
  if (v >= e[n]) return n - 1;
  let lo = 0, hi = n;
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (v >= e[m]) lo = m;
    else hi = m;
  }
  return lo;
}

export function idealEnergyGrid(ds: Dataset, gammas: ArrayLike<number> = DEFAULT_GAMMAS): EnergyRatioGrid {
  const g = Array.from(gammas);
  return new EnergyRatioGrid(PAPER_ENERGY_BINNING, g, g.map((x) => powerLawHistogram(PAPER_ENERGY_BINNING, x)), ds.bgEnergyHist);
}

/** log10 E of an E^-γ draw between 10^lo and 10^hi GeV (inverse cdf). */
export function drawLogE(rng: Rng, gamma: number, lo = Math.log10(500), hi = 7.5): number {
  if (Math.abs(gamma - 1) < 1e-9) return lo + (hi - lo) * rng.uniform();
  const a = 1 - gamma;
  const l = Math.pow(10, a * lo), h = Math.pow(10, a * hi);
  return Math.log10(l + rng.uniform() * (h - l)) / a;
}

/**
 * A direction drawn from a von Mises–Fisher distribution (κ = 1/σ²) around
 * (ra0, dec0): exact sampling of w = cos ψ (Wood 1994 for p = 3), uniform azimuth.
 * Writes [ra, dec] into out.
 */
export function drawVmf(rng: Rng, ra0: number, dec0: number, sigma: number, out: Float64Array): void {
  const kappa = 1 / (sigma * sigma);
  const u = rng.uniform();
  const w = kappa > 700 ? 1 + Math.log(u || 1e-300) / kappa : 1 + Math.log(u + (1 - u) * Math.exp(-2 * kappa)) / kappa;
  const s = Math.sqrt(Math.max(0, 1 - w * w));
  const phi = 2 * Math.PI * rng.uniform();
  // local frame at the source: e_r, e_east, e_north
  const cd = Math.cos(dec0), sd = Math.sin(dec0), ca = Math.cos(ra0), sa = Math.sin(ra0);
  const x = w * cd * ca + s * (Math.cos(phi) * -sa + Math.sin(phi) * -sd * ca);
  const y = w * cd * sa + s * (Math.cos(phi) * ca + Math.sin(phi) * -sd * sa);
  const z = w * sd + s * Math.sin(phi) * cd;
  out[0] = (Math.atan2(y, x) + 2 * Math.PI) % (2 * Math.PI);
  out[1] = Math.asin(Math.max(-1, Math.min(1, z)));
}

/** Signal events for injection by resampling (as csky injects from simulation). */
export interface SignalReservoir {
  ra: Float64Array;
  dec: Float64Array;
  sigma: Float64Array;
  /** energy-PDF bin */
  bin: Int32Array;
}

/**
 * Simulate about `m` signal events once with the simulator (src/sim: IRF effective area,
 * energy dispersion, PSF and the angErr model), for a signal of E^-γ whose flux per
 * expected event is `fluxPerEvent` (E²dN/dE at 100 TeV). `make(spectrum)` builds the Signal.
 */
export function simulateSignalReservoir(irf: Irf, rng: Rng, gamma: number, fluxPerEvent: number, m: number, make: (spectrum: ReturnType<typeof powerLawFromE2At100TeV>) => Signal): SignalReservoir {
  const spectrum = powerLawFromE2At100TeV(m * fluxPerEvent, gamma);
  const s = simulateSample({ irf, uptime: dnnCascadeUptime(irf.livetimeS), rng, background: null, signals: [make(spectrum)] });
  if (s.n === 0) throw new InputError('signal reservoir: the simulation produced no events');
  const b = PAPER_ENERGY_BINNING;
  const nE = b.logEEdges.length - 1;
  const bin = new Int32Array(s.n);
  for (let i = 0; i < s.n; i++) bin[i] = findEdge(b.sinDecEdges, Math.sin(s.dec[i])) * nE + findEdge(b.logEEdges, s.logE[i]);
  return { ra: Float64Array.from(s.ra), dec: Float64Array.from(s.dec), sigma: Float64Array.from(s.angErr), bin };
}
