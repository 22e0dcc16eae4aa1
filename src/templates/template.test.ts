import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { allSkySpectrum, convertTemplate, pdfIntegral, pixelSpectrum, spatialPdf, validateTemplate, type Template } from './template.js';
import { builtinTemplate } from './builtin.js';
import { readShipped, roundMantissa, writeShipped } from './shipped.js';
import { readTemplateFits, writeTemplateFits } from './io.js';
import { pixCentersRing } from './sky-util.js';
import { tempDir } from '../../test/helpers/tmp.js';

const dir = tempDir('tpl');

function toyCube(): Template {
  const nside = 2;
  const npix = 48;
  const energies = Float64Array.from([1e3, 1e4, 1e5]);
  const data = new Float64Array(npix * 3);
  for (let p = 0; p < npix; p++) for (let i = 0; i < 3; i++) data[p * 3 + i] = (1 + p) * Math.pow(energies[i], -2.5);
  return { name: 'toy', kind: 'cube', nside, ordering: 'RING', frame: 'galactic', unit: 'GeV^-1 cm^-2 s^-1 sr^-1', data, energies };
}

describe('template normalisation', () => {
  it('the shipped π0 template is a pdf with Σ pdf·Ω = 1 in its own and in other frames and resolutions', () => {
    const t = builtinTemplate('pi0');
    expect(t.nside).toBe(128);
    expect(t.frame).toBe('equatorial');
    expect(pdfIntegral(t.data)).toBeCloseTo(1, 6);
    for (const [nside, frame] of [[128, 'equatorial'], [32, 'equatorial'], [64, 'galactic']] as const) {
      expect(pdfIntegral(spatialPdf(t, { nside, frame }).data)).toBeCloseTo(1, 12);
    }
  });

  it('π0 in equatorial RING puts 0.272, 0.195, 0.181, 0.155, 0.197 of the pdf in the five sin δ bands (physics.md §4.1)', () => {
    const t = builtinTemplate('pi0');
    const { theta } = pixCentersRing(128);
    const frac = [0, 0, 0, 0, 0];
    const omega = (4 * Math.PI) / theta.length;
    for (let p = 0; p < theta.length; p++) {
      const sd = Math.cos(theta[p]);
      frac[Math.min(4, Math.floor((sd + 1) / 0.4))] += t.data[p] * omega;
    }
    [0.272, 0.195, 0.181, 0.155, 0.197].forEach((f, i) => expect(frac[i]).toBeCloseTo(f, 3));
  });

  it('the π0 all-sky spectrum is per flavour, E²dN/dE(100 TeV) = 21.8e-12 TeV cm⁻² s⁻¹ = dN/dE 2.18e-18 GeV⁻¹ cm⁻² s⁻¹, index 2.7', () => {
    const t = builtinTemplate('pi0');
    const [at100, at1] = allSkySpectrum(t, [1e5, 1e3]);
    expect(at100).toBeCloseTo(2.18e-18, 22);
    expect(at1 / at100).toBeCloseTo(Math.pow(100, 2.7), 6);
  });

  it('a cube all-sky spectrum is Σ flux·Ω / 3 (all flavours → one flavour)', () => {
    const t = toyCube();
    const s = allSkySpectrum(t, t.energies as Float64Array);
    const omega = (4 * Math.PI) / 48;
    const expected = (48 * 49) / 2 * omega * Math.pow(1e4, -2.5) / 3;
    expect(s[1] / expected).toBeCloseTo(1, 12);
    expect(allSkySpectrum(t, [10])[0]).toBe(0);
    expect(pixelSpectrum(t, 3)[2]).toBeCloseTo(4 * Math.pow(1e5, -2.5), 25);
  });

  it('a cube pdf weights pixels by their energy-integrated flux', () => {
    const t = toyCube();
    const pdf = spatialPdf(t, { frame: 'galactic' });
    expect(pdfIntegral(pdf.data)).toBeCloseTo(1, 12);
    expect(pdf.data[9] / pdf.data[0]).toBeCloseTo(10, 10);
  });

  it('frame conversion galactic → equatorial → galactic keeps a smooth map', () => {
    const t = builtinTemplate('pi0');
    const small = convertTemplate(t, 'equatorial', 32);
    const back = convertTemplate(convertTemplate(small, 'galactic'), 'equatorial');
    let num = 0;
    let den = 0;
    for (let p = 0; p < small.data.length; p++) {
      num += Math.abs(back.data[p] - small.data[p]);
      den += small.data[p];
    }
    expect(num / den).toBeLessThan(0.1);
  });

  it('validateTemplate rejects wrong lengths and negative values, naming the field', () => {
    const t = toyCube();
    expect(() => validateTemplate({ ...t, data: t.data.subarray(1) })).toThrow(/data length/);
    const bad = Float64Array.from(t.data);
    bad[5] = -1;
    expect(() => validateTemplate({ ...t, data: bad })).toThrow(/data\[5\]/);
  });
});

describe('template files', () => {
  it('the shipped format round-trips a cube within the stored mantissa precision', () => {
    const t = toyCube();
    writeShipped(dir, t, { mantissaBits: 12 });
    const r = readShipped(join(dir, 'toy.json'));
    // round-to-nearest on 12 mantissa bits: relative error ≤ 2^-13 (plus float32 rounding of E²·flux, 2^-24)
      for (let i = 0; i < t.data.length; i++) expect(Math.abs(r.data[i] / t.data[i] - 1)).toBeLessThanOrEqual(2 ** -13 + 2 ** -23);
    expect(Array.from(r.energies as Float64Array)).toEqual(Array.from(t.energies as Float64Array));
  });

  it('roundMantissa rounds to nearest and keeps exactly representable values', () => {
    const f = Float32Array.from([1, 1 + 2 ** -20, 3.75, 1e-30]);
    roundMantissa(f, 12);
    expect(f[0]).toBe(1);
    expect(f[1]).toBe(1);
    expect(f[2]).toBe(3.75);
    expect(Math.abs(f[3] / 1e-30 - 1)).toBeLessThan(2 ** -12);
  });

  it('FITS round-trips a cube and a pdf with frame, energies and spectrum', () => {
    const t = toyCube();
    writeTemplateFits(join(dir, 'c.fits'), t);
    const r = readTemplateFits(join(dir, 'c.fits'));
    expect(r.kind).toBe('cube');
    expect(r.frame).toBe('galactic');
    expect(Array.from(r.data)).toEqual(Array.from(t.data));
    const pdf = convertTemplate(builtinTemplate('pi0'), 'equatorial', 8);
    writeTemplateFits(join(dir, 'p.fits'), pdf);
    const q = readTemplateFits(join(dir, 'p.fits'));
    expect(q.spectrum).toEqual(pdf.spectrum);
    expect(pdfIntegral(q.data)).toBeCloseTo(1, 12);
  });
});
