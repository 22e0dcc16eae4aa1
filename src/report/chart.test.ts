import { describe, expect, it } from 'vitest';
import { Axis, autoDomain } from './axes.js';
import { chart, PALETTE } from './chart.js';
import { renderCanvas } from './render-png.js';
import type { Op } from './scene.js';

const texts = (ops: Op[]) => ops.filter((o): o is Extract<Op, { k: 'text' }> => o.k === 'text').map((o) => o.text);

describe('Axis', () => {
  it('maps linear and log ranges onto pixels (log: equal ratios → equal distances)', () => {
    const lin = new Axis('linear', 0, 10, 100, 600);
    expect([lin.px(0), lin.px(5), lin.px(10)]).toEqual([100, 350, 600]);
    const log = new Axis('log', 1, 1000, 500, 100); // y axis: pixels decrease upwards
    expect(log.px(1)).toBe(500);
    expect(log.px(10)).toBeCloseTo(500 - 400 / 3, 10);
    expect(log.px(1000)).toBeCloseTo(100, 10);
  });

  it('rejects a non-positive log range and a reversed range', () => {
    expect(() => new Axis('log', 0, 1, 0, 1)).toThrow(/log axis: expected a positive range, found \[0, 1\]/);
    expect(() => new Axis('linear', 2, 1, 0, 1)).toThrow(/expected an increasing range/);
  });

  it('autoDomain pads linear data, starts near-zero positive data at 0 and ignores non-positive values on log axes', () => {
    expect(autoDomain([0.5, 10], 'linear')).toEqual([0, 10 + 0.04 * 9.5]);
    expect(autoDomain([-1, 1], 'linear')).toEqual([-1.08, 1.08]);
    expect(autoDomain([0, -3, 1e-3, 10], 'log')).toEqual([1e-3 / 1.2, 12]);
  });
});

describe('chart', () => {
  const edges = Array.from({ length: 21 }, (_, i) => i);
  const values = edges.slice(1).map((e) => Math.exp(-e / 3));

  it('draws title, axis labels, decade tick labels, legend entries and the labelled marker line', () => {
    const s = chart({
      title: 'TS distribution', xLabel: 'TS', yLabel: 'fraction', yScale: 'log',
      series: [{ kind: 'step', edges, values, label: 'background' }, { kind: 'line', x: [1, 20], y: [0.5, 1e-3], label: 'fit' }],
      vlines: [{ at: 12.3, label: 'observed' }],
    });
    const t = texts(s.ops);
    expect(t).toEqual(expect.arrayContaining(['TS distribution', 'TS', 'fraction', 'background', 'fit', 'observed', '10⁻²', '10⁻¹']));
    // Series colours come from the Okabe–Ito palette in order.
    const strokes = s.ops.filter((o) => o.k === 'path' && 'stroke' in o).map((o) => (o as { stroke?: string }).stroke);
    expect(strokes).toContain(PALETTE[0]);
    expect(strokes).toContain(PALETTE[1]);
  });

  it('puts the vertical marker at its data x (pixel check in the PNG)', () => {
    const s = chart({ width: 600, height: 400, xRange: [0, 20], yRange: [0, 1], grid: false, legend: false,
      series: [{ kind: 'line', x: [0, 20], y: [0.5, 0.5], color: '#00ff00' }], vlines: [{ at: 10, color: '#ff0000', dash: [] }] });
    const frame = s.ops.find((o) => o.k === 'path' && (o as { closed?: boolean }).closed) as unknown as { pts: number[] };
    const [left, top, right] = [frame.pts[0]!, frame.pts[1]!, frame.pts[2]!];
    const g = renderCanvas(s).getContext('2d');
    const px = g.getImageData(Math.round((left + right) / 2), Math.round(top + 30), 1, 1).data;
    expect(px[0]).toBeGreaterThan(200);
    expect(px[1]).toBeLessThan(60);
  });

  it('draws error bars and upper-limit arrows for points', () => {
    const s = chart({ xScale: 'log', yScale: 'log',
      series: [{ kind: 'points', x: [1e3, 1e4], y: [1e-7, 1e-8], yErr: [2e-8, 2e-9], upperLimit: [false, true] }] });
    const markers = s.ops.filter((o) => o.k === 'marker') as unknown as { xy: number[] }[];
    expect(markers[0]!.xy.length).toBe(2); // the upper limit has no dot
    expect(s.ops.filter((o) => o.k === 'path').length).toBeGreaterThan(3);
  });

  it('rejects series whose arrays do not match', () => {
    expect(() => chart({ series: [{ kind: 'step', edges: [0, 1], values: [1, 2] }] })).toThrow(/expected 3 edges for 2 values, found 2/);
    expect(() => chart({ series: [{ kind: 'line', x: [0, 1], y: [1], label: 'a' }] })).toThrow(/line "a": expected x and y of equal length/);
  });
});
