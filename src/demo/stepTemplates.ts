/** Demo step: the π0, KRA-γ5 and KRA-γ50 template searches, trials, post-trial, sensitivities. */
import { postTrialMinP } from '../trials/analyses.js';
import { findStrength } from '../trials/sensitivity.js';
import type { TrialTable } from '../trials/table.js';
import { TsDistribution } from '../stats/tsDistribution.js';
import { pToSigma } from '../stats/normal.js';
import { PUBLISHED_TEMPLATES } from './published.js';
import { pValueOf, tsHistogram, type DemoPValue } from './pvalue.js';
import { buildTemplateRuns, correlatedBackgroundTrials, signalReservoir, signalTrials } from './templates.js';
import type { DemoContext } from './run.js';
import { poolTrials } from './pool.js';

export const TEMPLATE_KEYS = ['pi0', 'kra5', 'kra50'] as const;

export interface DemoSensitivity {
  /** mean injected events and the flux they mean (the search's flux unit) */
  nSignal: number;
  flux: number;
  relError: number;
  converged: boolean;
  trialsPerStep: number;
  threshold: number;
  points: { meanInjected: number; flux: number; nAbove: number; nTrials: number }[];
  /** the fitted model of the fraction above threshold (trials/sensitivity.ts) */
  model: { f0: number; shape: number; scale: number };
}

export interface TemplateResult {
  key: string;
  ns: number;
  nsInterval68: [number, number];
  ts: number;
  flux: number;
  fluxInterval68: [number, number];
  fluxUnit: string;
  /** flux per signal event */
  fluxPerEvent: number;
  gamma: number | null;
  pValue: DemoPValue;
  /** asymptotic cross-check (Wilks, n_s ≥ 0: TS ~ ½χ²₀ + ½χ²₁ ⇒ σ = √TS); the paper's p-values match it (TS 22.19 ↔ 4.71σ) */
  wilksSigma: number;
  bgHistogram: { edges: number[]; counts: number[] };
  bgMedianTs: number;
  sensitivity: DemoSensitivity | null;
}

export interface TemplateResults {
  searches: TemplateResult[];
  trials: number;
  postTrial: {
    best: string;
    pMin: number;
    /** the paper's correction: 3 × p_min (an upper bound when p_min is one) */
    bonferroni: number;
    bonferroniIsBound: boolean;
    bonferroniSigma: number;
    /** exact: fraction of the correlated trials (same scramble for all 3) whose min p ≤ p_min */
    correlated: number;
    correlatedHi: number;
    correlatedSigma: number;
    /** true when no trial reached p_min (the correlated value is then only an upper bound, correlatedHi) */
    correlatedIsBound: boolean;
  };
}

export async function runTemplates(ctx: DemoContext, lap: (name: string) => void): Promise<TemplateResults> {
  const { o, ds, irf, progress } = ctx;
  let bar = progress('build templates', TEMPLATE_KEYS.length);
  const runs = TEMPLATE_KEYS.flatMap((k, j) => {
    const r = buildTemplateRuns(ds, irf, [k], o.templateNside);
    bar.update(j + 1);
    return r;
  });
  bar.stop();
  ctx.artifacts.templateRuns = runs;
  const fits = runs.map((r) => {
    const f = { ...r.analysis.search.fit() };
    const iv = r.analysis.search.nsInterval(f);
    return { f, iv };
  });
  lap('templates: build + fit');

  bar = progress('template trials', o.templateTrials);
  const seed = o.seed * 1000 + 11;
  const bg =
    o.workers === 0
      ? correlatedBackgroundTrials(runs, o.templateTrials, seed, (d) => bar.update(d))
      : await poolTrials(ctx, { templates: [...TEMPLATE_KEYS], templateNside: o.templateNside }, o.templateTrials, seed, (d) => bar.update(d));
  bar.stop();
  lap('templates: background trials');
  const dists = bg.map((t) => new TsDistribution(t));
  runs.forEach((r, k) => (ctx.artifacts.bgTs[r.name] = bg[k]));

  const table: TrialTable = { columns: ['trial', 'n_inj', ...runs.map((_, k) => `ts_${k}`)], data: {}, n: o.templateTrials, provenance: [] };
  runs.forEach((_, k) => (table.data[`ts_${k}`] = bg[k]));
  const pt = postTrialMinP(table, runs.map((_, k) => `ts_${k}`), fits.map((x) => x.f.ts));
  const isBound = pt.postTrial === 0;

  const searches: TemplateResult[] = [];
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k];
    const { f, iv } = fits[k];
    const perEvent = r.analysis.nsToFlux(1);
    let sens: DemoSensitivity | null = null;
    if (o.sensitivityTrials > 0) {
      const b = progress(`sensitivity ${r.name}`, o.sensitivityMaxSteps);
      const res = signalReservoir(r, ds, irf, ctx.uptime, o.reservoir, o.seed * 1000 + 100 + k);
      const thr = dists[k].median();
      let above = 0;
      for (const v of bg[k]) if (v > thr) above++;
      const pub = PUBLISHED_TEMPLATES.find((p) => p.key === r.name);
      const guess = pub ? Math.max(5, ((pub.sensitivity * (r.analysis.gamma === null ? 1 : 1e-12)) / perEvent) * o.scale) : 50;
      let steps = 0;
      const s = await findStrength({
        signalTrials: async (mean, count, seed) => signalTrials(r, res, mean, count, seed),
        threshold: thr,
        beta: 0.9,
        backgroundFraction: above / bg[k].length,
        seed: o.seed * 1000 + 200 + k,
        guess,
        trialsPerStep: o.sensitivityTrials,
        maxSteps: o.sensitivityMaxSteps,
        fluxPerEvent: perEvent,
        onStep: () => b.update(++steps),
      });
      b.stop();
      sens = {
        nSignal: s.nSignal,
        flux: s.nSignal * perEvent,
        relError: s.relError,
        converged: s.converged,
        trialsPerStep: o.sensitivityTrials,
        threshold: thr,
        points: s.points.map((p) => ({ ...p, flux: p.meanInjected * perEvent })),
        model: s.model,
      };
    }
    searches.push({
      key: r.name,
      ns: f.ns,
      nsInterval68: iv,
      ts: f.ts,
      flux: f.ns * perEvent,
      fluxInterval68: [iv[0] * perEvent, iv[1] * perEvent],
      fluxUnit: r.analysis.fluxUnit,
      fluxPerEvent: perEvent,
      gamma: r.analysis.gamma,
      pValue: pValueOf(dists[k], f.ts),
      wilksSigma: Math.sqrt(Math.max(0, f.ts)),
      bgHistogram: tsHistogram(bg[k]),
      bgMedianTs: dists[k].median(),
      sensitivity: sens,
    });
  }
  lap('templates: sensitivity');
  let bi = 0;
  searches.forEach((x, k) => { if (x.pValue.p < searches[bi].pValue.p) bi = k; });
  const bonf = Math.min(1, runs.length * searches[bi].pValue.p);
  return {
    searches,
    trials: o.templateTrials,
    postTrial: {
      best: searches[bi].key,
      pMin: searches[bi].pValue.p,
      bonferroni: bonf,
      bonferroniIsBound: searches[bi].pValue.bound,
      bonferroniSigma: pToSigma(Math.max(bonf, 1e-300)),
      correlated: pt.postTrial,
      correlatedHi: pt.postTrialHi,
      correlatedSigma: pToSigma(Math.max(isBound ? pt.postTrialHi : pt.postTrial, 1e-300)),
      correlatedIsBound: isBound,
    },
  };
}
