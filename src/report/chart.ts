/**
 * 2-D charts for reports: lines, step histograms, filled bands, points with error bars and
 * upper-limit arrows, log or linear axes, vertical / horizontal marker lines with labels, and a
 * legend. Enough for TS distributions with the observed value, E²dN/dE spectra with flux bands,
 * sensitivity curves vs sin δ and n_s-bias curves. Builds a Scene (PNG or SVG).
 *
 *   const scene = chart({ xLabel: 'TS', yScale: 'log', series: [{ kind: 'step', edges, values, label: 'bkg trials' }],
 *                         vlines: [{ x: 12.3, label: 'observed' }] });
 *   saveScene(scene, 'ts.png');
 */
import { InputError } from '../errors.js';
import { autoDomain, Axis, drawAxes, yTickWidth, type AxisScale } from './axes.js';
import { bestLegendPosition, drawLegend, type LegendEntry, type LegendPosition } from './legend.js';
import { colorbarTicks, drawColorbarVertical } from './colorbar.js';
import { drawHeatmap, heatmapStyle, type HeatmapSeries } from './heatmap.js';
import { textWidth } from './measure.js';
import { Scene, type MarkerOp } from './scene.js';

/** Okabe & Ito (2008) colour-blind-safe palette, black last. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'];

interface Common {
  label?: string;
  color?: string;
}
export interface LineSeries extends Common {
  kind: 'line';
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  width?: number;
  dash?: number[];
  /** Also draw markers at the points. */
  marker?: MarkerOp['shape'];
}
export interface StepSeries extends Common {
  kind: 'step';
  /** n + 1 bin edges. */
  edges: ArrayLike<number>;
  /** n bin contents. */
  values: ArrayLike<number>;
  width?: number;
  /** Fill under the histogram with this opacity (0 = none, default 0.15). */
  fillOpacity?: number;
}
export interface BandSeries extends Common {
  kind: 'band';
  x: ArrayLike<number>;
  lo: ArrayLike<number>;
  hi: ArrayLike<number>;
  opacity?: number;
}
export interface PointSeries extends Common {
  kind: 'points';
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Symmetric errors, or [lower, upper] distances. */
  yErr?: ArrayLike<number> | [ArrayLike<number>, ArrayLike<number>];
  xErr?: ArrayLike<number> | [ArrayLike<number>, ArrayLike<number>];
  /** Points that are upper limits: drawn as a bar with a downward arrow. */
  upperLimit?: ArrayLike<boolean>;
  shape?: MarkerOp['shape'];
  size?: number;
}
export type Series = LineSeries | StepSeries | BandSeries | PointSeries | HeatmapSeries;
export type { HeatmapSeries } from './heatmap.js';

export interface MarkerLine {
  /** Data coordinate of the line. */
  at: number;
  label?: string;
  color?: string;
  dash?: number[];
  width?: number;
}

export interface ChartOptions {
  width?: number;
  height?: number;
  title?: string;
  xLabel?: string;
  yLabel?: string;
  xScale?: AxisScale;
  yScale?: AxisScale;
  xRange?: [number, number];
  yRange?: [number, number];
  series: Series[];
  vlines?: MarkerLine[];
  hlines?: MarkerLine[];
  /** Legend corner; default 'auto' (the corner covering the least data). */
  legend?: LegendPosition | 'auto' | false;
  grid?: boolean;
  fontScale?: number;
}

