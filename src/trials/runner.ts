/**
 * Trial runner: splits a trial range into chunks and runs them in-thread or on
 * a piscina worker pool. Because trial k always uses Rng.forStream(seed, k),
 * the table is identical for any number of workers or chunk size.
 *
 * Workers need JavaScript: from dist/ the worker is worker.js next to this
 * file; from sources (vitest, tsx) it is workerFromSource.mjs, which registers
 * tsx's ESM loader inside the worker and imports worker.ts (Node 20 workers
 * ignore `--import tsx` in execArgv).
 */
import os from 'node:os';
import { Piscina } from 'piscina';
import { VERSION } from '../version.js';
import { InputError } from '../errors.js';
import { loadKernel, RUNNING_FROM_SOURCE } from './kernelLoader.js';
import { runChunk } from './chunk.js';
import type { KernelSpec } from './kernel.js';
import { configHash, type TrialTable } from './table.js';
import type { WorkerResult, WorkerTask } from './worker.js';

export interface TrialRequest {
  kernel: KernelSpec;
  seed: number;
  /** first trial index (default 0): disjoint ranges with the same seed merge into one sample */
  start?: number;
  count: number;
  /** mean number of injected signal events (default 0 = background trials) */
  meanInjected?: number;
  /** Poisson-fluctuate the injected number (default true) */
  poisson?: boolean;
}

export interface PoolOptions {
  /** number of workers; 0 or 1 runs in this thread (default: all cores) */
  workers?: number;
  /** trials per task (default: count / (8·workers), 1 … 2000) */
  chunkSize?: number;
}

export type ProgressFn = (done: number, total: number) => void;

function workerFile(): URL {
  return new URL(RUNNING_FROM_SOURCE ? './workerFromSource.mjs' : './worker.js', import.meta.url);
}

export class TrialPool {
  readonly workers: number;
  private pool: Piscina | null = null;
  private readonly chunkSize?: number;

  constructor(opts: PoolOptions = {}) {
    this.workers = Math.max(0, Math.floor(opts.workers ?? os.availableParallelism?.() ?? os.cpus().length));
    this.chunkSize = opts.chunkSize;
    if (this.workers > 1) {
      this.pool = new Piscina({
        filename: workerFile().href,
        minThreads: this.workers,
        maxThreads: this.workers,
        idleTimeout: 60_000,
      });
    }
  }

  async run(req: TrialRequest, onProgress?: ProgressFn): Promise<TrialTable> {
    const start = req.start ?? 0;
    const count = req.count;
    if (!(Number.isInteger(count) && count >= 0)) throw new InputError(`trials: count must be a non-negative integer, found ${count}`);
    if (!(Number.isInteger(start) && start >= 0)) throw new InputError(`trials: start must be a non-negative integer, found ${start}`);
    if (!Number.isFinite(req.seed)) throw new InputError(`trials: seed must be a finite number, found ${req.seed}`);
    const mean = req.meanInjected ?? 0;
    if (!(mean >= 0)) throw new InputError(`trials: meanInjected must be >= 0, found ${mean}`);
    const poisson = req.poisson ?? true;
    const nw = Math.max(1, this.workers);
    const chunk = this.chunkSize ?? Math.min(2000, Math.max(1, Math.ceil(count / (8 * nw))));
    const tasks: WorkerTask[] = [];
    for (let s = start; s < start + count; s += chunk) tasks.push({ kernel: req.kernel, seed: req.seed, start: s, count: Math.min(chunk, start + count - s), meanInjected: mean, poisson });
    let done = 0;
    onProgress?.(0, count);
    let results: WorkerResult[];
    if (!this.pool) {
      const kernel = await loadKernel(req.kernel);
      results = [];
      for (const t of tasks) {
        results.push({ columns: [...kernel.columns], rows: runChunk(kernel, t) });
        done += t.count;
        onProgress?.(done, count);
      }
      if (tasks.length === 0) results.push({ columns: [...kernel.columns], rows: new Float64Array(0) });
    } else {
      const pool = this.pool;
      results = await Promise.all(
        (tasks.length ? tasks : [{ ...tasks[0], kernel: req.kernel, seed: req.seed, start, count: 0, meanInjected: mean, poisson }]).map(async (t) => {
          const r = (await pool.run(t)) as WorkerResult;
          done += t.count;
          onProgress?.(done, count);
          return r;
        }),
      );
    }
    return assemble(results, req, start, count, mean, poisson);
  }

  async close(): Promise<void> {
    if (this.pool) await this.pool.destroy();
    this.pool = null;
  }
}

function assemble(results: WorkerResult[], req: TrialRequest, start: number, count: number, mean: number, poisson: boolean): TrialTable {
  const kcols = results[0].columns;
  const columns = ['trial', 'n_inj', ...kcols];
  const w = columns.length;
  const data: Record<string, Float64Array> = {};
  for (const c of columns) data[c] = new Float64Array(count);
  let row = 0;
  for (const r of results) {
    const n = r.rows.length / w;
    for (let j = 0; j < n; j++, row++) for (let c = 0; c < w; c++) data[columns[c]][row] = r.rows[j * w + c];
  }
  return {
    columns,
    data,
    n: count,
    provenance: [{ seed: req.seed, start, count, kernel: req.kernel.module, configHash: configHash(req.kernel), meanInjected: mean, poisson, nusky: VERSION, created: new Date().toISOString() }],
  };
}

/** One-shot: run trials on a fresh pool and close it. */
export async function runTrials(req: TrialRequest, opts: PoolOptions = {}, onProgress?: ProgressFn): Promise<TrialTable> {
  const pool = new TrialPool(opts);
  try {
    return await pool.run(req, onProgress);
  } finally {
    await pool.close();
  }
}
