/**
 * Comparisons of a simulated DNN-cascade sample with the public release (paper Figs. S1,
 * S2, S5): used by scripts/validate-sim.ts and `nusky simulate --report`.
 */
import { readFileSync } from 'node:fs';
import type { EventSample } from '../events/sample.js';
import { COMPONENTS } from '../events/sample.js';
import type { Irf } from '../irf/irf.js';
import { angErrMedian } from '../irf/psf.js';

function vec(file: string): number[] {
  return readFileSync(file, 'utf8').trim().split(/[\s,]+/).map(Number);
}

export function histogram(values: ArrayLike<number>, edges: number[], mask?: (i: number) => boolean): number[] {
  const h = new Array<number>(edges.length - 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    if (mask && !mask(i)) continue;
    const v = values[i];
    if (!(v >= edges[0] && v < edges[edges.length - 1])) continue;
    let lo = 0, hi = edges.length - 1;
    while (hi - lo > 1) { const m = (lo + hi) >>> 1; if (v >= edges[m]) lo = m; else hi = m; }
    h[lo]++;
  }
  return h;
}

export interface HistComparison { edges: number[]; sim: number[]; data: number[]; worstRelDev: number; nCompared: number }

function compare(edges: number[], sim: number[], data: number[], minCount = 500): HistComparison {
  let worst = 0, nc = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i] < minCount) continue;
    nc++;
    worst = Math.max(worst, Math.abs(sim[i] / data[i] - 1));
  }
  return { edges, sim, data, worstRelDev: worst, nCompared: nc };
}

function median(a: number[]): number {
  const s = a.slice().sort((x, y) => x - y);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
}

