/**
 * Scan trials as trial tables (src/trials/storage.ts Parquet files): one row per
 * RA-scrambled background scan with the hottest spot of each hemisphere, so runs
 * split over machines or sessions (seeded per trial index) merge with
 * `nusky trials merge`, and the post-trial p of the observed hot spots follows.
 */
import { InputError } from '../errors.js';
import { configHash, type TrialTable } from '../trials/table.js';
import { postTrialFromMaxTs, postTrialFromMinP, type Hotspot, type PostTrial, type ScanTrialStats } from './significance.js';

export const SCAN_TRIAL_COLUMNS = ['trial', 'n_inj', 'north_p', 'south_p', 'north_ts', 'south_ts'];

/** Trial table of scans [start, start + n) of `seed`; `config` identifies the analysis (data, grid, background). */
export function scanTrialTable(s: ScanTrialStats, seed: number, start: number, config: unknown, version = 'dev'): TrialTable {
  const n = s.north.length;
  const trial = Float64Array.from({ length: n }, (_, k) => start + k);
  return {
    columns: [...SCAN_TRIAL_COLUMNS],
    data: { trial, n_inj: new Float64Array(n), north_p: s.north, south_p: s.south, north_ts: s.northTs, south_ts: s.southTs },
    n,
    provenance: [{ seed, start, count: n, kernel: 'scan', configHash: configHash({ module: 'scan', config }), meanInjected: 0, poisson: false, nusky: version, created: new Date().toISOString() }],
  };
}

/** The per-trial hemisphere statistics of a scan trial table. */
export function scanTrialStats(t: TrialTable, name = 'scan trials'): ScanTrialStats {
  for (const c of SCAN_TRIAL_COLUMNS) if (!t.data[c]) throw new InputError(`${name}: column '${c}' missing (columns: ${t.columns.join(', ')}); not a scan trial file`);
  return { north: t.data.north_p, south: t.data.south_p, northTs: t.data.north_ts, southTs: t.data.south_ts };
}

/**
 * Post-trial p of the observed hottest spots: by pre-trial p when the spots carry one
 * (fraction of scans whose hemisphere's smallest p is ≤ the observed), else by TS
 * (fraction whose largest TS is ≥ the observed).
 */
export function hotspotPostTrial(spots: { north: Hotspot | null; south: Hotspot | null }, s: ScanTrialStats): { north: PostTrial | null; south: PostTrial | null; statistic: 'p' | 'ts' } {
  const byP = spots.north?.p !== undefined || spots.south?.p !== undefined;
  if (byP && (s.north.some((x) => Number.isNaN(x)) || s.south.some((x) => Number.isNaN(x)))) throw new InputError('scan trials: the observed spots are ranked by p but the trials have no p-values (run them with the same background)');
  const one = (h: Hotspot | null, minP: Float64Array, maxTs: Float64Array) => (h ? (byP ? postTrialFromMinP(h.p!, minP) : postTrialFromMaxTs(h.ts, maxTs)) : null);
  return { north: one(spots.north, s.north, s.northTs), south: one(spots.south, s.south, s.southTs), statistic: byP ? 'p' : 'ts' };
}
