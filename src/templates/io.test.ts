import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ang2pixRing, pixCentersRing, rotateDir } from './sky-util.js';
import { join } from 'node:path';
import { writeNpy } from '../io/npy.js';
import { loadKraRelease, loadNpyTemplate, readTemplateFits } from './io.js';
import { allSkySpectrum, pdfIntegral, spatialPdf } from './template.js';
import { tempDir } from '../../test/helpers/tmp.js';

const dir = tempDir('tpl-io');

const fx = (f: string): string => new URL(`../../test/fixtures/templates/${f}`, import.meta.url).pathname;
const ref = JSON.parse(readFileSync(fx('healpy_ring.json'), 'utf8')) as Record<string, number[]> & { nside: number };

describe('template sky helpers (healpy 1.16 fixtures)', () => {
  it('pixCentersRing matches healpy.pix2ang in RING', () => {
    const { theta, phi } = pixCentersRing(ref.nside);
    for (let p = 0; p < theta.length; p++) {
      expect(theta[p]).toBeCloseTo(ref.theta[p], 13);
      expect(phi[p]).toBeCloseTo(ref.phi[p], 13);
    }
  });

  it('ang2pixRing matches healpy.ang2pix in RING', () => {
    ref.angTheta.forEach((t, i) => expect(ang2pixRing(ref.nside, t, ref.angPhi[i])).toBe(ref.angPix[i]));
  });

  it('rotateDir galactic → equatorial matches healpy.Rotator(coord=[G, C]) to 1 arcsec', () => {
    const d = new Float64Array(2);
    ref.galTheta.forEach((t, i) => {
      rotateDir('galactic', 'equatorial', t, ref.galPhi[i], d);
      const cosd =
        Math.sin(d[0]) * Math.sin(ref.eqTheta[i]) * Math.cos(d[1] - ref.eqPhi[i]) + Math.cos(d[0]) * Math.cos(ref.eqTheta[i]);
      expect(Math.acos(Math.min(1, cosd))).toBeLessThan(4.85e-6);
    });
  });
});

describe('template loaders', () => {
  it('reads a Galactic .npy map as a pdf and converts it to an equatorial pdf on request', () => {
    const f = join(dir, 'm.npy');
    const m = new Float64Array(12 * 16 * 16).fill(1);
    m[0] = 100;
    writeNpy(f, m);
    const t = loadNpyTemplate(f, { frame: 'galactic' });
    expect(t.frame).toBe('galactic');
    expect(t.spectrum?.index).toBe(2.7);
    const eq = spatialPdf(t, { frame: 'equatorial', nside: 8 });
    expect(pdfIntegral(eq.data)).toBeCloseTo(1, 12);
    const cube = new Float64Array(12 * 4 * 3).fill(2);
    writeNpy(join(dir, 'c.npy'), cube, { shape: [48, 3] });
    expect(() => loadNpyTemplate(join(dir, 'c.npy'))).toThrow(/needs its energies/);
    expect(loadNpyTemplate(join(dir, 'c.npy'), { energies: [1, 2, 3] }).kind).toBe('cube');
  });

  it('reads the KRA-γ release layout from .npz (stored and deflated) as an all-flavour cube', () => {
    for (const f of ['kra_small.npz', 'kra_small_z.npz']) {
      const t = loadKraRelease(fx(f));
      expect(t.kind).toBe('cube');
      expect(t.nside).toBe(2);
      expect(t.frame).toBe('equatorial');
      (t.energies as Float64Array).forEach((e, i) => expect(e).toBeCloseTo(10 * 1.1 ** i, 12));
      // total = 1.5 · p · E^-2.5 for pixel index p (1-based)
      expect(t.data[5 * 4 + 2]).toBeCloseTo(1.5 * 6 * Math.pow(10 * 1.1 ** 2, -2.5), 15);
      const s = allSkySpectrum(t, [10]);
      expect(s[0]).toBeCloseTo(((1.5 * 48 * 49) / 2) * (Math.PI / 12) * Math.pow(10, -2.5) / 3, 12);
    }
  });

  it('reads a healpy.write_map FITS map as a Galactic pdf', () => {
    const t = readTemplateFits(fx('healpy_map.fits'));
    expect(t.kind).toBe('pdf');
    expect(t.frame).toBe('galactic');
    expect(t.nside).toBe(4);
    expect(pdfIntegral(t.data)).toBeCloseTo(1, 12);
    expect(t.data[9] / t.data[0]).toBeCloseTo(10, 10);
  });

  it('names the file and the missing member when an .npz is not in the release layout', () => {
    expect(() => loadKraRelease(fx('healpy_map.fits'))).toThrow(/healpy_map\.fits/);
  });
});
