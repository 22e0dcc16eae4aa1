/**
 * Multi-threaded map2alm / alm2map / smoothing for large maps (nside ≥ 512): ring-pair chunks are dealt
 * round-robin to worker threads (chunk k → thread k mod T, which balances polar and equatorial work);
 * analysis shares are summed, synthesis shares write disjoint rings of one shared map. Results equal the
 * single-thread functions up to the order of the floating-point sums.
 */
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import { InputError } from '../../errors.js';
import { UNSEEN } from '../types.js';
import { type Alm, almxfl, checkAlm, createAlm, FWHM2SIGMA, gaussBeam } from './alm.js';
import { npix2nside } from './geometry.js';
import type { Job } from './worker.js';
import type { Map2AlmOptions } from './transforms.js';

export interface ThreadOptions {
  /** Worker threads (default: available cores, at most 8). */
  threads?: number;
}

function spawn(): Worker {
  const ts = import.meta.url.endsWith('.ts');
  const url = new URL(ts ? './worker.ts' : './worker.js', import.meta.url);
  if (!ts) return new Worker(url);
  // Under tsx/vitest the worker must load TypeScript: register tsx inside the worker first.
  const boot = `import('tsx/esm/api').then((m) => m.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}))`;
  return new Worker(boot, { eval: true });
}

function shared(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(8 * n));
}

class Pool {
  readonly workers: Worker[];
  constructor(n: number) { this.workers = Array.from({ length: n }, spawn); }
  run<T>(jobs: Job[]): Promise<T[]> {
    return Promise.all(jobs.map((job, k) => new Promise<T>((resolve, reject) => {
      const w = this.workers[k];
      const onErr = (e: Error) => { w.off('message', onMsg); reject(e); };
      const onMsg = (r: T) => { w.off('error', onErr); resolve(r); };
      w.once('message', onMsg);
      w.once('error', onErr);
      w.postMessage(job);
    })));
  }
  close(): Promise<number[]> { return Promise.all(this.workers.map((w) => w.terminate())); }
}

async function analyseAll(pool: Pool, map: Float64Array, lmax: number, mmax: number): Promise<Alm> {
  const count = pool.workers.length;
  const parts = await pool.run<{ re: Float64Array; im: Float64Array }>(
    Array.from({ length: count }, (_, index) => ({ op: 'ana' as const, map, lmax, mmax, index, count })));
  const alm = createAlm(lmax, mmax);
  for (const p of parts) for (let i = 0; i < alm.re.length; i++) { alm.re[i] += p.re[i]; alm.im[i] += p.im[i]; }
  return alm;
}

async function synthesiseAll(pool: Pool, alm: Alm, nside: number, out: Float64Array): Promise<void> {
  const count = pool.workers.length;
  const re = shared(alm.re.length), im = shared(alm.im.length);
  re.set(alm.re); im.set(alm.im);
  await pool.run(Array.from({ length: count }, (_, index) => ({ op: 'syn' as const, re, im, lmax: alm.lmax, mmax: alm.mmax, nside, out, index, count })));
}

function threadCount(t: number | undefined): number {
  const n = t ?? Math.min(8, os.availableParallelism?.() ?? os.cpus().length);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`threads: expected an integer ≥ 1, found ${t}`);
  return n;
}

async function withPool<T>(threads: number, f: (p: Pool) => Promise<T>): Promise<T> {
  const pool = new Pool(threads);
  try { return await f(pool); } finally { await pool.close(); }
}

async function map2almOn(pool: Pool, map: Float64Array, opts: Map2AlmOptions): Promise<Alm> {
  const nside = npix2nside(map.length);
  if (nside < 0) throw new InputError(`map: expected 12·nside² pixels with nside a power of 2, found ${map.length}`);
  const lmax = opts.lmax ?? 3 * nside - 1, mmax = opts.mmax ?? lmax, iter = opts.iter ?? 3;
  if (opts.useWeights) throw new InputError('map2alm: useWeights: ring weights are not implemented; use iter (Jacobi iteration) instead');
  const clean = shared(map.length);
  for (let p = 0; p < map.length; p++) clean[p] = map[p] === UNSEEN ? 0 : map[p];
  const alm = await analyseAll(pool, clean, lmax, mmax);
  const resid = shared(map.length);
  for (let it = 0; it < iter; it++) {
    await synthesiseAll(pool, alm, nside, resid);
    for (let p = 0; p < resid.length; p++) resid[p] = clean[p] - resid[p];
    const corr = await analyseAll(pool, resid, lmax, mmax);
    for (let i = 0; i < alm.re.length; i++) { alm.re[i] += corr.re[i]; alm.im[i] += corr.im[i]; }
  }
  return alm;
}

/** map2alm on worker threads (same options and result as map2alm). */
export function map2almAsync(map: Float64Array, opts: Map2AlmOptions & ThreadOptions = {}): Promise<Alm> {
  return withPool(threadCount(opts.threads), (pool) => map2almOn(pool, map, opts));
}

/** alm2map on worker threads (full lmax/mmax of the alm). */
export function alm2mapAsync(alm: Alm, nside: number, opts: ThreadOptions = {}): Promise<Float64Array> {
  checkAlm(alm);
  if (npix2nside(12 * nside * nside) !== nside) throw new InputError(`alm2map: nside: expected a power of 2, found ${nside}`);
  return withPool(threadCount(opts.threads), async (pool) => {
    const out = shared(12 * nside * nside);
    await synthesiseAll(pool, alm, nside, out);
    return Float64Array.from(out);
  });
}

/** smoothing on worker threads: same semantics as smoothing(map, {fwhm | sigma, lmax, iter}). */
export function smoothingAsync(map: Float64Array, opts: { fwhm?: number; sigma?: number; lmax?: number; iter?: number } & ThreadOptions = {}): Promise<Float64Array> {
  const nside = npix2nside(map.length);
  if (nside < 0) throw new InputError(`smoothing: map: expected 12·nside² pixels, found ${map.length}`);
  const fwhm = opts.sigma !== undefined ? opts.sigma / FWHM2SIGMA : (opts.fwhm ?? 0);
  const lmax = opts.lmax ?? 3 * nside - 1;
  return withPool(threadCount(opts.threads), async (pool) => {
    const alm = await map2almOn(pool, map, { lmax, iter: opts.iter });
    almxfl(alm, gaussBeam(fwhm, lmax), true);
    const out = shared(map.length);
    await synthesiseAll(pool, alm, nside, out);
    const res = Float64Array.from(out);
    for (let p = 0; p < map.length; p++) if (map[p] === UNSEEN) res[p] = UNSEEN;
    return res;
  });
}