/** Build the chart scene. */
export function chart(o: ChartOptions): Scene {
  const W = Math.round(o.width ?? 960);
  const H = Math.round(o.height ?? 600);
  const fs = Math.max(10, (Math.min(W, H * 1.6) / 960) * 17 * (o.fontScale ?? 1));
  const xs = o.xScale ?? 'linear';
  const ys = o.yScale ?? 'linear';
  const [xv, yv] = collect(o.series);
  for (const l of o.vlines ?? []) xv.push(l.at);
  // A heatmap fills the plot exactly: its edges are the default ranges.
  const hm = o.series.find((s): s is HeatmapSeries => s.kind === 'heatmap');
  const edgeRange = (e: ArrayLike<number>): [number, number] => [Math.min(e[0]!, e[e.length - 1]!), Math.max(e[0]!, e[e.length - 1]!)];
  const xd = o.xRange ?? (hm ? edgeRange(hm.xEdges) : autoDomain(xv, xs, 0));
  const yd = o.yRange ?? (hm ? edgeRange(hm.yEdges) : autoDomain(yv, ys));
  const top = o.title ? fs * 3 : fs * 1.2;
  const bottom = H - (o.xLabel ? fs * 4 : fs * 2.4);
  const provisionalY = new Axis(ys, yd[0], yd[1], bottom, top);
  const left = fs * 0.8 + yTickWidth(provisionalY, fs) + (o.yLabel ? fs * 1.9 : fs * 0.4);
  // A heatmap gets a vertical colour bar on the right.
  const heat = hm;
  const heatStyle = heat ? heatmapStyle(heat) : null;
  let barSpace = 0;
  if (heatStyle) {
    const labels = colorbarTicks(heatStyle.norm).filter((t) => !t.minor).map((t) => textWidth(t.label, { size: fs * 0.9 }));
    barSpace = fs * 1.1 + fs * 0.4 + 3 + Math.max(0, ...labels) + fs * 0.6 + (heat!.label ? fs * 1.6 : 0) + fs;
  }
  const right = W - fs * 1.5 - barSpace;
  const x = new Axis(xs, xd[0], xd[1], left, right);
  const y = new Axis(ys, yd[0], yd[1], bottom, top);

  const scene = new Scene(W, H);
  if (o.title) scene.text(W / 2, fs * 1.5, o.title, { size: fs * 1.25, weight: 'bold', align: 'center', baseline: 'middle', color: '#111' });
  drawAxes(scene, x, y, { fontSize: fs, grid: o.grid ?? true });
  if (o.xLabel) scene.text((left + right) / 2, H - fs * 0.9, o.xLabel, { size: fs * 1.05, align: 'center', baseline: 'bottom', color: '#222' });
  if (o.yLabel) scene.text(fs * 0.9, (top + bottom) / 2, o.yLabel, { size: fs * 1.05, align: 'center', baseline: 'middle', rotate: -90, color: '#222' });

  scene.clip([left, top, right, top, right, bottom, left, bottom]);
  const opsBefore = scene.ops.length;
  const entries: LegendEntry[] = [];
  o.series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length]!;
    if (s.kind === 'heatmap') {
      drawHeatmap(scene, s, x, y);
      return;
    }
    drawSeries(scene, s, color, x, y, fs);
    if (s.label) entries.push(legendEntry(s, color));
  });
  for (const l of o.vlines ?? []) {
    const p = x.px(l.at);
    scene.line(p, top, p, bottom, { stroke: l.color ?? '#c00', width: l.width ?? 2, dash: l.dash ?? [7, 4] });
  }
  for (const l of o.hlines ?? []) {
    const p = y.px(l.at);
    scene.line(left, p, right, p, { stroke: l.color ?? '#555', width: l.width ?? 1.5, dash: l.dash ?? [7, 4] });
  }
  scene.clip(null);
  const obstacles = sampleOps(scene, opsBefore);
  for (const l of o.vlines ?? []) {
    if (!l.label) continue;
    const p = x.px(l.at);
    const onRight = p < left + (right - left) * 0.7;
    const tw = textWidth(l.label, { size: fs * 0.9 });
    const x0 = onRight ? p + 6 : p - 6 - tw;
    scene.text(p + (onRight ? 6 : -6), top + fs * 0.5, l.label, {
      size: fs * 0.9, color: l.color ?? '#c00', align: onRight ? 'left' : 'right', baseline: 'top', halo: '#fff',
    });
    for (let k = 0; k <= 8; k++) obstacles.push(x0 + (k * tw) / 8, top + fs, x0 + (k * tw) / 8, top + fs * 1.2);
  }
  for (const l of o.hlines ?? []) {
    if (l.label) scene.text(right - 6, y.px(l.at) - 4, l.label, { size: fs * 0.9, color: l.color ?? '#555', align: 'right', baseline: 'bottom', halo: '#fff' });
  }
  if (heat && heatStyle) {
    drawColorbarVertical(scene, heatStyle.cmap, heatStyle.norm, {
      x: right + fs, y: top, width: fs * 1.1, height: bottom - top, fontSize: fs * 0.9, ...(heat.label ? { label: heat.label } : {}),
    });
  }
  if (o.legend !== false && entries.length) {
    const area = { left, right, top, bottom };
    const pos = o.legend === undefined || o.legend === 'auto' ? bestLegendPosition(entries, area, fs * 0.9, obstacles) : o.legend;
    drawLegend(scene, entries, area, pos, fs * 0.9);
  }
  return scene;
}

