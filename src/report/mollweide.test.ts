import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SkyMap } from '../sky/types.js';
import { UNSEEN } from '../sky/types.js';
import { getColormap, sampleColormap } from './colormap.js';
import { mollviewScene, projectPixels } from './mollweide.js';
import { toScreen } from './layout.js';
import { renderCanvas } from './render-png.js';
import { reorder } from '../sky/healpix/index.js';
import { renderSvg } from './render-svg.js';

const fx = JSON.parse(readFileSync(new URL('../../test/fixtures/report/mollweide.json', import.meta.url), 'utf8')) as {
  pixels: { iw: number; ih: number; nside: number; views: Record<string, { idx: number[]; pix: number[] }> };
};

function compareView(name: string, lon0Deg: number, frame: 'equatorial' | 'galactic'): number {
  const { iw, ih, nside, views } = fx.pixels;
  const ref = views[name]!;
  const got = projectPixels(nside, 'RING', 'equatorial', { lon0: (lon0Deg * Math.PI) / 180, frame }, iw, ih);
  expect(Array.from(got.idx)).toEqual(ref.idx);
  let diff = 0;
  ref.pix.forEach((p, k) => (diff += p === got.pix[k] ? 0 : 1));
  return diff;
}

describe('projectPixels (which HEALPix pixel each output pixel shows)', () => {
  it('matches healpy MollweideProj + ang2pix pixel for pixel on a 96×48 grid, unrotated', () => {
    expect(compareView('plain', 0, 'equatorial')).toBe(0);
  });

  it('matches healpy with rot=[60] (longitude 60° at the centre)', () => {
    expect(compareView('rot60', 60, 'equatorial')).toBe(0);
  });

  it('matches healpy with coord=[C, G] (equatorial map shown in Galactic), allowing boundary flips only', () => {
    // Our ICRS→Galactic matrix (Hipparcos) and healpy's (FK5-based) differ by < 0.1″, so only
    // centres within 0.1″ of a pixel edge may land differently (0 of ~3600 seen).
    expect(compareView('galactic', 0, 'galactic')).toBeLessThanOrEqual(1);
  });

  it('covers equal-area bands in proportion to their area (NSIDE=64 pixel hit counts by ring band)', () => {
    const nside = 64;
    const { pix } = projectPixels(nside, 'RING', 'equatorial', { lon0: 0, frame: 'equatorial' }, 1600, 800);
    // RING index → band: the polar caps (first / last 2·nside(nside−1)... pixels) vs the equatorial belt.
    const ncap = 2 * nside * (nside - 1);
    const npix = 12 * nside * nside;
    let north = 0;
    let south = 0;
    for (const p of pix) {
      if (p < ncap) north++;
      else if (p >= npix - ncap) south++;
    }
    // Equal-area: share of output pixels in each polar cap = ncap / npix.
    expect(north / pix.length).toBeCloseTo(ncap / npix, 2);
    expect(south / pix.length).toBeCloseTo(ncap / npix, 2);
  });
});

