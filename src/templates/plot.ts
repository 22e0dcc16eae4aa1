/**
 * Template figures: a Mollweide sky map (src/report mollview), latitude and longitude profiles, and
 * the all-sky per-flavour spectrum (src/report chart). Written as OUT.png plus OUT-lat, OUT-lon,
 * OUT-spectrum with the same extension.
 */
import { mollviewScene } from '../report/mollweide.js';
import { chart } from '../report/chart.js';
import { saveScene } from '../report/save.js';
import type { Frame } from '../sky/types.js';
import { galacticPixels, profile } from './compare.js';
import { allSkySpectrum, spatialPdf, type Template } from './template.js';

export interface PlotResult {
  files: string[];
}

function sibling(out: string, suffix: string): string {
  const m = /^(.*)(\.[^./]+)$/.exec(out);
  return m ? `${m[1]}-${suffix}${m[2]}` : `${out}-${suffix}`;
}

export function plotTemplate(t: Template, out: string, opt: { frame?: Frame; width?: number } = {}): PlotResult {
  const frame = opt.frame ?? 'galactic';
  const pdf = spatialPdf(t, { frame: 'galactic' });
  const { scene } = mollviewScene(
    { ...pdf, name: t.name },
    { title: `${t.name}: spatial pdf`, unit: 'sr⁻¹', scale: 'log', frame, width: opt.width ?? 1600 },
  );
  saveScene(scene, out);
  const { l, b } = galacticPixels(pdf.nside);
  const bEdges = Array.from({ length: 31 }, (_, i) => -30 + 2 * i);
  const lEdges = Array.from({ length: 37 }, (_, i) => -180 + 10 * i);
  const latP = profile(pdf.data, b, bEdges, (p) => Math.abs(l[p]) < 90);
  const lonP = profile(pdf.data, l, lEdges, (p) => Math.abs(b[p]) < 5);
  const latFile = sibling(out, 'lat');
  const lonFile = sibling(out, 'lon');
  const specFile = sibling(out, 'spectrum');
  saveScene(chart({ title: `${t.name}: latitude profile (|l| < 90°)`, xLabel: 'b (deg)', yLabel: 'relative mean pdf', yScale: 'log',
    series: [{ kind: 'step', edges: bEdges, values: latP, label: t.name }] }), latFile);
  saveScene(chart({ title: `${t.name}: longitude profile (|b| < 5°)`, xLabel: 'l (deg)', yLabel: 'relative mean pdf', yScale: 'log',
    series: [{ kind: 'step', edges: lEdges, values: lonP, label: t.name }] }), lonFile);
  const e = t.energies ?? Float64Array.from({ length: 41 }, (_, i) => Math.pow(10, 2 + 0.15 * i));
  const s = allSkySpectrum(t, e);
  const x: number[] = [];
  const y: number[] = [];
  e.forEach((v, i) => {
    if (s[i] > 0) {
      x.push(v);
      y.push(s[i] * v * v);
    }
  });
  const yMax = Math.max(...y);
  saveScene(chart({ title: `${t.name}: all-sky spectrum per flavour (ν+ν̄)`, xLabel: 'E (GeV)', yLabel: 'E² dN/dE (GeV cm⁻² s⁻¹)',
    xScale: 'log', yScale: 'log', yRange: [yMax * 1e-5, yMax * 2], series: [{ kind: 'line', x, y, label: t.name }] }), specFile);
  return { files: [out, latFile, lonFile, specFile] };
}
