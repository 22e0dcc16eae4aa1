/** Writes the demo's outputs: PNGs, report.html (self-contained, offline) and results.json. */
import { join } from 'node:path';
import { HtmlReport } from '../report/html.js';
import { renderPng } from '../report/render-png.js';
import { writeFileAtomic } from '../report/save.js';
import { fluxFigure, sensitivityFigures, skyFigures, tsFigures, type Figure } from './figures.js';
import { PUBLISHED_CITATION, PUBLISHED_TEMPLATE_POST_TRIAL_SIGMA } from './published.js';
import type { DemoContext, DemoResult } from './run.js';
import { fluxText, pText, type TableRow } from './table.js';

export interface DemoFiles {
  html: string;
  json: string;
  pngs: string[];
}

function num(x: number | null, d = 2): string {
  if (x === null || !Number.isFinite(x)) return '–';
  return Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-2) ? x.toExponential(d - 1) : x.toFixed(d);
}

function pubP(r: TableRow): string {
  return r.search.startsWith('Hotspot') ? `${r.published.p.toExponential(2)} (pre-trial)` : pText(r.published.p, r.published.sigma);
}

function pubFlux(r: TableRow): string {
  const p = r.published;
  if (p.flux === null) return '–';
  return p.fluxMinus !== null ? `${num(p.flux)} +${num(p.fluxPlus)} / −${num(p.fluxMinus)}` : num(p.flux);
}

/** JSON with typed arrays as plain arrays. */
export function resultsJson(r: DemoResult): string {
  return JSON.stringify(r, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v), 2);
}

export function writeDemoReport(ctx: DemoContext, r: DemoResult, onFigure?: (done: number, total: number) => void): DemoFiles {
  const out = ctx.o.out;
  const json = join(out, 'results.json');
  writeFileAtomic(json, resultsJson(r) + '\n');
  if (!ctx.o.report) return { html: '', json, pngs: [] };

  const groups: { title: string; intro: string; figs: Figure[] }[] = [];
  groups.push({ title: 'Sky maps', intro: 'Events, the templates as the likelihood sees them, and where the TS comes from.', figs: skyFigures(ctx, r) });
  groups.push({ title: 'Background TS distributions', intro: 'p-values are the fraction of background trials with TS ≥ the observed TS; beyond the trials a gamma fitted to the tail is used and labelled extrapolated.', figs: tsFigures(ctx, r) });
  const ff = fluxFigure(ctx, r);
  groups.push({ title: 'Flux', intro: '', figs: ff ? [ff] : [] });
  groups.push({ title: 'Sensitivity', intro: r.provenance.options.quick ? 'Quick mode: few signal trials per strength, so these are rough (±10–20 %).' : '', figs: sensitivityFigures(r) });
  const total = groups.reduce((a, g) => a + g.figs.length, 0);

  const o = r.provenance.options;
  const h = new HtmlReport('nusky demo: the IceCube Galactic-plane analysis on a simulated sample', {
    subtitle: `nusky ${r.provenance.nusky} · seed ${r.provenance.seed} · ${o.quick ? 'quick' : 'full'} mode · ${r.provenance.started} · ${r.provenance.seconds.toFixed(0)} s`,
  });
  h.section('What this is', '');
  h.paragraph(
    `A ${(o.scale * 10).toFixed(o.scale < 1 ? 2 : 0)}-year DNN-cascade-like sample was simulated with the Galactic-plane π⁰ flux injected at the published best fit (E²dN/dE = 21.8 × 10⁻¹² TeV cm⁻² s⁻¹ at 100 TeV per flavour, E^−2.7): ${r.sample.events} events, ${r.sample.byComponent.signal ?? 0} of them signal (expected ${r.sample.expectedSignalEvents.toFixed(0)}). ` +
      `Every search of the paper's Table 1 was then run on it. The published values (${PUBLISHED_CITATION}) are on real data, so they agree with a simulation only within its fluctuations.`,
  );
  h.section('Results (like Table 1)', '');
  const rows = r.rows;
  h.table(
    ['search', 'n̂_s', 'γ̂', 'TS', 'p (σ)', 'flux [68 %]', 'sensitivity', 'paper n̂_s', 'paper p (σ)', 'paper flux', 'paper sens.'],
    rows.map((x) => [x.search, num(x.ns, 1), x.gamma === null ? '–' : num(x.gamma), num(x.ts), pText(x.p, x.sigma, x.pExtrapolated, x.pBound), fluxText(x), num(x.sensitivity), num(x.published.ns, 1), pubP(x), pubFlux(x), num(x.published.sensitivity)]),
    'Flux: π⁰ and stacking in 10⁻¹² TeV cm⁻² s⁻¹ (E²dN/dE at 100 TeV, per flavour), KRA-γ in units of the model flux. * = p from the extrapolated tail fit. Paper n̂_s for templates is the raw value.',
  );
  h.table(['search', 'p-value note', 'sensitivity note'], rows.map((x) => [x.search, x.pNote, x.sensitivityNote]));
  const pt = r.templates.postTrial;
  h.paragraph(
    `Post-trial over the three templates (best: ${pt.best}, p_min = ${pt.pMin.toExponential(2)}): Bonferroni ×3 (as the paper) p = ${pt.bonferroni.toExponential(2)} (${num(pt.bonferroniSigma)}σ; paper ${PUBLISHED_TEMPLATE_POST_TRIAL_SIGMA}σ); ` +
      (pt.correlatedIsBound
        ? `correlated max over the templates on the same ${r.templates.trials} scrambles: no trial reached p_min, so p < ${pt.correlatedHi.toExponential(2)} (> ${num(pt.correlatedSigma)}σ).`
        : `correlated max over the templates on the same ${r.templates.trials} scrambles: p = ${pt.correlated.toExponential(2)} (${num(pt.correlatedSigma)}σ).`),
  );
  if (r.sky) h.paragraph(`Source list and scan: energy PDF ${r.sky.energyPdf}; point-source background from ${r.sky.psTrialsPerDec} trials at each of ${r.sky.decGridDeg.length} declinations (${r.sky.decGridDeg.join('°, ')}°). Hot-spot p-values are pre-trial; ${r.sky.scan?.postTrial ?? 'no scan'}.`);

  const pngs: string[] = [];
  let done = 0;
  for (const g of groups) {
    if (g.figs.length === 0) continue;
    h.section(g.title, g.intro);
    for (const f of g.figs) {
      const buf = renderPng(f.scene);
      const file = join(out, f.file);
      writeFileAtomic(file, buf);
      pngs.push(file);
      h.figure(buf, f.caption);
      onFigure?.(++done, total);
    }
  }
  h.section('Provenance', '');
  h.table(['step', 'seconds'], Object.entries(r.timings).map(([k, v]) => [k, v]));
  h.json('results.json', JSON.parse(resultsJson(r)));
  const html = join(out, 'report.html');
  h.write(html);
  return { html, json, pngs };
}
