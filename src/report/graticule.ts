/** Graticule (meridians and parallels) and its labels on a Mollweide plot. */
import type { MollLayout } from './layout.js';
import { toScreen, wrapPi } from './layout.js';
import { MOLL_XMAX, MOLL_YMAX, mollweideForward, mollweideHalfWidth } from './projection.js';
import type { Scene } from './scene.js';

export interface GraticuleOptions {
  /** Spacing of parallels in degrees (default 30). */
  dparDeg?: number;
  /** Spacing of meridians in degrees (default 60). */
  dmerDeg?: number;
  /** Label the lines (default true). */
  labels?: boolean;
  /**
   * Longitude labels: 'deg' 0…360° (default for equatorial), 'signed' −180…180° (default for
   * Galactic), 'hours' 0h…24h (right ascension).
   */
  lonFormat?: 'deg' | 'signed' | 'hours';
  color?: string;
  width?: number;
  fontSize?: number;
}

const D2R = Math.PI / 180;

/** Label text for a longitude in degrees. */
export function formatLon(deg: number, fmt: 'deg' | 'signed' | 'hours'): string {
  let d = ((deg % 360) + 360) % 360;
  if (fmt === 'hours') return `${Math.round((d / 15) * 100) / 100}h`;
  if (fmt === 'signed' && d > 180) d -= 360;
  return `${d < 0 ? '−' : ''}${Math.round(Math.abs(d) * 100) / 100}°`;
}

/** Label text for a latitude in degrees. */
export function formatLat(deg: number): string {
  return `${deg < 0 ? '−' : deg > 0 ? '+' : ''}${Math.round(Math.abs(deg) * 100) / 100}°`;
}

export function drawGraticule(scene: Scene, l: MollLayout, o: GraticuleOptions = {}): void {
  const dpar = o.dparDeg ?? 30;
  const dmer = o.dmerDeg ?? 60;
  const color = o.color ?? 'rgba(150,150,150,0.8)';
  const width = o.width ?? Math.max(1, l.rx / 700);
  const fs = o.fontSize ?? 16;
  const fmt = o.lonFormat ?? (l.frame === 'galactic' ? 'signed' : 'deg');
  const style = { stroke: color, width, dash: [width * 3, width * 3] };
  const p = new Float64Array(2);
  const meridians: number[] = [];
  for (let lon = 0; lon < 360 - 1e-9; lon += dmer) {
    const lam = wrapPi(l.lon0 - lon * D2R);
    if (Math.abs(Math.abs(lam) - Math.PI) < 1e-6) continue; // lies on the outline
    meridians.push(lon);
    const pts: number[] = [];
    for (let lat = -90; lat <= 90; lat += 1) {
      toScreen(l, lon * D2R, lat * D2R, p);
      pts.push(p[0]!, p[1]!);
    }
    scene.path(pts, style);
  }
  const parallels: number[] = [];
  for (let lat = -90 + dpar; lat < 90 - 1e-9; lat += dpar) {
    parallels.push(lat);
    mollweideForward(0, lat * D2R, p);
    const y = l.cy - (p[1]! / MOLL_YMAX) * l.ry;
    const hw = (mollweideHalfWidth(p[1]!) / MOLL_XMAX) * l.rx;
    scene.line(l.cx - hw, y, l.cx + hw, y, style);
  }
  if (o.labels === false) return;
  const text = { size: fs, color: '#222', halo: 'rgba(255,255,255,0.8)' } as const;
  for (const lat of parallels) {
    mollweideForward(0, lat * D2R, p);
    const y = l.cy - (p[1]! / MOLL_YMAX) * l.ry;
    const hw = (mollweideHalfWidth(p[1]!) / MOLL_XMAX) * l.rx;
    scene.text(l.cx - hw - fs * (0.4 + 0.6 * Math.abs(Math.sin(lat * D2R))), y, formatLat(lat), { size: fs, color: '#222', align: 'right', baseline: 'middle' });
  }
  for (const lon of meridians) {
    toScreen(l, lon * D2R, 0, p);
    scene.text(p[0]! + fs * 0.25, p[1]! + fs * 0.3, formatLon(lon, fmt), { ...text, align: 'left', baseline: 'top' });
  }
}
