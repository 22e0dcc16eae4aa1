/**
 * Likelihood timings on one core, N = 59,592 synthetic events (the DNNC sample size):
 * building the PDFs of a template search (nside 128, default σ grid), one template fit,
 * a template background trial (RA scramble + re-evaluate S + fit), a point-source fit and
 * trial (n_s and γ), and a 12-source stacking trial. Medians.
 */
import { Rng } from '../src/stats/random.js';
import { Dataset } from '../src/likelihood/dataset.js';
import { EnergyRatioGrid, PAPER_ENERGY_BINNING, energyRatio } from '../src/likelihood/energyPdf.js';
import { harmonicSmoother } from '../src/likelihood/harmonicSmoother.js';
import { pixelPhi, pixelZ } from '../src/likelihood/ringLookup.js';
import { SourceSearch } from '../src/likelihood/sourceSearch.js';
import { powerLawHistogram, syntheticEvents } from '../src/likelihood/synthetic.js';
import { TemplateSearch } from '../src/likelihood/templateSearch.js';
import { buildTemplateSpatial, defaultSigmaGrid } from '../src/likelihood/templatePdf.js';
import type { SkyMap } from '../src/sky/types.js';
import { medianCpuMs, medianMs, row } from './util.js';

function timed(name: string, fn: () => unknown, reps = 21, warmup = 3): void {
  const wall = medianMs(fn, reps, warmup);
  const cpu = medianCpuMs(fn, reps, warmup);
  console.log(`${name.padEnd(52)} wall ${wall.toFixed(2).padStart(8)} ms   cpu ${cpu.toFixed(2).padStart(8)} ms`);
}

const DEG = Math.PI / 180;
const N = 59592;

/** Galactic-plane-like template: exp(−b²/2(5°)²), b from the Galactic north pole (RA 192.859°, Dec 27.128°). */
function planeTemplate(nside: number): SkyMap {
  const z = pixelZ(nside);
  const phi = pixelPhi(nside);
  const a = 192.859 * DEG;
  const d = 27.128 * DEG;
  const nx = Math.cos(d) * Math.cos(a);
  const ny = Math.cos(d) * Math.sin(a);
  const nz = Math.sin(d);
  const data = new Float64Array(z.length);
  for (let p = 0; p < z.length; p++) {
    const r = Math.sqrt(1 - z[p] * z[p]);
    const b = Math.asin(nx * r * Math.cos(phi[p]) + ny * r * Math.sin(phi[p]) + nz * z[p]);
    data[p] = Math.exp(-(b * b) / (2 * (5 * DEG) ** 2));
  }
  return { nside, ordering: 'RING', frame: 'equatorial', data };
}

export function run(): void {
  const rng = new Rng(1);
  const ev = syntheticEvents(rng, { nBackground: N - 600, signal: [{ ra: 4.6, dec: -0.5, n: 600, gamma: 2.7 }] });
  const t0 = performance.now();
  const ds = new Dataset(ev);
  const tDataset = performance.now() - t0;
  const tpl = planeTemplate(128);
  const sigmas = defaultSigmaGrid(ds.maxSigma());
  const t1 = performance.now();
  const spatial = buildTemplateSpatial(tpl, (s) => 1 + 0.3 * s, sigmas, harmonicSmoother());
  const tSpatial = performance.now() - t1;
  const t2 = performance.now();
  const ratio = energyRatio(ds.binning, powerLawHistogram(PAPER_ENERGY_BINNING, 2.7), ds.bgEnergyHist);
  const search = new TemplateSearch(ds, spatial, ratio, 'plane');
  const tSearch = performance.now() - t2;
  row(`dataset (sinδ KDE, energy bins), N=${N}`, tDataset, null);
  row(`template spatial PDFs, nside 128, ${sigmas.length} σ maps`, tSpatial, null);
  row('template per-event arrays (S, S̃, D̃, energy)', tSearch, null);
  row('build all PDFs for a template (sum of the 3)', tDataset + tSpatial + tSearch, null);
  timed('template fit (n_s)', () => search.fit(), 51, 5);
  const trng = new Rng(2);
  timed('template trial (RA scramble + S + fit)', () => { search.scrambleRa(trng); search.fit(); }, 51, 5);
  search.unscramble();

  const gammas = Array.from({ length: 13 }, (_, k) => 1 + 0.25 * k);
  const grid = new EnergyRatioGrid(PAPER_ENERGY_BINNING, gammas, gammas.map((g) => powerLawHistogram(PAPER_ENERGY_BINNING, g)), ds.bgEnergyHist);
  const t3 = performance.now();
  const ps = new SourceSearch(ds, [{ ra: 4.6, dec: -0.5 }], grid);
  row('point-source search build (S̃ per event)', performance.now() - t3, null);
  timed('point-source fit (n_s, γ)', () => ps.fit());
  const prng = new Rng(3);
  timed('point-source trial (RA scramble + S + fit)', () => { ps.scrambleRa(prng); ps.fit(); });
  console.log(`   (2-D Newton fell back to the Brent profile fit in ${ps.fallbacks} of the point-source fits)`);
  const srcs = Array.from({ length: 12 }, (_, k) => ({ ra: 0.5 * k, dec: -0.9 + 0.1 * k }));
  const st = new SourceSearch(ds, srcs, grid, { acceptance: gammas.map(() => new Float64Array(12).fill(1)) });
  const srng = new Rng(4);
  timed('stacking trial, 12 sources (scramble + S + fit)', () => { st.scrambleRa(srng); st.fit(); }, 9, 2);
}

if (import.meta.url === `file://${process.argv[1]}`) run();
