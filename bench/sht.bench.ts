/**
 * Spherical-harmonic transforms, single thread: map2alm (iter=3, healpy default), alm2map and
 * smoothing (σ = 5°) at lmax = 3·nside − 1, and smoothingGrid over six σ, against healpy in the same run
 * (OMP_NUM_THREADS=1).
 */
import { alm2map, map2alm, smoothing, smoothingGrid } from '../src/sky/sht/index.js';
import { medianMs, pythonMs, PY_TIMER, row } from './util.js';

function hashMap(nside: number): Float64Array {
  const n = 12 * nside * nside, out = new Float64Array(n);
  for (let p = 0; p < n; p++) out[p] = ((p * 2654435761) % 4294967296) / 4294967296 - 0.5;
  return out;
}

export function run(): void {
  const sigma = (5 * Math.PI) / 180;
  for (const nside of [64, 128, 256]) {
    const reps = nside >= 256 ? 5 : 9;
    const map = hashMap(nside);
    const alm = map2alm(map);
    const py = (stmt: string) => pythonMs(`${PY_TIMER}
import numpy as np, healpy as hp
nside = ${nside}
p = np.arange(12 * nside * nside, dtype=np.int64)
m = ((p * 2654435761) % 4294967296) / 4294967296.0 - 0.5
alm = hp.map2alm(m)
print(median_ms(lambda: ${stmt}, reps=${reps}))`);
    row(`map2alm nside ${nside} (iter 3)`, medianMs(() => map2alm(map), reps, 1), py('hp.map2alm(m, iter=3)'));
    row(`map2alm nside ${nside} (iter 0)`, medianMs(() => map2alm(map, { iter: 0 }), reps, 1), py('hp.map2alm(m, iter=0)'));
    row(`alm2map nside ${nside}`, medianMs(() => alm2map(alm, nside), reps, 1), py('hp.alm2map(alm, nside)'));
    row(`smoothing nside ${nside} (sigma 5°)`, medianMs(() => smoothing(map, { sigma }), reps, 1),
      py(`hp.smoothing(m, sigma=${sigma})`));
    // template-search use: one map, a grid of σ (healpy: one smoothing call per σ)
    const grid = [1, 2, 5, 10, 20, 40].map((d) => (d * Math.PI) / 180);
    row(`smoothingGrid nside ${nside} (6 σ, 1°–40°)`, medianMs(() => smoothingGrid(map, { sigmas: grid }), 3, 1),
      py(`[hp.smoothing(m, sigma=s) for s in ${JSON.stringify(grid)}]`));
  }
}
