/** Where the Mollweide ellipse sits in a scene, and display-frame (lon, lat) → scene px. */
import type { Frame } from '../sky/types.js';
import { MOLL_XMAX, MOLL_YMAX, mollweideForward } from './projection.js';

/** Pixel geometry of the map ellipse inside the scene. */
export interface MollLayout {
  cx: number;
  cy: number;
  /** Half-axes in px (rx = 2 ry). */
  rx: number;
  ry: number;
  /** Display-frame longitude (rad) at the centre of the plot. */
  lon0: number;
  /** Display frame. */
  frame: Frame;
}

/** λ − λ0 wrapped into [−π, π). */
export function wrapPi(a: number): number {
  const t = (a + Math.PI) % (2 * Math.PI);
  return (t < 0 ? t + 2 * Math.PI : t) - Math.PI;
}

/**
 * Scene px of the display-frame direction (lon, lat) in radians, into out[0], out[1].
 * Longitude increases to the left: λ = lon0 − lon.
 */
export function toScreen(l: MollLayout, lon: number, lat: number, out: Float64Array | number[]): void {
  mollweideForward(wrapPi(l.lon0 - lon), lat, out);
  out[0] = l.cx + (out[0]! / MOLL_XMAX) * l.rx;
  out[1] = l.cy - (out[1]! / MOLL_YMAX) * l.ry;
}

/** Closed ellipse outline in scene px, n vertices. */
export function ellipsePoints(l: MollLayout, n: number): number[] {
  const p: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    p.push(l.cx + l.rx * Math.cos(a), l.cy + l.ry * Math.sin(a));
  }
  return p;
}
