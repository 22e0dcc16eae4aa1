/**
 * Simulator benchmark: one 10-year DNN-cascade sample (≈59.6k events, forward-folded
 * backgrounds) on one core. Target ≤ 2 s. Cold = IRF tables + angular-model fit + flux
 * folding included; warm = cached IRF and folded grids (what repeated trials pay).
 */
import { medianMs, row } from './util.js';
import { Rng } from '../src/stats/random.js';
import { loadDnnCascadeIrf } from '../src/irf/irf.js';
import { irfDataPath } from '../src/irf/tables.js';
import { dnnCascadeUptime } from '../src/sim/uptime.js';
import { DEFAULT_CASCADE_MODEL } from '../src/sim/cascadeModel.js';
import { simulateSample } from '../src/sim/simulate.js';

export function run(): void {
  const t0 = performance.now();
  const irf = loadDnnCascadeIrf(irfDataPath('dnnc') + '/'); // path variant → bypasses the cache
  const uptime = dnnCascadeUptime(irf.livetimeS);
  let n = 0;
  n = simulateSample({ irf, uptime, rng: new Rng(1), background: DEFAULT_CASCADE_MODEL }).n;
  row(`simulate dnn-cascades-10yr cold (${n} events)`, performance.now() - t0, null);
  let seed = 2;
  const ms = medianMs(() => { n = simulateSample({ irf, uptime, rng: new Rng(seed++), background: DEFAULT_CASCADE_MODEL }).n; }, 7, 1);
  row(`simulate dnn-cascades-10yr warm (${n} events)`, ms, null);
}
