/** A compact description of a template (for `nusky template info` and reports). */
import { allSkySpectrum, pdfIntegral, spatialPdf, type Template } from './template.js';
import { galacticPixels, regionSpectrum } from './compare.js';
import { pixCentersRing } from './sky-util.js';

export interface TemplateSummary {
  name: string;
  kind: 'pdf' | 'cube';
  nside: number;
  ordering: 'RING';
  frame: string;
  unit: string;
  nEnergies: number;
  energyRangeGeV: [number, number] | null;
  /** Σ pdf·Ω of the equatorial spatial pdf (1 by construction). */
  pdfIntegral: number;
  /** Fractions of the spatial pdf in the sin δ bands [−1,−0.6], …, [0.6,1] (IceCube effective-area bands). */
  sinDecBandFractions: number[];
  /** Fraction of the spatial pdf within |b| < 5°. */
  fractionAbsBLt5: number;
  /** All-sky per-flavour E²dN/dE, TeV cm⁻² s⁻¹, at 1, 10, 100 TeV (pdf: its power law). */
  e2FluxPerFlavourTeV: { eTeV: number; value: number }[];
  /** Cube only: mean all-flavour E²Φ over |l| < 30°, |b| < 4° (GeV cm⁻² s⁻¹ sr⁻¹) at 1, 10, 100 TeV. */
  innerGalaxyE2Flux: { eTeV: number; value: number }[] | null;
  spectrum: Template['spectrum'] | null;
  provenance: Record<string, unknown> | null;
}

export function summarizeTemplate(t: Template): TemplateSummary {
  const pdf = spatialPdf(t, { frame: 'equatorial' });
  const { theta } = pixCentersRing(pdf.nside);
  const bands = [0, 0, 0, 0, 0];
  const omega = (4 * Math.PI) / theta.length;
  for (let p = 0; p < theta.length; p++) bands[Math.min(4, Math.floor((Math.cos(theta[p]) + 1) / 0.4))] += pdf.data[p] * omega;
  const gal = spatialPdf(t, { frame: 'galactic' });
  const { b } = galacticPixels(gal.nside);
  let inPlane = 0;
  for (let p = 0; p < b.length; p++) if (Math.abs(b[p]) < 5) inPlane += gal.data[p] * omega;
  const eT = [1, 10, 100];
  const sky = allSkySpectrum(t, eT.map((e) => e * 1e3));
  let inner: TemplateSummary['innerGalaxyE2Flux'] = null;
  if (t.kind === 'cube') {
    const s = regionSpectrum(t, 30, 4);
    const e = t.energies as Float64Array;
    inner = eT.map((x) => {
      const eg = x * 1e3;
      let i = 0;
      while (i < e.length - 2 && e[i + 1] < eg) i++;
      const f = Math.log(eg / e[i]) / Math.log(e[i + 1] / e[i]);
      const v = Math.exp(Math.log(s[i]) + f * Math.log(s[i + 1] / s[i]));
      return { eTeV: x, value: v * eg * eg };
    });
  }
  return {
    name: t.name, kind: t.kind, nside: t.nside, ordering: 'RING', frame: t.frame, unit: t.unit,
    nEnergies: t.energies?.length ?? 1,
    energyRangeGeV: t.energies ? [t.energies[0], t.energies[t.energies.length - 1]] : null,
    pdfIntegral: pdfIntegral(pdf.data), sinDecBandFractions: bands, fractionAbsBLt5: inPlane,
    e2FluxPerFlavourTeV: eT.map((x, i) => ({ eTeV: x, value: (sky[i] * (x * 1e3) ** 2) / 1e3 })),
    innerGalaxyE2Flux: inner, spectrum: t.spectrum ?? null, provenance: t.provenance ?? null,
  };
}
