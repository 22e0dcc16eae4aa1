/** Chart legend: a framed box of swatches (line, filled box or marker) with labels. */
import { textWidth } from './measure.js';
import type { MarkerOp, Scene } from './scene.js';

export type LegendPosition = 'top-right' | 'top-left' | 'bottom-right' | 'bottom-left';

export interface LegendEntry {
  label: string;
  color: string;
  kind: 'line' | 'box' | 'marker';
  dash?: number[];
  opacity?: number;
  shape?: MarkerOp['shape'];
  /** Marker edge colour (default white). */
  edge?: string;
}

export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Width and height of the legend box. */
export function legendSize(entries: LegendEntry[], fs: number): [number, number] {
  const w = fs * 1.2 + fs * 2 + fs * 0.5 + Math.max(...entries.map((e) => textWidth(e.label, { size: fs })));
  const h = fs * 1.2 + fs * 1.45 * entries.length - fs * 0.45;
  return [w, h];
}

/** Legend box placed in a corner of the plot area. */
export function legendBox(entries: LegendEntry[], area: Box, pos: LegendPosition, fs: number): Box {
  const [w, h] = legendSize(entries, fs);
  const x0 = pos.endsWith('right') ? area.right - w - fs * 0.6 : area.left + fs * 0.6;
  const y0 = pos.startsWith('top') ? area.top + fs * 0.6 : area.bottom - h - fs * 0.6;
  return { left: x0, right: x0 + w, top: y0, bottom: y0 + h };
}

/**
 * The corner whose legend box covers the fewest of the given obstacle points (flat x, y pairs:
 * sampled data and label positions); ties go to top-right, top-left, bottom-left, bottom-right.
 */
export function bestLegendPosition(entries: LegendEntry[], area: Box, fs: number, obstacles: ArrayLike<number>): LegendPosition {
  let best: LegendPosition = 'top-right';
  let bestHits = Infinity;
  for (const pos of ['top-right', 'top-left', 'bottom-left', 'bottom-right'] as const) {
    const b = legendBox(entries, area, pos, fs);
    let hits = 0;
    for (let i = 0; i + 1 < obstacles.length; i += 2) {
      const x = obstacles[i]!;
      const y = obstacles[i + 1]!;
      if (x >= b.left && x <= b.right && y >= b.top && y <= b.bottom) hits++;
    }
    if (hits < bestHits) {
      best = pos;
      bestHits = hits;
    }
  }
  return best;
}

export function drawLegend(scene: Scene, entries: LegendEntry[], area: Box, pos: LegendPosition, fs: number): void {
  const sw = fs * 2;
  const rowH = fs * 1.45;
  const pad = fs * 0.6;
  const b = legendBox(entries, area, pos, fs);
  const [x0, y0, w, h] = [b.left, b.top, b.right - b.left, b.bottom - b.top];
  scene.rect(x0, y0, w, h, { fill: 'rgba(255,255,255,0.88)', stroke: '#bbb', width: 1 });
  entries.forEach((e, i) => {
    const cy = y0 + pad + fs / 2 + i * rowH;
    const sx = x0 + pad;
    if (e.kind === 'line') scene.line(sx, cy, sx + sw, cy, { stroke: e.color, width: 2.4, ...(e.dash ? { dash: e.dash } : {}) });
    else if (e.kind === 'box') scene.rect(sx, cy - fs * 0.4, sw, fs * 0.8, { fill: e.color, opacity: e.opacity ?? 0.3 });
    else scene.markers([sx + sw / 2, cy], { shape: e.shape ?? 'circle', r: fs * 0.4, fill: e.color, stroke: e.edge ?? '#fff', width: 1 });
    scene.text(sx + sw + fs * 0.5, cy, e.label, { size: fs, baseline: 'middle', color: '#222' });
  });
}
