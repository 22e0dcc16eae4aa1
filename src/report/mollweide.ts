/**
 * mollview: a HEALPix map in Mollweide projection, like healpy.mollview — longitude grows to the
 * LEFT (astronomical convention), a chosen display frame and central longitude, a labelled
 * graticule, a title and a horizontal colour bar with unit. The image is built as a Scene, so the
 * same description renders to PNG or SVG (map raster embedded, everything else vector).
 */
import { InputError } from '../errors.js';
import type { Frame, SkyMap } from '../sky/types.js';
import { drawContours, type ContourOptions } from './contour.js';
import { drawColorbar } from './colorbar.js';
import { applyColormap, autoRange, getColormap, isBad, Normalize, type Colormap, type NormKind } from './colormap.js';
import { drawGraticule, type GraticuleOptions } from './graticule.js';
import { drawLegend } from './legend.js';
import { drawOverlays, overlayLegend, type PointOverlay } from './overlay.js';
import { projectPixels } from './project-pixels.js';
import { ellipsePoints, type MollLayout } from './layout.js';
import { Scene } from './scene.js';
import { renderScene, saveScene, type ImageFormat } from './save.js';

export type { MollLayout } from './layout.js';
export { projectPixels } from './project-pixels.js';

export interface MollviewOptions {
  /** Image width in px (default 1600); height follows (default width × 5/8). */
  width?: number;
  height?: number;
  title?: string;
  /** Colour-bar label; default map.unit. */
  unit?: string;
  /** Display frame; default the map's own frame. */
  frame?: Frame;
  /** Longitude (degrees, display frame) at the centre of the plot; default 0 (Galactic centre / RA 0). */
  rotDeg?: number;
  /** Colour map name (colormap.ts); default viridis. */
  cmap?: string;
  /** Colour scale; default linear. `log: true` is shorthand for scale 'log'. */
  scale?: NormKind;
  log?: boolean;
  min?: number;
  max?: number;
  /** symlog linear half-width. */
  linthresh?: number;
  /** Colour range symmetric about zero (±max|value|), for significance / TS-difference maps. */
  symmetric?: boolean;
  /** Graticule options, or false for none. */
  graticule?: GraticuleOptions | false;
  colorbar?: boolean;
  overlays?: PointOverlay[];
  /** Contour lines (of this map or of another, e.g. a template over an event map). */
  contours?: ContourOptions[];
  /** Font scale factor on top of the automatic width-based one. */
  fontScale?: number;
}

