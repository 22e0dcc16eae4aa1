/**
 * Why is the point-source 4σ discovery potential at the horizon above Fig. S12? (issue 7; notes in the
 * lead's docs). No trials: per simulated background sample and source declination it prints what the
 * PS likelihood sees near the source, and a Gaussian-limit (Fisher) proxy of the sensitivity:
 *
 *   y_i = (S_i − S̃_i)/D̃_i · R_i(γ = 2)  (the kernel's per-event term, energy S/B at the injected γ),
 *   I_B = Σ_bg ⟨y²⟩_RA  (variance of the score Σ y_i under RA scrambles; ⟨⟩ over 48 source RAs),
 *   n_1σ = √I_B / ⟨y⟩_sig  (signal events per 1σ of the score; sensitivity ∝ n_1σ in the many-event limit),
 *   z_j = y_j/√I_B  (single-event significance of signal event j; many z_j ≫ 1 = "few clean events",
 *                     which lowers DP/sensitivity).
 * I_B is split by background component and by E_reco above/below 10 TeV. Also: background counts and
 * high-energy fractions near the source against Fig. S2's data histogram, the signal reservoir (as the ps
 * kernel builds it: src/sim, Rng(4242)), and the E^-2 acceptance per release band vs the toise 30° bands.
 *
 *   npx tsx scripts/diagnose-ps-horizon.ts [--seeds 2023,2,3] [--sindec -0.5,0,0.5] [--rows 19]
 *       [--model '{"vetoPower":2}']
 * --rows: sin δ rows of the energy PDF (default 19 = the paper's binning, physics.md §2.4).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Rng } from '../src/stats/random.js';
import { loadDnnCascadeIrf } from '../src/irf/irf.js';
import { dnnCascadeUptime } from '../src/sim/uptime.js';
import { DEFAULT_CASCADE_MODEL } from '../src/sim/cascadeModel.js';
import { simulateSample } from '../src/sim/simulate.js';
import { Dataset } from '../src/likelihood/dataset.js';
import { EnergyRatioGrid, PAPER_ENERGY_BINNING, energyBinIndex, type EnergyBinning } from '../src/likelihood/energyPdf.js';
import { evalSinDecDensity } from '../src/likelihood/background.js';
import { psPdf, raAveragedPsPdf } from '../src/likelihood/psf.js';
import { recoEnergyHistogram, bandAcceptance, e2At100TeVForPointSource } from '../src/irf/expectation.js';
import { powerLawFromE2At100TeV } from '../src/flux/powerLaw.js';
import { COMPONENTS } from '../src/events/sample.js';

const args = process.argv.slice(2);
const opt = (k: string) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : undefined; };
const seeds = (opt('--seeds') ?? '2023,2,3').split(',').map(Number);
const sinDecs = (opt('--sindec') ?? '-0.5,0,0.5').split(',').map(Number);
const nRows = Number(opt('--rows') ?? 19);
const model = { ...DEFAULT_CASCADE_MODEL, ...(opt('--model') ? JSON.parse(opt('--model')!) : {}) };
const rel = resolve(process.cwd(), '../shared/data/icecube_galactic_plane_2023_release');
const vec = (f: string) => readFileSync(`${rel}/${f}`, 'utf8').trim().split(/[\s,]+/).map(Number);
const DEG = Math.PI / 180;
const linspace = (a: number, b: number, n: number) => Float64Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
const binning: EnergyBinning = nRows === 19 ? PAPER_ENERGY_BINNING : { sinDecEdges: linspace(-1, 1, nRows + 1), logEEdges: PAPER_ENERGY_BINNING.logEEdges };
const f = (x: number, d = 2) => x.toFixed(d);

const irf = loadDnnCascadeIrf();
// --- acceptance: E^-2 per release band, relative (the flux per event is 1/this)
const acc = bandAcceptance(irf, (e) => 1e-7 * Math.pow(e / 1e5, -2));
// spectrum above: E²dN/dE = 1 TeV cm⁻² s⁻¹ at 100 TeV, so acc = events per TeV cm⁻² s⁻¹
console.log(`E^-2 events per 1e-12 TeV cm⁻² s⁻¹ (E²dN/dE at 100 TeV, per flavour) per release band [−1,−.6,−.2,.2,.6,1]: ${Array.from(acc, (a) => f(a * 1e-12, 2)).join(' / ')}`);

const psRows: string[] = [];
const sdEdges = existsSync(rel) ? vec('FigS2/sindec_plot/data_bins.csv') : [];
const sdData = existsSync(rel) ? vec('FigS2/sindec_plot/data_values.csv') : [];

for (const seed of seeds) {
  const s = simulateSample({ irf, uptime: dnnCascadeUptime(irf.livetimeS), rng: new Rng(seed), background: model });
  const n = s.n;
  const sinD = Float64Array.from(s.dec, Math.sin), cosD = Float64Array.from(s.dec, Math.cos);
  const ds = new Dataset({ ra: s.ra, dec: s.dec, sigma: s.angErr, logE: s.logE }, { binning });
  const hist = (g: number) => recoEnergyHistogram(irf, (e) => Math.pow(e / 1e5, -g), binning.sinDecEdges, binning.logEEdges);
  const grid = new EnergyRatioGrid(binning, [1.5, 2, 2.5], [hist(1.5), hist(2), hist(2.5)], ds.bgEnergyHist);
  const R = new Float64Array(grid.nBins);
  grid.ratioInto(2, R);
  const bin = energyBinIndex(binning, sinD, s.logE);
  const invD = Float64Array.from(sinD, (x) => (2 * Math.PI) / evalSinDecDensity(ds.bgDensity, x));
  console.log(`\n=== sample seed ${seed}: ${n} events; energy PDF ${binning.sinDecEdges.length - 1} sin δ rows`);
  for (const sd0 of sinDecs) {
    const decS = Math.asin(sd0), sds = Math.sin(decS), cds = Math.cos(decS);
    // background near the source: |sin δ − sd0| < 0.05
    let nb = 0, nb4 = 0, nb45 = 0;
    const byComp = new Float64Array(COMPONENTS.length);
    for (let i = 0; i < n; i++) if (Math.abs(sinD[i] - sd0) < 0.05) { nb++; if (s.logE[i] > 4) nb4++; if (s.logE[i] > 4.5) { nb45++; byComp[s.component![i]]++; } }
    let dataNear = NaN;
    if (sdEdges.length) { dataNear = 0; let w = 0; for (let b = 0; b < sdData.length; b++) { const lo = Math.max(sdEdges[b], sd0 - 0.05), hi = Math.min(sdEdges[b + 1], sd0 + 0.05); if (hi > lo) { dataNear += (sdData[b] * (hi - lo)) / (sdEdges[b + 1] - sdEdges[b]); w += hi - lo; } } }
    // I_B: ⟨y²⟩ over 48 source RAs (equivalent to RA scrambles of the events)
    const NRA = 48;
    let IB = 0, IBhi = 0;
    const yMaxBg: number[] = [];
    const IBcomp = new Float64Array(COMPONENTS.length);
    for (let i = 0; i < n; i++) {
      const sig = s.angErr[i];
      if (Math.abs(s.dec[i] - decS) > 5 * sig + 0.05) continue;
      const st = raAveragedPsPdf(sinD[i], cosD[i], sds, cds, sig);
      let m2 = 0;
      for (let k = 0; k < NRA; k++) {
        const ra = (2 * Math.PI * (k + 0.5)) / NRA;
        const S = psPdf(sinD[i] * sds + cosD[i] * cds * Math.cos(s.ra[i] - ra), sig);
        m2 += (S - st) * (S - st);
      }
      const v = (m2 / NRA) * invD[i] * invD[i] * R[bin[i]] * R[bin[i]];
      // largest y this event reaches (source on top of it): its weight when a scramble puts it at the source
      yMaxBg.push((psPdf(1, sig) - st) * invD[i] * R[bin[i]]);
      IB += v;
      if (s.logE[i] > 4) IBhi += v;
      IBcomp[s.component![i]] += v;
    }
    // signal reservoir as the ps kernel builds it (src/sim, Rng(4242), 20,000 expected events)
    const fpe = e2At100TeVForPointSource(irf, 1, 2, sd0);
    const sig = simulateSample({ irf, uptime: dnnCascadeUptime(irf.livetimeS), rng: new Rng(4242), background: null, signals: [{ kind: 'ps', ra: Math.PI, dec: decS, spectrum: powerLawFromE2At100TeV(20000 * fpe, 2) }] });
    const ys: number[] = [];
    let s4 = 0, rSum = 0;
    const sigmas: number[] = [];
    for (let j = 0; j < sig.n; j++) {
      const sj = Math.sin(sig.dec[j]), cj = Math.cos(sig.dec[j]), sg = sig.angErr[j];
      const b = energyBinIndex(binning, [sj], [sig.logE[j]])[0];
      const S = psPdf(sj * sds + cj * cds * Math.cos(sig.ra[j] - Math.PI), sg);
      const st = raAveragedPsPdf(sj, cj, sds, cds, sg);
      const invd = (2 * Math.PI) / evalSinDecDensity(ds.bgDensity, sj);
      ys.push((S - st) * invd * R[b]);
      if (sig.logE[j] > 4) s4++;
      rSum += Math.log(R[b]);
      sigmas.push(sg / DEG);
    }
    const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
    const sq = Math.sqrt(IB);
    const z = ys.map((y) => y / sq).sort((a, b) => a - b);
    const q = (a: number[], p: number) => a[Math.min(a.length - 1, Math.floor(p * a.length))];
    sigmas.sort((a, b) => a - b);
    const n1 = sq / mean;
    const comp = COMPONENTS.slice(0, 4).map((c, k) => `${c} ${f((100 * IBcomp[k]) / IB, 0)} %`).join(', ');
    console.log(`sin δ ${sd0}: bg |Δ sin δ| < 0.05: ${nb} events (Fig. S2 data ${f(dataNear, 0)}), E_reco > 10 TeV ${f((100 * nb4) / nb, 1)} %, > 31.6 TeV ${nb45} (conv ${byComp[0]}, prompt ${byComp[1]}, muon ${byComp[2]}, astro ${byComp[3]})`);
    console.log(`   signal (${sig.n} ev): median σ ${f(q(sigmas, 0.5), 1)}°, E_reco > 10 TeV ${f((100 * s4) / sig.n, 1)} %, ⟨ln R⟩ ${f(rSum / sig.n)}; flux per event ${fpe.toExponential(3)}`);
    console.log(`   I_B: E_reco > 10 TeV ${f((100 * IBhi) / IB, 0)} %; by component ${comp}`);
    const ySig = ys.slice().sort((a, b) => a - b);
    const above = (t: number) => yMaxBg.filter((y) => y > t).length;
    console.log(`   y_sig quantiles 50/75/90 %: ${f(q(ySig, 0.5), 0)} / ${f(q(ySig, 0.75), 0)} / ${f(q(ySig, 0.9), 0)}; bg events (within 5σ in δ) whose y at the source would exceed 1e3 / 1e4 / 1e5: ${above(1e3)} / ${above(1e4)} / ${above(1e5)}`);
    console.log(`   n_1σ = √I_B/⟨y⟩_sig = ${f(n1, 2)} ev; z_sig quantiles 50/75/90/95 %: ${f(q(z, 0.5))} / ${f(q(z, 0.75))} / ${f(q(z, 0.9))} / ${f(q(z, 0.95))}; ⟨z²⟩/⟨z⟩² ${f(z.reduce((a, b) => a + b * b, 0) / z.length / (mean / sq) ** 2, 1)}`);
    psRows.push(`${seed}\t${sd0}\t${nb}\t${f(dataNear, 0)}\t${f((100 * nb4) / nb, 1)}\t${nb45}\t${f(n1, 2)}\t${f(q(z, 0.9))}\t${f((100 * IBhi) / IB, 0)}`);
  }
}
console.log(`\nseed\tsinδ\tbg±.05\tdata\t%>10TeV\tn>31TeV\tn_1σ\tz90\tI_B%>10TeV`);
for (const r of psRows) console.log(r);
