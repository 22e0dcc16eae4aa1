/**
 * Expected signal events per pixel for a flux cube (KRA-γ-like: GeV⁻¹ cm⁻² s⁻¹ sr⁻¹ per pixel and
 * energy, all flavours ν+ν̄), without factorising direction and energy: csky's per-pixel flux
 * (`per_pixel_flux=True`). Exact for an effective area binned in sin δ (the release's 5 bands):
 * within band j the area A_j(E) does not depend on direction, so
 *   n(p) = T Ω_p Σ_E ΔE A_j(p)(E) Φ(p, E)/3,
 * computed as one energy-weighted spatialPdf per band times that band's sky total.
 */
import { aeffAt } from '../irf/effectiveArea.js';
import type { Irf } from '../irf/irf.js';
import type { SkyMap } from '../sky/types.js';
import { energyIntegrationWeights, spatialPdf, type Template } from '../templates/template.js';
import { pixelZ } from './ringLookup.js';

export interface CubeSignal {
  /** expected events per sr, equatorial RING at `nside` (integrates to nModel) */
  map: SkyMap;
  /** expected events of the model flux over the IRF livetime (per-flavour = all-flavour / 3) */
  nModel: number;
}

export function cubeSignalMap(irf: Irf, t: Template, nside = t.nside): CubeSignal {
  const e = t.energies as Float64Array;
  const nE = e.length;
  const dE = energyIntegrationWeights(e);
  const edges = irf.aeff.sinDecEdges;
  const nBand = edges.length - 1;
  const npixT = 12 * t.nside * t.nside;
  const omegaT = (4 * Math.PI) / npixT;
  const z = pixelZ(nside);
  const omega = (4 * Math.PI) / z.length;
  const out = new Float64Array(z.length);
  let nModel = 0;
  for (let j = 0; j < nBand; j++) {
    const sMid = 0.5 * (edges[j] + edges[j + 1]);
    const w = Float64Array.from(e, (ei, i) => (dE[i] * aeffAt(irf.aeff, ei, sMid) * irf.livetimeS) / 3);
    // sky total of Σ_E w Φ (frame-independent), then its normalised equatorial PDF
    let total = 0;
    for (let p = 0; p < npixT; p++) {
      let s = 0;
      for (let i = 0; i < nE; i++) s += w[i] * t.data[p * nE + i];
      total += s * omegaT;
    }
    if (!(total > 0)) continue;
    const pdf = spatialPdf(t, { nside, frame: 'equatorial', energyWeights: w });
    for (let p = 0; p < z.length; p++) {
      const inBand = z[p] >= edges[j] && (z[p] < edges[j + 1] || (j === nBand - 1 && z[p] <= edges[j + 1]));
      if (!inBand) continue;
      out[p] = total * pdf.data[p];
      nModel += out[p] * omega;
    }
  }
  return { map: { nside, ordering: 'RING', frame: 'equatorial', data: out, name: `${t.name} expected events`, unit: 'sr^-1' }, nModel };
}
