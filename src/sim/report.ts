/**
 * `nusky simulate --report DIR`: the release comparisons of validation.ts as CSV tables,
 * PNG charts (src/report/chart.ts) and a Markdown summary table.
 */
import { ensureDir } from '../io/file.js';
import { join } from 'node:path';
import { chart } from '../report/chart.js';
import { saveScene, writeFileAtomic } from '../report/save.js';
import type { EventSample } from '../events/sample.js';
import type { Irf } from '../irf/irf.js';
import { compareToRelease, type HistComparison } from './validation.js';

function csv(file: string, header: string[], rows: (number | string)[][]): void {
  writeFileAtomic(file, [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
}

function histCsvAndPlot(dir: string, name: string, xLabel: string, h: HistComparison): void {
  csv(join(dir, `${name}.csv`), ['lo', 'hi', 'sim', 'data'], h.data.map((d, i) => [h.edges[i], h.edges[i + 1], h.sim[i], d]));
  const scene = chart({
    title: `${name}: simulation vs release data (Fig. S2)`,
    xLabel,
    yLabel: 'events per bin',
    series: [
      { kind: 'step', edges: h.edges, values: h.data, label: 'data (Fig. S2)' },
      { kind: 'step', edges: h.edges, values: h.sim, label: 'nusky simulation' },
    ],
  });
  saveScene(scene, join(dir, `${name}.png`));
}

/** Write the report; returns the summary (also written as summary.md and summary.json). */
export function writeSimulationReport(dir: string, s: EventSample, releaseDir: string, irf: Irf) {
  ensureDir(dir);
  const r = compareToRelease(s, releaseDir, irf);
  const j = r.json;
  histCsvAndPlot(dir, 'sindec', 'sin δ (reconstructed)', j.sinDec);
  histCsvAndPlot(dir, 'angerr', 'angErr [deg]', j.angErr);
  csv(join(dir, 'psf_median.csv'), ['E_GeV', 'sim_median_deg', 'release_median_deg', 'n'], j.psf.map((p) => [p.eGeV, p.simMedianDeg, p.releaseMedianDeg, p.n]));
  saveScene(chart({
    title: 'median opening angle vs true energy',
    xLabel: 'E_ν [GeV]', yLabel: 'median ψ [deg]', xScale: 'log',
    series: [
      { kind: 'line', x: j.psf.map((p) => p.eGeV), y: j.psf.map((p) => p.releaseMedianDeg), label: 'angular_resolution.csv' },
      { kind: 'points', x: j.psf.map((p) => p.eGeV), y: j.psf.map((p) => p.simMedianDeg), label: 'nusky simulation' },
    ],
  }), join(dir, 'psf_median.png'));
  const pct = (x: number) => (100 * x).toFixed(1) + ' %';
  const rows: [string, string, string][] = [
    ['events', String(j.n), '59,592 (±3 %)'],
    ['sin δ hist: worst abs(sim/data − 1) (bins ≥ 500)', pct(j.sinDec.worstRelDev), '≤ 15 %'],
    ['sin δ hist: worst abs(sim/paper MC − 1)', pct(j.sinDecVsPaperMc.worstRelDev), `paper MC vs data: ${pct(j.paperMcVsDataSinDec.worstRelDev)}`],
    ['angErr hist: worst abs(sim/data − 1) (bins ≥ 500)', pct(j.angErr.worstRelDev), '≤ 15 %'],
    ['angErr hist: worst abs(sim/paper MC − 1)', pct(j.angErrVsPaperMc.worstRelDev), ''],
    ['atmospheric-muon share', pct(j.shares.muon), pct(j.shares.refMuon) + ' ± 2 pt'],
    ['astrophysical share', pct(j.shares.astro), pct(j.shares.refAstro) + ' ± 2 pt'],
    ['atm. flavour e/μ/τ', j.flavour.simAtmo.map(pct).join(' / '), j.flavour.refAtmo.map(pct).join(' / ')],
    ['astro flavour e/μ/τ', j.flavour.simAstro.map(pct).join(' / '), j.flavour.refAstro.map(pct).join(' / ')],
    ['median angErr', j.angErrMedianDeg.toFixed(1) + '°', '18.0°'],
  ];
  const md = ['| quantity | simulation | release |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n') + '\n';
  writeFileAtomic(join(dir, 'summary.md'), md);
  writeFileAtomic(join(dir, 'summary.json'), JSON.stringify(j, null, 1));
  return { rows, json: j, text: r.text };
}
