import { describe, expect, it } from 'vitest';
import { pix2angArray } from '../sky/healpix/index.js';
import type { SkyMap } from '../sky/types.js';
import { marchingSquares } from './contour.js';
import { mollviewScene } from './mollweide.js';
import { MOLL_XMAX, MOLL_YMAX, mollweideInverse } from './projection.js';

describe('marchingSquares', () => {
  it('traces a closed diamond around a single peak, crossing each edge at the interpolated point', () => {
    const g = new Float64Array([0, 0, 0, 0, 4, 0, 0, 0, 0]);
    const seg = marchingSquares(g, 3, 3, 1);
    const pts: string[] = [];
    for (let i = 0; i < seg.length; i += 6) pts.push(`${seg[i]},${seg[i + 1]}`, `${seg[i + 2]},${seg[i + 3]}`);
    // Level 1 between 0 and 4 is ¼ of the way from the zero neighbour: points at distance 0.75 from the peak.
    expect(new Set(pts)).toEqual(new Set(['1,0.25', '0.25,1', '1.75,1', '1,1.75']));
    expect(seg.length / 6).toBe(4);
  });

  it('skips cells touching NaN (outside the ellipse) and flat cells', () => {
    expect(marchingSquares(new Float64Array([0, 1, NaN, 1]), 2, 2, 0.5)).toEqual([]);
    expect(marchingSquares(new Float64Array([2, 2, 2, 2]), 2, 2, 0.5)).toEqual([]);
  });
});

describe('mollview contours', () => {
  it('the contour z = 0.5 of the map z = cos θ lies on the δ = 30° parallel (within a pixel)', () => {
    const nside = 64;
    const { theta } = pix2angArray(nside, Float64Array.from({ length: 12 * nside * nside }, (_, i) => i));
    const map: SkyMap = { nside, ordering: 'RING', frame: 'equatorial', data: theta.map(Math.cos) };
    const { scene, layout } = mollviewScene(map, { width: 800, graticule: false, colorbar: false, contours: [{ levels: [0.5], color: '#f00' }] });
    const path = scene.ops.find((o) => o.k === 'path' && o.stroke === '#f00') as unknown as { pts: number[] };
    const q = new Float64Array(2);
    let n = 0;
    for (let i = 0; i < path.pts.length; i += 2) {
      if (Number.isNaN(path.pts[i]!)) continue;
      const x = ((path.pts[i]! - layout.cx) / layout.rx) * MOLL_XMAX;
      const y = (-(path.pts[i + 1]! - layout.cy) / layout.ry) * MOLL_YMAX;
      mollweideInverse(x, y, q);
      // Ring spacing in z at nside 64 is 2/(3·64) → 0.69° in δ at 30°; allow 1°.
      expect(Math.abs((q[1]! * 180) / Math.PI - 30)).toBeLessThan(1);
      n++;
    }
    expect(n).toBeGreaterThan(200);
  });
});
