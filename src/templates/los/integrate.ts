/**
 * Line-of-sight integration of a ν model into a HEALPix (RING) cube:
 *   j(E, l, b) = (1/4π) ∫ ds q(E, s),  q = 4π ε_M n_H ∫ σ I_p F dE_p/E_p   (KAB06 eq. 71)
 * in GeV⁻¹ cm⁻² s⁻¹ sr⁻¹, all flavours ν + ν̄. Pixels are split over worker threads.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { buildTables, type LosTables } from './tables.js';
import { integrateRange } from './kernel.js';
import type { LosModel } from './model.js';
import { nside2npix, pixCentersRing, rotateDir } from '../sky-util.js';
import type { Frame } from '../../sky/types.js';

export interface LosResult {
  nside: number;
  frame: Frame;
  /** Log bin centres (GeV) where the flux is given, and the bin edges. */
  energies: Float64Array;
  edges: Float64Array;
  /** data[p · nE + i]: all-flavour ν+ν̄ intensity, GeV⁻¹ cm⁻² s⁻¹ sr⁻¹, RING ordering. */
  data: Float64Array;
}

export interface IntegrateOptions {
  nside: number;
  frame?: Frame;
  /** Worker threads (default: min(available cores, 4)); 0 or 1 runs in this thread. */
  threads?: number;
}

function shared(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(n * 8));
}

/** Galactic (l, b) of each output pixel centre. */
function pixelDirections(nside: number, frame: Frame, alloc: (n: number) => Float64Array): { lon: Float64Array; lat: Float64Array } {
  const { theta, phi } = pixCentersRing(nside);
  const lon = alloc(theta.length);
  const lat = alloc(theta.length);
  const d = new Float64Array(2);
  for (let p = 0; p < theta.length; p++) {
    rotateDir(frame, 'galactic', theta[p], phi[p], d);
    lon[p] = d[1];
    lat[p] = Math.PI / 2 - d[0];
  }
  return { lon, lat };
}

function workerUrl(): { url: URL; ts: boolean } {
  const ts = import.meta.url.endsWith('.ts');
  return { url: new URL(ts ? './worker.ts' : './worker.js', import.meta.url), ts };
}

function spawn(): Worker {
  const { url, ts } = workerUrl();
  if (!ts) return new Worker(url);
  // Under tsx/vitest the worker must load TypeScript: register tsx inside the worker first.
  const boot = `import('tsx/esm/api').then((m) => m.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}))`;
  return new Worker(boot, { eval: true });
}

async function runParallel(t: LosTables, lon: Float64Array, lat: Float64Array, out: Float64Array, threads: number): Promise<void> {
  const npix = lon.length;
  const nChunks = Math.max(threads * 8, 1);
  const size = Math.ceil(npix / nChunks);
  const ranges: [number, number][] = [];
  for (let p = 0; p < npix; p += size) ranges.push([p, Math.min(npix, p + size)]);
  const workers = Array.from({ length: threads }, spawn);
  const kt = {
    gas: t.gas, nR: t.nR, dR: t.dR, nZ: t.nZ, dZ: t.dZ, q: t.q, nRq: t.nRq, dRq: t.dRq, nE: t.nE, rSun: t.rSun,
    rMax: t.rMax, zMax: t.zMax, dsMax: t.dsMax, dzStep: t.dzStep, dzGrow: t.dzGrow, kpcCm: t.kpcCm,
  };
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const next = (): void => {
              const r = ranges.shift();
              if (!r) return resolve();
              w.postMessage({ tables: kt, lon, lat, out, p0: r[0], p1: r[1] });
            };
            w.on('message', next);
            w.on('error', reject);
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Integrate `model` on a RING map of `nside` in `frame` (default Galactic). */
export async function integrateModel(model: LosModel, opt: IntegrateOptions): Promise<LosResult> {
  const frame = opt.frame ?? 'galactic';
  const npix = nside2npix(opt.nside);
  const threads = opt.threads ?? Math.min(availableParallelism(), 4);
  const par = threads > 1 && npix >= 12 * 32 * 32;
  const alloc = par ? shared : (n: number) => new Float64Array(n);
  const t = buildTables(model, alloc);
  const { lon, lat } = pixelDirections(opt.nside, frame, alloc);
  const out = alloc(npix * t.nE);
  if (par) await runParallel(t, lon, lat, out, threads);
  else integrateRange(t, lon, lat, out, 0, npix);
  return { nside: opt.nside, frame, energies: t.energies, edges: t.edges, data: out };
}
