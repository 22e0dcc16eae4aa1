/**
 * Stacking trial kernel ('stacking'): the likelihood package's SourceSearch
 * (n_s and γ fitted, S = Σ_k W_k S_k) on RA-scrambled data. Background trials
 * only: SourceSearch has a fixed event set, so signal injection (and the 3°
 * declination jitter, which changes S̃) are not available in this kernel yet.
 * Columns: ts, ns, gamma.
 */
import type { Rng } from '../../stats/random.js';
import type { TrialKernel } from '../kernel.js';
import { Dataset } from '../../likelihood/dataset.js';
import { SourceSearch } from '../../likelihood/sourceSearch.js';
import { idealEnergyGrid, loadEvents, type EventSourceConfig } from './synthetic.js';
import { InputError } from '../../errors.js';

const DEG = Math.PI / 180;

export interface StackingConfig extends EventSourceConfig {
  /** sources in degrees, with optional weights and extensions (degrees) */
  sources: { ra: number; dec: number; weight?: number; extension?: number; name?: string }[];
}

export class StackingKernel implements TrialKernel {
  readonly columns = ['ts', 'ns', 'gamma'];
  private search!: SourceSearch;

  async setup(config: unknown): Promise<void> {
    const c = config as StackingConfig;
    if (!Array.isArray(c?.sources) || c.sources.length === 0) throw new InputError('stacking kernel: config.sources must be a non-empty list of {ra, dec} in degrees');
    const ds = new Dataset(await loadEvents(c));
    this.search = new SourceSearch(
      ds,
      c.sources.map((s) => ({ ra: s.ra * DEG, dec: s.dec * DEG, weight: s.weight, extension: s.extension !== undefined ? s.extension * DEG : undefined, name: s.name })),
      idealEnergyGrid(ds),
    );
  }

  run(rng: Rng, nInjected: number, out: Float64Array): void {
    if (nInjected > 0) throw new InputError('stacking kernel: signal injection is not implemented (background trials only)');
    this.search.scrambleRa(rng);
    const f = this.search.fit();
    out[0] = f.ts;
    out[1] = f.ns;
    out[2] = f.gamma;
  }
}

export function createKernel(): TrialKernel {
  return new StackingKernel();
}
