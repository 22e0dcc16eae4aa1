/**
 * Renders the sample images of docs/report.md into docs/img/ from the public GP-2023 release in
 * ../shared/data (skips when it is absent). Run: npx tsx scripts/report-samples.ts
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadMaps } from '../src/io/any-map.js';
import { chart } from '../src/report/chart.js';
import { mollviewScene } from '../src/report/mollweide.js';
import { saveScene } from '../src/report/save.js';
import type { SkyMap } from '../src/sky/types.js';

const REL = resolve(process.cwd(), '../shared/data/icecube_galactic_plane_2023_release');
const OUT = resolve(process.cwd(), 'docs/img');
if (!existsSync(REL)) {
  console.log(`skipped: ${REL} not found`);
  process.exit(0);
}
mkdirSync(OUT, { recursive: true });
const D2R = Math.PI / 180;
const W = 820;

function save(scene: Parameters<typeof saveScene>[0], name: string): void {
  const f = join(OUT, name);
  saveScene(scene, f);
  console.log(`${name}: ${scene.width}×${scene.height}, ${(statSync(f).size / 1024).toFixed(0)} kB`);
}

function csvRows(file: string): string[][] {
  return readFileSync(join(REL, file), 'utf8').trim().split(/\r?\n/).map((l) => l.split(','));
}

// 1–2: the π0 template (equatorial, RING, sr⁻¹) in Galactic and equatorial display, log scale.
const pi0 = { ...loadMaps(join(REL, 'MainResult/Fermi-LAT_pi0_map.npy')).maps[0]!, unit: 'sr⁻¹' };
save(mollviewScene(pi0, { width: W, frame: 'galactic', log: true, title: 'Fermi-LAT π⁰ template (Galactic)' }).scene, 'pi0_galactic_log.png');
save(mollviewScene(pi0, { width: W, log: true, title: 'Fermi-LAT π⁰ template (equatorial)' }).scene, 'pi0_equatorial_log.png');

// 3: the stacking catalogues as overlays on the π0 template.
const cats = [
  { file: 'catalogs/snr_ESTES_12.csv', name: 'SNR', color: '#ffffff', shape: 'circle' as const },
  { file: 'catalogs/pwn_ESTES_12.csv', name: 'PWN', color: '#E69F00', shape: 'diamond' as const },
  { file: 'catalogs/unid_ESTES_12.csv', name: 'UNID', color: '#56B4E9', shape: 'square' as const },
].map((c) => {
  const rows = csvRows(c.file).slice(1);
  return {
    lon: rows.map((r) => Number(r[1]) * D2R), lat: rows.map((r) => Number(r[2]) * D2R), frame: 'equatorial' as const,
    size: 6, color: c.color, shape: c.shape, name: `${c.name} (${rows.length})`, edgeColor: '#000',
  };
});
save(mollviewScene(pi0, { width: W, frame: 'galactic', log: true, cmap: 'cividis', title: 'Stacking catalogues on the π⁰ template', overlays: cats }).scene, 'catalog_overlay.png');

// 4: per-pixel TS contribution (Fig. 3, NSIDE 64, equatorial, TS/sr): diverging, symmetric.
const contrib = readFileSync(join(REL, 'Fig3/contibution_map_pi0.csv'), 'utf8').trim().split(/\r?\n/).map(Number);
const cmap: SkyMap = { nside: 64, ordering: 'RING', frame: 'equatorial', data: Float64Array.from(contrib), unit: 'TS contribution [sr⁻¹]' };
save(mollviewScene(cmap, { width: W, frame: 'galactic', cmap: 'RdBu_r', symmetric: true, title: 'π⁰ per-pixel TS contribution (Fig. 3)' }).scene, 'ts_contribution_pi0.png');

// 5: background TS distribution with the observed TS (π0: 22.19, DNNC-GPFM, physics.md §2.1).
const edges = csvRows('MainResult/bkg_trials_binning.csv').slice(1).map((r) => Number(r[1]));
const counts = csvRows('MainResult/bkg_trials_values.csv').slice(1).map((r) => Number(r[1]));
const total = counts.reduce((a, b) => a + b, 0);
// Rebin ×10 (0.35 TS wide) for a readable step histogram; the survival function from the full resolution.
const e10: number[] = [];
const v10: number[] = [];
for (let i = 0; i + 10 <= counts.length; i += 10) {
  e10.push(edges[i]!);
  v10.push(counts.slice(i, i + 10).reduce((a, b) => a + b, 0) / total);
}
e10.push(edges[counts.length - (counts.length % 10)]!);
const sf: number[] = [];
let acc = total;
for (let i = 0; i < counts.length; i++) {
  sf.push(acc / total);
  acc -= counts[i]!;
}
save(chart({
  width: 1000, height: 600, title: 'π⁰ template: background TS distribution', xLabel: 'TS', yLabel: 'fraction of trials',
  yScale: 'log', xRange: [0, 35], yRange: [1e-9, 1],
  series: [
    { kind: 'step', edges: e10, values: v10, label: `background trials (${(total / 1e6).toFixed(0)} M)` },
    { kind: 'line', x: edges.slice(0, counts.length), y: sf, label: 'P(TS ≥ x)', dash: [6, 3] },
  ],
  vlines: [{ at: 22.19, label: 'observed TS = 22.19' }],
}), 'ts_distribution_pi0.png');

// 6: point-source sensitivity and 4σ discovery potential vs sin δ (Fig. S12).
const row = (f: string) => readFileSync(join(REL, f), 'utf8').trim().split(',').map(Number);
save(chart({
  width: 1000, height: 600, title: 'Point-source sensitivity (cascades, Fig. S12)', xLabel: 'sin δ',
  yLabel: 'E² dN/dE at 100 TeV [TeV cm⁻² s⁻¹]', yScale: 'log', xRange: [-1, 1],
  series: [
    { kind: 'line', x: row('FigS12/E2_sindec.csv'), y: row('FigS12/Sensitvity_E2.csv'), label: 'sensitivity E⁻²', color: '#0072B2' },
    { kind: 'line', x: row('FigS12/E2_sindec_dp.csv'), y: row('FigS12/DP_4sigma_E2.csv'), label: '4σ discovery E⁻²', dash: [8, 4], color: '#0072B2' },
    { kind: 'line', x: row('FigS12/E3_sindec.csv'), y: row('FigS12/Sensitvity_E3.csv'), label: 'sensitivity E⁻³', color: '#D55E00' },
    { kind: 'line', x: row('FigS12/E3_sindec_dp.csv'), y: row('FigS12/DP_4sigma_E3.csv'), label: '4σ discovery E⁻³', dash: [8, 4], color: '#D55E00' },
  ],
}), 'sensitivity_sindec.png');

// 7: cascade effective area vs true energy and sin δ (release MainResult/effa_*.csv, cm² → m²).
const nums = (f: string) => readFileSync(join(REL, f), 'utf8').trim().split(/[\n,]/).map(Number);
save(chart({
  width: 1000, height: 560, title: 'DNN-cascade effective area', xLabel: 'true neutrino energy [GeV]', yLabel: 'sin δ', xScale: 'log',
  series: [{ kind: 'heatmap', xEdges: nums('MainResult/effa_bins_energy.csv'), yEdges: nums('MainResult/effa_bins_sindec.csv'),
    values: nums('MainResult/effa_values.csv').map((a) => a / 1e4), scale: 'log', min: 1e-3, cmap: 'magma', label: 'A_eff [m²]' }],
}), 'effective_area.png');