export function compareToRelease(s: EventSample, releaseDir: string, irf: Irf) {
  const r2d = 180 / Math.PI;
  const sinDec = Float64Array.from(s.dec, Math.sin);
  const angDeg = Float64Array.from(s.angErr, (x) => x * r2d);
  const sdEdges = vec(`${releaseDir}/FigS2/sindec_plot/data_bins.csv`);
  const aeEdges = vec(`${releaseDir}/FigS2/angerr_plot/data_bins.csv`);
  const sd = compare(sdEdges, histogram(sinDec, sdEdges), vec(`${releaseDir}/FigS2/sindec_plot/data_values.csv`));
  const ae = compare(aeEdges, histogram(angDeg, aeEdges), vec(`${releaseDir}/FigS2/angerr_plot/data_values.csv`));
  // the paper's own simulation (Fig. S2 sim_tot), scaled to the data total, as a second reference
  const mcScale = 59592 / vec(`${releaseDir}/FigS2/sindec_plot/sim_tot_values.csv`).reduce((a, b) => a + b, 0);
  const sdMc = compare(sdEdges, sd.sim, vec(`${releaseDir}/FigS2/sindec_plot/sim_tot_values.csv`).map((x) => x * mcScale));
  const aeMc = compare(aeEdges, ae.sim, vec(`${releaseDir}/FigS2/angerr_plot/sim_tot_values.csv`).map((x) => x * mcScale));
  const paperMcVsData = compare(sdEdges, sdMc.data, sd.data);
  // component shares vs Fig. S2 simulation
  const comp = new Array<number>(COMPONENTS.length).fill(0);
  for (let i = 0; i < s.n; i++) comp[s.component![i]]++;
  const mu = comp[2] / s.n, astro = comp[3] / s.n, atm = (comp[0] + comp[1]) / s.n;
  const ref = {
    mu: vec(`${releaseDir}/FigS2/sindec_plot/mu_values.csv`).reduce((a, b) => a + b, 0),
    astro: vec(`${releaseDir}/FigS2/sindec_plot/astro_nu_values.csv`).reduce((a, b) => a + b, 0),
    atm: vec(`${releaseDir}/FigS2/sindec_plot/atmo_nu_values.csv`).reduce((a, b) => a + b, 0),
  };
  const refTot = ref.mu + ref.astro + ref.atm;
  // flavour shares vs Fig. S1 (reconstructed energy ≥ ~500 GeV)
  const fl = { astro: [0, 0, 0], atmo: [0, 0, 0] };
  for (let i = 0; i < s.n; i++) {
    const f = s.flavour![i];
    if (f > 2) continue;
    if (s.component![i] === 3) fl.astro[f]++;
    else if (s.component![i] <= 1) fl.atmo[f]++;
  }
  const s1 = (t: string, f: string) => vec(`${releaseDir}/FigS1/${t}_${f}_values.csv`).reduce((a, b) => a + b, 0);
  const s1ref = { astro: ['nue', 'numu', 'nutau'].map((f) => s1('astro', f)), atmo: ['nue', 'numu', 'nutau'].map((f) => s1('atmo', f)) };
  const share = (a: number[]) => { const t = a[0] + a[1] + a[2]; return a.map((x) => x / t); };
  // median opening angle vs true energy (neutrinos only) vs angular_resolution.csv
  const res = readFileSync(`${releaseDir}/ReconstructionResolution/angular_resolution.csv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const psfRows: { eGeV: number; simMedianDeg: number; releaseMedianDeg: number; n: number }[] = [];
  for (const lg of [3, 3.5, 4, 4.5, 5, 5.5, 6]) {
    const psis: number[] = [];
    for (let i = 0; i < s.n; i++) {
      if (s.component![i] === 2) continue;
      const le = Math.log10(s.trueE![i]);
      if (Math.abs(le - lg) > 0.1) continue;
      const c = Math.sin(s.dec[i]) * Math.sin(s.trueDec![i]) + Math.cos(s.dec[i]) * Math.cos(s.trueDec![i]) * Math.cos(s.ra[i] - s.trueRa![i]);
      psis.push(Math.acos(Math.min(1, Math.max(-1, c))) * r2d);
    }
    let best = res[0];
    for (const row of res) if (Math.abs(Math.log10(row[0]) - lg) < Math.abs(Math.log10(best[0]) - lg)) best = row;
    psfRows.push({ eGeV: 10 ** lg, simMedianDeg: median(psis), releaseMedianDeg: best[2], n: psis.length });
  }
  const json = {
    n: s.n, target: 59592,
    sinDec: sd, angErr: ae, sinDecVsPaperMc: sdMc, angErrVsPaperMc: aeMc, paperMcVsDataSinDec: paperMcVsData,
    shares: { muon: mu, astro, atm, refMuon: ref.mu / refTot, refAstro: ref.astro / refTot, refAtm: ref.atm / refTot },
    flavour: { simAstro: share(fl.astro), refAstro: share(s1ref.astro), simAtmo: share(fl.atmo), refAtmo: share(s1ref.atmo) },
    psf: psfRows,
    angErrMedianDeg: median(Array.from(angDeg)),
    modelMedianAngErrAt10TeV: angErrMedian(irf.angular, 1e4) * r2d,
  };
  const pct = (x: number) => (100 * x).toFixed(1) + '%';
  const lines = [
    `events: ${s.n} (target 59,592, ${pct(s.n / 59592 - 1)})`,
    `sin δ histogram: worst |sim/data − 1| = ${pct(sd.worstRelDev)} over ${sd.nCompared} bins with ≥ 500 events`,
    `  sim : ${sd.sim.join(' ')}`,
    `  data: ${sd.data.join(' ')}`,
    `  (the paper's own MC, Fig. S2 sim_tot scaled to 59,592, deviates from the data by up to ${pct(paperMcVsData.worstRelDev)}; nusky vs that MC: ${pct(sdMc.worstRelDev)})`,
    `angErr histogram: worst |sim/data − 1| = ${pct(ae.worstRelDev)} over ${ae.nCompared} bins with ≥ 500 events (vs paper MC ${pct(aeMc.worstRelDev)})`,
    `  sim : ${ae.sim.join(' ')}`,
    `  data: ${ae.data.join(' ')}`,
    `shares: muon ${pct(mu)} (Fig. S2 ${pct(ref.mu / refTot)}), astro ${pct(astro)} (${pct(ref.astro / refTot)}), atm ν ${pct(atm)} (${pct(ref.atm / refTot)})`,
    `flavour astro e/μ/τ: ${share(fl.astro).map(pct).join(' ')} (Fig. S1 ${share(s1ref.astro).map(pct).join(' ')})`,
    `flavour atmo  e/μ/τ: ${share(fl.atmo).map(pct).join(' ')} (Fig. S1 ${share(s1ref.atmo).map(pct).join(' ')})`,
    `median ψ vs E: ` + psfRows.map((r) => `${(r.eGeV / 1e3).toPrecision(3)} TeV ${r.simMedianDeg.toFixed(1)}° (rel. ${r.releaseMedianDeg.toFixed(1)}°, n=${r.n})`).join('; '),
    `angErr median ${json.angErrMedianDeg.toFixed(1)}° (data 18.0°)`,
  ];
  return { json, text: lines.join('\n') };
}
