/**
 * Diagnosis of the Fig. S2 sin δ shape (issue 4, docs/events-irf-sim.md 2026-11-26 afternoon).
 * Simulates several seeds with a model variant and prints, seed by seed and averaged, every
 * issue-4 evidence line that the variant could move: worst sin δ bin (≥ 500 events), seed-mean
 * sim/data per bin and per release band, angErr histogram worst bin and median, median ψ at
 * 1/3/10 TeV (sample-weighted and re-weighted to the astrophysical flavour mix of Fig. S1),
 * component and flavour shares, and the atmospheric E_reco shape against Fig. S1 (an input that
 * is independent of Fig. S2).
 *
 *   npx tsx scripts/diagnose-sindec.ts [--seeds 1,2,3] [--model JSON] [--autonorm]
 *        [--psi '{"numuCC":0.8,"other":1}'] [--true]
 *
 * --autonorm rescales convNorm so that the expected total is 59,592 (as DEFAULT_CASCADE_MODEL is).
 * --psi re-draws the reconstructed direction of neutrino events with a ψ-scale per class
 * (numuCC, numuNC, nueCC, nueNC, nutau, astro; `other` for the rest): lever 1 of the diagnosis.
 * --true uses true directions for neutrinos (no PSF smearing).
 * --north-scale f (sizing only, NOT a physical model): keep atmospheric ν with true sin δ > 0.6 with
 * probability f, then scale the histogram to the data total — how much the north band would have to drop.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Rng } from '../src/stats/random.js';
import { loadDnnCascadeIrf } from '../src/irf/irf.js';
import { dnnCascadeUptime } from '../src/sim/uptime.js';
import { DEFAULT_CASCADE_MODEL } from '../src/sim/cascadeModel.js';
import { expectedBackground, simulateSample } from '../src/sim/simulate.js';
import { histogram } from '../src/sim/validation.js';
import { offsetDirection, sampleAngular } from '../src/irf/psf.js';
import type { EventSample } from '../src/events/sample.js';

const args = process.argv.slice(2);
const opt = (k: string) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : undefined; };
const seeds = (opt('--seeds') ?? '1,2,3').split(',').map(Number);
const psi: Record<string, number> = opt('--psi') ? JSON.parse(opt('--psi')!) : {};
const model = { ...DEFAULT_CASCADE_MODEL, ...(opt('--model') ? JSON.parse(opt('--model')!) : {}) };
const useTrue = args.includes('--true');
const northScale = Number(opt('--north-scale') ?? 1);
const rel = resolve(process.cwd(), '../shared/data/icecube_galactic_plane_2023_release');
if (!existsSync(rel)) { console.log(`skip: ${rel} not found`); process.exit(0); }
const vec = (f: string) => readFileSync(`${rel}/${f}`, 'utf8').trim().split(/[\s,]+/).map(Number);
const irf = loadDnnCascadeIrf();
if (args.includes('--autonorm')) {
  const e = expectedBackground(irf, model);
  model.convNorm *= (59592 - e['atm-prompt'] - e['atm-muon'] - e.astro) / e['atm-conv'];
}
const exp = expectedBackground(irf, model);
const sdEdges = vec('FigS2/sindec_plot/data_bins.csv'), sdData = vec('FigS2/sindec_plot/data_values.csv');
const aeEdges = vec('FigS2/angerr_plot/data_bins.csv'), aeData = vec('FigS2/angerr_plot/data_values.csv');
const s1Edges = vec('FigS1/atmo_tot_bins.csv').map(Math.log10), s1 = vec('FigS1/atmo_tot_values.csv');
const nb = sdData.length;
const r2d = 180 / Math.PI;
const muRef = vec('FigS2/sindec_plot/mu_values.csv');
const muSum = new Float64Array(nb);
const sdSum = new Float64Array(nb), s1Sum = new Float64Array(s1.length);
const rows: string[] = [];
const tmp = new Float64Array(2), ang = new Float64Array(2);
const psiMed = [0, 0, 0], psiMedAstro = [0, 0, 0];
const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;

function psiClass(s: EventSample, i: number): string {
  if (s.component![i] === 3) return 'astro';
  const f = s.flavour![i], nc = s.interaction![i] === 1;
  return f === 1 ? (nc ? 'numuNC' : 'numuCC') : f === 0 ? (nc ? 'nueNC' : 'nueCC') : 'nutau';
}
function worst(sim: ArrayLike<number>, data: number[]): number {
  let w = 0;
  for (let b = 0; b < data.length; b++) if (data[b] >= 500) w = Math.max(w, Math.abs(sim[b] / data[b] - 1));
  return w;
}
function weightedMedian(v: number[], w: number[]): number {
  const idx = v.map((_, j) => j).sort((a, b) => v[a] - v[b]);
  const tot = w.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (const j of idx) { acc += w[j]; if (acc >= tot / 2) return v[j]; }
  return NaN;
}

for (const seed of seeds) {
  const s = simulateSample({ irf, uptime: dnnCascadeUptime(irf.livetimeS), rng: new Rng(seed), background: model });
  const rng = new Rng(1000 + seed);
  for (let i = 0; i < s.n; i++) {
    if (s.component![i] === 2) continue;
    if (useTrue) { s.dec[i] = s.trueDec![i]; s.ra[i] = s.trueRa![i]; continue; }
    const f = psi[psiClass(s, i)] ?? psi.other ?? 1;
    if (f === 1) continue;
    sampleAngular(irf.angular, s.trueE![i], rng, ang, 1, f);
    offsetDirection(s.trueRa![i], s.trueDec![i], ang[1], 2 * Math.PI * rng.uniform(), tmp);
    s.ra[i] = tmp[0]; s.dec[i] = tmp[1];
  }
  const keep = northScale === 1 ? undefined
    : (i: number) => !(s.component![i] <= 1 && Math.sin(s.trueDec![i]) > 0.6 && rng.uniform() > northScale);
  const hs = histogram(Float64Array.from(s.dec, Math.sin), sdEdges, keep);
  if (keep) { const f = 59592 / hs.reduce((a, b) => a + b, 0); for (let b = 0; b < nb; b++) hs[b] *= f; }
  const ha = histogram(Float64Array.from(s.angErr, (x) => x * r2d), aeEdges);
  const he = histogram(s.logE, s1Edges, (i) => s.component![i] <= 1);
  for (let b = 0; b < nb; b++) sdSum[b] += hs[b] / seeds.length;
  const hm = histogram(Float64Array.from(s.dec, Math.sin), sdEdges, (i) => s.component![i] === 2);
  for (let b = 0; b < nb; b++) muSum[b] += hm[b] / seeds.length;
  for (let b = 0; b < s1.length; b++) s1Sum[b] += he[b] / seeds.length;
  const angs = Array.from(s.angErr).sort((a, b) => a - b);
  let mu = 0, astro = 0, ae = 0, am = 0;
  for (let i = 0; i < s.n; i++) {
    const c = s.component![i];
    if (c === 2) mu++; else if (c === 3) astro++;
    else if (s.flavour![i] === 0) ae++; else am++;
  }
  // median ψ at 1, 3.16, 10 TeV (± 0.1 dex): as sampled, and re-weighted to Fig. S1's astro flavour mix
  [3, 3.5, 4].forEach((lg, j) => {
    const ps: number[] = [], fl: number[] = [], cnt = [0, 0, 0];
    for (let i = 0; i < s.n; i++) {
      if (s.component![i] === 2 || Math.abs(Math.log10(s.trueE![i]) - lg) > 0.1) continue;
      const c = Math.sin(s.dec[i]) * Math.sin(s.trueDec![i]) + Math.cos(s.dec[i]) * Math.cos(s.trueDec![i]) * Math.cos(s.ra[i] - s.trueRa![i]);
      ps.push(Math.acos(Math.min(1, Math.max(-1, c))) * r2d);
      fl.push(s.flavour![i]); cnt[s.flavour![i]]++;
    }
    const target = [0.505, 0.13, 0.365];
    psiMed[j] += weightedMedian(ps, ps.map(() => 1)) / seeds.length;
    psiMedAstro[j] += weightedMedian(ps, fl.map((f) => (cnt[f] ? target[f] / cnt[f] : 0))) / seeds.length;
  });
  rows.push(`seed ${seed}: n ${s.n} (${(100 * (s.n / 59592 - 1)).toFixed(1)}%), sin δ worst ${(100 * worst(hs, sdData)).toFixed(1)}%, ` +
    `angErr worst ${(100 * worst(ha, aeData)).toFixed(1)}% median ${(angs[angs.length >> 1] * r2d).toFixed(1)}°, ` +
    `muon ${(100 * mu / s.n).toFixed(1)}% astro ${(100 * astro / s.n).toFixed(1)}%, atm νe ${(100 * ae / (ae + am)).toFixed(1)}%`);
}
const ratio = Array.from(sdSum, (x, b) => x / sdData[b] - 1);
const pct = (x: number) => (x >= 0 ? '+' : '') + (100 * x).toFixed(0);
const band = (lo: number, hi: number) => {
  let a = 0, d = 0;
  for (let b = 0; b < nb; b++) { const c = 0.5 * (sdEdges[b] + sdEdges[b + 1]); if (c >= lo && c < hi) { a += sdSum[b]; d += sdData[b]; } }
  return pct(a / d - 1) + '%';
};
console.log(`model ${JSON.stringify(Object.fromEntries(Object.entries(model).filter(([k, v]) => (DEFAULT_CASCADE_MODEL as unknown as Record<string, number>)[k] !== v)))} psi ${JSON.stringify(psi)}${useTrue ? ' TRUE directions' : ''}`);
console.log(`expected ${Math.round(exp['atm-conv'] + exp['atm-prompt'] + exp['atm-muon'] + exp.astro)} (conv ${Math.round(exp['atm-conv'])}, prompt ${Math.round(exp['atm-prompt'])}, astro ${Math.round(exp.astro)}, muons ${exp['atm-muon']})`);
for (const r of rows) console.log('  ' + r);
console.log(`seed-mean sin δ: worst ${(100 * worst(sdSum, sdData)).toFixed(1)}%; sim/data−1 (%): ${ratio.map(pct).join(' ')}`);
console.log(`bands [-1,-.6] ${band(-1, -0.6)} [-.6,-.2] ${band(-0.6, -0.2)} [-.2,.2] ${band(-0.2, 0.2)} [.2,.6] ${band(0.2, 0.6)} [.6,1] ${band(0.6, 1)}; ` +
  `pole (sin δ .83–.94)/horizon (−.03–.09): sim ${((sdSum[nb - 2] + sdSum[nb - 3]) / (sdSum[17] + sdSum[18])).toFixed(3)}, data ${((sdData[nb - 2] + sdData[nb - 3]) / (sdData[17] + sdData[18])).toFixed(3)}`);
const bandsOf = (h: ArrayLike<number>) => [-1, -0.6, -0.2, 0.2, 0.6].map((lo) => {
  let a = 0;
  for (let b = 0; b < nb; b++) { const c = 0.5 * (sdEdges[b] + sdEdges[b + 1]); if (c >= lo && c < lo + 0.4) a += h[b]; }
  return Math.round(a);
});
const mcRef = vec('FigS2/sindec_plot/sim_tot_values.csv');
const mcScale = sdData.reduce((a, b) => a + b, 0) / mcRef.reduce((a, b) => a + b, 0);
const simB = bandsOf(sdSum), mcB = bandsOf(mcRef), dataB = bandsOf(sdData);
console.log(`bands vs the paper's MC (Fig. S2 sim_tot × ${mcScale.toFixed(3)}): ${simB.map((x, j) => pct(x / (mcB[j] * mcScale) - 1) + '%').join(' ')}; ` +
  `paper MC vs data: ${mcB.map((x, j) => pct((x * mcScale) / dataB[j] - 1) + '%').join(' ')}`);
console.log(`muons per release band: sim ${bandsOf(muSum).join('/')}, Fig. S2 muon MC ${bandsOf(muRef).join('/')}`);
console.log(`median ψ 1/3.16/10 TeV: sample ${psiMed.map((x) => x.toFixed(1)).join('/')}°, astro flavour mix ${psiMedAstro.map((x) => x.toFixed(1)).join('/')}° (angular_resolution.csv 17.4/14.2/10.8°)`);
const st = s1Sum.reduce((a, b) => a + b, 0), rt = s1.reduce((a, b) => a + b, 0);
const s1r = (lo: number, hi: number) => { let a = 0, d = 0; for (let b = 0; b < s1.length; b++) if (s1Edges[b] >= lo && s1Edges[b + 1] <= hi + 1e-9) { a += s1Sum[b] / st; d += s1[b] / rt; } return (a / d).toFixed(2); };
console.log(`atm E_reco shape / Fig. S1 (shares): 0.5–1 TeV ${s1r(2.7, 3)}, 1–2.6 TeV ${s1r(3, 3.41)}, 2.6–7.6 TeV ${s1r(3.41, 3.88)}, 7.6–30 TeV ${s1r(3.88, 4.47)}, 30–114 TeV ${s1r(4.47, 5.06)}`);
