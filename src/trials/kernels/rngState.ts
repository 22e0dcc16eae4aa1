/**
 * The state of an Rng (src/stats/random.ts: xoshiro128** words s0…s3 and the spare normal of the
 * polar method), for a WebAssembly copy of its generator (psPassWasm.ts) that continues the same
 * stream: Rng.getState / Rng.setState (PsWasm also compares its draws with Rng's at set-up, so a
 * changed Rng disables the copy instead of changing the numbers).
 */
import type { Rng, RngState } from '../../stats/random.js';

export type { RngState } from '../../stats/random.js';

/** The state of `rng` (into `out` when given: no allocation per trial). */
export function readRngState(rng: Rng, out?: RngState): RngState {
  return rng.getState(out);
}

export function writeRngState(rng: Rng, st: RngState): void {
  rng.setState(st);
}
