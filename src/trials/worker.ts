/** Piscina worker: loads (and caches) the kernel, runs one chunk, returns its rows (small: copied). */
import { loadKernel } from './kernelLoader.js';
import { runChunk, type ChunkTask } from './chunk.js';
import type { KernelSpec } from './kernel.js';

export interface WorkerTask extends ChunkTask {
  kernel: KernelSpec;
}

export interface WorkerResult {
  columns: string[];
  rows: Float64Array;
}

export default async function runTask(task: WorkerTask): Promise<WorkerResult> {
  const kernel = await loadKernel(task.kernel);
  return { columns: [...kernel.columns], rows: runChunk(kernel, task) };
}
