import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readNpy } from '../io/npy.js';
import type { SkyMap } from '../sky/types.js';
import { cascade6yrFlux, pi0AllSkyFlux } from '../flux/astro.js';
import { powerLaw, powerLawFromE2At100TeV } from '../flux/powerLaw.js';
import { loadDnnCascadeIrf } from './irf.js';
import {
  e2At100TeVForTemplate, expectedEventsIsotropic, expectedEventsTemplate, integrateSpectrum,
  pointSourceAcceptance, recoEnergyHistogram,
} from './expectation.js';
import { pixelSinDecEquatorial } from './pixelDirections.js';

const release = fileURLToPath(new URL('../../../shared/data/icecube_galactic_plane_2023_release/', import.meta.url));
const pi0File = `${release}MainResult/Fermi-LAT_pi0_map.npy`;

describe('flux → expected events', () => {
  const irf = loadDnnCascadeIrf();

  it('integrates a power law over an area bin (0.0414 dex) to analytic precision', () => {
    const s = powerLaw(2, 2.53, 1e5);
    const F = (lg: number) => ((2 * 1e5 ** 2.53) / -1.53) * Math.pow(10, -1.53 * lg);
    expect(integrateSpectrum(s, 3, 3.0414) / (F(3.0414) - F(3))).toBeCloseTo(1, 12);
    expect(integrateSpectrum(s, 3, 4) / (F(4) - F(3))).toBeCloseTo(1, 6);
  });

  it('the 6-year cascade astrophysical flux gives 4,005 ± 1% events in 10 years (physics.md §1.7)', () => {
    const n = expectedEventsIsotropic(irf, cascade6yrFlux());
    expect(Math.abs(n / 4005 - 1)).toBeLessThan(0.01);
  });

  it('an isotropic flux expressed as a uniform template gives the same count as the isotropic formula', () => {
    const nside = 16;
    const data = new Float64Array(12 * nside * nside).fill(1 / (4 * Math.PI));
    const uniform: SkyMap = { nside, ordering: 'NESTED', frame: 'galactic', data };
    const spec = (e: number) => 4 * Math.PI * cascade6yrFlux()(e);
    const a = expectedEventsTemplate(irf, uniform, spec);
    const b = expectedEventsIsotropic(irf, cascade6yrFlux());
    expect(Math.abs(a / b - 1)).toBeLessThan(0.01); // pixel centres vs exact band edges
  });

  it('point-source acceptance is linear in the flux and uses the band of sin δ', () => {
    const s = powerLawFromE2At100TeV(1e-12, 2);
    const n1 = pointSourceAcceptance(irf, s, -0.5);
    const n2 = pointSourceAcceptance(irf, (e) => 3 * s(e), -0.5);
    expect(n2 / n1).toBeCloseTo(3, 12);
    expect(pointSourceAcceptance(irf, s, -0.59)).toBe(n1);
    expect(pointSourceAcceptance(irf, s, 0.7)).not.toBe(n1);
  });

  it('the reco-energy histogram conserves the isotropic expectation above the 500 GeV threshold', () => {
    const sinDec = Float64Array.from({ length: 20 }, (_, i) => -1 + (2 * i) / 19);
    const logE = Float64Array.from({ length: 41 }, (_, i) => 2 + (6 * i) / 40);
    const h = recoEnergyHistogram(irf, cascade6yrFlux(), sinDec, logE);
    const tot = h.reduce((a, b) => a + b, 0);
    expect(Math.abs(tot / expectedEventsIsotropic(irf, cascade6yrFlux()) - 1)).toBeLessThan(1e-6);
    for (let c = 0; c < 40; c++) if (logE[c + 1] <= Math.log10(500)) expect(h[c]).toBe(0);
  });

  it('pixel sin δ matches healpy + astropy for RING/NESTED in both frames', () => {
    const fx = JSON.parse(readFileSync(new URL('../../test/fixtures/irf/pixel_sindec_nside8.json', import.meta.url), 'utf8'));
    for (const ordering of ['RING', 'NESTED'] as const) {
      for (const frame of ['equatorial', 'galactic'] as const) {
        const got = pixelSinDecEquatorial({ nside: 8, ordering, frame, data: new Float64Array(768) });
        const ref: number[] = fx[`${ordering === 'RING' ? 'ring' : 'nested'}_${frame}`];
        let worst = 0;
        for (let p = 0; p < 768; p++) worst = Math.max(worst, Math.abs(got[p] - ref[p]));
        // sky/coords.ts reproduces astropy's ICRS → FK5 → Galactic matrix to ~1e-15
        expect(worst).toBeLessThan(1e-12);
      }
    }
  });
});

describe.skipIf(!existsSync(pi0File))('π0 template (release map from ../shared/data)', () => {
  it('E²dN/dE(100 TeV) = 21.8e-12 TeV cm⁻² s⁻¹ gives 673.7 ± 1% events (physics.md §1.7, §2.6)', () => {
    const irf = loadDnnCascadeIrf();
    const npy = readNpy(pi0File);
    const map: SkyMap = { nside: 128, ordering: 'RING', frame: 'equatorial', data: Float64Array.from(npy.data as Float64Array) };
    const n = expectedEventsTemplate(irf, map, pi0AllSkyFlux());
    expect(Math.abs(n / 673.7 - 1)).toBeLessThan(0.01);
    // and back: 673.7 events ↔ 21.8e-12
    expect(e2At100TeVForTemplate(irf, n, map, 2.7) / 21.8e-12).toBeCloseTo(1, 9);
  });
});
