/** Background trials of the demo's own kernel (kernel.ts) on the trials package's worker pool. */
import { TrialPool } from '../trials/runner.js';
import { demoKernelUrl, type DemoKernelConfig } from './kernel.js';
import type { DemoContext } from './run.js';

/** TS columns (one per template, or one for stacking) of `count` trials, trial k from Rng.forStream(seed, k). */
export async function poolTrials(ctx: DemoContext, what: Omit<DemoKernelConfig, 'events' | 'scale'>, count: number, seed: number, onProgress?: (done: number) => void): Promise<Float64Array[]> {
  const pool = new TrialPool({ workers: ctx.o.workers });
  try {
    const config: DemoKernelConfig = { events: ctx.eventsFile, scale: ctx.o.scale, ...what };
    const t = await pool.run({ kernel: { module: demoKernelUrl(), config }, seed, count }, (d) => onProgress?.(d));
    return t.columns.slice(2).map((c) => t.data[c]);
  } finally {
    await pool.close();
  }
}
