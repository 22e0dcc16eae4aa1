/**
 * The contract between the trial machinery and an analysis. A kernel module
 * (loaded by module path inside each worker) exports `createKernel()`; the
 * kernel is set up once per worker from a JSON config, then runs trials:
 * scramble the background, inject `nInjected` signal events, fit, write the
 * result columns. Everything a trial needs must come from `rng`, so a trial is
 * a pure function of (seed, trial index, strength) and the worker count never
 * changes results.
 */
import type { Rng } from '../stats/random.js';

export interface TrialKernel {
  /** Names of the values one trial writes, in order (e.g. ['ts', 'ns', 'gamma']). The first is the TS. */
  readonly columns: readonly string[];
  /** Build all per-event arrays once; called with the JSON config of the kernel spec. */
  setup(config: unknown): void | Promise<void>;
  /** One trial: `nInjected` signal events (already Poisson-drawn by the runner); write `columns.length` values into `out`. */
  run(rng: Rng, nInjected: number, out: Float64Array): void;
  /** Optional: events ↔ flux conversion (flux per injected event), for sensitivities in flux units. */
  fluxPerEvent?(): number;
}

export interface KernelModule {
  createKernel(): TrialKernel;
}

/** What workers receive: a module (a built-in kernel name or a file path/URL) and its JSON config. */
export interface KernelSpec {
  module: string;
  config: unknown;
}
