/** Demo step: one stacking search (SNR, PWN or UNID) with its background trials and sensitivity. */
import { stackingCatalog, type BuiltinStacking } from '../catalogs/catalog.js';
import { TsDistribution } from '../stats/tsDistribution.js';
import { sensitivity } from '../trials/analyses.js';
import { loadKernel } from '../trials/kernelLoader.js';
import { TrialPool } from '../trials/runner.js';
import type { KernelSpec } from '../trials/kernel.js';
import { pValueOf, tsHistogram, type DemoPValue } from './pvalue.js';
import { buildStackingRun, fitStacking, stackingBackgroundTrials, type StackingFit } from './stacking.js';
import { PUBLISHED_STACKING } from './published.js';
import type { DemoContext } from './run.js';
import type { DemoSensitivity } from './stepTemplates.js';
import { poolTrials } from './pool.js';

export interface StackingResult extends StackingFit {
  key: BuiltinStacking;
  nSources: number;
  fluxUnit: string;
  pValue: DemoPValue;
  bgHistogram: { edges: number[]; counts: number[] };
  /** E^-2 sensitivity (flux: the catalogue's summed E²dN/dE at 100 TeV, TeV cm⁻² s⁻¹), from the trials package's 'stack' kernel */
  sensitivity: (DemoSensitivity & { bgTrials: number }) | null;
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
  const sens = o.sensitivityTrials > 0 ? await stackingSensitivity(ctx, key, seed + 50) : null;
  return { key, nSources: r.nSources, fluxUnit: r.analysis.fluxUnit, ...fit, pValue: pValueOf(bg, fit.ts), bgHistogram: tsHistogram(bg), sensitivity: sens };
}

/**
 * E^-2 sensitivity of one catalogue as in the paper's Table S3: the 'stack' kernel (IRF energy PDF and
 * acceptance-weighted sources, signal simulated by src/sim, background PDF rebuilt per trial) gives both
 * the background median and the signal trials, so the threshold and the signal TS are the same statistic.
 */
async function stackingSensitivity(ctx: DemoContext, key: BuiltinStacking, seed: number): Promise<DemoSensitivity & { bgTrials: number }> {
  const { o, progress } = ctx;
  const sources = stackingCatalog(key).sources.map((s) => ({ ra: s.raDeg, dec: s.decDeg, weight: s.weight }));
  const spec: KernelSpec = { module: 'stack', config: { events: ctx.eventsFile, sources, energy: 'irf', gammaInjected: 2, reservoir: Math.min(3000, o.reservoir) } };
  // per-event flux of the kernel is for the full livetime; a reduced livetime (scale) needs more flux per event
  const perEvent = (await loadKernel(spec)).fluxPerEvent!() / o.scale;
  const nBg = Math.max(100, o.sensitivityTrials);
  const pool = new TrialPool({ workers: o.workers });
  try {
    const b = progress(`sensitivity ${key.toUpperCase()}`, o.sensitivityMaxSteps + 1);
    const bg = new TsDistribution((await pool.run({ kernel: spec, seed, count: nBg })).data.ts);
    let steps = 0;
    b.update(++steps);
    const pub = PUBLISHED_STACKING.find((p) => p.key === key)!;
    const s = await sensitivity(pool, spec, bg, {
      seed: seed + 1,
      trialsPerStep: o.sensitivityTrials,
      maxSteps: o.sensitivityMaxSteps,
      guess: Math.max(3, (pub.sensitivity * 1e-12) / perEvent),
      fluxPerEvent: perEvent,
      onStep: () => b.update(++steps),
    });
    b.stop();
    return {
      nSignal: s.nSignal,
      flux: s.nSignal * perEvent,
      relError: s.relError,
      converged: s.converged,
      trialsPerStep: o.sensitivityTrials,
      threshold: bg.median(),
      points: s.points.map((p) => ({ ...p, flux: p.meanInjected * perEvent })),
      model: s.model,
      bgTrials: nBg,
    };
  } finally {
    await pool.close();
  }
}
