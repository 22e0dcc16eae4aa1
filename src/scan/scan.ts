/**
 * All-sky scan: the (n_s, γ) fit at every pixel of a HEALPix RING grid with
 * δ in a range (default [−80°, 80°], physics.md §2.5), rings split across
 * workers. S̃ and its totals are computed once per ring (they depend on δ only),
 * and each ring's pixel windows are gathered at once (ringScan.ts).
 */
import os from 'node:os';
import { Piscina } from 'piscina';
import { ringInfo } from '../likelihood/ringLookup.js';
import { UNSEEN } from '../sky/types.js';
import { InputError } from '../errors.js';
import type { ScanData } from './data.js';
import { PointFitter } from './pointFit.js';
import { RingScanner, type RingRows } from './ringScan.js';

const DEG = Math.PI / 180;

export interface ScanOptions {
  nside: number;
  decMin?: number;
  decMax?: number;
  /** worker threads (default all cores; 0/1 = in-process) */
  workers?: number;
  onProgress?: (doneRings: number, totalRings: number) => void;
}

export interface ScanResult {
  nside: number;
  /** full RING maps, UNSEEN outside the declination range */
  ts: Float64Array;
  ns: Float64Array;
  gamma: Float64Array;
  decMin: number;
  decMax: number;
  nPixels: number;
}

/** Rings (1-based) whose centres lie in [decMin, decMax]. */
export function ringsInRange(nside: number, decMin: number, decMax: number): number[] {
  const r: number[] = [];
  for (let k = 1; k < 4 * nside; k++) {
    const dec = Math.asin(ringInfo(nside, k).z);
    if (dec >= decMin && dec <= decMax) r.push(k);
  }
  return r;
}

/** Fit every pixel of the given rings (ring-at-once gathering, see ringScan.ts); returns (pixel, ts, ns, gamma) rows. */
export function scanRings(scanner: RingScanner, nside: number, rings: number[]): RingRows {
  let total = 0;
  for (const r of rings) total += ringInfo(nside, r).count;
  const out: RingRows = { pix: new Int32Array(total), ts: new Float64Array(total), ns: new Float64Array(total), gamma: new Float64Array(total) };
  let o = 0;
  for (const r of rings) {
    scanner.scanRing(nside, r, out, o);
    o += ringInfo(nside, r).count;
  }
  return out;
}

const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');

export async function allSkyScan(data: ScanData, o: ScanOptions): Promise<ScanResult> {
  const nside = o.nside;
  if (!(Number.isInteger(nside) && nside > 0 && (nside & (nside - 1)) === 0)) throw new InputError(`scan: nside must be a power of 2, found ${nside}`);
  const decMin = o.decMin ?? -80 * DEG;
  const decMax = o.decMax ?? 80 * DEG;
  const rings = ringsInRange(nside, decMin, decMax);
  const npix = 12 * nside * nside;
  const out: ScanResult = { nside, ts: new Float64Array(npix).fill(UNSEEN), ns: new Float64Array(npix).fill(UNSEEN), gamma: new Float64Array(npix).fill(UNSEEN), decMin, decMax, nPixels: 0 };
  const put = (r: ReturnType<typeof scanRings>) => {
    for (let k = 0; k < r.pix.length; k++) {
      out.ts[r.pix[k]] = r.ts[k];
      out.ns[r.pix[k]] = r.ns[k];
      out.gamma[r.pix[k]] = r.gamma[k];
    }
    out.nPixels += r.pix.length;
  };
  const workers = Math.floor(o.workers ?? os.availableParallelism?.() ?? os.cpus().length);
  let done = 0;
  o.onProgress?.(0, rings.length);
  // tasks of a few rings each, interleaved so the polar (short) and equatorial rings mix
  const chunk = Math.max(1, Math.ceil(rings.length / (16 * Math.max(1, workers))));
  const tasks: number[][] = [];
  for (let k = 0; k < rings.length; k += chunk) tasks.push(rings.slice(k, k + chunk));
  if (workers <= 1) {
    const f = new RingScanner(new PointFitter(data));
    for (const t of tasks) {
      put(scanRings(f, nside, t));
      done += t.length;
      o.onProgress?.(done, rings.length);
    }
    return out;
  }
  const pool = new Piscina({
    filename: new URL(RUNNING_FROM_SOURCE ? './scanWorkerFromSource.mjs' : './scanWorker.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    workerData: data,
  });
  try {
    await Promise.all(
      tasks.map(async (t) => {
        put((await pool.run({ nside, rings: t })) as ReturnType<typeof scanRings>);
        done += t.length;
        o.onProgress?.(done, rings.length);
      }),
    );
  } finally {
    await pool.destroy();
  }
  return out;
}
