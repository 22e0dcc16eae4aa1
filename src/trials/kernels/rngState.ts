/**
 * The state of an Rng (src/stats/random.ts: xoshiro128** words s0…s3 and the spare normal of the
 * polar method), for a WebAssembly copy of its generator (psPassWasm.ts) that continues the same
 * stream. Rng keeps these as private fields; this reads them by name and checks they are there
 * (PsWasm also compares its draws with Rng's at set-up, so a changed Rng disables the copy
 * instead of changing the numbers).
 */
import type { Rng } from '../../stats/random.js';

export interface RngState { s0: number; s1: number; s2: number; s3: number; spareNormal: number }

const KEYS = ['s0', 's1', 's2', 's3', 'spareNormal'] as const;

/** The state of `rng` (into `out` when given: no allocation per trial). */
export function readRngState(rng: Rng, out: RngState = { s0: 0, s1: 0, s2: 0, s3: 0, spareNormal: NaN }): RngState {
  const r = rng as unknown as Record<string, unknown>;
  for (const k of KEYS) if (typeof r[k] !== 'number') throw new Error(`Rng has no numeric field ${k}`);
  const x = rng as unknown as RngState;
  out.s0 = x.s0; out.s1 = x.s1; out.s2 = x.s2; out.s3 = x.s3; out.spareNormal = x.spareNormal;
  return out;
}

export function writeRngState(rng: Rng, st: RngState): void {
  const x = rng as unknown as RngState;
  x.s0 = st.s0 | 0; x.s1 = st.s1 | 0; x.s2 = st.s2 | 0; x.s3 = st.s3 | 0;
  x.spareNormal = st.spareNormal;
}
