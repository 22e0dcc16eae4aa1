/** Chart axes: data ↔ pixel scales (linear or log) and drawing of frame, grid, ticks and labels. */
import { InputError } from '../errors.js';
import { textWidth } from './measure.js';
import type { Scene } from './scene.js';
import { linearTickLabels, logTicks, type Tick } from './ticks.js';

export type AxisScale = 'linear' | 'log';

/** One axis: a data interval mapped onto a pixel interval (p0 → p1, may be decreasing for y). */
export class Axis {
  constructor(
    readonly scale: AxisScale,
    readonly d0: number,
    readonly d1: number,
    readonly p0: number,
    readonly p1: number,
  ) {
    if (scale === 'log' && !(d0 > 0 && d1 > 0)) throw new InputError(`log axis: expected a positive range, found [${d0}, ${d1}]`);
    if (!(d1 > d0)) throw new InputError(`axis: expected an increasing range, found [${d0}, ${d1}]`);
  }

  private f(v: number): number {
    return this.scale === 'log' ? Math.log10(v) : v;
  }

  /** Pixel of data value v (log axes: v ≤ 0 maps to −∞ side, i.e. beyond p0). */
  px(v: number): number {
    if (this.scale === 'log' && !(v > 0)) return this.p0 + (this.p0 < this.p1 ? -1e6 : 1e6);
    return this.p0 + ((this.f(v) - this.f(this.d0)) / (this.f(this.d1) - this.f(this.d0))) * (this.p1 - this.p0);
  }

  ticks(count: number): Tick[] {
    if (this.scale === 'log') {
      const t = logTicks(this.d0, this.d1);
      return t.filter((k) => !k.minor).length >= 2 ? t : t.concat(linearTickLabels(this.d0, this.d1, 3)).sort((a, b) => a.value - b.value);
    }
    return linearTickLabels(this.d0, this.d1, count);
  }
}

/**
 * A data range to show for the values given: linear axes get 4 % padding (and start at 0 when the
 * data are non-negative and close to it); log axes use positive values only and round outwards
 * to a ×1.2 margin.
 */
export function autoDomain(values: number[], scale: AxisScale, pad = 0.04): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (scale === 'log' && !(v > 0))) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return scale === 'log' ? [1, 10] : [0, 1];
  if (scale === 'log') {
    if (lo === hi) return [lo / 10, hi * 10];
    return [lo / 1.2, hi * 1.2];
  }
  if (lo === hi) return [lo - (Math.abs(lo) || 1) * 0.5, hi + (Math.abs(hi) || 1) * 0.5];
  const span = hi - lo;
  return [lo >= 0 && lo < span * 0.1 ? 0 : lo - pad * span, hi + pad * span];
}

export interface AxesStyle {
  fontSize: number;
  color?: string;
  grid?: boolean;
}

/** Width in px needed for the y tick labels. */
export function yTickWidth(ax: Axis, fs: number): number {
  let w = 0;
  for (const t of ax.ticks(6)) if (t.label) w = Math.max(w, textWidth(t.label, { size: fs }));
  return w;
}

/** Frame, grid lines, ticks and tick labels of an x–y plot area. */
export function drawAxes(scene: Scene, x: Axis, y: Axis, s: AxesStyle): void {
  const fs = s.fontSize;
  const color = s.color ?? '#222';
  const [left, right] = [x.p0, x.p1];
  const [bottom, top] = [y.p0, y.p1];
  const inside = (p: number, a: number, b: number) => p >= Math.min(a, b) - 0.5 && p <= Math.max(a, b) + 0.5;
  const xt = x.ticks(Math.max(3, Math.round((right - left) / (fs * 7))));
  const yt = y.ticks(Math.max(3, Math.round((bottom - top) / (fs * 3.5))));
  if (s.grid !== false) {
    for (const t of xt) {
      const p = x.px(t.value);
      if (!t.minor && inside(p, left, right)) scene.line(p, top, p, bottom, { stroke: '#e3e3e3', width: 1 });
    }
    for (const t of yt) {
      const p = y.px(t.value);
      if (!t.minor && inside(p, top, bottom)) scene.line(left, p, right, p, { stroke: '#e3e3e3', width: 1 });
    }
  }
  for (const t of xt) {
    const p = x.px(t.value);
    if (!inside(p, left, right)) continue;
    const len = t.minor ? fs * 0.25 : fs * 0.45;
    scene.line(p, bottom, p, bottom + len, { stroke: color, width: 1 });
    if (t.label) scene.text(p, bottom + fs * 0.6, t.label, { size: fs, color, align: 'center', baseline: 'top' });
  }
  for (const t of yt) {
    const p = y.px(t.value);
    if (!inside(p, top, bottom)) continue;
    const len = t.minor ? fs * 0.25 : fs * 0.45;
    scene.line(left - len, p, left, p, { stroke: color, width: 1 });
    if (t.label) scene.text(left - fs * 0.6, p, t.label, { size: fs, color, align: 'right', baseline: 'middle' });
  }
  scene.rect(left, top, right - left, bottom - top, { stroke: color, width: 1.2 });
}
