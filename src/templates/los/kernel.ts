/**
 * The hot loop of the line-of-sight integrator, free of imports so that worker threads can run it
 * on shared typed arrays. For each pixel direction (l, b) it marches along the line of sight from
 * the Sun, sums gas × CR-vertical weight into Galactocentric-radius bins W[iR] (linear
 * interpolation), then forms j(E_i) = Σ_R W[R] Q[R, i] (Q = ν emissivity per H atom per unit CR
 * density at radius R). Midpoint rule along the line of sight.
 */
export interface KernelTables {
  /** Gas × CR vertical factor on the (R, |z|) grid, G[iR · nZ + iz], cm⁻³. */
  gas: Float64Array;
  nR: number;
  dR: number;
  nZ: number;
  dZ: number;
  /** Emissivity per H nucleus on a coarser radius grid (step dRq), Q[iR · nE + i], cm² GeV⁻¹ s⁻¹ sr⁻¹ per cm³·cm. */
  q: Float64Array;
  nRq: number;
  dRq: number;
  nE: number;
  rSun: number;
  rMax: number;
  zMax: number;
  /** Maximum step, vertical resolution near the plane, and its growth with |z| along the line of sight (kpc). */
  dsMax: number;
  dzStep: number;
  dzGrow: number;
  /** Length unit conversion applied to the path integral (cm per kpc). */
  kpcCm: number;
}

/** Integrate pixels [p0, p1) with Galactic longitude/latitude (rad) into out[p · nE + i]. */
export function integrateRange(t: KernelTables, lon: Float64Array, lat: Float64Array, out: Float64Array, p0: number, p1: number): void {
  const { gas, nR, dR, nZ, dZ, q, nRq, dRq, nE, rSun, rMax, zMax, dsMax, dzStep, dzGrow, kpcCm } = t;
  const w = new Float64Array(nRq + 1);
  for (let p = p0; p < p1; p++) {
    const cb = Math.cos(lat[p]);
    const sb = Math.sin(lat[p]);
    const ux = -cb * Math.cos(lon[p]);
    const uy = -cb * Math.sin(lon[p]);
    const asb = Math.abs(sb);
    // Exit distance from the cylinder R < rMax, |z| < zMax.
    let sMax = asb > 1e-12 ? zMax / asb : Infinity;
    const a = ux * ux + uy * uy;
    if (a > 1e-24) {
      const bq = rSun * ux;
      const sR = (-bq + Math.sqrt(bq * bq - a * (rSun * rSun - rMax * rMax))) / a;
      if (sR < sMax) sMax = sR;
    }
    let iMin = nRq;
    let iMax = 0;
    let s0 = 0;
    while (s0 < sMax) {
      // Step: vertical resolution dzStep near the plane, growing as dzGrow·|z| in the smooth halo.
      const z0 = s0 * asb;
      let ds = asb > 0 ? (dzStep + dzGrow * z0) / asb : dsMax;
      if (ds > dsMax) ds = dsMax;
      if (s0 + ds > sMax) ds = sMax - s0;
      const s = s0 + 0.5 * ds;
      s0 += ds;
      const x = rSun + s * ux;
      const y = s * uy;
      const r = Math.sqrt(x * x + y * y);
      const z = s * asb;
      const fr = r / dR;
      let ir = Math.floor(fr);
      if (ir >= nR - 1) ir = nR - 2;
      const tr = fr - ir;
      const fz = z / dZ;
      const iz = Math.floor(fz);
      if (iz >= nZ - 1) continue;
      const tz = fz - iz;
      const g0 = ir * nZ + iz;
      const g1 = g0 + nZ;
      const g =
        (1 - tr) * ((1 - tz) * gas[g0] + tz * gas[g0 + 1]) + tr * ((1 - tz) * gas[g1] + tz * gas[g1 + 1]);
      if (g <= 0) continue;
      const wv = g * ds;
      const fq = r / dRq;
      let iq = Math.floor(fq);
      if (iq >= nRq - 1) iq = nRq - 2;
      const tq = fq - iq;
      w[iq] += wv * (1 - tq);
      w[iq + 1] += wv * tq;
      if (iq < iMin) iMin = iq;
      if (iq + 1 > iMax) iMax = iq + 1;
    }
    const o = p * nE;
    for (let i = 0; i < nE; i++) out[o + i] = 0;
    for (let iq = iMin; iq <= iMax; iq++) {
      const wr = w[iq] * kpcCm;
      if (wr === 0) continue;
      w[iq] = 0;
      const qo = iq * nE;
      for (let i = 0; i < nE; i++) out[o + i] += wr * q[qo + i];
    }
  }
}
