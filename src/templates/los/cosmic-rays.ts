/**
 * Cosmic-ray proton density and spectrum as a function of Galactocentric radius R and height z.
 *   I_p(E, R, z) = I☉(E) · g(R) · exp(−|z|/z_CR) · (E/E_piv)^−ΔΓ(R) · exp(−E/E_c)
 * g(R): the Case & Bhattacharya 1998 SNR radial distribution smoothed with a 2-D Gaussian in the
 * plane (diffusion stand-in), normalised to g(R☉) = 1 so that the local spectrum is the measured one.
 * ΔΓ(R) = h · (min(R, R_flat) − R☉): the radially dependent index of KRA-γ (Gaggero et al. 2015,
 * ApJ 815, L25: δ(R) = A R + B, A = 0.035 kpc⁻¹, constant beyond 11 kpc).
 */
import type { LosModel } from './model.js';

/** Unsmoothed source distribution (R/R☉)^α exp(−β (R − R☉)/R☉). */
export function sourceDistribution(r: number, m: LosModel): number {
  const rs = m.rSunKpc;
  if (r <= 0) return 0;
  return Math.pow(r / rs, m.cr.alpha) * Math.exp((-m.cr.beta * (r - rs)) / rs);
}

/**
 * Radial CR density profile g(R) tabulated on rGrid: the source distribution convolved with a
 * 2-D Gaussian of σ = smoothKpc (polar quadrature), normalised to 1 at R☉.
 */
export function crRadialProfile(rGrid: Float64Array, m: LosModel): Float64Array {
  const s = m.cr.smoothKpc;
  const out = new Float64Array(rGrid.length);
  const nRho = 40;
  const nPhi = 48;
  const rhoMax = 4 * s;
  const evalAt = (r: number): number => {
    let acc = 0;
    let wsum = 0;
    for (let i = 0; i < nRho; i++) {
      const rho = ((i + 0.5) * rhoMax) / nRho;
      const w = rho * Math.exp((-0.5 * rho * rho) / (s * s));
      for (let j = 0; j < nPhi; j++) {
        const ph = ((j + 0.5) * 2 * Math.PI) / nPhi;
        const x = r + rho * Math.cos(ph);
        const y = rho * Math.sin(ph);
        acc += w * sourceDistribution(Math.hypot(x, y), m);
        wsum += w;
      }
    }
    return acc / wsum;
  };
  const norm = s > 0 ? evalAt(m.rSunKpc) : sourceDistribution(m.rSunKpc, m);
  for (let i = 0; i < rGrid.length; i++) {
    out[i] = (s > 0 ? evalAt(rGrid[i]) : sourceDistribution(rGrid[i], m)) / norm;
  }
  return out;
}

/**
 * Proton intensity table P[iR · nP + k] = g(R_i) · I☉(E_k) · (E_k/E_piv)^−ΔΓ(R_i) · exp(−E_k/E_c)
 * (GeV⁻¹ cm⁻² s⁻¹ sr⁻¹), z-dependence excluded.
 */
export function protonTable(rGrid: Float64Array, ep: Float64Array, m: LosModel): Float64Array {
  const g = crRadialProfile(rGrid, m);
  const nP = ep.length;
  const out = new Float64Array(rGrid.length * nP);
  const sp = m.spectrum;
  for (let i = 0; i < rGrid.length; i++) {
    const dG = sp.hardeningPerKpc * (Math.min(rGrid[i], sp.rFlatKpc) - m.rSunKpc);
    for (let k = 0; k < nP; k++) {
      const e = ep[k];
      let v = sp.localNorm * Math.pow(e, -sp.index) * Math.pow(e / sp.pivotGeV, -dG);
      if (sp.cutoffGeV !== null) v *= Math.exp(-e / sp.cutoffGeV);
      out[i * nP + k] = g[i] * v;
    }
  }
  return out;
}
