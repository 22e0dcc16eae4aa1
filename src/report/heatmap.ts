/** 2-D binned values (effective area vs energy and sin δ, TS vs n_s and γ, …) drawn as coloured cells. */
import { InputError } from '../errors.js';
import type { Axis } from './axes.js';
import { applyColormap, autoRange, getColormap, Normalize, type Colormap, type NormKind } from './colormap.js';
import type { Scene } from './scene.js';

export interface HeatmapSeries {
  kind: 'heatmap';
  /** nx + 1 and ny + 1 bin edges. */
  xEdges: ArrayLike<number>;
  yEdges: ArrayLike<number>;
  /** ny × nx values, row-major, row 0 = first y bin. NaN / UNSEEN cells are grey. */
  values: ArrayLike<number>;
  cmap?: string;
  scale?: NormKind;
  min?: number;
  max?: number;
  /** Colour-bar label. */
  label?: string;
  color?: string;
}

/** Checks sizes and returns the colour map and normalisation for the series. */
export function heatmapStyle(s: HeatmapSeries): { cmap: Colormap; norm: Normalize } {
  const nx = s.xEdges.length - 1;
  const ny = s.yEdges.length - 1;
  if (nx < 1 || ny < 1 || s.values.length !== nx * ny) {
    throw new InputError(`chart: heatmap "${s.label ?? ''}": expected ${Math.max(nx, 0)}×${Math.max(ny, 0)} = ${Math.max(nx * ny, 0)} values for the edges given, found ${s.values.length}`);
  }
  const kind = s.scale ?? 'linear';
  const [lo, hi] = autoRange(s.values, kind);
  return { cmap: getColormap(s.cmap ?? 'viridis'), norm: new Normalize({ kind, vmin: s.min ?? lo, vmax: s.max ?? hi }) };
}

/** True when the edges are evenly spaced on the axis (in pixels), so one raster image can show them. */
function uniform(edges: ArrayLike<number>, ax: Axis): boolean {
  const n = edges.length - 1;
  const w = (ax.px(edges[n]!) - ax.px(edges[0]!)) / n;
  for (let i = 0; i < n; i++) if (Math.abs(ax.px(edges[i + 1]!) - ax.px(edges[i]!) - w) > 0.01 * Math.abs(w)) return false;
  return true;
}

export function drawHeatmap(scene: Scene, s: HeatmapSeries, x: Axis, y: Axis): void {
  const { cmap, norm } = heatmapStyle(s);
  const nx = s.xEdges.length - 1;
  const ny = s.yEdges.length - 1;
  const rgba = applyColormap(s.values, norm, cmap);
  if (uniform(s.xEdges, x) && uniform(s.yEdges, y)) {
    // Image rows run top → bottom; flip when the first y bin is drawn at the bottom.
    const flip = y.px(s.yEdges[0]!) > y.px(s.yEdges[ny]!);
    const img = new Uint8ClampedArray(rgba.length);
    for (let j = 0; j < ny; j++) {
      const src = flip ? ny - 1 - j : j;
      img.set(rgba.subarray(4 * src * nx, 4 * (src + 1) * nx), 4 * j * nx);
    }
    const x0 = x.px(s.xEdges[0]!);
    const x1 = x.px(s.xEdges[nx]!);
    const y0 = Math.min(y.px(s.yEdges[0]!), y.px(s.yEdges[ny]!));
    const y1 = Math.max(y.px(s.yEdges[0]!), y.px(s.yEdges[ny]!));
    scene.image(Math.min(x0, x1), y0, Math.abs(x1 - x0), y1 - y0, img, nx, ny);
    return;
  }
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = 4 * (j * nx + i);
      const xa = x.px(s.xEdges[i]!);
      const xb = x.px(s.xEdges[i + 1]!);
      const ya = y.px(s.yEdges[j]!);
      const yb = y.px(s.yEdges[j + 1]!);
      // Cells grow by ½ px on each side so anti-aliased seams between neighbours do not show.
      scene.rect(Math.min(xa, xb) - 0.5, Math.min(ya, yb) - 0.5, Math.abs(xb - xa) + 1, Math.abs(yb - ya) + 1, {
        fill: `rgb(${rgba[k]},${rgba[k + 1]},${rgba[k + 2]})`,
      });
    }
  }
}
