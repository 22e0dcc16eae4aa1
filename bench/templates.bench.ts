/**
 * Template benchmarks: the line-of-sight integrator (target: one nside-128 template with 30 energy
 * bins in ≤ 30 s on 2 cores), loading the shipped cubes, and the spatial pdf in another frame.
 * Under tsx each worker thread first boots the TypeScript loader (~1 s); compiled dist/ has no such cost.
 */
import { integrateModel } from '../src/templates/los/integrate.js';
import { kraModel, PI0_MODEL } from '../src/templates/los/model.js';
import { readShipped } from '../src/templates/shipped.js';
import { builtinTemplate, templateDataDir } from '../src/templates/builtin.js';
import { spatialPdf } from '../src/templates/template.js';
import { medianMs, row } from './util.js';

/** Median wall time (ms); also prints the median process CPU time (all threads), robust to a loaded machine. */
async function timeAsync(fn: () => Promise<unknown>, reps: number): Promise<number> {
  const t: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    await fn();
    const dc = process.cpuUsage(c0);
    t.push(Number(process.hrtime.bigint() - t0) / 1e6);
    c.push((dc.user + dc.system) / 1e3);
  }
  t.sort((a, b) => a - b);
  c.sort((a, b) => a - b);
  console.log(`  (median CPU time, all threads: ${c[Math.floor(c.length / 2)].toFixed(0)} ms)`);
  return t[Math.floor(t.length / 2)];
}

export async function run(): Promise<void> {
  for (const threads of [1, 2]) {
    const ms = await timeAsync(() => integrateModel(kraModel(50), { nside: 128, threads }), 3);
    row(`LOS kra50 nside 128 × 30 bins, ${threads} thread(s)`, ms, null);
  }
  row('LOS pi0-like nside 64 × 30 bins, 1 thread', await timeAsync(() => integrateModel(PI0_MODEL, { nside: 64, threads: 1 }), 3), null);
  row('readShipped kra50 (nside 64 × 30, gzip)', medianMs(() => readShipped(`${templateDataDir()}kra50.json`), 5, 1), null);
  const pi0 = builtinTemplate('pi0');
  row('spatialPdf pi0 nside 128 → galactic', medianMs(() => spatialPdf(pi0, { frame: 'galactic' }), 5, 1), null);
  const kra = builtinTemplate('kra5');
  row('spatialPdf kra5 nside 64 gal → equatorial 128', medianMs(() => spatialPdf(kra, { frame: 'equatorial', nside: 128 }), 5, 1), null);
}
