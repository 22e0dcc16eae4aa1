/** Demo step: one stacking search (SNR, PWN or UNID) with its background trials. */
import type { BuiltinStacking } from '../catalogs/catalog.js';
import { pValueOf, tsHistogram, type DemoPValue } from './pvalue.js';
import { buildStackingRun, fitStacking, stackingBackgroundTrials, type StackingFit } from './stacking.js';
import type { DemoContext } from './run.js';
import { poolTrials } from './pool.js';

export interface StackingResult extends StackingFit {
  key: BuiltinStacking;
  nSources: number;
  fluxUnit: string;
  pValue: DemoPValue;
  bgHistogram: { edges: number[]; counts: number[] };
}

export async function runStackingStep(ctx: DemoContext, key: BuiltinStacking): Promise<StackingResult> {
  const { o, ds, irf, progress } = ctx;
  const r = buildStackingRun(ds, irf, key);
  const fit = fitStacking(r);
  const n = Math.max(1, o.stackingTrials);
  const bar = progress(`stacking ${key.toUpperCase()} trials`, n);
  const seed = o.seed * 1000 + 300 + ['snr', 'pwn', 'unid'].indexOf(key);
  const bg = o.workers === 0 ? stackingBackgroundTrials(r, n, seed, (d) => bar.update(d)) : (await poolTrials(ctx, { stacking: key }, n, seed, (d) => bar.update(d)))[0];
  bar.stop();
  ctx.artifacts.bgTs[key] = bg;
  return { key, nSources: r.nSources, fluxUnit: r.analysis.fluxUnit, ...fit, pValue: pValueOf(bg, fit.ts), bgHistogram: tsHistogram(bg) };
}
