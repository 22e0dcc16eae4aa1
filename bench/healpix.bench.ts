/**
 * HEALPix throughput on 10^6 random directions at nside 128, and healpy's time
 * for the same work in the same run (when /usr/bin/python3 has healpy).
 * Two rows per case: wall-clock median (bench convention) and process CPU-time
 * median (less sensitive to other jobs on a shared machine).
 */
import { medianCpuMs, medianMs, PY_TIMER, pythonMs, row } from './util.js';
import { ang2pixArray, pix2angArray, vec2pixArray, getInterpWeightsArray, ring2nestArray, nest2ringArray } from '../src/sky/healpix/index.js';
import { Rng } from '../src/stats/random.js';

const N = 1_000_000;
const NSIDE = 128;


const PY_CPU = `
import time, statistics
def median_cpu_ms(f, reps=9, warmup=2):
    for _ in range(warmup): f()
    t = []
    for _ in range(reps):
        c0 = time.process_time(); f(); t.append((time.process_time() - c0) * 1e3)
    return statistics.median(t)
`;

export function run(): void {
  const rng = new Rng(42);
  const theta = new Float64Array(N), phi = new Float64Array(N);
  const x = new Float64Array(N), y = new Float64Array(N), z = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    theta[i] = Math.acos(2 * rng.uniform() - 1);
    phi[i] = 2 * Math.PI * rng.uniform();
    const s = Math.sin(theta[i]);
    x[i] = s * Math.cos(phi[i]);
    y[i] = s * Math.sin(phi[i]);
    z[i] = Math.cos(theta[i]);
  }
  const pix = new Float64Array(N), outT = new Float64Array(N), outP = new Float64Array(N);
  const ipix = new Float64Array(N);
  for (let i = 0; i < N; i++) ipix[i] = Math.floor(rng.uniform() * 12 * NSIDE * NSIDE);
  const wp = new Float64Array(4 * N), ww = new Float64Array(4 * N);

  const py = (stmt: string, timer: 'median_ms' | 'median_cpu_ms') =>
    pythonMs(`${PY_TIMER}${PY_CPU}
import numpy as np, healpy as hp
rng = np.random.default_rng(42)
theta = np.arccos(rng.uniform(-1, 1, ${N})); phi = rng.uniform(0, 2*np.pi, ${N})
x, y, z = hp.ang2vec(theta, phi).T.copy()
ipix = rng.integers(0, 12*${NSIDE}**2, ${N})
print(${timer}(lambda: ${stmt}))`);

  const cases: [string, () => unknown, string][] = [
    ['ang2pixArray RING', () => ang2pixArray(NSIDE, theta, phi, false, pix), `hp.ang2pix(${NSIDE}, theta, phi)`],
    ['ang2pixArray NEST', () => ang2pixArray(NSIDE, theta, phi, true, pix), `hp.ang2pix(${NSIDE}, theta, phi, nest=True)`],
    ['vec2pixArray RING', () => vec2pixArray(NSIDE, x, y, z, false, pix), `hp.vec2pix(${NSIDE}, x, y, z)`],
    ['vec2pixArray NEST', () => vec2pixArray(NSIDE, x, y, z, true, pix), `hp.vec2pix(${NSIDE}, x, y, z, nest=True)`],
    ['pix2angArray RING', () => pix2angArray(NSIDE, ipix, false, outT, outP), `hp.pix2ang(${NSIDE}, ipix)`],
    ['pix2angArray NEST', () => pix2angArray(NSIDE, ipix, true, outT, outP), `hp.pix2ang(${NSIDE}, ipix, nest=True)`],
    ['ring2nestArray', () => ring2nestArray(NSIDE, ipix, pix), `hp.ring2nest(${NSIDE}, ipix)`],
    ['nest2ringArray', () => nest2ringArray(NSIDE, ipix, pix), `hp.nest2ring(${NSIDE}, ipix)`],
    ['getInterpWeightsArray RING', () => getInterpWeightsArray(NSIDE, theta, phi, false, wp, ww), `hp.get_interp_weights(${NSIDE}, theta, phi)`],
  ];
  // warm every case first: V8 compiles (and may re-optimise) the loops on a background thread, which a
  // process CPU-time measurement would otherwise charge to the first timed calls
  for (let k = 0; k < 5; k++) for (const [, fn] of cases) fn();
  for (const [name, fn, stmt] of cases) {
    row(`${name} 1e6 @${NSIDE} (wall)`, medianMs(fn), py(stmt, 'median_ms'));
    row(`${name} 1e6 @${NSIDE} (cpu)`, medianCpuMs(fn), py(stmt, 'median_cpu_ms'));
  }
}