/** Build the mollview scene. Returns it with the layout and normalisation used. */
export function mollviewScene(map: SkyMap, opts: MollviewOptions = {}): { scene: Scene; layout: MollLayout; norm: Normalize } {
  const npix = 12 * map.nside * map.nside;
  if (map.data.length !== npix) {
    throw new InputError(`mollview: map "${map.name ?? ''}": expected ${npix} pixels for nside ${map.nside}, found ${map.data.length}`);
  }
  const W = Math.round(opts.width ?? 1600);
  // Fonts shrink slower than the image, so small figures stay readable.
  const fs = Math.sqrt(W / 1600) * 22 * (opts.fontScale ?? 1);
  const frame = opts.frame ?? map.frame;
  const scale: NormKind = opts.log ? 'log' : (opts.scale ?? 'linear');
  const norm = makeNorm(map.data, scale, opts);
  const cmap = getColormap(opts.cmap ?? 'viridis');
  const showBar = opts.colorbar ?? true;

  const top = opts.title ? fs * 2.9 : fs * 1.2;
  const bottom = showBar ? fs * 6.4 : fs * 1.5;
  const side = fs * 3.6;
  let rx = (W - 2 * side) / 2;
  const H = Math.round(opts.height ?? top + rx + bottom);
  rx = Math.min(rx, H - top - bottom); // the ellipse is 2:1
  const ry = rx / 2;
  const layout: MollLayout = { cx: W / 2, cy: top + ry, rx, ry, lon0: ((opts.rotDeg ?? 0) * Math.PI) / 180, frame };

  const scene = new Scene(W, H);
  if (opts.title) scene.text(W / 2, fs * 1.5, opts.title, { size: fs * 1.45, weight: 'bold', align: 'center', baseline: 'middle', color: '#111' });
  const { rgba, iw, ih } = rasterize(map, layout, norm, cmap);
  scene.image(layout.cx - rx, layout.cy - ry, 2 * rx, 2 * ry, rgba, iw, ih);
  if (opts.graticule !== false) drawGraticule(scene, layout, { fontSize: fs * 0.8, ...(opts.graticule ?? {}) });
  for (const c of opts.contours ?? []) drawContours(scene, map, layout, c);
  if (opts.overlays?.length) drawOverlays(scene, layout, opts.overlays, fs * 0.8);
  scene.path(ellipsePoints(layout, 360), { closed: true, stroke: '#333', width: Math.max(1, fs / 14) });
  scene.text(layout.cx - rx, layout.cy + ry + fs * 0.2, frame === 'galactic' ? 'Galactic' : 'Equatorial', {
    size: fs * 0.75, color: '#555', align: 'left', baseline: 'top', italic: true,
  });
  const legend = overlayLegend(opts.overlays ?? []);
  if (legend.length) {
    const area = { left: layout.cx + rx * 0.62, right: W - fs * 0.3, top: layout.cy + ry - fs, bottom: H - fs * 0.3 };
    drawLegend(scene, legend, area, 'bottom-right', fs * 0.75);
  }
  if (showBar) {
    const bw = Math.min(W * 0.55, 2 * rx * 0.7);
    const [lo, hi] = finiteRange(map.data);
    drawColorbar(scene, cmap, norm, {
      x: (W - bw) / 2, y: layout.cy + ry + fs * 1.4, width: bw, height: fs * 1.05, fontSize: fs * 0.85,
      label: opts.unit ?? map.unit, extendMin: lo < norm.vmin * (1 - 1e-12) - 1e-300, extendMax: hi > norm.vmax * (1 + 1e-12) + 1e-300,
    });
  }
  return { scene, layout, norm };
}

/** Rendered mollview: PNG bytes by default, or SVG bytes. */
export function mollview(map: SkyMap, opts: MollviewOptions & { format?: ImageFormat } = {}): Buffer {
  return renderScene(mollviewScene(map, opts).scene, opts.format ?? 'png');
}

/** Render and write a mollview to `file` (.png or .svg, atomic). Returns the byte size. */
export function saveMollview(map: SkyMap, file: string, opts: MollviewOptions = {}): number {
  return saveScene(mollviewScene(map, opts).scene, file);
}

function makeNorm(data: Float64Array, kind: NormKind, o: MollviewOptions): Normalize {
  let [lo, hi] = autoRange(data, kind);
  if (o.symmetric) {
    const a = Math.max(Math.abs(lo), Math.abs(hi));
    [lo, hi] = [-a, a];
  }
  const vmin = o.min ?? lo;
  const vmax = o.max ?? hi;
  if (!(vmax >= vmin)) throw new InputError(`mollview: expected min ≤ max, found min ${vmin}, max ${vmax}`);
  return new Normalize({ kind, vmin, vmax, ...(o.linthresh !== undefined ? { linthresh: o.linthresh } : {}) });
}

function finiteRange(data: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (isBad(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** The coloured map raster (RGBA, transparent outside the ellipse), sized to the layout. */
export function rasterize(map: SkyMap, l: MollLayout, norm: Normalize, cmap: Colormap): { rgba: Uint8ClampedArray; iw: number; ih: number } {
  const iw = Math.max(2, Math.round(2 * l.rx));
  const ih = Math.max(1, Math.round(2 * l.ry));
  const { idx, pix } = projectPixels(map.nside, map.ordering, map.frame, l, iw, ih);
  const n = pix.length;
  const vals = new Float64Array(n);
  for (let k = 0; k < n; k++) vals[k] = map.data[pix[k]!]!;
  const colours = applyColormap(vals, norm, cmap);
  const rgba = new Uint8ClampedArray(iw * ih * 4);
  for (let k = 0; k < n; k++) {
    const o = 4 * idx[k]!;
    rgba[o] = colours[4 * k]!;
    rgba[o + 1] = colours[4 * k + 1]!;
    rgba[o + 2] = colours[4 * k + 2]!;
    rgba[o + 3] = 255;
  }
  return { rgba, iw, ih };
}
