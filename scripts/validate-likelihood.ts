/**
 * Heavy validations of the likelihood PDFs (not unit tests; results in docs/likelihood.md).
 * Run: npx tsx scripts/validate-likelihood.ts
 *  1. σ-grid interpolation error of the template PDF (π0 × acceptance, nside 128, default
 *     ×1.1 grid): S interpolated between grid maps vs a map smoothed directly at σ.
 *  2. Harmonic Gaussian smoothing of a point (the template path) vs the event PDF (Gaussian
 *     below 7°, vMF above): the kernel difference between template and point-source PDFs.
 *  3. Map nside choice (pixels ≤ σ/6, bilinear) vs the full nside-128 map.
 */
import { loadDnnCascadeIrf } from '../src/irf/irf.js';
import { pointSourceAcceptance } from '../src/irf/expectation.js';
import { unitPowerLaw } from '../src/likelihood/analysis.js';
import { harmonicSmoother } from '../src/likelihood/harmonicSmoother.js';
import { cosAngDist, psPdf } from '../src/likelihood/psf.js';
import { pixelPhi, pixelZ } from '../src/likelihood/ringLookup.js';
import { TemplateEventPdf, buildTemplateSpatial } from '../src/likelihood/templatePdf.js';
import { Rng } from '../src/stats/random.js';
import { builtinTemplate } from '../src/templates/builtin.js';
import { spatialPdf } from '../src/templates/template.js';

const DEG = Math.PI / 180;
const irf = loadDnnCascadeIrf();
const pdf = spatialPdf(builtinTemplate('pi0'), { frame: 'equatorial' });
const acc = (s: number) => pointSourceAcceptance(irf, unitPowerLaw(2.7), Math.max(-1, Math.min(1, s)));
const sm = harmonicSmoother();
const rng = new Rng(5);

// events: uniform on the sphere, weighted by the signal PDF when summarising
const n = 20000;
const dec = Float64Array.from({ length: n }, () => Math.asin(2 * rng.uniform() - 1));
const ra = Float64Array.from({ length: n }, () => 2 * Math.PI * rng.uniform());

function quantiles(v: number[]): string {
  const s = [...v].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${(100 * q(0.5)).toFixed(3)} %, 90 % ${(100 * q(0.9)).toFixed(3)} %, 99 % ${(100 * q(0.99)).toFixed(3)} %, max ${(100 * s[s.length - 1]).toFixed(3)} %`;
}

console.log('1. σ-grid interpolation (×1.1 grid, linear in σ), π0 × acceptance (E^-2.7), nside 128');
for (const sLo of [2, 5, 10, 20, 35]) {
  const grid = Float64Array.from([sLo * DEG, sLo * 1.1 * DEG]);
  const mid = Float64Array.from([sLo * 1.05 * DEG]);
  const a = buildTemplateSpatial(pdf, acc, grid, sm);
  const b = buildTemplateSpatial(pdf, acc, mid, sm);
  const sig = new Float64Array(n).fill(mid[0]);
  const Sa = new TemplateEventPdf(a, dec, sig).evalS(ra, new Float64Array(n));
  const Sb = new TemplateEventPdf(b, dec, sig).evalS(ra, new Float64Array(n));
  // relative error where the PDF matters (S above its median)
  const med = [...Sb].sort((x, y) => x - y)[n >> 1];
  const rel: number[] = [];
  for (let i = 0; i < n; i++) if (Sb[i] > med) rel.push(Math.abs(Sa[i] / Sb[i] - 1));
  console.log(`   σ ${sLo}°–${(sLo * 1.1).toFixed(1)}°: ${quantiles(rel)}`);
}

for (const kernel of ['gaussian-beam', 'event-pdf'] as const) {
console.log(`2. harmonic smoothing (${kernel} window) of a point vs event PDF (Gaussian < 7°, vMF ≥ 7°), nside 128`);
{
  const nside = 128;
  const npix = 12 * nside * nside;
  const z = pixelZ(nside);
  const phi = pixelPhi(nside);
  const p0 = 6 * nside * nside; // an equatorial pixel
  const m = new Float64Array(npix);
  m[p0] = npix / (4 * Math.PI);
  for (const sd of [3, 6.9, 7, 15, 30]) {
    const out = harmonicSmoother({ kernel })(m, nside, Float64Array.from([sd * DEG]), Int32Array.from([nside]))[0];
    const rel: string[] = [];
    for (const psiDeg of [0, 1, 2, 3].map((k) => k * sd)) {
      // pixel at ψ along the meridian
      let best = 0;
      let bd = Infinity;
      for (let p = 0; p < npix; p++) {
        const d = Math.abs(Math.acos(Math.min(1, cosAngDist(phi[p], Math.asin(z[p]), phi[p0], Math.asin(z[p0])))) - psiDeg * DEG) + Math.abs(phi[p] - phi[p0]);
        if (d < bd) {
          bd = d;
          best = p;
        }
      }
      const ref = psPdf(cosAngDist(phi[best], Math.asin(z[best]), phi[p0], Math.asin(z[p0])), sd * DEG);
      rel.push(`ψ=${psiDeg.toFixed(0)}°: ${(100 * (out[best] / ref - 1)).toFixed(2)} %`);
    }
    console.log(`   σ ${sd}°: ${rel.join(', ')}`);
  }
}
}

console.log('3. per-σ map nside (pixels ≤ σ/6, bilinear) vs nside-128 map, π0 × acceptance');
for (const sd of [6, 12, 25]) {
  const g = Float64Array.from([sd * DEG]);
  const small = buildTemplateSpatial(pdf, acc, g, sm);
  const full = buildTemplateSpatial(pdf, acc, g, sm, 1e9);
  const sig = new Float64Array(n).fill(sd * DEG);
  const Sa = new TemplateEventPdf(small, dec, sig).evalS(ra, new Float64Array(n));
  const Sb = new TemplateEventPdf(full, dec, sig).evalS(ra, new Float64Array(n));
  const med = [...Sb].sort((x, y) => x - y)[n >> 1];
  const rel: number[] = [];
  for (let i = 0; i < n; i++) if (Sb[i] > med) rel.push(Math.abs(Sa[i] / Sb[i] - 1));
  console.log(`   σ ${sd}° (nside ${small.nsides[0]} vs ${full.nsides[0]}): ${quantiles(rel)}`);
}
