/**
 * Contour lines of a HEALPix map on a Mollweide plot: the map is sampled on a grid in the
 * projection plane, optionally box-smoothed (HEALPix pixels would otherwise give staircase
 * contours), and traced with marching squares (linear interpolation along cell edges).
 * Segments are drawn as one path per level; they are not joined into polylines.
 */
import type { SkyMap } from '../sky/types.js';
import { isBad } from './colormap.js';
import type { MollLayout } from './layout.js';
import { projectPixels } from './project-pixels.js';
import type { Scene } from './scene.js';

export interface ContourOptions {
  levels: number[];
  /** Map to contour; default the plotted map (e.g. template contours over an event map). */
  map?: SkyMap;
  color?: string | string[];
  width?: number;
  dash?: number[];
  /** Grid step in output px (default 2). */
  step?: number;
  /** Box-smoothing half-width in grid cells (default 1; 0 = none). */
  smooth?: number;
}

/**
 * Marching-squares segments of the grid g (nx × ny, row-major, NaN = outside) at `level`, as flat
 * [x0, y0, x1, y1, NaN, NaN, …] in grid coordinates (cell centres at integers).
 */
export function marchingSquares(g: Float64Array, nx: number, ny: number, level: number): number[] {
  const out: number[] = [];
  const lerp = (a: number, b: number) => (level - a) / (b - a);
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const a = g[j * nx + i]!; // top-left
      const b = g[j * nx + i + 1]!; // top-right
      const c = g[(j + 1) * nx + i + 1]!; // bottom-right
      const d = g[(j + 1) * nx + i]!; // bottom-left
      if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(c) || Number.isNaN(d)) continue;
      const code = (a >= level ? 8 : 0) | (b >= level ? 4 : 0) | (c >= level ? 2 : 0) | (d >= level ? 1 : 0);
      if (code === 0 || code === 15) continue;
      // Edge crossing points: top (a-b), right (b-c), bottom (d-c), left (a-d).
      const T = [i + lerp(a, b), j];
      const R = [i + 1, j + lerp(b, c)];
      const B = [i + lerp(d, c), j + 1];
      const L = [i, j + lerp(a, d)];
      const seg = (p: number[], q: number[]) => out.push(p[0]!, p[1]!, q[0]!, q[1]!, NaN, NaN);
      switch (code) {
        case 1: case 14: seg(L, B); break;
        case 2: case 13: seg(B, R); break;
        case 3: case 12: seg(L, R); break;
        case 4: case 11: seg(T, R); break;
        case 6: case 9: seg(T, B); break;
        case 7: case 8: seg(L, T); break;
        case 5: case 10: {
          // Saddle: decide by the cell-centre mean.
          const centre = (a + b + c + d) / 4 >= level;
          if ((code === 5) === centre) { seg(L, T); seg(B, R); } else { seg(L, B); seg(T, R); }
          break;
        }
      }
    }
  }
  return out;
}

/** Separable box smoothing that ignores NaN cells (and keeps them NaN). */
function boxSmooth(g: Float64Array, nx: number, ny: number, h: number): Float64Array {
  if (h <= 0) return g;
  const tmp = new Float64Array(g.length);
  const out = new Float64Array(g.length);
  for (let pass = 0; pass < 2; pass++) {
    const src = pass === 0 ? g : tmp;
    const dst = pass === 0 ? tmp : out;
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const k = j * nx + i;
        if (Number.isNaN(src[k]!)) { dst[k] = NaN; continue; }
        let s = 0;
        let n = 0;
        for (let d = -h; d <= h; d++) {
          const ii = pass === 0 ? i + d : i;
          const jj = pass === 0 ? j : j + d;
          if (ii < 0 || jj < 0 || ii >= nx || jj >= ny) continue;
          const v = src[jj * nx + ii]!;
          if (!Number.isNaN(v)) { s += v; n++; }
        }
        dst[k] = s / n;
      }
    }
  }
  return out;
}

/** Draws contour lines of `o.map ?? map` into the scene over the Mollweide layout. */
export function drawContours(scene: Scene, map: SkyMap, l: MollLayout, o: ContourOptions): void {
  const m = o.map ?? map;
  const step = o.step ?? 2;
  const nx = Math.max(4, Math.round((2 * l.rx) / step));
  const ny = Math.max(2, Math.round((2 * l.ry) / step));
  const { idx, pix } = projectPixels(m.nside, m.ordering, m.frame, l, nx, ny);
  const g = new Float64Array(nx * ny).fill(NaN);
  for (let k = 0; k < pix.length; k++) {
    const v = m.data[pix[k]!]!;
    g[idx[k]!] = isBad(v) ? NaN : v;
  }
  const s = boxSmooth(g, nx, ny, o.smooth ?? 1);
  // Grid (i, j) has its centre at ((i + ½)/nx, (j + ½)/ny) of the ellipse's bounding box.
  const x0 = l.cx - l.rx;
  const y0 = l.cy - l.ry;
  const sx = (2 * l.rx) / nx;
  const sy = (2 * l.ry) / ny;
  o.levels.forEach((level, n) => {
    const seg = marchingSquares(s, nx, ny, level);
    for (let k = 0; k < seg.length; k += 2) {
      seg[k] = x0 + (seg[k]! + 0.5) * sx;
      seg[k + 1] = y0 + (seg[k + 1]! + 0.5) * sy;
    }
    const color = Array.isArray(o.color) ? o.color[n % o.color.length]! : o.color ?? '#ffffff';
    scene.path(seg, { stroke: color, width: o.width ?? 1.5, ...(o.dash ? { dash: o.dash } : {}) });
  });
}
