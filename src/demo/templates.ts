/**
 * Demo adapter around the likelihood's template searches: the three searches built from the
 * IRF (likelihood/analysis.ts), background trials that scramble RA once per trial and refit
 * every template on that same scramble (correlated trials, so the max over templates can be
 * corrected exactly), and signal trials that add events drawn from a reservoir simulated by
 * the simulator itself (sim/simulate.ts, template × IRF), so the injected events have the
 * instrument's own angular and energy response. Trials use exactly the observed test
 * statistic (same PDFs, same acceptance, same energy S/B), unlike the trials package's
 * 'template' kernel, which omits the acceptance (docs/demo.md).
 */
import type { Irf } from '../irf/irf.js';
import { expectedEventsTemplate, recoEnergyHistogram } from '../irf/expectation.js';
import { buildTemplateAnalysis, cubeSkySpectrum, unitPowerLaw, type TemplateAnalysis } from '../likelihood/analysis.js';
import { evalSinDecDensity } from '../likelihood/background.js';
import type { Dataset } from '../likelihood/dataset.js';
import { energyBinIndex, energyRatio } from '../likelihood/energyPdf.js';
import { fitNs, newNsFit } from '../likelihood/fitNs.js';
import { TemplateEventPdf } from '../likelihood/templatePdf.js';
import { simulateSample } from '../sim/simulate.js';
import type { Uptime } from '../sim/uptime.js';
import { Rng } from '../stats/random.js';
import { loadTemplate } from '../templates/builtin.js';
import { spatialPdf, type Template } from '../templates/template.js';

export interface TemplateRun {
  name: string;
  template: Template;
  analysis: TemplateAnalysis;
}

export function buildTemplateRuns(ds: Dataset, irf: Irf, names: readonly string[], nside?: number): TemplateRun[] {
  return names.map((name) => {
    const template = loadTemplate(name);
    return { name, template, analysis: buildTemplateAnalysis(ds, irf, template, { nside }) };
  });
}

/** Spectrum the search assumes (E^-γ for PDF templates, the model's own for cubes). */
export function runSpectrum(r: TemplateRun): (e: number) => number {
  return r.analysis.gamma === null ? cubeSkySpectrum(r.template) : unitPowerLaw(r.analysis.gamma);
}

/**
 * Background trials: trial k uses Rng.forStream(seed, k); one RA scramble shared by all
 * templates. Returns the TS of every template per trial (ts[template][trial]). Restores the
 * observed RAs afterwards.
 */
export function correlatedBackgroundTrials(runs: TemplateRun[], count: number, seed: number, onProgress?: (done: number) => void): Float64Array[] {
  const ts = runs.map(() => new Float64Array(count));
  const s0 = runs[0].analysis.search;
  for (let k = 0; k < count; k++) {
    s0.scrambleRa(Rng.forStream(seed, k));
    for (let j = 0; j < runs.length; j++) {
      const s = runs[j].analysis.search;
      if (j > 0) {
        s.ra.set(s0.ra);
        s.updateS();
      }
      ts[j][k] = s.fit().ts;
    }
    if (onProgress && (k % 20 === 19 || k === count - 1)) onProgress(k + 1);
  }
  for (const r of runs) r.analysis.search.unscramble();
  return ts;
}

/** Per-event ratios x = (S − S̃)/D̃·R of simulated signal events under one search. */
export interface SignalReservoir {
  x: Float64Array;
}

/**
 * Simulate `size` signal events of the template (its spatial PDF × the search's spectrum,
 * forward-folded through the IRF by the simulator) and evaluate their x under the search.
 */
export function signalReservoir(run: TemplateRun, ds: Dataset, irf: Irf, uptime: Uptime, size: number, seed: number): SignalReservoir {
  const spectrum = runSpectrum(run);
  const pdf = spatialPdf(run.template);
  // rescale the spectrum so that about `size` events are expected (the shape is what matters)
  const k = size / expectedEventsTemplate(irf, pdf, spectrum);
  const scaled = (e: number) => spectrum(e) * k;
  const ev = simulateSample({ irf, uptime, rng: new Rng(seed), background: null, signals: [{ kind: 'template', pdf, spectrum: scaled }] });
  const m = ev.n;
  const search = run.analysis.search;
  const ep = new TemplateEventPdf(search.spatial, ev.dec, ev.angErr);
  const S = new Float64Array(m), St = new Float64Array(m);
  ep.evalS(ev.ra, S);
  const sinDec = Float64Array.from(ev.dec, Math.sin);
  ep.evalSTilde(sinDec, St);
  const sig = recoEnergyHistogram(irf, spectrum, ds.binning.sinDecEdges, ds.binning.logEEdges);
  const perBin = energyRatio(ds.binning, sig, ds.bgEnergyHist);
  const bins = energyBinIndex(ds.binning, sinDec, ev.logE);
  const x = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const d = evalSinDecDensity(ds.bgDensity, sinDec[j]) / (2 * Math.PI);
    x[j] = ((S[j] - St[j]) / d) * perBin[bins[j]];
  }
  return { x };
}

/**
 * Signal trials of one search: scramble, add `n ~ Poisson(mean)` reservoir events, fit n_s.
 * Returns the TS of each trial. The scrambled-background estimate D̃ is not updated for the
 * injected events (as in the trials package's kernels).
 */
export function signalTrials(run: TemplateRun, res: SignalReservoir, mean: number, count: number, seed: number): Float64Array {
  const s = run.analysis.search;
  const n = s.n;
  const out = new Float64Array(count);
  let buf = new Float64Array(n + Math.ceil(mean * 2 + 50));
  const fit = newNsFit();
  for (let k = 0; k < count; k++) {
    const rng = Rng.forStream(seed, k);
    s.scrambleRa(rng);
    const m = rng.poisson(mean);
    if (n + m > buf.length) buf = new Float64Array(n + 2 * m);
    buf.set(s.x.subarray(0, n));
    for (let j = 0; j < m; j++) buf[n + j] = res.x[Math.floor(rng.uniform() * res.x.length)];
    out[k] = fitNs(buf, n + m, n + m, fit).ts;
  }
  s.unscramble();
  return out;
}
