/**
 * Toy kernel with a known answer: N flat background events on [0, 1] plus a
 * Gaussian signal (mean `mu`, width `sigma`) and an n_s fit. Under background
 * only the TS follows Chernoff's ½δ(0) + ½χ²₁ for large N (Chernoff 1954).
 * Used to test the trial machinery without the likelihood package.
 */
import type { Rng } from '../../stats/random.js';
import type { TrialKernel } from '../kernel.js';
import { fitNs, type NsFit } from '../nsFit.js';
import { normCdf } from '../../stats/normal.js';
import { InputError } from '../../errors.js';

export interface ToyConfig {
  nEvents: number;
  mu?: number;
  sigma?: number;
  /** Signal centres evaluated on the same scramble (correlated "templates"); default [mu]. */
  centres?: number[];
}

export class ToyKernel implements TrialKernel {
  columns: string[] = ['ts', 'ns'];
  private n = 0;
  private sigma = 0.05;
  private centres: Float64Array = new Float64Array(1);
  private norms: Float64Array = new Float64Array(1);
  private x = new Float64Array(0);
  private a = new Float64Array(0);
  private readonly fit: NsFit = { ns: 0, ts: 0 };

  setup(config: unknown): void {
    const c = config as ToyConfig;
    if (!(Number.isInteger(c?.nEvents) && c.nEvents > 0)) throw new InputError(`toy kernel: config.nEvents must be a positive integer, found ${c?.nEvents}`);
    this.n = c.nEvents;
    this.sigma = c.sigma ?? 0.05;
    const centres = c.centres ?? [c.mu ?? 0.5];
    this.centres = Float64Array.from(centres);
    this.norms = Float64Array.from(centres, (m) => normCdf((1 - m) / this.sigma) - normCdf(-m / this.sigma));
    this.columns = centres.length === 1 ? ['ts', 'ns'] : centres.flatMap((_, k) => [`ts_${k}`, `ns_${k}`]);
    this.ensure(this.n + 64);
  }

  private ensure(m: number): void {
    if (this.x.length >= m) return;
    this.x = new Float64Array(m);
    this.a = new Float64Array(m);
  }

  run(rng: Rng, nInjected: number, out: Float64Array): void {
    const nTot = this.n + nInjected;
    this.ensure(nTot);
    const x = this.x;
    for (let i = 0; i < this.n; i++) x[i] = rng.uniform();
    const mu0 = this.centres[0];
    for (let i = this.n; i < nTot; i++) {
      let v: number;
      do v = mu0 + this.sigma * rng.normal(); while (v < 0 || v >= 1);
      x[i] = v;
    }
    const k2 = 1 / (2 * this.sigma * this.sigma);
    const c0 = 1 / (this.sigma * Math.sqrt(2 * Math.PI));
    for (let k = 0; k < this.centres.length; k++) {
      const mu = this.centres[k];
      const c = c0 / this.norms[k];
      for (let i = 0; i < nTot; i++) {
        const d = x[i] - mu;
        this.a[i] = (c * Math.exp(-d * d * k2) - 1) / nTot; // S/B − 1 with B = 1 on [0, 1]
      }
      fitNs(this.a, nTot, nTot, this.fit);
      out[2 * k] = this.fit.ts;
      out[2 * k + 1] = this.fit.ns;
    }
  }
}

export function createKernel(): TrialKernel {
  return new ToyKernel();
}
