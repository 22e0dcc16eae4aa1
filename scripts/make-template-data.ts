/**
 * Regenerate the shipped templates in data/templates/ (run: npx tsx scripts/make-template-data.ts).
 *  - pi0: the IceCube 2023 release map (../shared/data/…/Fermi-LAT_pi0_map.npy), float32, unchanged.
 *  - kra5, kra50: nusky's KRA-γ-like line-of-sight model, integrated at nside 128 (Galactic) and
 *    area-averaged to nside 64, 30 log energy bins 10 GeV – 100 PeV, mantissa rounded to 12 bits.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readNpy } from '../src/io/npy.js';
import { integrateModel } from '../src/templates/los/integrate.js';
import { kraModel } from '../src/templates/los/model.js';
import { writeShipped } from '../src/templates/shipped.js';
import { resampleRing } from '../src/templates/sky-util.js';
import { CUBE_UNIT, PDF_UNIT, pdfIntegral, type Template } from '../src/templates/template.js';
import { PI0_BEST_FIT } from '../src/templates/io.js';
import { templateDataDir } from '../src/templates/builtin.js';
import { VERSION } from '../src/version.js';

const out = templateDataDir();
const release = resolve(process.cwd(), '../shared/data/icecube_galactic_plane_2023_release/MainResult/Fermi-LAT_pi0_map.npy');
if (existsSync(release)) {
  const n = readNpy(release);
  const data = Float64Array.from(n.data as Float64Array);
  console.log(`pi0: ${data.length} pixels, Σ·Ω = ${pdfIntegral(data)}`);
  const t: Template = {
    name: 'pi0', kind: 'pdf', nside: 128, ordering: 'RING', frame: 'equatorial', unit: PDF_UNIT, data, spectrum: PI0_BEST_FIT,
    provenance: {
      source: 'IceCube 2023 Galactic-plane data release, MainResult/Fermi-LAT_pi0_map.npy (GALPROP SS_Z4_R20_T150_C5 π0 map)',
      spectrumNote: 'E^-2.7, normalised to the paper best fit (Table 1); rescale for other fluxes',
    },
  };
  console.log(writeShipped(out, t));
} else {
  console.log(`skip pi0: ${release} not found`);
}

for (const cut of [5, 50]) {
  const model = kraModel(cut);
  const t0 = Date.now();
  const r = await integrateModel(model, { nside: 128, frame: 'galactic' });
  console.log(`${model.name}: integrated nside 128 in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const nE = r.energies.length;
  const data = resampleRing(r.data, nE, 128, 'galactic', 64, 'galactic');
  const t: Template = {
    name: model.name, kind: 'cube', nside: 64, ordering: 'RING', frame: 'galactic', unit: CUBE_UNIT, data, energies: r.energies,
    provenance: { generator: `nusky ${VERSION} scripts/make-template-data.ts`, model, note: 'KRA-γ-like LOS model, not the Gaggero et al. maps' },
  };
  console.log(writeShipped(out, t, { mantissaBits: 12 }));
}
