/**
 * Detector uptime as a list of live intervals (MJD) and uniform sampling of event times
 * over the live time.
 *
 * The DNN-cascade release gives only the total livetime (304,047,105 s over May 2011 – May
 * 2021). nusky builds its uptime pattern from the IC86 I–VII good-run lists of the 10-year
 * PS release (May 2011 – July 2018, same detector) and extends it with a continuous interval
 * from the end of IC86-VII to 2021-05-13 (MJD 59347) whose length makes the total equal the
 * DNN-cascade livetime. Times within the tail are therefore uniform (documented limitation).
 */
import type { Rng } from '../stats/random.js';
import { InputError } from '../errors.js';
import { irfDataPath, readNumericTable } from '../irf/tables.js';

export interface Uptime {
  start: Float64Array;
  stop: Float64Array;
  /** cumulative live days at the end of each interval */
  cum: Float64Array;
}

export function makeUptime(start: ArrayLike<number>, stop: ArrayLike<number>): Uptime {
  const n = start.length;
  if (stop.length !== n || n === 0) throw new InputError('makeUptime: need equal, non-empty start/stop lists');
  const cum = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    if (!(stop[i] >= start[i])) throw new InputError(`makeUptime: interval ${i} has stop < start`);
    acc += stop[i] - start[i];
    cum[i] = acc;
  }
  return { start: Float64Array.from(start), stop: Float64Array.from(stop), cum };
}

export function livetimeDays(u: Uptime): number {
  return u.cum[u.cum.length - 1];
}

/** Good-run list of a PS-release season file (two columns MJD_start MJD_stop). */
export function readGoodRuns(file: string): { start: number[]; stop: number[] } {
  const { rows } = readNumericTable(file);
  return { start: rows.map((r) => r[0]), stop: rows.map((r) => r[1]) };
}

const IC86_SEASONS = ['IC86_I', 'IC86_II', 'IC86_III', 'IC86_IV', 'IC86_V', 'IC86_VI', 'IC86_VII'];
/** End of the DNN-cascade sample period (2021-05-13), MJD. */
export const DNNC_END_MJD = 59347;

let dnncUptime: Uptime | null = null;
/** Good runs of the given seasons (data/irf/ps10yr/uptime/SEASON_exp.csv), sorted by start. */
function seasonGoodRuns(seasons: readonly string[]): { start: number[]; stop: number[] } {
  const start: number[] = [], stop: number[] = [];
  for (const s of seasons) {
    const g = readGoodRuns(irfDataPath(`ps10yr/uptime/${s}_exp.csv`));
    start.push(...g.start);
    stop.push(...g.stop);
  }
  const order = start.map((_, i) => i).sort((a, b) => start[a] - start[b]);
  return { start: order.map((i) => start[i]), stop: order.map((i) => stop[i]) };
}

/** Uptime pattern for the 10-year DNN-cascade sample with total livetime `livetimeS`. */
export function dnnCascadeUptime(livetimeS: number): Uptime {
  if (dnncUptime && Math.abs(livetimeDays(dnncUptime) * 86400 - livetimeS) < 1) return dnncUptime;
  const { start: s2, stop: e2 } = seasonGoodRuns(IC86_SEASONS);
  const live = e2.reduce((a, e, i) => a + e - s2[i], 0);
  const tail = livetimeS / 86400 - live;
  const last = Math.max(...e2);
  if (tail > 0) { s2.push(DNNC_END_MJD - tail); e2.push(DNNC_END_MJD); }
  if (DNNC_END_MJD - tail < last) throw new InputError('dnnCascadeUptime: livetime longer than the period');
  dnncUptime = makeUptime(s2, e2);
  return dnncUptime;
}

/** Draw one event time (MJD) uniformly over the live time. */
export function sampleTime(u: Uptime, rng: Rng): number {
  const x = rng.uniform() * livetimeDays(u);
  let lo = 0, hi = u.cum.length - 1;
  while (lo < hi) { const m = (lo + hi) >>> 1; if (u.cum[m] < x) lo = m + 1; else hi = m; }
  const before = lo === 0 ? 0 : u.cum[lo - 1];
  return u.start[lo] + (x - before);
}

const PS_SEASONS = ['IC40', 'IC59', 'IC79', ...IC86_SEASONS];
let psUptime: Uptime | null = null;
/** Good runs of the 10-year PS track sample (IC40 … IC86-VII, April 2008 – July 2018). */
export function psTracksUptime(): Uptime {
  if (psUptime) return psUptime;
  const g = seasonGoodRuns(PS_SEASONS);
  psUptime = makeUptime(g.start, g.stop);
  return psUptime;
}
