/**
 * Trial kernel of the demo (for the trials package's TrialPool, so background trials use every
 * core): each worker reads the demo's event file and builds exactly the searches of the main
 * thread (same IRF acceptance and energy PDFs), then runs RA-scrambled background trials.
 * Trial k draws only from Rng.forStream(seed, k), so the pool and the in-process loops of
 * templates.ts / stacking.ts give identical TS values (tested in demo.test.ts).
 */
import type { BuiltinStacking } from '../catalogs/catalog.js';
import { readSample } from '../events/io.js';
import { loadDnnCascadeIrf } from '../irf/irf.js';
import { datasetFromSample } from '../likelihood/analysis.js';
import type { Rng } from '../stats/random.js';
import type { TrialKernel } from '../trials/kernel.js';
import { InputError } from '../errors.js';
import { buildStackingRun, type StackingRun } from './stacking.js';
import { buildTemplateRuns, type TemplateRun } from './templates.js';

export interface DemoKernelConfig {
  events: string;
  /** livetime fraction (only the n_s ↔ flux conversion depends on it; kept for provenance) */
  scale: number;
  templates?: string[];
  templateNside?: number;
  stacking?: BuiltinStacking;
}

/** URL of this module with the running extension (.ts from source, .js from dist). */
export function demoKernelUrl(): string {
  return new URL(`./kernel${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
}

export class DemoKernel implements TrialKernel {
  columns: string[] = ['ts'];
  private runs: TemplateRun[] = [];
  private stack: StackingRun | null = null;

  async setup(config: unknown): Promise<void> {
    const c = config as DemoKernelConfig;
    if (typeof c?.events !== 'string') throw new InputError('demo kernel: config.events must be the event file');
    const base = loadDnnCascadeIrf();
    const irf = { ...base, livetimeS: base.livetimeS * (c.scale ?? 1) };
    const ds = datasetFromSample(await readSample(c.events), { sample: 'dnn-cascades-10yr' });
    if (c.templates?.length) {
      this.runs = buildTemplateRuns(ds, irf, c.templates, c.templateNside);
      this.columns = c.templates.map((_, k) => `ts_${k}`);
    } else if (c.stacking) {
      this.stack = buildStackingRun(ds, irf, c.stacking);
      this.columns = ['ts'];
    } else throw new InputError('demo kernel: give config.templates or config.stacking');
  }

  run(rng: Rng, nInjected: number, out: Float64Array): void {
    if (nInjected > 0) throw new InputError('demo kernel: background trials only');
    if (this.stack) {
      this.stack.analysis.search.scrambleRa(rng);
      out[0] = this.stack.analysis.search.fit().ts;
      return;
    }
    const s0 = this.runs[0].analysis.search;
    s0.scrambleRa(rng);
    for (let j = 0; j < this.runs.length; j++) {
      const s = this.runs[j].analysis.search;
      if (j > 0) {
        s.ra.set(s0.ra);
        s.updateS();
      }
      out[j] = s.fit().ts;
    }
  }
}

export function createKernel(): TrialKernel {
  return new DemoKernel();
}
