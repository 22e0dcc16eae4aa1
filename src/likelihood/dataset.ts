import { InputError } from '../errors.js';
import { DEFAULT_SINDEC_BANDWIDTH, backgroundSpacePdf, sinDecKde, type SinDecDensity } from './background.js';
import { PAPER_ENERGY_BINNING, energyBinIndex, histogramEvents, type EnergyBinning } from './energyPdf.js';

/**
 * Events as the likelihood sees them: structure of arrays, radians, log10(E_reco/GeV).
 * (src/events' readers produce these columns; `sigma` is the corrected angErr.)
 */
export interface EventArrays {
  ra: Float64Array;
  dec: Float64Array;
  /** per-event angular uncertainty σ (radians) */
  sigma: Float64Array;
  logE: Float64Array;
}

export interface DatasetOptions {
  /** energy-PDF binning (default: the paper's 19 × 19, physics.md §2.4) */
  binning?: EnergyBinning;
  /** sin δ KDE bandwidth (default 5°, in sin δ units) */
  sinDecBandwidth?: number;
  /** provenance, copied into results */
  sample?: string;
}

/**
 * A Dataset: the events and the data-driven background model (gammapy's Dataset). The
 * background D̃ comes from the RA-scrambled data: uniform in RA, a KDE in sin δ, and an
 * event histogram in (sin δ, log E) for the energy term. None of it depends on RA, so RA
 * scrambles leave it unchanged (csky's update_bg is then a no-op).
 *
 * The dataset keeps its own copy of the events SORTED BY σ (`order[i]` = row in the input),
 * so that template lookups after a scramble read the smoothed maps one σ at a time and stay in
 * cache (13 ms → ~1 ms per trial at N = 59,592). Per-event outputs use this order; map them
 * back with `order`.
 */
export class Dataset {
  readonly n: number;
  readonly sinDec: Float64Array;
  readonly cosDec: Float64Array;
  readonly binning: EnergyBinning;
  readonly bgDensity: SinDecDensity;
  /** D̃^space per event (sr⁻¹) */
  readonly dTildeSpace: Float64Array;
  /** flat (sin δ, log E) bin of each event */
  readonly energyBin: Int32Array;
  /** background energy histogram (event counts per bin) */
  readonly bgEnergyHist: Float64Array;
  readonly sample: string;
  /** events in dataset order (sorted by σ) */
  readonly events: EventArrays;
  /** order[i] = row of dataset event i in the input arrays */
  readonly order: Int32Array;

  constructor(input: EventArrays, opts: DatasetOptions = {}) {
    const n = input.ra.length;
    const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => input.sigma[a] - input.sigma[b] || a - b);
    this.order = order;
    const pick = (c: Float64Array) => Float64Array.from(order, (j) => c[j]);
    for (const k of ['dec', 'sigma', 'logE'] as const)
      if (input[k].length !== n) throw new InputError(`Dataset: column ${k} has ${input[k].length} rows, expected ${n} (like ra)`);
    const events: EventArrays = { ra: pick(input.ra), dec: pick(input.dec), sigma: pick(input.sigma), logE: pick(input.logE) };
    this.events = events;
    if (n === 0) throw new InputError('Dataset: no events');
    for (let i = 0; i < n; i++) {
      if (!(Math.abs(events.dec[i]) <= Math.PI / 2)) throw new InputError(`Dataset: event ${order[i]}: dec must be in [−π/2, π/2] rad, found ${events.dec[i]}`);
      if (!(events.sigma[i] > 0)) throw new InputError(`Dataset: event ${order[i]}: sigma must be > 0 rad, found ${events.sigma[i]}`);
      if (!Number.isFinite(events.ra[i]) || !Number.isFinite(events.logE[i])) throw new InputError(`Dataset: event ${order[i]}: ra and logE must be finite`);
    }
    this.n = n;
    this.sample = opts.sample ?? 'unnamed';
    this.binning = opts.binning ?? PAPER_ENERGY_BINNING;
    this.sinDec = Float64Array.from(events.dec, Math.sin);
    this.cosDec = Float64Array.from(events.dec, Math.cos);
    this.bgDensity = sinDecKde(this.sinDec, opts.sinDecBandwidth ?? DEFAULT_SINDEC_BANDWIDTH);
    this.dTildeSpace = backgroundSpacePdf(this.bgDensity, this.sinDec);
    this.energyBin = energyBinIndex(this.binning, this.sinDec, events.logE);
    this.bgEnergyHist = histogramEvents(this.binning, this.sinDec, events.logE);
  }

  /** largest per-event σ (for the template σ grid) */
  maxSigma(): number {
    let m = 0;
    for (const s of this.events.sigma) if (s > m) m = s;
    return m;
  }
}
