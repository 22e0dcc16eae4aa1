// Shared helper for tests that need an event file: a synthetic cascade-like sample written as Parquet.
import { createSample } from '../../src/events/sample.js';
import { writeSample } from '../../src/events/io.js';
import { syntheticEvents, type SyntheticOptions } from '../../src/likelihood/synthetic.js';
import { Rng } from '../../src/stats/random.js';

/** Writes syntheticEvents(new Rng(seed), opts) to `file` (cascade topology) and returns the path. */
export function writeSyntheticSample(file: string, seed: number, opts: SyntheticOptions): string {
  const ev = syntheticEvents(new Rng(seed), opts);
  const s = createSample(ev.ra.length);
  s.ra.set(ev.ra);
  s.dec.set(ev.dec);
  s.angErr.set(ev.sigma);
  s.logE.set(ev.logE);
  s.topology.fill(1);
  writeSample(file, s, { overwrite: true });
  return file;
}
