/** Runs a contiguous range of trials with one kernel: the unit of work of a worker. */
import { Rng } from '../stats/random.js';
import type { TrialKernel } from './kernel.js';

export interface ChunkTask {
  seed: number;
  start: number;
  count: number;
  meanInjected: number;
  poisson: boolean;
}

/**
 * Row-major results, (count × (2 + columns)): trial index, injected events,
 * kernel columns. Trial k draws everything from Rng.forStream(seed, k): first
 * the number of injected events (Poisson around meanInjected, or its rounded
 * value), then whatever the kernel draws.
 */
export function runChunk(kernel: TrialKernel, task: ChunkTask, onTrial?: () => void): Float64Array {
  const nc = kernel.columns.length;
  const w = nc + 2;
  const res = new Float64Array(task.count * w);
  const out = new Float64Array(nc);
  for (let j = 0; j < task.count; j++) {
    const k = task.start + j;
    const rng = Rng.forStream(task.seed, k);
    const nInj = task.meanInjected > 0 ? (task.poisson ? rng.poisson(task.meanInjected) : Math.round(task.meanInjected)) : 0;
    out.fill(0);
    kernel.run(rng, nInj, out);
    res[j * w] = k;
    res[j * w + 1] = nInj;
    for (let c = 0; c < nc; c++) res[j * w + 2 + c] = out[c];
    onTrial?.();
  }
  return res;
}
