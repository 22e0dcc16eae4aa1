/**
 * Horizontal colour bar: the colour ramp, an outline, ticks with labels (nice linear numbers,
 * decades for log, 0 and ±decades for symlog), optional end triangles for clipped data, and the
 * unit label underneath.
 */
import { sampleColormap, type Colormap, type Normalize } from './colormap.js';
import { textWidth } from './measure.js';
import type { Scene } from './scene.js';
import { formatNumber, formatPow10, linearTickLabels, logTicks, type Tick } from './ticks.js';

export interface ColorbarOptions {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Label under the ticks, e.g. the unit "sr⁻¹" or "TS". */
  label?: string;
  fontSize?: number;
  /** Draw a triangle at the low / high end (data beyond the range is clipped to the end colour). */
  extendMin?: boolean;
  extendMax?: boolean;
  color?: string;
}

/** Tick marks for a colour bar of this normalisation, all inside [vmin, vmax]. */
export function colorbarTicks(norm: Normalize, maxTicks = 6): Tick[] {
  const { vmin, vmax } = norm;
  if (norm.kind === 'log') {
    const t = logTicks(vmin, vmax, maxTicks);
    if (t.filter((k) => !k.minor).length >= 2) return t;
    // Less than two decades inside: fall back to end values plus the labelled 1-2-5 ticks.
    return t.length ? t : [{ value: vmin, label: formatNumber(vmin) }, { value: vmax, label: formatNumber(vmax) }];
  }
  if (norm.kind === 'symlog') return symlogTicks(vmin, vmax, norm.linthresh, maxTicks);
  return linearTickLabels(vmin, vmax, maxTicks - 1);
}

function symlogTicks(vmin: number, vmax: number, linthresh: number, maxTicks: number): Tick[] {
  const out: Tick[] = [];
  if (vmin <= 0 && vmax >= 0) out.push({ value: 0, label: '0' });
  const e0 = Math.ceil(Math.log10(linthresh) - 1e-9);
  const e1 = Math.floor(Math.log10(Math.max(Math.abs(vmin), Math.abs(vmax))) + 1e-9);
  const every = Math.max(1, Math.ceil(((e1 - e0 + 1) * 2) / maxTicks));
  for (let e = e0; e <= e1; e += every) {
    const v = Math.pow(10, e);
    if (v <= vmax) out.push({ value: v, label: formatPow10(e) });
    if (-v >= vmin) out.push({ value: -v, label: '−' + formatPow10(e) });
  }
  return out.sort((a, b) => a.value - b.value);
}

/** Draws the colour bar into the scene. */
export function drawColorbar(scene: Scene, cmap: Colormap, norm: Normalize, o: ColorbarOptions): void {
  const fs = o.fontSize ?? 16;
  const color = o.color ?? '#222';
  const n = 256;
  const rgba = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    const [r, g, b] = sampleColormap(cmap, (i + 0.5) / n);
    rgba.set([r, g, b, 255], 4 * i);
  }
  scene.image(o.x, o.y, o.width, o.height, rgba, n, 1);
  const tri = o.height * 0.9;
  if (o.extendMin) {
    const [r, g, b] = sampleColormap(cmap, 0);
    scene.path([o.x, o.y, o.x - tri, o.y + o.height / 2, o.x, o.y + o.height], { closed: true, fill: `rgb(${r},${g},${b})`, stroke: color, width: 1 });
  }
  if (o.extendMax) {
    const [r, g, b] = sampleColormap(cmap, 1);
    const x1 = o.x + o.width;
    scene.path([x1, o.y, x1 + tri, o.y + o.height / 2, x1, o.y + o.height], { closed: true, fill: `rgb(${r},${g},${b})`, stroke: color, width: 1 });
  }
  scene.rect(o.x, o.y, o.width, o.height, { stroke: color, width: 1 });
  const ticks = colorbarTicks(norm);
  const yb = o.y + o.height;
  for (const t of ticks) {
    const f = norm.apply(t.value);
    if (!(f >= -1e-9 && f <= 1 + 1e-9)) continue;
    const x = o.x + f * o.width;
    const len = t.minor ? fs * 0.25 : fs * 0.45;
    scene.line(x, yb, x, yb + len, { stroke: color, width: 1 });
    if (!t.minor && t.label) scene.text(x, yb + len + 2, t.label, { size: fs, color, align: 'center', baseline: 'top' });
  }
  if (o.label) scene.text(o.x + o.width / 2, yb + fs * 2.6, o.label, { size: fs * 1.05, color, align: 'center', baseline: 'top' });
}

/**
 * Vertical colour bar (low values at the bottom) with ticks and labels on the right and the label
 * beside them, reading upwards as in matplotlib; used next to 2-D charts. Returns the width used right of the bar.
 */
export function drawColorbarVertical(scene: Scene, cmap: Colormap, norm: Normalize, o: ColorbarOptions): number {
  const fs = o.fontSize ?? 16;
  const color = o.color ?? '#222';
  const n = 256;
  const rgba = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    const [r, g, b] = sampleColormap(cmap, 1 - (i + 0.5) / n);
    rgba.set([r, g, b, 255], 4 * i);
  }
  scene.image(o.x, o.y, o.width, o.height, rgba, 1, n);
  scene.rect(o.x, o.y, o.width, o.height, { stroke: color, width: 1 });
  const xr = o.x + o.width;
  let widest = 0;
  for (const t of colorbarTicks(norm)) {
    const f = norm.apply(t.value);
    if (!(f >= -1e-9 && f <= 1 + 1e-9)) continue;
    const y = o.y + (1 - f) * o.height;
    const len = t.minor ? fs * 0.25 : fs * 0.45;
    scene.line(xr, y, xr + len, y, { stroke: color, width: 1 });
    if (!t.minor && t.label) {
      scene.text(xr + len + 3, y, t.label, { size: fs, color, baseline: 'middle' });
      widest = Math.max(widest, textWidth(t.label, { size: fs }));
    }
  }
  const used = fs * 0.45 + 3 + widest + fs * 0.6;
  if (o.label) scene.text(xr + used + fs * 0.5, o.y + o.height / 2, o.label, { size: fs * 1.05, color, align: 'center', baseline: 'middle', rotate: -90 });
  return used + (o.label ? fs * 1.6 : 0);
}
