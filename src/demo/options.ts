/** Options of `nusky demo` / runDemo, with the --quick and full presets. */
import { InputError } from '../errors.js';

export interface DemoOptions {
  quick: boolean;
  seed: number;
  out: string;
  /** livetime fraction of the 10-year sample (1 = the paper's; small values make a fast test) */
  scale: number;
  /** correlated background trials of the three templates */
  templateTrials: number;
  /** background trials per stacking catalog */
  stackingTrials: number;
  /** point-source background trials per grid declination (scan and source-list p-values) */
  psTrialsPerDec: number;
  /** grid declinations (degrees) of the point-source background trials */
  decGridDeg: number[];
  /** HEALPix nside of the all-sky scan (0: skip the scan) */
  scanNside: number;
  /** RA-scrambled all-sky scans for the hot-spot post-trial p (0: not computed) */
  scanTrials: number;
  /** correlated source-list trials (all sources fitted on each scramble) for its post-trial p (0: Šidák approximation) */
  sourceListTrials: number;
  /** resample the templates to this nside (undefined: the template's own) */
  templateNside?: number;
  /** signal trials per strength for the template sensitivities (0: skip) */
  sensitivityTrials: number;
  sensitivityMaxSteps: number;
  /** simulated signal events per template for the injections */
  reservoir: number;
  /** worker threads for point-source trials and the scan (default: all cores) */
  workers?: number;
  /** write report.html and the PNGs */
  report: boolean;
}

function grid(step: number, lim = 81): number[] {
  const out: number[] = [];
  for (let d = -lim; d <= lim + 1e-9; d += step) out.push(d);
  return out;
}

/**
 * Presets. Quick: the whole demo in ≤ 5 min on 2 cores (measured in docs/demo.md): 2000
 * correlated template trials, 60 per stacking catalog, 500 point-source background trials every 30°,
 * scan at nside 32, 60 correlated source-list trials, sensitivities from 100 signal trials per step. Full: p-values need
 * ~10/p trials to be read from trials; beyond that the fitted tail is used and labelled.
 */
export function demoOptions(o: Partial<DemoOptions> & { quick?: boolean }): DemoOptions {
  const quick = o.quick ?? false;
  const base: DemoOptions = quick
    ? { quick, seed: 1, out: 'nusky-demo', scale: 1, templateTrials: 2000, stackingTrials: 60, psTrialsPerDec: 500, decGridDeg: grid(30, 75), scanNside: 32, scanTrials: 0, sourceListTrials: 60, sensitivityTrials: 100, sensitivityMaxSteps: 5, reservoir: 10000, report: true }
    : { quick, seed: 1, out: 'nusky-demo', scale: 1, templateTrials: 20000, stackingTrials: 1000, psTrialsPerDec: 500, decGridDeg: grid(2), scanNside: 64, scanTrials: 100, sourceListTrials: 1000, sensitivityTrials: 500, sensitivityMaxSteps: 12, reservoir: 20000, report: true };
  const r: DemoOptions = { ...base };
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (r as unknown as Record<string, unknown>)[k] = v;
  if (!Number.isInteger(r.seed)) throw new InputError(`demo: seed must be an integer, found ${r.seed}`);
  if (!(r.scale > 0 && r.scale <= 10)) throw new InputError(`demo: scale must be in (0, 10], found ${r.scale}`);
  for (const k of ['templateTrials', 'stackingTrials', 'psTrialsPerDec', 'sensitivityTrials', 'reservoir', 'scanNside', 'scanTrials', 'sourceListTrials'] as const) {
    if (!(Number.isInteger(r[k]) && r[k] >= 0)) throw new InputError(`demo: ${k} must be a non-negative integer, found ${r[k]}`);
  }
  if (r.templateTrials < 10) throw new InputError(`demo: templateTrials must be ≥ 10, found ${r.templateTrials}`);
  if (r.scanNside > 0 && (r.scanNside & (r.scanNside - 1)) !== 0) throw new InputError(`demo: scan nside must be a power of 2, found ${r.scanNside}`);
  return r;
}
