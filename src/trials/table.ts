/** In-memory trial results: one Float64Array per column plus provenance. */
import { createHash } from 'node:crypto';
import type { KernelSpec } from './kernel.js';

export interface TrialProvenance {
  /** the run's master seed; trial k used Rng.forStream(seed, k) */
  seed: number;
  /** first trial index and number of trials */
  start: number;
  count: number;
  kernel: string;
  /** sha256 of the canonical JSON of {module, config} */
  configHash: string;
  /** mean injected signal events (0: background) and whether it was Poisson-fluctuated */
  meanInjected: number;
  poisson: boolean;
  nusky: string;
  created: string;
}

export interface TrialTable {
  /** column names: 'trial', 'n_inj', then the kernel's columns */
  columns: string[];
  data: Record<string, Float64Array>;
  n: number;
  provenance: TrialProvenance[];
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) o[k] = canonical((v as Record<string, unknown>)[k]);
    return o;
  }
  return v;
}

/** Hash of an analysis configuration, independent of key order. */
export function configHash(spec: KernelSpec): string {
  return createHash('sha256').update(JSON.stringify(canonical({ module: spec.module, config: spec.config }))).digest('hex').slice(0, 32);
}

/** The TS column (first kernel column, or a named one). */
export function tsColumn(t: TrialTable, name?: string): Float64Array {
  const c = name ?? t.columns[2];
  const d = t.data[c];
  if (!d) throw new Error(`trial table has no column ${c}; columns: ${t.columns.join(', ')}`);
  return d;
}
