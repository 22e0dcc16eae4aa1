/** Demo figures: sky maps (events, templates, TS contribution, scan significance) and charts. */
import { chart, type Series } from '../report/chart.js';
import { mollviewScene } from '../report/mollweide.js';
import type { Scene } from '../report/scene.js';
import { ang2pixArray } from '../sky/healpix/arrays.js';
import { UNSEEN, type SkyMap } from '../sky/types.js';
import { tsContributionMap } from '../likelihood/contributions.js';
import { gammaCdf } from '../stats/chi2.js';
import type { DemoArtifacts, DemoContext, DemoResult } from './run.js';
import type { TemplateRun } from './templates.js';
import { runSpectrum } from './templates.js';
import { PUBLISHED_TEMPLATES } from './published.js';

const W = 1400;
const LABEL: Record<string, string> = { pi0: 'π⁰', kra5: 'KRA-γ5', kra50: 'KRA-γ50', snr: 'SNR', pwn: 'PWN', unid: 'UNID', ps: 'point source' };

export interface Figure {
  file: string;
  caption: string;
  scene: Scene;
}

function median(a: Float64Array): number {
  const s = Float64Array.from(a).sort();
  return s[s.length >> 1];
}

/** Event counts per pixel (nside 16, equatorial RING). */
export function eventCountMap(ra: Float64Array, dec: Float64Array, nside = 16): SkyMap {
  const theta = Float64Array.from(dec, (d) => Math.PI / 2 - d);
  const pix = ang2pixArray(nside, theta, ra);
  const data = new Float64Array(12 * nside * nside);
  for (const p of pix) data[p]++;
  return { nside, ordering: 'RING', frame: 'equatorial', data, unit: 'events per pixel' };
}

/** The template PDF after acceptance and smoothing, at the σ-grid width nearest the median event σ. */
export function smoothedTemplateMap(run: TemplateRun, sigma: number): { map: SkyMap; sigmaDeg: number } {
  const sp = run.analysis.search.spatial;
  let k = 0;
  for (let j = 1; j < sp.sigmas.length; j++) if (Math.abs(sp.sigmas[j] - sigma) < Math.abs(sp.sigmas[k] - sigma)) k = j;
  const ns = sp.nsides[k];
  const data = Float64Array.from(sp.maps.subarray(sp.offsets[k], sp.offsets[k] + 12 * ns * ns));
  return { map: { nside: ns, ordering: 'RING', frame: 'equatorial', data, unit: 'signal PDF [sr⁻¹]' }, sigmaDeg: (sp.sigmas[k] * 180) / Math.PI };
}

