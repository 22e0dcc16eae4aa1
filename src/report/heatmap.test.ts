import { describe, expect, it } from 'vitest';
import { chart } from './chart.js';
import { getColormap, sampleColormap } from './colormap.js';
import { renderCanvas } from './render-png.js';

describe('heatmap series', () => {
  const frameOf = (ops: ReturnType<typeof chart>['ops']) =>
    ops.find((o) => o.k === 'path' && (o as { closed?: boolean }).closed && (o as { stroke?: string }).stroke) as unknown as { pts: number[] };

  it('draws evenly spaced bins as one raster with the first y bin at the bottom, and adds a colour bar', () => {
    // 2 × 2 cells: values 0 (x0,y0), 1 (x1,y0), 2 (x0,y1), 3 (x1,y1).
    const s = chart({ width: 600, height: 400, series: [{ kind: 'heatmap', xEdges: [0, 1, 2], yEdges: [0, 1, 2], values: [0, 1, 2, 3], label: 'TS' }] });
    const images = s.ops.filter((o) => o.k === 'image');
    expect(images.length).toBe(2); // the heatmap and the colour-bar ramp
    expect(s.ops.some((o) => o.k === 'text' && o.text === 'TS' && o.rotate === -90)).toBe(true);
    const f = frameOf(s.ops);
    const [left, top, right, bottom] = [f.pts[0]!, f.pts[1]!, f.pts[2]!, f.pts[5]!];
    const g = renderCanvas(s).getContext('2d');
    const at = (fx: number, fy: number) => Array.from(g.getImageData(Math.round(left + fx * (right - left)), Math.round(top + fy * (bottom - top)), 1, 1).data.subarray(0, 3));
    const cm = getColormap('viridis');
    expect(at(0.25, 0.75)).toEqual(sampleColormap(cm, 0)); // bottom-left = first cell
    expect(at(0.75, 0.75)).toEqual(sampleColormap(cm, 1 / 3));
    expect(at(0.25, 0.25)).toEqual(sampleColormap(cm, 2 / 3));
    expect(at(0.75, 0.25)).toEqual(sampleColormap(cm, 1));
  });

  it('draws uneven bins as one rectangle per cell', () => {
    const s = chart({ series: [{ kind: 'heatmap', xEdges: [0, 1, 10], yEdges: [0, 1], values: [1, 2] }] });
    const cells = s.ops.filter((o) => o.k === 'path' && (o as { fill?: string }).fill?.startsWith('rgb('));
    expect(cells.length).toBe(2);
  });

  it('rejects values that do not fit the edges', () => {
    expect(() => chart({ series: [{ kind: 'heatmap', xEdges: [0, 1, 2], yEdges: [0, 1], values: [1], label: 'A' }] }))
      .toThrow(/heatmap "A": expected 2×1 = 2 values for the edges given, found 1/);
  });
});