function arr(a: ArrayLike<number>): number[] {
  return Array.from(a);
}

function errPair(e: PointSeries['yErr'], i: number): [number, number] {
  if (!e) return [0, 0];
  if (Array.isArray(e) && e.length === 2 && typeof e[0] !== 'number') {
    const [lo, hi] = e as [ArrayLike<number>, ArrayLike<number>];
    return [lo[i]!, hi[i]!];
  }
  const v = (e as ArrayLike<number>)[i]!;
  return [v, v];
}

function collect(series: Series[]): [number[], number[]] {
  const xv: number[] = [];
  const yv: number[] = [];
  for (const s of series) {
    switch (s.kind) {
      case 'line':
        if (s.x.length !== s.y.length) throw new InputError(`chart: line "${s.label ?? ''}": expected x and y of equal length, found ${s.x.length} and ${s.y.length}`);
        xv.push(...arr(s.x));
        yv.push(...arr(s.y));
        break;
      case 'step':
        if (s.edges.length !== s.values.length + 1) throw new InputError(`chart: step "${s.label ?? ''}": expected ${s.values.length + 1} edges for ${s.values.length} values, found ${s.edges.length}`);
        xv.push(...arr(s.edges));
        yv.push(...arr(s.values));
        break;
      case 'band':
        xv.push(...arr(s.x));
        yv.push(...arr(s.lo), ...arr(s.hi));
        break;
      case 'heatmap':
        xv.push(s.xEdges[0]!, s.xEdges[s.xEdges.length - 1]!);
        yv.push(s.yEdges[0]!, s.yEdges[s.yEdges.length - 1]!);
        break;
      case 'points':
        for (let i = 0; i < s.x.length; i++) {
          const [xl, xh] = errPair(s.xErr, i);
          const [yl, yh] = errPair(s.yErr, i);
          xv.push(s.x[i]! - xl, s.x[i]! + xh);
          yv.push(s.y[i]! - yl, s.y[i]! + yh);
        }
        break;
    }
  }
  return [xv, yv];
}

function drawSeries(scene: Scene, s: Series, color: string, x: Axis, y: Axis, fs: number): void {
  switch (s.kind) {
    case 'line': {
      const pts: number[] = [];
      for (let i = 0; i < s.x.length; i++) {
        const ok = Number.isFinite(s.y[i]!) && (y.scale !== 'log' || s.y[i]! > 0) && (x.scale !== 'log' || s.x[i]! > 0);
        pts.push(ok ? x.px(s.x[i]!) : NaN, ok ? y.px(s.y[i]!) : NaN);
      }
      scene.path(pts, { stroke: color, width: s.width ?? 2.2, ...(s.dash ? { dash: s.dash } : {}) });
      if (s.marker) scene.markers(pts, { shape: s.marker, r: fs * 0.3, fill: color, stroke: '#fff', width: 1 });
      break;
    }
    case 'step': {
      const base = y.scale === 'log' ? y.p0 + 2 : y.px(0);
      const pts: number[] = [x.px(s.edges[0]!), base];
      for (let i = 0; i < s.values.length; i++) {
        const v = s.values[i]!;
        const py = y.scale === 'log' && !(v > 0) ? y.p0 + 2 : y.px(v);
        pts.push(x.px(s.edges[i]!), py, x.px(s.edges[i + 1]!), py);
      }
      pts.push(x.px(s.edges[s.values.length]!), base);
      const fo = s.fillOpacity ?? 0.15;
      if (fo > 0) scene.path(pts, { fill: color, opacity: fo, closed: true });
      scene.path(pts, { stroke: color, width: s.width ?? 2 });
      break;
    }
    case 'band': {
      const pts: number[] = [];
      for (let i = 0; i < s.x.length; i++) pts.push(x.px(s.x[i]!), y.px(s.hi[i]!));
      for (let i = s.x.length - 1; i >= 0; i--) pts.push(x.px(s.x[i]!), y.px(s.lo[i]!));
      scene.path(pts, { fill: color, opacity: s.opacity ?? 0.3, closed: true });
      break;
    }
    case 'points':
      drawPoints(scene, s, color, x, y, fs);
      break;
    case 'heatmap':
      drawHeatmap(scene, s, x, y);
      break;
  }
}

