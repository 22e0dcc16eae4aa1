/** Point overlays on a Mollweide plot: events, sources, hot spots. */
import type { Frame } from '../sky/types.js';
import { frameMatrix, rotateLonLatTo } from '../sky/coords.js';
import { toScreen, type MollLayout } from './layout.js';
import type { LegendEntry } from './legend.js';
import type { MarkerOp, Scene } from './scene.js';

export interface PointOverlay {
  /** Longitudes / latitudes in radians (RA/Dec or l/b) in `frame`. */
  lon: ArrayLike<number>;
  lat: ArrayLike<number>;
  /** Frame of lon/lat; default equatorial (catalogues and events are in RA/Dec). */
  frame?: Frame;
  /** Marker half-size in px, one for all or one per point (default 5). */
  size?: number | ArrayLike<number>;
  shape?: MarkerOp['shape'];
  /** Fill colour (default white), or one per point. */
  color?: string | string[];
  /** Edge colour (default black). */
  edgeColor?: string;
  edgeWidth?: number;
  opacity?: number;
  /** Text beside each point (e.g. source names); empty strings skip. */
  labels?: string[];
  /** Name of the whole set, shown in a legend under the map (e.g. "SNR catalogue"). */
  name?: string;
}

/** Legend entries for the named overlays. */
export function overlayLegend(overlays: PointOverlay[]): LegendEntry[] {
  return overlays
    .filter((o) => o.name)
    .map((o) => ({ label: o.name!, color: Array.isArray(o.color) ? o.color[0] ?? '#fff' : o.color ?? '#ffffff', kind: 'marker' as const, shape: o.shape ?? 'circle', edge: o.edgeColor ?? '#000' }));
}

/** Draws the overlays clipped to the map ellipse. */
export function drawOverlays(scene: Scene, l: MollLayout, overlays: PointOverlay[], fontSize: number): void {
  const p = new Float64Array(2);
  for (const ov of overlays) {
    const n = Math.min(ov.lon.length, ov.lat.length);
    const rot = frameMatrix(ov.frame ?? 'equatorial', l.frame);
    const xy = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      rotateLonLatTo(rot, ov.lon[i]!, ov.lat[i]!, p);
      toScreen(l, p[0]!, p[1]!, p);
      xy[2 * i] = p[0]!;
      xy[2 * i + 1] = p[1]!;
    }
    const shape = ov.shape ?? 'circle';
    scene.markers(xy, {
      shape, r: ov.size ?? 5, fill: ov.color ?? '#ffffff', stroke: ov.edgeColor ?? (shape === 'cross' || shape === 'plus' ? undefined : '#000'),
      width: ov.edgeWidth ?? 1, ...(ov.opacity !== undefined ? { opacity: ov.opacity } : {}),
    });
    if (ov.labels) {
      for (let i = 0; i < n; i++) {
        const t = ov.labels[i];
        if (!t) continue;
        const r = typeof ov.size === 'number' ? ov.size : ov.size ? ov.size[i]! : 5;
        scene.text(xy[2 * i]! + r + 3, xy[2 * i + 1]!, t, { size: fontSize, color: '#111', baseline: 'middle', halo: 'rgba(255,255,255,0.85)' });
      }
    }
  }
}