export function skyFigures(ctx: DemoContext, r: DemoResult): Figure[] {
  const a: DemoArtifacts = ctx.artifacts;
  const ev = ctx.ds.events;
  const figs: Figure[] = [];
  const gal = { frame: 'galactic' as const, width: W };
  figs.push({
    file: 'events.png',
    caption: `Simulated events (${r.sample.events}, of which ${r.sample.byComponent.signal ?? 0} injected π⁰ signal), counts per nside-16 pixel, Galactic coordinates.`,
    scene: mollviewScene(eventCountMap(ev.ra, ev.dec), { ...gal, title: 'Simulated 10-year cascade events', cmap: 'viridis' }).scene,
  });
  const sigma = median(ev.sigma);
  for (const run of a.templateRuns ?? []) {
    const { map, sigmaDeg } = smoothedTemplateMap(run, sigma);
    figs.push({
      file: `template_${run.name}.png`,
      caption: `${LABEL[run.name]} template × acceptance, smoothed with σ = ${sigmaDeg.toFixed(1)}° (median event uncertainty), Galactic coordinates.`,
      scene: mollviewScene(map, { ...gal, title: `${LABEL[run.name]} signal PDF after acceptance and smoothing`, cmap: 'magma' }).scene,
    });
  }
  for (const run of a.templateRuns ?? []) {
    const t = r.templates.searches.find((s) => s.key === run.name)!;
    const m = tsContributionMap(run.analysis.search.ra, ev.dec, run.analysis.search.x, t.ns, run.analysis.search.n, 32);
    figs.push({
      file: `ts_contribution_${run.name}.png`,
      caption: `Per-pixel TS contribution of the ${LABEL[run.name]} fit (like the paper's Fig. 3): Σ over events in the pixel of 2 ln(1 + n̂_s x_i/N) per sr; it sums to TS = ${t.ts.toFixed(2)}.`,
      scene: mollviewScene(m, { ...gal, title: `${LABEL[run.name]}: TS contribution per pixel`, cmap: 'RdBu_r', symmetric: true, unit: 'TS / sr' }).scene,
    });
  }
  if (a.scan && a.pv && r.sky?.scan) {
    // where no background trial was as large (and no tail fit), p is only bounded: cap at log10(trials)
    const cap = Math.log10(r.sky.psTrialsPerDec);
    let capped = 0;
    const data = Float64Array.from(a.pv.mlog10p, (v) => (v === UNSEEN ? UNSEEN : v > 299 ? (capped++, cap) : v));
    const m: SkyMap = { nside: a.scan.nside, ordering: 'RING', frame: 'equatorial', data, unit: '−log10 p (pre-trial)' };
    const spots = [r.sky.scan.north, r.sky.scan.south].filter((s) => s !== null);
    const tsMap: SkyMap = { nside: a.scan.nside, ordering: 'RING', frame: 'equatorial', data: a.scan.ts, unit: 'TS' };
    const marks = { lon: spots.map((s) => (s!.raDeg * Math.PI) / 180), lat: spots.map((s) => (s!.decDeg * Math.PI) / 180), frame: 'equatorial' as const, size: 9, color: '#00ffff', shape: 'circle' as const, labels: spots.map((s) => (s!.decDeg > 0 ? 'hottest N' : 'hottest S')), name: 'hottest spots' };
    figs.push({
      file: 'scan_ts.png',
      caption: `All-sky scan (nside ${a.scan.nside}, δ ∈ [−80°, 80°]): fitted point-source TS per pixel (n_s and γ free); markers: hottest spot north and south (ranked by ${r.sky.scan.rankedBy}).`,
      scene: mollviewScene(tsMap, { frame: 'equatorial', width: W, rotDeg: 180, title: 'All-sky scan: point-source TS', cmap: 'viridis', min: 0, overlays: [marks] }).scene,
    });
    figs.push({
      file: 'scan_significance.png',
      caption: `All-sky scan: pre-trial −log10 p per pixel from ${r.sky.psTrialsPerDec} point-source background trials at each grid declination (like the paper's Fig. 4)${capped ? `; ${capped} pixels had no background trial as large and are capped at log10(${r.sky.psTrialsPerDec}) = ${cap.toFixed(2)} (their p is only an upper bound)` : ''}.`,
      scene: mollviewScene(m, {
        frame: 'equatorial',
        width: W,
        rotDeg: 180,
        title: 'All-sky scan: pre-trial significance',
        cmap: 'magma',
        min: 0,
        overlays: [marks],
      }).scene,
    });
  }
  return figs;
}

/** Background TS histograms with the observed TS, one chart per search. */
export function tsFigures(ctx: DemoContext, r: DemoResult): Figure[] {
  const obs: Record<string, number> = {};
  for (const t of r.templates.searches) obs[t.key] = t.ts;
  for (const s of r.stacking) obs[s.key] = s.ts;
  const figs: Figure[] = [];
  for (const [key, bg] of Object.entries(ctx.artifacts.bgTs)) {
    if (!(key in obs)) continue;
    let max = obs[key];
    for (const v of bg) if (v > max) max = v;
    const nb = 40, hi = Math.max(1, max) * 1.05;
    const edges = Array.from({ length: nb + 1 }, (_, k) => (hi * k) / nb);
    const counts = new Array<number>(nb).fill(0);
    for (const v of bg) counts[Math.min(nb - 1, Math.floor((Math.max(0, v) / hi) * nb))]++;
    const values = counts.map((c) => (c > 0 ? c / bg.length : NaN));
    figs.push({
      file: `ts_${key}.png`,
      caption: `${LABEL[key]}: background TS from ${bg.length} RA-scrambled trials (fraction per bin, log scale) and the observed TS.`,
      scene: chart({
        width: 900,
        height: 520,
        title: `${LABEL[key]}: background TS distribution`,
        xLabel: 'TS',
        yLabel: 'fraction of trials',
        yScale: 'log',
        series: [{ kind: 'step', edges, values, label: `${bg.length} background trials` }],
        vlines: [{ at: obs[key], label: `observed TS = ${obs[key].toFixed(2)}`, color: '#D55E00' }],
      }),
    });
  }
  return figs;
}

