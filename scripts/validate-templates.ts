/**
 * Full validation of the template models (npx tsx scripts/validate-templates.ts [nside=128]):
 *  1. π0-like LOS map vs the IceCube release Fermi-LAT π0 map: Pearson r of log intensity over
 *     |b| < 30° (target ≥ 0.8); latitude and longitude profile ratios for |l| < 90° (target within ×2).
 *  2. KRA-γ-like cubes (fresh integration) vs the digitised Fig. 2 of Gaggero et al. 2015,
 *     |l| < 30°, |b| < 4° (target within 30 % from 1 TeV to E_cut/20); shipped vs fresh consistency.
 * Skips cleanly when ../shared/data is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readNpy } from '../src/io/npy.js';
import { integrateModel } from '../src/templates/los/integrate.js';
import { PI0_MODEL, kraModel } from '../src/templates/los/model.js';
import { galacticPixels, kraRatios, parseKraFig2, pearsonLog, profile } from '../src/templates/compare.js';
import { builtinTemplate } from '../src/templates/builtin.js';
import { resampleRing } from '../src/templates/sky-util.js';
import { CUBE_UNIT, type Template } from '../src/templates/template.js';

const shared = resolve(process.cwd(), '../shared/data');
const pi0File = `${shared}/icecube_galactic_plane_2023_release/MainResult/Fermi-LAT_pi0_map.npy`;
const kraFile = `${shared}/icecube_dnnc_toise/kra_gamma_fig2_digitised.csv`;
if (!existsSync(pi0File) || !existsSync(kraFile)) {
  console.log(`skip: ${shared} not found`);
  process.exit(0);
}
const nside = Number(process.argv[2] ?? 128);
let failures = 0;
const check = (ok: boolean, what: string): void => {
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}`);
  if (!ok) failures++;
};

// 1. π0-like map
const t0 = Date.now();
const m = { ...PI0_MODEL, energies: { minGeV: 1e3, maxGeV: 1e4, nBins: 1 } };
const gen = (await integrateModel(m, { nside })).data;
console.log(`π0-like LOS map nside ${nside}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const rel = resampleRing(readNpy(pi0File).data as Float64Array, 1, 128, 'equatorial', nside, 'galactic');
const { l, b } = galacticPixels(nside);
const r = pearsonLog(gen, rel, (p) => Math.abs(b[p]) < 30);
check(r >= 0.8, `Pearson r(log) over |b| < 30° = ${r.toFixed(3)} (≥ 0.8)`);
console.log(`      Pearson r(log) over |b| < 10°: ${pearsonLog(gen, rel, (p) => Math.abs(b[p]) < 10).toFixed(3)}, all sky: ${pearsonLog(gen, rel, () => true).toFixed(3)}`);
const bEdges = [-30, -20, -12, -8, -5, -3, -1, 1, 3, 5, 8, 12, 20, 30];
const lEdges = [-90, -70, -50, -30, -20, -10, -5, 0, 5, 10, 20, 30, 50, 70, 90];
for (const [name, coord, edges, mask] of [
  ['latitude (|l| < 90°)', b, bEdges, (p: number) => Math.abs(l[p]) < 90],
  ['longitude (|b| < 5°)', l, lEdges, (p: number) => Math.abs(b[p]) < 5],
] as const) {
  const g = profile(gen, coord, edges as number[], mask);
  const e = profile(rel, coord, edges as number[], mask);
  const ratios = Array.from(g, (v, i) => v / e[i]);
  console.log(`      ${name} profile ratio model/release per bin: ${ratios.map((x) => x.toFixed(2)).join(' ')}`);
  check(ratios.every((x) => x > 0.5 && x < 2), `${name} profile within a factor 2`);
}

// 1b. absolute normalisation vs TOISE's Fermi-π0-based ν template (all flavours, E^-2.71 from 1 GeV)
const toiseFile = `${shared}/icecube_dnnc_toise/fermi_galactic_emission.npy`;
if (existsSync(toiseFile)) {
  const ref = resampleRing(readNpy(toiseFile).data as Float64Array, 1, 128, 'galactic', nside, 'galactic');
  const e = Math.sqrt(1e3 * 1e4);
  for (const [name, mask] of [['all sky', () => true], ['|l| < 30°, |b| < 4°', (p: number) => Math.abs(l[p]) < 30 && Math.abs(b[p]) < 4]] as const) {
    let g = 0;
    let r = 0;
    for (let p = 0; p < gen.length; p++) if (mask(p)) { g += gen[p]; r += ref[p] * Math.pow(e, -2.71); }
    check(g / r > 0.5 && g / r < 2, `π0-like model / TOISE Fermi-π0 ν flux at ${(e / 1e3).toFixed(2)} TeV, ${name}: ${(g / r).toFixed(2)} (within ×2)`);
  }
}

// 2. KRA-γ-like
const rows = parseKraFig2(readFileSync(kraFile, 'utf8'));
for (const cut of [5, 50]) {
  const model = kraModel(cut);
  const t1 = Date.now();
  const res = await integrateModel(model, { nside });
  const fresh: Template = { name: model.name, kind: 'cube', nside, ordering: 'RING', frame: 'galactic', unit: CUBE_UNIT, data: res.data, energies: res.energies };
  console.log(`${model.name} nside ${nside}: ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  const rf = kraRatios(fresh, rows, cut);
  const rs = kraRatios(builtinTemplate(model.name as 'kra5' | 'kra50'), rows, cut);
  console.log('      E [TeV]   model/Fig.2 (fresh)   (shipped nside 64)');
  rf.forEach((x, i) => console.log(`      ${x.eTeV.toPrecision(4).padStart(8)}   ${x.ratio.toFixed(3).padStart(8)}   ${rs[i].ratio.toFixed(3).padStart(8)}`));
  const inRange = rf.filter((x) => x.eTeV >= 1 && x.eTeV <= (cut * 1e3) / 20);
  check(inRange.every((x) => x.ratio > 0.7 && x.ratio < 1.3), `${model.name} within 30 % of Fig. 2 from 1 TeV to ${(cut * 1e3) / 20} TeV`);
}
console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