function drawPoints(scene: Scene, s: PointSeries, color: string, x: Axis, y: Axis, fs: number): void {
  const r = s.size ?? fs * 0.33;
  const xy: number[] = [];
  const bars: number[] = [];
  const arrows: number[] = [];
  for (let i = 0; i < s.x.length; i++) {
    const px = x.px(s.x[i]!);
    const py = y.px(s.y[i]!);
    const [xl, xh] = errPair(s.xErr, i);
    const [yl, yh] = errPair(s.yErr, i);
    if (xl || xh) bars.push(x.px(s.x[i]! - xl), py, x.px(s.x[i]! + xh), py, NaN, NaN);
    if (s.upperLimit?.[i]) {
      const len = fs * 1.6;
      bars.push(px - r, py, px + r, py, NaN, NaN, px, py, px, py + len, NaN, NaN);
      arrows.push(px - r * 0.7, py + len - r, px, py + len, px + r * 0.7, py + len - r, NaN, NaN);
      continue;
    }
    if (yl || yh) bars.push(px, y.px(s.y[i]! - yl), px, y.px(s.y[i]! + yh), NaN, NaN);
    xy.push(px, py);
  }
  if (bars.length) scene.path(bars, { stroke: color, width: 1.6 });
  if (arrows.length) scene.path(arrows, { stroke: color, width: 1.6 });
  scene.markers(xy, { shape: s.shape ?? 'circle', r, fill: color, stroke: '#fff', width: 0.8 });
}

function legendEntry(s: Series, color: string): LegendEntry {
  switch (s.kind) {
    case 'line':
      return { label: s.label!, color, kind: 'line', ...(s.dash ? { dash: s.dash } : {}) };
    case 'step':
      return { label: s.label!, color, kind: 'line' };
    case 'band':
      return { label: s.label!, color, kind: 'box', opacity: s.opacity ?? 0.3 };
    case 'points':
      return { label: s.label!, color, kind: 'marker', shape: s.shape ?? 'circle' };
    case 'heatmap':
      return { label: s.label!, color, kind: 'box', opacity: 1 };
  }
}

/** Points (and points along segments) drawn by the ops from index `from` on: what a legend should not cover. */
function sampleOps(scene: Scene, from: number): number[] {
  const out: number[] = [];
  for (let k = from; k < scene.ops.length; k++) {
    const op = scene.ops[k]!;
    const p = op.k === 'path' ? op.pts : op.k === 'marker' ? op.xy : null;
    if (!p) continue;
    // Filled areas (histogram fill, bands) count too: sample their outline densely.
    for (let i = 0; i + 1 < p.length; i += 2) {
      out.push(p[i]!, p[i + 1]!);
      const j = i + 2;
      if (j + 1 < p.length && Number.isFinite(p[j]!) && Number.isFinite(p[i]!)) {
        for (let t = 1; t < 6; t++) out.push(p[i]! + ((p[j]! - p[i]!) * t) / 6, p[i + 1]! + ((p[j + 1]! - p[i + 1]!) * t) / 6);
      }
    }
  }
  return out;
}