describe('mollviewScene', () => {
  const nside = 8;
  const data = new Float64Array(12 * nside * nside).map((_, i) => i);
  const map: SkyMap = { nside, ordering: 'RING', frame: 'equatorial', data, unit: 'counts' };

  it('draws title, colour-bar unit, graticule labels and a map raster; SVG carries the same text', () => {
    const { scene } = mollviewScene(map, { width: 800, title: 'Pixel index' });
    const texts = scene.ops.filter((o) => o.k === 'text').map((o) => (o as { text: string }).text);
    expect(texts).toContain('Pixel index');
    expect(texts).toContain('counts');
    expect(texts).toEqual(expect.arrayContaining(['+30°', '−60°', '0°', '120°', '240°']));
    expect(scene.ops.some((o) => o.k === 'image')).toBe(true);
    const svg = renderSvg(scene);
    expect(svg).toContain('>Pixel index</text>');
    expect(svg).toContain('data:image/png;base64,');
  });

  it('shows the north pole at the top centre and RA increasing to the left', () => {
    const { scene, layout } = mollviewScene(map, { width: 800, graticule: false, colorbar: false });
    const g = renderCanvas(scene).getContext('2d');
    const cm = getColormap('viridis');
    const at = (x: number, y: number) => Array.from(g.getImageData(Math.round(x), Math.round(y), 1, 1).data.subarray(0, 3));
    // Pixel 0 (north cap) has the lowest value → the first colour; the last pixel (south) the top one.
    // (The four pixels 0–3 of the first ring meet at the pole; their values 0…3 of 767 use LUT entries 0 or 1.)
    expect([sampleColormap(cm, 0), sampleColormap(cm, 1.5 / 256)]).toContainEqual(at(layout.cx, layout.cy - layout.ry + 3));
    expect(at(layout.cx, layout.cy + layout.ry - 3)).toEqual(sampleColormap(cm, 1));
    // Within a RING ring the index grows with φ. Just left of the centre φ is small (RA 10°),
    // just right of it φ is near 360° (RA 350°): so the right side shows larger values (brighter).
    const lum = (c: number[]) => c[0]! + c[1]! + c[2]!;
    const dx = layout.rx * (10 / 180);
    expect(lum(at(layout.cx + dx, layout.cy))).toBeGreaterThan(lum(at(layout.cx - dx, layout.cy)));
  });

  it('draws a NESTED map exactly like the same map in RING order', () => {
    const nested = reorder(data, { r2n: true });
    const a = mollviewScene(map, { width: 500 }).scene.ops.find((o) => o.k === 'image') as { rgba: Uint8ClampedArray };
    const b = mollviewScene({ ...map, ordering: 'NESTED', data: nested }, { width: 500 }).scene.ops.find((o) => o.k === 'image') as { rgba: Uint8ClampedArray };
    expect(Buffer.from(b.rgba).equals(Buffer.from(a.rgba))).toBe(true);
  });

  it('rotDeg puts that longitude at the centre of the plot', () => {
    const { layout } = mollviewScene(map, { width: 400, rotDeg: 60 });
    const p = new Float64Array(2);
    toScreen(layout, (60 * Math.PI) / 180, 0, p);
    expect(p[0]).toBeCloseTo(layout.cx, 9);
    toScreen(layout, (90 * Math.PI) / 180, 0, p);
    expect(p[0]).toBeLessThan(layout.cx); // larger longitude → further left
  });

  it('paints UNSEEN pixels grey and leaves the outside of the ellipse background', () => {
    const d = new Float64Array(12 * nside * nside).fill(UNSEEN);
    const { scene, layout } = mollviewScene({ ...map, data: d }, { width: 600, graticule: false, colorbar: false });
    const g = renderCanvas(scene).getContext('2d');
    expect(Array.from(g.getImageData(Math.round(layout.cx), Math.round(layout.cy), 1, 1).data)).toEqual([128, 128, 128, 255]);
    expect(Array.from(g.getImageData(3, 3, 1, 1).data)).toEqual([255, 255, 255, 255]);
  });

  it('rejects a data array whose length does not fit nside', () => {
    expect(() => mollviewScene({ ...map, data: new Float64Array(10) })).toThrow(/expected 768 pixels for nside 8, found 10/);
  });
});

const PI0 = new URL('../../../shared/data/icecube_galactic_plane_2023_release/MainResult/Fermi-LAT_pi0_map.npy', import.meta.url);
describe.skipIf(!existsSync(PI0))('the Fermi-LAT π0 template (needs ../shared/data)', () => {
  it('in Galactic display is brightest at the centre of the plot and faint at the poles', () => {
    const b = readFileSync(PI0);
    const hl = b.readUInt16LE(8); // npy v1 header length
    const data = new Float64Array(b.buffer.slice(b.byteOffset + 10 + hl, b.byteOffset + b.length));
    const { scene, layout, norm } = mollviewScene(
      { nside: 128, ordering: 'RING', frame: 'equatorial', data },
      { width: 800, frame: 'galactic', log: true, graticule: false, colorbar: false },
    );
    const g = renderCanvas(scene).getContext('2d');
    const lum = (x: number, y: number) => {
      const p = g.getImageData(Math.round(x), Math.round(y), 1, 1).data;
      return p[0]! + p[1]! + p[2]!;
    };
    const centre = Math.max(lum(layout.cx, layout.cy), lum(layout.cx + 2, layout.cy), lum(layout.cx - 2, layout.cy));
    const pole = lum(layout.cx, layout.cy - layout.ry + 4);
    const anticentreHigh = lum(layout.cx - layout.rx * 0.5, layout.cy - layout.ry * 0.6);
    expect(centre).toBeGreaterThan(pole + 200);
    expect(centre).toBeGreaterThan(anticentreHigh + 200);
    expect(norm.kind).toBe('log');
  });
});
