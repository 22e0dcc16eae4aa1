import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { healpix, sht, templates } from '../src/index.js';

describe('README', () => {
  it('library example runs and gives what the README says', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain("templates.spatialPdf(pi0, { nside: 64 })");
    const ipix = healpix.ang2pix(128, Math.PI / 3, 1.2);
    expect(Number.isInteger(ipix)).toBe(true);
    const pi0 = templates.loadTemplate('pi0');
    const pdf = templates.spatialPdf(pi0, { nside: 64 });
    const pixArea = healpix.nside2pixarea(64);
    let sum = 0;
    for (const v of pdf.data) sum += v * pixArea;
    expect(sum).toBeCloseTo(1, 6); // a PDF in sr⁻¹
    const smoothed = sht.smoothing(pdf.data, { sigma: (5 * Math.PI) / 180 });
    let sum2 = 0;
    for (const v of smoothed) sum2 += v * pixArea;
    expect(sum2).toBeCloseTo(1, 6); // smoothing keeps the monopole
  });

  it('the two set-up commands are the ones CI and users run', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('npm ci && npx nusky demo --quick');
    expect(readme).toMatch(/^npm test\b/m);
    expect(readFileSync(new URL('../.ci/run', import.meta.url), 'utf8')).toMatch(/^npm test$/m);
  });
});
