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
import { setRa, type ScanData } from './data.js';
import { Rng } from '../stats/random.js';
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

/** An RA scramble of the scan data: stored event j gets α = 2π·u_j, u from Rng.forStream(seed, trial). */
export interface ScanScramble {
  seed: number;
  trial: number;
}

/**
 * Holds the scan data in a worker pool (or in-process) across scans, so that
 * background scan trials only send a seed per task. An RA scramble leaves the
 * declinations, hence S̃ and the per-ring state, unchanged.
 */
export class ScanRunner {
  private readonly workers: number;
  private pool: Piscina | null = null;
  private local: { scanner: RingScanner; ra: Float64Array; key: string } | null = null;

  constructor(
    readonly data: ScanData,
    o: { workers?: number } = {},
  ) {
    this.workers = Math.floor(o.workers ?? os.availableParallelism?.() ?? os.cpus().length);
  }

  async scan(o: ScanOptions & { scramble?: ScanScramble }): Promise<ScanResult> {
    const nside = o.nside;
    if (!(Number.isInteger(nside) && nside > 0 && (nside & (nside - 1)) === 0)) throw new InputError(`scan: nside must be a power of 2, found ${nside}`);
    const decMin = o.decMin ?? -80 * DEG;
    const decMax = o.decMax ?? 80 * DEG;
    const rings = ringsInRange(nside, decMin, decMax);
    const npix = 12 * nside * nside;
    const out: ScanResult = { nside, ts: new Float64Array(npix).fill(UNSEEN), ns: new Float64Array(npix).fill(UNSEEN), gamma: new Float64Array(npix).fill(UNSEEN), decMin, decMax, nPixels: 0 };
    const put = (r: RingRows) => {
      for (let k = 0; k < r.pix.length; k++) {
        out.ts[r.pix[k]] = r.ts[k];
        out.ns[r.pix[k]] = r.ns[k];
        out.gamma[r.pix[k]] = r.gamma[k];
      }
      out.nPixels += r.pix.length;
    };
    let done = 0;
    o.onProgress?.(0, rings.length);
    // tasks of a few consecutive rings; the pool hands them out as workers free up
    const chunk = Math.max(1, Math.ceil(rings.length / (16 * Math.max(1, this.workers))));
    const tasks: number[][] = [];
    for (let k = 0; k < rings.length; k += chunk) tasks.push(rings.slice(k, k + chunk));
    const scramble = o.scramble ?? null;
    if (this.workers <= 1) {
      this.local ??= { scanner: new RingScanner(new PointFitter(this.data)), ra: this.data.ra.slice(), key: '' };
      this.local.key = applyScramble(this.data, this.local.ra, scramble, this.local.key);
      try {
        for (const t of tasks) {
          put(scanRings(this.local.scanner, nside, t));
          done += t.length;
          o.onProgress?.(done, rings.length);
        }
      } finally {
        // the caller's data stay unscrambled
        this.local.key = applyScramble(this.data, this.local.ra, null, this.local.key);
      }
      return out;
    }
    this.pool ??= new Piscina({
      filename: new URL(RUNNING_FROM_SOURCE ? './scanWorkerFromSource.mjs' : './scanWorker.js', import.meta.url).href,
      minThreads: this.workers,
      maxThreads: this.workers,
      workerData: this.data,
    });
    const pool = this.pool;
    await Promise.all(
      tasks.map(async (t) => {
        put((await pool.run({ nside, rings: t, scramble })) as RingRows);
        done += t.length;
        o.onProgress?.(done, rings.length);
      }),
    );
    return out;
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = null;
    this.local = null;
  }
}

/**
 * Put scan data d into the state `s` (null: the original RAs `ra`); `key` names
 * the current state, so repeated tasks of one scramble do not redraw it.
 * Returns the new key. Draws as the original scanTrials did: u_j for j < nSorted in order.
 */
export function applyScramble(d: ScanData, ra: Float64Array, s: ScanScramble | null, key: string): string {
  const want = s ? `${s.seed}:${s.trial}` : '';
  if (want === key) return key;
  if (s) Rng.forStream(s.seed, s.trial).fillUniform(d.ra, d.nSorted);
  for (let j = 0; j < d.nSorted; j++) {
    d.ra[j] = s ? 2 * Math.PI * d.ra[j] : ra[j];
    setRa(d, j);
  }
  return want;
}

/** Scan once (a pool for this call only); see ScanRunner for repeated scans. */
export async function allSkyScan(data: ScanData, o: ScanOptions): Promise<ScanResult> {
  const runner = new ScanRunner(data, { workers: o.workers });
  try {
    return await runner.scan(o);
  } finally {
    await runner.close();
  }
}
