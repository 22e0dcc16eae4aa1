/**
 * A tiny retained drawing description: every plot (sky map, chart, colour bar) is built as a
 * Scene of primitive operations, then rendered either to PNG (through @napi-rs/canvas) or to SVG
 * (a string builder; rasters are embedded as PNG data URIs, everything else stays vector).
 * Coordinates are pixels, origin top-left, y down.
 */

/** A polyline / polygon as flat [x0, y0, x1, y1, …]; a NaN pair starts a new sub-path. */
export type Points = ArrayLike<number>;

export interface StrokeStyle {
  stroke?: string;
  width?: number;
  /** Dash pattern in px, e.g. [6, 4]. */
  dash?: number[];
  /** 0–1, applied to stroke and fill. */
  opacity?: number;
}

export interface PathOp extends StrokeStyle {
  k: 'path';
  pts: Points;
  fill?: string;
  closed?: boolean;
}

export interface TextStyle {
  size?: number;
  weight?: 'normal' | 'bold';
  color?: string;
  align?: 'left' | 'center' | 'right';
  baseline?: 'top' | 'middle' | 'alphabetic' | 'bottom';
  /** Rotation in degrees about (x, y); positive turns clockwise (canvas convention), −90 for a y-axis label. */
  rotate?: number;
  italic?: boolean;
  /** White halo behind the text, so labels stay readable on top of a map. */
  halo?: string;
}

export interface TextOp extends TextStyle {
  k: 'text';
  x: number;
  y: number;
  text: string;
}

export interface ImageOp {
  k: 'image';
  x: number;
  y: number;
  w: number;
  h: number;
  /** RGBA, iw × ih, row-major from the top. */
  rgba: Uint8ClampedArray;
  iw: number;
  ih: number;
}

export interface MarkerOp extends StrokeStyle {
  k: 'marker';
  shape: 'circle' | 'square' | 'diamond' | 'cross' | 'plus' | 'star' | 'triangle';
  /** Centres as flat [x0, y0, …]. */
  xy: Points;
  /** Radius (half-size) in px: one for all, or one per marker. */
  r: number | ArrayLike<number>;
  fill?: string | string[];
}

export interface ClipOp {
  k: 'clip';
  /** Closed polygon to clip the following operations to, or null to end the clip. */
  pts: Points | null;
}

export type Op = PathOp | TextOp | ImageOp | MarkerOp | ClipOp;

export const FONT_FAMILY = "'DejaVu Sans', 'Helvetica Neue', Helvetica, Arial, sans-serif";

/** A width × height drawing. Methods append operations; renderers replay them. */
export class Scene {
  readonly ops: Op[] = [];
  constructor(
    readonly width: number,
    readonly height: number,
    readonly background: string | null = '#ffffff',
  ) {}

  path(pts: Points, style: Omit<PathOp, 'k' | 'pts'> = {}): this {
    this.ops.push({ k: 'path', pts, ...style });
    return this;
  }

  line(x0: number, y0: number, x1: number, y1: number, style: StrokeStyle = {}): this {
    return this.path([x0, y0, x1, y1], style);
  }

  rect(x: number, y: number, w: number, h: number, style: Omit<PathOp, 'k' | 'pts'> = {}): this {
    return this.path([x, y, x + w, y, x + w, y + h, x, y + h], { closed: true, ...style });
  }

  text(x: number, y: number, text: string, style: TextStyle = {}): this {
    this.ops.push({ k: 'text', x, y, text, ...style });
    return this;
  }

  image(x: number, y: number, w: number, h: number, rgba: Uint8ClampedArray, iw: number, ih: number): this {
    this.ops.push({ k: 'image', x, y, w, h, rgba, iw, ih });
    return this;
  }

  markers(xy: Points, style: Omit<MarkerOp, 'k' | 'xy'>): this {
    this.ops.push({ k: 'marker', xy, ...style });
    return this;
  }

  clip(pts: Points | null): this {
    this.ops.push({ k: 'clip', pts });
    return this;
  }

  /** Append all operations of another scene, shifted by (dx, dy). */
  embed(other: Scene, dx: number, dy: number): this {
    for (const op of other.ops) this.ops.push(shiftOp(op, dx, dy));
    return this;
  }
}

function shiftPts(p: Points, dx: number, dy: number): number[] {
  const out = new Array<number>(p.length);
  for (let i = 0; i < p.length; i += 2) {
    out[i] = p[i]! + dx;
    out[i + 1] = p[i + 1]! + dy;
  }
  return out;
}

function shiftOp(op: Op, dx: number, dy: number): Op {
  switch (op.k) {
    case 'path':
      return { ...op, pts: shiftPts(op.pts, dx, dy) };
    case 'marker':
      return { ...op, xy: shiftPts(op.xy, dx, dy) };
    case 'clip':
      return { ...op, pts: op.pts && shiftPts(op.pts, dx, dy) };
    default:
      return { ...op, x: op.x + dx, y: op.y + dy };
  }
}

/** CSS font shorthand for a text style. */
export function fontOf(s: TextStyle): string {
  return `${s.italic ? 'italic ' : ''}${s.weight === 'bold' ? 'bold ' : ''}${s.size ?? 14}px ${FONT_FAMILY}`;
}

/**
 * Offset from the requested anchor y to the alphabetic baseline. Both renderers draw at the
 * alphabetic baseline with this shift, because SVG renderers disagree on dominant-baseline
 * (librsvg and Skia ignore it). Factors are DejaVu Sans metrics: cap height 0.73 em, descent 0.24 em.
 */
export function baselineShift(baseline: TextStyle['baseline'], size: number): number {
  switch (baseline) {
    case 'top':
      return 0.8 * size;
    case 'middle':
      return 0.36 * size;
    case 'bottom':
      return -0.24 * size;
    default:
      return 0;
  }
}

/** Vertex list of a marker shape of half-size r at (0, 0), or null for a circle. */
export function markerShape(shape: MarkerOp['shape'], r: number): number[] | null {
  switch (shape) {
    case 'circle':
      return null;
    case 'square':
      return [-r, -r, r, -r, r, r, -r, r];
    case 'diamond':
      return [0, -r, r, 0, 0, r, -r, 0];
    case 'triangle':
      return [0, -r, 0.866 * r, 0.5 * r, -0.866 * r, 0.5 * r];
    case 'cross':
      return [-r, -r, r, r, NaN, NaN, -r, r, r, -r];
    case 'plus':
      return [-r, 0, r, 0, NaN, NaN, 0, -r, 0, r];
    case 'star': {
      const p: number[] = [];
      for (let i = 0; i < 10; i++) {
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        const rr = i % 2 === 0 ? r : r * 0.45;
        p.push(rr * Math.cos(a), rr * Math.sin(a));
      }
      return p;
    }
  }
}

/** Whether a marker shape is drawn as lines only (no fill). */
export function isOpenMarker(shape: MarkerOp['shape']): boolean {
  return shape === 'cross' || shape === 'plus';
}
