/**
 * Diagnosis of the π0 n̂_s bias (results in docs/events-irf-sim.md). Run:
 *   npx tsx scripts/diagnose-ns-bias.ts [nSeeds=3] [nInj=697] [fast|perm]
 * Per seed: simulate the 10-yr DNN-cascade sample + π0 (flux scaled so ≈ nInj signal events are expected;
 * 697 at the paper's 21.8e-12), then fit the π0 template
 *  (a) as simulated; (a0) same, energy term off (energy S/B = 1);
 *  (b) every event's direction redrawn from the likelihood's own PSF with σ = angErr (Gaussian < 7°, vMF above);
 *  (b0) same, energy term off; (t)/(t0) perfect reconstruction (true directions, angErr = 1°).
 * Also prints the simulated signal coverage (true containment at r = σ√(−2 ln(1−q))) next to coverage.csv (Fig. S7).
 * Paper's bias (release ns_bias_pi0.csv): 450 → 496, 697 → 751, 900 → 993 (≈ +10 %).
 */
import { loadDnnCascadeIrf } from '../src/irf/irf.js';
import { KENT_MIN_SIGMA } from '../src/likelihood/psf.js';
import { offsetDirection, sampleOpeningAngleForScale } from '../src/irf/psf.js';
import { readNamedColumns } from '../src/irf/tables.js';
import { buildTemplateAnalysis, datasetFromSample } from '../src/likelihood/analysis.js';
import { TemplateSearch } from '../src/likelihood/templateSearch.js';
import { DEFAULT_CASCADE_MODEL } from '../src/sim/cascadeModel.js';
import { simulateSample } from '../src/sim/simulate.js';
import { dnnCascadeUptime } from '../src/sim/uptime.js';
import { Rng } from '../src/stats/random.js';
import { builtinTemplate } from '../src/templates/builtin.js';
import { spatialPdf } from '../src/templates/template.js';
import type { EventSample } from '../src/events/sample.js';

const nSeeds = Number(process.argv[2] ?? 3);
const nInj = Number(process.argv[3] ?? 697);
/** 'fast': variant (a) only (for many seeds). */
const fast = process.argv[4] === 'fast';
/** 'perm': (a) and (p) only — (p) = angErr permuted at random among all events, then directions redrawn from the
 *  likelihood's PSF: σ carries no signal/background information, so the likelihood (which has no P(σ|S)/P(σ|B)
 *  term) is then the correct model. */
const perm = process.argv[4] === 'perm';
const irf = loadDnnCascadeIrf();
const pi0 = builtinTemplate('pi0');
const pdf = spatialPdf(pi0, { frame: 'equatorial' });
const uptime = dnnCascadeUptime(irf.livetimeS);
const norm = 21.8e-12 * (nInj / 697);
const QS = [0.2, 0.3934693, 0.49, 0.68, 0.9];
const cov = readNamedColumns(new URL('../data/irf/dnnc/coverage.csv', import.meta.url).pathname);
const covAt = (q: number) => {
  const i = cov.quantiles.findIndex((x) => x >= q);
  const t = (q - cov.quantiles[i - 1]) / (cov.quantiles[i] - cov.quantiles[i - 1]);
  return ['cov_base_1TeV', 'cov_base_10TeV', 'cov_base_500TeV'].map((c) => (cov[c][i - 1] * (1 - t) + cov[c][i] * t).toFixed(3)).join('/');
};

function psiOf(s: EventSample, i: number): number {
  const a = Math.sin(s.dec[i]) * Math.sin(s.trueDec![i]) + Math.cos(s.dec[i]) * Math.cos(s.trueDec![i]) * Math.cos(s.ra[i] - s.trueRa![i]);
  return Math.acos(Math.max(-1, Math.min(1, a)));
}

function coverage(s: EventSample): number[] {
  const hit = QS.map(() => 0);
  let n = 0;
  for (let i = 0; i < s.ra.length; i++) {
    if (s.component![i] !== 4) continue;
    n++;
    const psi = psiOf(s, i);
    QS.forEach((q, k) => { if (psi < s.angErr[i] * Math.sqrt(-2 * Math.log(1 - q))) hit[k]++; });
  }
  return hit.map((h) => h / n);
}

