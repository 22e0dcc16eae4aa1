/**
 * Trial and scan throughput on a synthetic cascade-like sample of N = 59,592
 * events (the DNN-cascade sample size, physics.md §1.1; σ log-normal around
 * 18°). Each trial-kernel case runs in a process of its own (bench/one-trial.ts:
 * no other kernel's garbage or cache state in its CPU time), one core, medians;
 * the scan on 2 workers.
 * NUSKY_BENCH_SCAN128=1 also times the full nside-128 scan (minutes);
 * otherwise nside 32 is timed and scaled by the pixel count (×16).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { medianMs, row } from './util.js';
import { Rng } from '../src/stats/random.js';
import { Dataset } from '../src/likelihood/dataset.js';
import { scanDataFromDataset } from '../src/scan/data.js';
import { ScanRunner } from '../src/scan/scan.js';
import { idealEnergyGrid, loadEvents } from '../src/trials/kernels/synthetic.js';

const N = 59_592;
const synthetic = { nBackground: N, seed: 2023 };

const oneTrial = fileURLToPath(new URL('./one-trial.ts', import.meta.url));

/** process-CPU (or wall) median of one kernel case, timed by bench/one-trial.ts in a child process */
async function trialMs(module: string, config: unknown, nInj = 0, reps = 15, cpu = false): Promise<number> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', oneTrial, module, JSON.stringify(config), String(nInj), String(reps)], {
    encoding: 'utf8',
    env: { ...process.env, NUSKY_BENCH_JSON: '1' },
  });
  const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { cpu: number; wall: number };
  return cpu ? r.cpu : r.wall;
}

export async function run(): Promise<void> {
  // machine-load calibration: compare rows only between runs with similar calibration
  const r = new Rng(1);
  const u = medianMs(() => { for (let i = 0; i < 1e6; i++) r.uniform(); }, 5, 1);
  row('calibration: 1e6 Rng.uniform() (this 2-core VM idle ≈ 23 ms)', u, null);
  // template rows: process-CPU medians of 41 trials (less sensitive to other load than wall time)
  const tmpl = { synthetic, templates: ['galactic-band'], nside: 32, smoother: 'harmonic' };
  row('template bg trial (galactic band, nside 32), CPU', await trialMs('template', tmpl, 0, 41, true), null);
  row('template signal trial (+300 injected), CPU', await trialMs('template', tmpl, 300, 41, true), null);
  row('template trial, 3 correlated templates, CPU', await trialMs('template', { ...tmpl, templates: ['galactic-band', 'pi0', 'kra5'] }, 0, 41, true), null);
  // ps and stacking rows: process-CPU medians
  const ps = { synthetic, source: { ra: 60, dec: 20 } };
  row('point-source bg trial (RA + 3° dec jitter), CPU', await trialMs('ps', ps, 0, 41, true), null);
  row('point-source bg trial (RA only), CPU', await trialMs('ps', { ...ps, decJitter: false }, 0, 41, true), null);
  row('point-source signal trial (+50 injected), CPU', await trialMs('ps', ps, 50, 41, true), null);
  const sources = Array.from({ length: 12 }, (_, k) => ({ ra: 30 * k, dec: -60 + 10 * k }));
  row('12-source stacking bg trial (SourceSearch), CPU', await trialMs('stacking', { synthetic, sources }, 0, 7, true), null);
  const stack = { synthetic, sources, energy: 'irf', reservoir: 500 };
  row("12-source 'stack' bg trial (jitter, re-weighted), CPU", await trialMs('stack', stack, 0, 41, true), null);
  row("  'stack', fixed weights, jitter, CPU", await trialMs('stack', { ...stack, reweight: false }, 0, 41, true), null);
  row("  'stack', re-weighted, RA only, CPU", await trialMs('stack', { ...stack, decJitter: false }, 0, 41, true), null);
  row("  'stack', fixed weights, RA only, CPU", await trialMs('stack', { ...stack, decJitter: false, reweight: false }, 0, 41, true), null);

  const ev = await loadEvents({ synthetic });
  const ds = new Dataset(ev);
  const data = scanDataFromDataset(ds, idealEnergyGrid(ds));
  const full = process.env.NUSKY_BENCH_SCAN128 === '1';
  const nside = full ? 128 : 32;
  // wall time on 2 workers, and the process CPU time (all threads): CPU/2 is what 2 idle cores would take
  const runner = new ScanRunner(data, { workers: 2 });
  try {
    await runner.scan({ nside: 4 }); // start the pool
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const s = await runner.scan({ nside });
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    const cpuMs = (c.user + c.system) / 1000;
    row(`all-sky scan nside ${nside}, 2 workers (${s.nPixels} px)`, ms, null);
    row('  same, process CPU / 2', cpuMs / 2, null);
    if (!full) {
      row('  → nside 128 estimate (×16 pixels)', ms * 16, null);
      row('  → nside 128 estimate from CPU / 2', (cpuMs / 2) * 16, null);
    }
    // a background scan for the hot-spot post-trial p: RA scramble in the workers + scan, pool kept
    const t1 = performance.now();
    await runner.scan({ nside: 32, scramble: { seed: 1, trial: 0 } });
    row('scan trial (RA scramble + nside-32 scan)', performance.now() - t1, null);
  } finally {
    await runner.close();
  }
}