/** E²dN/dE of the fitted templates (68 % band) against the model spectra, and the published π0 band. */
export function fluxFigure(ctx: DemoContext, r: DemoResult): Figure | null {
  const runs = ctx.artifacts.templateRuns;
  if (!runs) return null;
  const e = Array.from({ length: 61 }, (_, k) => Math.pow(10, 3 + (3 * k) / 60)); // 1 TeV … 1 PeV in GeV
  const eTeV = e.map((x) => x / 1e3);
  const series: Series[] = [];
  const colors = ['#0072B2', '#D55E00', '#009E73'];
  runs.forEach((run, k) => {
    const t = r.templates.searches.find((s) => s.key === run.name)!;
    const spec = runSpectrum(run);
    // E²dN/dE in TeV cm⁻² s⁻¹ (dN/dE in GeV⁻¹ cm⁻² s⁻¹ × E² in GeV² → GeV cm⁻² s⁻¹ → /1e3)
    const model = e.map((x) => (spec(x) * x * x) / 1e3);
    // the search's flux unit scales the model: E² at 100 TeV (PDF template normalised to 1) or × MF (cubes)
    const lo = model.map((v) => v * t.fluxInterval68[0]);
    const hi = model.map((v) => v * t.fluxInterval68[1]);
    series.push({ kind: 'band', x: eTeV, lo, hi, color: colors[k], opacity: 0.25, label: `${LABEL[run.name]} fit, 68 %` });
    if (run.analysis.gamma === null) series.push({ kind: 'line', x: eTeV, y: model, color: colors[k], dash: [6, 4], label: `${LABEL[run.name]} model flux (1 × MF)` });
  });
  const pub = PUBLISHED_TEMPLATES[0];
  const pl = (f: number) => e.map((x) => f * 1e-12 * Math.pow(x / 1e5, -0.7));
  series.push({ kind: 'line', x: eTeV, y: pl(pub.flux), color: '#000000', label: 'paper π⁰ best fit (21.8e-12)' });
  series.push({ kind: 'line', x: eTeV, y: pl(pub.flux - pub.fluxMinus), color: '#000000', dash: [3, 3], width: 1 });
  series.push({ kind: 'line', x: eTeV, y: pl(pub.flux + pub.fluxPlus), color: '#000000', dash: [3, 3], width: 1 });
  return {
    file: 'flux.png',
    caption: 'All-sky per-flavour E²dN/dE of the fitted templates (68 % bands on n̂_s, spectral shape fixed), the KRA-γ model fluxes, and the paper’s π⁰ result (black; dotted: ±1σ).',
    scene: chart({ width: 1000, height: 620, title: 'Fitted Galactic-plane flux', xLabel: 'neutrino energy E [TeV]', yLabel: 'E² dN/dE [TeV cm⁻² s⁻¹] (per flavour, all sky)', xScale: 'log', yScale: 'log', series }),
  };
}

/** Fraction of signal trials above the background median vs injected flux, for each template and stacking catalogue. */
export function sensitivityFigures(r: DemoResult): Figure[] {
  const figs: Figure[] = [];
  const all = [
    ...r.templates.searches.map((t) => ({ key: t.key, gamma: t.gamma, sensitivity: t.sensitivity, fluxPerEvent: t.fluxPerEvent })),
    ...r.stacking.map((t) => ({ key: t.key, gamma: 2, sensitivity: t.sensitivity, fluxPerEvent: t.sensitivity ? t.sensitivity.flux / t.sensitivity.nSignal : 0 })),
  ];
  for (const t of all) {
    const s = t.sensitivity;
    if (!s || s.points.length === 0) continue;
    const f = t.gamma === null ? 1 : 1e12;
    const pts = [...s.points].sort((a, b) => a.meanInjected - b.meanInjected);
    const xMax = Math.max(...pts.map((p) => p.meanInjected)) * 1.2;
    const xs = Array.from({ length: 80 }, (_, k) => (xMax * (k + 0.5)) / 80);
    const model = xs.map((n) => s.model.f0 + (1 - s.model.f0) * gammaCdf(n, s.model.shape, s.model.scale));
    const unit = t.gamma === null ? '× model flux' : '10⁻¹² TeV cm⁻² s⁻¹';
    figs.push({
      file: `sensitivity_${t.key}.png`,
      caption: `${LABEL[t.key]} sensitivity: fraction of signal trials with TS above the background median vs injected flux (${s.trialsPerStep} trials per point); the sensitivity is where the fitted curve crosses 90 %.`,
      scene: chart({
        width: 900,
        height: 520,
        title: `${LABEL[t.key]} sensitivity`,
        xLabel: `injected flux [${unit}]`,
        yLabel: 'fraction with TS > median bg',
        yRange: [0, 1.02],
        series: [
          { kind: 'line', x: xs.map((n) => n * t.fluxPerEvent * f), y: model, label: 'fitted model' },
          { kind: 'points', x: pts.map((p) => p.flux * f), y: pts.map((p) => p.nAbove / p.nTrials), yErr: pts.map((p) => Math.sqrt(Math.max(1e-9, (p.nAbove / p.nTrials) * (1 - p.nAbove / p.nTrials) / p.nTrials))), label: 'signal trials' },
        ],
        hlines: [{ at: 0.9, label: '90 %', dash: [4, 4] }],
        vlines: [{ at: s.flux * f, label: `sensitivity ${(s.flux * f).toPrecision(3)}`, color: '#D55E00' }],
      }),
    });
  }
  return figs;
}
