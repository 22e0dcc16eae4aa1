/** Renders a Scene to a PNG (or to a live @napi-rs/canvas Canvas) — the raster half of scene.ts. */
import { createCanvas, ImageData, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { ensureFonts } from './fonts.js';
import { baselineShift, fontOf, isOpenMarker, markerShape, type Op, type Points, type Scene } from './scene.js';

/** Draws the scene on a new canvas; `scale` > 1 renders at higher resolution (e.g. 2 for retina). */
export function renderCanvas(scene: Scene, scale = 1): Canvas {
  ensureFonts();
  const canvas = createCanvas(Math.round(scene.width * scale), Math.round(scene.height * scale));
  const g = canvas.getContext('2d');
  g.scale(scale, scale);
  if (scene.background) {
    g.fillStyle = scene.background;
    g.fillRect(0, 0, scene.width, scene.height);
  }
  let clipped = false;
  for (const op of scene.ops) {
    if (op.k === 'clip') {
      if (clipped) g.restore();
      clipped = op.pts !== null;
      if (op.pts) {
        g.save();
        g.beginPath();
        tracePath(g, op.pts, true);
        g.clip();
      }
      continue;
    }
    drawOp(g, op);
  }
  if (clipped) g.restore();
  return canvas;
}

/** PNG bytes of the scene. */
export function renderPng(scene: Scene, scale = 1): Buffer {
  return renderCanvas(scene, scale).toBuffer('image/png');
}

/** PNG bytes of a raw RGBA raster (used to embed map rasters in SVG and HTML). */
export function rgbaToPng(rgba: Uint8ClampedArray, w: number, h: number): Buffer {
  const c = createCanvas(w, h);
  c.getContext('2d').putImageData(new ImageData(rgba, w, h), 0, 0);
  return c.toBuffer('image/png');
}

function tracePath(g: SKRSContext2D, p: Points, closed: boolean): void {
  let pen = false;
  for (let i = 0; i + 1 < p.length; i += 2) {
    const x = p[i]!;
    const y = p[i + 1]!;
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (pen && closed) g.closePath();
      pen = false;
      continue;
    }
    if (pen) g.lineTo(x, y);
    else g.moveTo(x, y);
    pen = true;
  }
  if (pen && closed) g.closePath();
}

function drawOp(g: SKRSContext2D, op: Exclude<Op, { k: 'clip' }>): void {
  g.save();
  switch (op.k) {
    case 'path':
      g.globalAlpha = op.opacity ?? 1;
      g.beginPath();
      tracePath(g, op.pts, op.closed ?? false);
      if (op.fill) {
        g.fillStyle = op.fill;
        g.fill('evenodd');
      }
      if (op.stroke) strokeNow(g, op.stroke, op.width ?? 1, op.dash);
      break;
    case 'text':
      g.font = fontOf(op);
      g.textAlign = op.align ?? 'left';
      g.textBaseline = 'alphabetic';
      g.translate(op.x, op.y);
      if (op.rotate) g.rotate((op.rotate * Math.PI) / 180);
      g.translate(0, baselineShift(op.baseline, op.size ?? 14));
      if (op.halo) {
        g.lineJoin = 'round';
        g.lineWidth = Math.max(2, (op.size ?? 14) / 4);
        g.strokeStyle = op.halo;
        g.strokeText(op.text, 0, 0);
      }
      g.fillStyle = op.color ?? '#000';
      g.fillText(op.text, 0, 0);
      break;
    case 'image': {
      const tmp = createCanvas(op.iw, op.ih);
      tmp.getContext('2d').putImageData(new ImageData(op.rgba, op.iw, op.ih), 0, 0);
      g.imageSmoothingEnabled = false;
      g.drawImage(tmp, op.x, op.y, op.w, op.h);
      break;
    }
    case 'marker':
      drawMarkers(g, op);
      break;
  }
  g.restore();
}

function strokeNow(g: SKRSContext2D, color: string, width: number, dash?: number[]): void {
  g.strokeStyle = color;
  g.lineWidth = width;
  g.lineJoin = 'round';
  g.lineCap = 'butt';
  g.setLineDash(dash ?? []);
  g.stroke();
}

function drawMarkers(g: SKRSContext2D, op: Extract<Op, { k: 'marker' }>): void {
  g.globalAlpha = op.opacity ?? 1;
  const open = isOpenMarker(op.shape);
  const stroke = op.stroke && op.stroke !== 'none' ? op.stroke : undefined;
  const perFill = Array.isArray(op.fill);
  // Styles are set once; each marker is its own fill so overlapping translucent markers add up.
  g.lineWidth = op.width ?? 1;
  g.lineJoin = 'round';
  g.setLineDash([]);
  if (!perFill && op.fill) g.fillStyle = op.fill as string;
  const strokeColor = stroke ?? (open ? ((perFill ? undefined : (op.fill as string | undefined)) ?? '#000') : undefined);
  if (strokeColor) g.strokeStyle = strokeColor;
  const shape0 = typeof op.r === 'number' ? markerShape(op.shape, op.r) : null;
  // Opaque, edge-less markers of one colour: one path for all (fewer native calls; nothing to
  // accumulate, and no edge that a later marker would have to cover).
  if (!perFill && (op.opacity ?? 1) >= 1 && !open && !strokeColor) {
    g.beginPath();
    for (let i = 0, j = 0; i + 1 < op.xy.length; i += 2, j++) {
      const r = typeof op.r === 'number' ? op.r : op.r[j]!;
      const x = op.xy[i]!;
      const y = op.xy[i + 1]!;
      if (!(r > 0) || Number.isNaN(x) || Number.isNaN(y)) continue;
      const shape = typeof op.r === 'number' ? shape0 : markerShape(op.shape, r);
      if (shape === null) {
        g.moveTo(x + r, y);
        g.arc(x, y, r, 0, 2 * Math.PI);
      } else {
        tracePathAt(g, shape, x, y, true);
      }
    }
    if (op.fill) g.fill('nonzero');
    return;
  }
  for (let i = 0, j = 0; i + 1 < op.xy.length; i += 2, j++) {
    const r = typeof op.r === 'number' ? op.r : op.r[j]!;
    const x = op.xy[i]!;
    const y = op.xy[i + 1]!;
    if (!(r > 0) || Number.isNaN(x) || Number.isNaN(y)) continue;
    g.beginPath();
    const shape = typeof op.r === 'number' ? shape0 : markerShape(op.shape, r);
    if (shape === null) {
      g.moveTo(x + r, y);
      g.arc(x, y, r, 0, 2 * Math.PI);
    } else {
      tracePathAt(g, shape, x, y, !open);
    }
    const fill = perFill ? (op.fill as string[])[j] : (op.fill as string | undefined);
    if (fill && !open) {
      if (perFill) g.fillStyle = fill;
      g.fill();
    }
    if (open && perFill && !stroke && fill) g.strokeStyle = fill;
    if (strokeColor || (open && fill)) g.stroke();
  }
}

/** tracePath of a marker outline translated to (dx, dy), without allocating. */
function tracePathAt(g: SKRSContext2D, p: number[], dx: number, dy: number, closed: boolean): void {
  let pen = false;
  for (let i = 0; i + 1 < p.length; i += 2) {
    if (Number.isNaN(p[i]!)) {
      if (pen && closed) g.closePath();
      pen = false;
      continue;
    }
    if (pen) g.lineTo(p[i]! + dx, p[i + 1]! + dy);
    else g.moveTo(p[i]! + dx, p[i + 1]! + dy);
    pen = true;
  }
  if (pen && closed) g.closePath();
}
