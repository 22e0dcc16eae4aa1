/**
 * Spherical-harmonic transforms, single thread: map2alm (iter=3, healpy default; and iter=0), alm2map,
 * smoothing (σ = 5°) at lmax = 3·nside − 1, and smoothingGrid over six σ, against healpy in the same run
 * (OMP_NUM_THREADS=1).
 *
 * Two numbers per row: wall-clock medians (bench/util row) and, because the shared machine is often
 * heavily oversubscribed, the minimum CPU time of each side (process.cpuUsage / time.process_time),
 * which is much less sensitive to other processes.
 */
import { alm2map, map2alm, smoothing, smoothingGrid } from '../src/sky/sht/index.js';
import { medianMs, pythonMs, PY_TIMER, row } from './util.js';

function hashMap(nside: number): Float64Array {
  const n = 12 * nside * nside, out = new Float64Array(n);
  for (let p = 0; p < n; p++) out[p] = ((p * 2654435761) % 4294967296) / 4294967296 - 0.5;
  return out;
}

function cpuMinMs(fn: () => unknown, reps: number): number {
  fn();
  let best = Infinity;
  for (let i = 0; i < reps; i++) {
    const t = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

const PY_CPU = `
import time
def cpu_min_ms(f, reps):
    f()
    best = 1e30
    for _ in range(reps):
        t0 = time.process_time(); f(); best = min(best, (time.process_time() - t0) * 1e3)
    return best
`;

export function run(): void {
  const sigma = (5 * Math.PI) / 180;
  const grid = [1, 2, 5, 10, 20, 40].map((d) => (d * Math.PI) / 180);
  for (const nside of [64, 128, 256]) {
    const reps = nside >= 256 ? 5 : 9;
    const map = hashMap(nside);
    const alm = map2alm(map);
    const py = (stmt: string, cpu: boolean, r = reps) => pythonMs(`${PY_TIMER}${PY_CPU}
import numpy as np, healpy as hp
nside = ${nside}
p = np.arange(12 * nside * nside, dtype=np.int64)
m = ((p * 2654435761) % 4294967296) / 4294967296.0 - 0.5
alm = hp.map2alm(m)
print(${cpu ? `cpu_min_ms(lambda: ${stmt}, ${r})` : `median_ms(lambda: ${stmt}, reps=${r})`})`);
    const cases: [string, () => unknown, string, number][] = [
      [`map2alm nside ${nside} (iter 3)`, () => map2alm(map), 'hp.map2alm(m, iter=3)', reps],
      [`map2alm nside ${nside} (iter 0)`, () => map2alm(map, { iter: 0 }), 'hp.map2alm(m, iter=0)', reps],
      [`alm2map nside ${nside}`, () => alm2map(alm, nside), 'hp.alm2map(alm, nside)', reps],
      [`smoothing nside ${nside} (sigma 5°)`, () => smoothing(map, { sigma }), `hp.smoothing(m, sigma=${sigma})`, reps],
      // template-search use: one map, a grid of σ (healpy: one smoothing call per σ)
      [`smoothingGrid nside ${nside} (6 σ, 1°–40°)`, () => smoothingGrid(map, { sigmas: grid }),
        `[hp.smoothing(m, sigma=s) for s in ${JSON.stringify(grid)}]`, 3],
    ];
    for (const [name, fn, stmt, r] of cases) {
      row(name, medianMs(fn, r, 1), py(stmt, false, r));
      row(`  cpu-time min`, cpuMinMs(fn, r), py(stmt, true, r));
    }
  }
}
