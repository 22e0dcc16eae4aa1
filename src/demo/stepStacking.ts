/** Demo step: one stacking search (SNR, PWN or UNID) with its background trials. */
import type { BuiltinStacking } from '../catalogs/catalog.js';
import { pValueOf, tsHistogram, type DemoPValue } from './pvalue.js';
import { buildStackingRun, fitStacking, stackingBackgroundTrials, type StackingFit } from './stacking.js';
import type { DemoContext } from './run.js';

export interface StackingResult extends StackingFit {
  key: BuiltinStacking;
  nSources: number;
  fluxUnit: string;
  pValue: DemoPValue;
  bgHistogram: { edges: number[]; counts: number[] };
}

export function runStackingStep(ctx: DemoContext, key: BuiltinStacking): StackingResult {
  const { o, ds, irf, progress } = ctx;
  const r = buildStackingRun(ds, irf, key);
  const fit = fitStacking(r);
  const n = Math.max(1, o.stackingTrials);
  const bar = progress(`stacking ${key.toUpperCase()} trials`, n);
  const seed = o.seed * 1000 + 300 + ['snr', 'pwn', 'unid'].indexOf(key);
  const bg = stackingBackgroundTrials(r, n, seed, (d) => bar.update(d));
  bar.stop();
  ctx.artifacts.bgTs[key] = bg;
  return { key, nSources: r.nSources, fluxUnit: r.analysis.fluxUnit, ...fit, pValue: pValueOf(bg, fit.ts), bgHistogram: tsHistogram(bg) };
}
