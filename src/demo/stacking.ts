/**
 * Demo adapter for the stacking searches: the likelihood's SourceSearch built from the IRF
 * (buildSourceAnalysis), observed fit with its 68 % interval, and in-process background trials
 * by RA scrambling (trial k: Rng.forStream(seed, k)) with exactly the observed test statistic.
 */
import { stackingCatalog, type BuiltinStacking } from '../catalogs/catalog.js';
import type { Irf } from '../irf/irf.js';
import { buildSourceAnalysis, type SourceAnalysis } from '../likelihood/analysis.js';
import type { Dataset } from '../likelihood/dataset.js';
import { Rng } from '../stats/random.js';

const DEG = Math.PI / 180;

export interface StackingRun {
  key: BuiltinStacking;
  nSources: number;
  analysis: SourceAnalysis;
}

export function buildStackingRun(ds: Dataset, irf: Irf, key: BuiltinStacking): StackingRun {
  const c = stackingCatalog(key);
  const sources = c.sources.map((s) => ({ ra: s.raDeg * DEG, dec: s.decDeg * DEG, weight: s.weight, name: s.name }));
  return { key, nSources: sources.length, analysis: buildSourceAnalysis(ds, irf, sources) };
}

export interface StackingFit {
  ns: number;
  gamma: number;
  ts: number;
  nsInterval68: [number, number];
  flux: number;
  fluxInterval68: [number, number];
}

export function fitStacking(r: StackingRun): StackingFit {
  const s = r.analysis.search;
  const f = { ...s.fit() };
  const [lo, hi] = s.nsInterval(f);
  const conv = (n: number) => r.analysis.nsToFlux(n, f.gamma);
  return { ns: f.ns, gamma: f.gamma, ts: f.ts, nsInterval68: [lo, hi], flux: conv(f.ns), fluxInterval68: [conv(lo), conv(hi)] };
}

export function stackingBackgroundTrials(r: StackingRun, count: number, seed: number, onProgress?: (done: number) => void): Float64Array {
  const s = r.analysis.search;
  const ts = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    s.scrambleRa(Rng.forStream(seed, k));
    ts[k] = s.fit().ts;
    onProgress?.(k + 1);
  }
  s.unscramble();
  return ts;
}