/** Redraw every direction from the likelihood's PSF with σ = angErr (in place). */
function redrawExact(s: EventSample, rng: Rng): void {
  const out = new Float64Array(2);
  for (let i = 0; i < s.ra.length; i++) {
    const sig = s.angErr[i];
    const psi = sig < KENT_MIN_SIGMA ? sig * Math.sqrt(-2 * Math.log(1 - rng.uniform())) : sampleOpeningAngleForScale(sig, rng);
    offsetDirection(s.trueRa![i], s.trueDec![i], psi, 2 * Math.PI * rng.uniform(), out);
    s.ra[i] = out[0];
    s.dec[i] = out[1];
  }
}

function fitBoth(s: EventSample): [number, number] {
  const ds = datasetFromSample(s, { sample: 'sim' });
  const a = buildTemplateAnalysis(ds, irf, pi0);
  const ns = a.search.fit().ns;
  let nb = 0;
  for (let i = 0; i < ds.n; i++) nb = Math.max(nb, ds.energyBin[i] + 1);
  const flat = new TemplateSearch(ds, a.search.spatial, new Float64Array(nb).fill(1));
  return [ns, flat.fit().ns];
}

console.log(`nInj=${nInj}; coverage.csv at q=${QS.join(', ')}: ${QS.map(covAt).join('  ')}`);
const acc: number[][] = [];
for (let seed = 1; seed <= nSeeds; seed++) {
  const s = simulateSample({
    irf, uptime, rng: new Rng(seed), background: DEFAULT_CASCADE_MODEL,
    signals: [{ kind: 'template', pdf, spectrum: (e) => norm * 1e-7 * Math.pow(e / 1e5, -2.7) }],
  });
  const nSig = s.component!.reduce((a, c) => a + (c === 4 ? 1 : 0), 0);
  const c = coverage(s);
  const [a, a0] = fitBoth(s);
  if (perm) {
    const r = new Rng(2000 + seed), n = s.angErr.length;
    for (let i = n - 1; i > 0; i--) { const j = r.int(i + 1); const t = s.angErr[i]; s.angErr[i] = s.angErr[j]; s.angErr[j] = t; }
    redrawExact(s, r);
    const [p, p0] = fitBoth(s);
    acc.push([nSig, a, a0, p, p0, NaN, NaN]);
    console.log(`seed ${seed}: nSig=${nSig} | (a) ${a.toFixed(0)} (a0) ${a0.toFixed(0)} | (p) permuted σ, exact PSF ${p.toFixed(0)} (p0, no E) ${p0.toFixed(0)}`);
    continue;
  }
  if (fast) {
    acc.push([nSig, a, a0, NaN, NaN, NaN, NaN]);
    console.log(`seed ${seed}: nSig=${nSig} | (a) ${a.toFixed(0)} (a0, no E) ${a0.toFixed(0)} | cov sim ${c.map((x) => x.toFixed(3)).join('/')}`);
    continue;
  }
  redrawExact(s, new Rng(1000 + seed));
  const cb = coverage(s);
  const [b, b0] = fitBoth(s);
  // (t) perfect reconstruction: true directions, angErr = 1° for every event
  s.ra.set(s.trueRa!); s.dec.set(s.trueDec!); s.angErr.fill(Math.PI / 180);
  const [t, t0] = fitBoth(s);
  acc.push([nSig, a, a0, b, b0, t, t0]);
  console.log(`seed ${seed}: nSig=${nSig} | (a) ${a.toFixed(0)} (a0, no E) ${a0.toFixed(0)} | (b) exact PSF ${b.toFixed(0)} (b0) ${b0.toFixed(0)} | (t) true dir ${t.toFixed(0)} (t0) ${t0.toFixed(0)}` +
    ` | cov sim ${c.map((x) => x.toFixed(3)).join('/')} exact ${cb.map((x) => x.toFixed(3)).join('/')}`);
}
const mean = (k: number) => acc.reduce((t, r) => t + r[k], 0) / acc.length;
const m0 = mean(0);
const sd = Math.sqrt(acc.reduce((t, r) => t + (r[1] - mean(1)) ** 2, 0) / Math.max(1, acc.length - 1));
console.log(`(a): mean n̂_s ${mean(1).toFixed(0)} ± ${(sd / Math.sqrt(acc.length)).toFixed(0)} (s.e.m.), per-seed SD ${sd.toFixed(0)}`);
console.log(`mean nSig ${m0.toFixed(0)}: ` + (perm ? ['a', 'a0', 'p', 'p0', 't', 't0'] : ['a', 'a0', 'b', 'b0', 't', 't0']).map((n, k) => `${n} ${mean(k + 1).toFixed(0)} (${((mean(k + 1) / m0 - 1) * 100).toFixed(0)} %)`).join(', '));
