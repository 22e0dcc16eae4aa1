import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UNSEEN } from '../sky/types.js';
import { applyColormap, autoRange, COLORMAP_NAMES, getColormap, isBad, Normalize, sampleColormap } from './colormap.js';

const fx = JSON.parse(readFileSync(new URL('../../test/fixtures/report/colormaps.json', import.meta.url), 'utf8')) as {
  x: number[];
  maps: Record<string, number[][]>;
  symlog: { vmin: number; vmax: number; linthresh: number; v: number[]; t: number[] };
  log: { vmin: number; vmax: number; v: number[]; t: number[] };
};

const hex = (c: number[]) => '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');

describe('colour maps', () => {
  it('end colours equal the published matplotlib/BIDS values', () => {
    // Values as listed in matplotlib's _cm_listed.py (first and last LUT entries).
    const ends: Record<string, [string, string]> = {
      viridis: ['#440154', '#fde725'],
      magma: ['#000004', '#fcfdbf'],
      inferno: ['#000004', '#fcffa4'],
      plasma: ['#0d0887', '#f0f921'],
      cividis: ['#00224e', '#fee838'],
    };
    for (const [name, [lo, hi]] of Object.entries(ends)) {
      expect(hex(sampleColormap(getColormap(name), 0))).toBe(lo);
      expect(hex(sampleColormap(getColormap(name), 1))).toBe(hi);
    }
  });

  it('every map matches matplotlib 3.6 at interior points (fixture)', () => {
    for (const [name, rgbs] of Object.entries(fx.maps)) {
      fx.x.forEach((x, i) => expect(sampleColormap(getColormap(name), x), `${name}(${x})`).toEqual(rgbs[i]));
    }
  });

  it('"_r" reverses a map and RdBu_r runs from blue to red', () => {
    expect(sampleColormap(getColormap('viridis_r'), 0)).toEqual(sampleColormap(getColormap('viridis'), 1));
    const [r0, , b0] = sampleColormap(getColormap('RdBu_r'), 0);
    const [r1, , b1] = sampleColormap(getColormap('RdBu_r'), 1);
    expect(b0).toBeGreaterThan(r0);
    expect(r1).toBeGreaterThan(b1);
  });

  it('an unknown name is an InputError that lists the known ones', () => {
    expect(() => getColormap('jet')).toThrow(/expected one of viridis, magma, inferno, plasma, cividis.*found "jet"/);
    expect(COLORMAP_NAMES).toContain('cividis');
  });
});

describe('Normalize', () => {
  it('linear maps vmin → 0 and vmax → 1, unclipped outside', () => {
    const n = new Normalize({ vmin: 2, vmax: 6 });
    expect([n.apply(2), n.apply(4), n.apply(6), n.apply(8)]).toEqual([0, 0.5, 1, 1.5]);
    expect(n.inverse(0.25)).toBe(3);
  });

  it('log equals matplotlib LogNorm', () => {
    const n = new Normalize({ kind: 'log', vmin: fx.log.vmin, vmax: fx.log.vmax });
    fx.log.v.forEach((v, i) => expect(n.apply(v)).toBeCloseTo(fx.log.t[i]!, 12));
    expect(n.inverse(0.5)).toBeCloseTo(0.1, 14);
  });

  it('symlog equals matplotlib SymLogNorm (base 10, linscale 1), and inverts', () => {
    const n = new Normalize({ kind: 'symlog', vmin: fx.symlog.vmin, vmax: fx.symlog.vmax, linthresh: fx.symlog.linthresh });
    fx.symlog.v.forEach((v, i) => {
      expect(n.apply(v), `v=${v}`).toBeCloseTo(fx.symlog.t[i]!, 12);
      expect(n.inverse(n.apply(v))).toBeCloseTo(v, 10);
    });
  });

  it('log with vmin ≤ 0 is an InputError', () => {
    expect(() => new Normalize({ kind: 'log', vmin: 0, vmax: 1 })).toThrow(/log scale needs vmin > 0, found 0/);
  });

  it('NaN, ±Infinity and UNSEEN are bad and normalise to NaN', () => {
    const n = new Normalize({ vmin: 0, vmax: 1 });
    for (const v of [NaN, Infinity, -Infinity, UNSEEN]) {
      expect(isBad(v)).toBe(true);
      expect(n.apply(v)).toBeNaN();
    }
    expect(isBad(-1.6e30)).toBe(false);
  });
});

describe('applyColormap', () => {
  it('colours bad pixels grey, clips out-of-range values to the end colours, and is opaque', () => {
    const cm = getColormap('viridis');
    const n = new Normalize({ vmin: 0, vmax: 1 });
    const px = applyColormap(new Float64Array([UNSEEN, -5, 5, NaN]), n, cm);
    expect(Array.from(px.subarray(0, 4))).toEqual([128, 128, 128, 255]);
    expect(Array.from(px.subarray(4, 7))).toEqual(sampleColormap(cm, 0));
    expect(Array.from(px.subarray(8, 11))).toEqual(sampleColormap(cm, 1));
    expect(Array.from(px.subarray(12, 16))).toEqual([128, 128, 128, 255]);
  });

  it('log scale draws zeros and negatives with the lowest colour, not as bad', () => {
    const cm = getColormap('magma');
    const px = applyColormap([0, -1], new Normalize({ kind: 'log', vmin: 1, vmax: 10 }), cm);
    expect(Array.from(px.subarray(0, 3))).toEqual(sampleColormap(cm, 0));
    expect(Array.from(px.subarray(4, 7))).toEqual(sampleColormap(cm, 0));
  });

  it('autoRange skips bad pixels, and non-positive ones for log', () => {
    const d = [UNSEEN, -3, 0, 2, 7, NaN];
    expect(autoRange(d)).toEqual([-3, 7]);
    expect(autoRange(d, 'log')).toEqual([2, 7]);
    expect(autoRange([UNSEEN])).toEqual([0, 1]);
  });
});
