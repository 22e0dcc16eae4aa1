/** Precomputation of the integrator's tables from a model: gas grid and ν emissivity per radius. */
import { energyBins, type LosModel } from './model.js';
import { nHNuclei } from './gas.js';
import { protonTable } from './cosmic-rays.js';
import { logGrid, yieldMatrix } from './kelner.js';
import { KPC_CM } from './units.js';
import type { KernelTables } from './kernel.js';

export interface LosTables extends KernelTables {
  energies: Float64Array;
  edges: Float64Array;
  rGrid: Float64Array;
}

/** Proton energy grid for the yield integral: 10 GeV … 10¹⁰ GeV, 24 points per decade. */
export function protonGrid(): Float64Array {
  return logGrid(10, 1e10, 9 * 24 + 1);
}

/**
 * Build the tables. `alloc` lets the caller place large arrays in SharedArrayBuffers for workers.
 * Grid steps: gas ΔR = 0.05 kpc, Δz = 2.5 pc (H2 half-width ≥ 23 pc is resolved by ≥ 9 points); emissivity ΔR = 0.25 kpc.
 */
export function buildTables(m: LosModel, alloc: (n: number) => Float64Array = (n) => new Float64Array(n)): LosTables {
  const dR = 0.05;
  const dZ = 0.0025;
  const nR = Math.ceil(m.rMaxKpc / dR) + 3;
  const nZ = Math.ceil(m.zMaxKpc / dZ) + 3;
  const rGrid = new Float64Array(nR);
  for (let i = 0; i < nR; i++) rGrid[i] = i * dR;
  const gas = alloc(nR * nZ);
  const opt = { xco: m.gas.xco, hii: m.gas.hii };
  for (let i = 0; i < nR; i++) {
    for (let j = 0; j < nZ; j++) {
      const z = j * dZ;
      gas[i * nZ + j] = nHNuclei(rGrid[i], z, opt) * Math.exp(-z / m.cr.zScaleKpc);
    }
  }
  const { edges, centres } = energyBins(m);
  const nE = centres.length;
  const ep = protonGrid();
  const nP = ep.length;
  const y = yieldMatrix(centres, ep);
  // The emissivity varies smoothly with R (smoothed CR profile, linear index change): a 0.25 kpc grid suffices.
  const dRq = 0.25;
  const nRq = Math.ceil(m.rMaxKpc / dRq) + 3;
  const rq = Float64Array.from({ length: nRq }, (_, i) => i * dRq);
  const p = protonTable(rq, ep, m);
  const q = alloc(nRq * nE);
  for (let ir = 0; ir < nRq; ir++) {
    for (let i = 0; i < nE; i++) {
      let acc = 0;
      for (let k = 0; k < nP; k++) acc += y[i * nP + k] * p[ir * nP + k];
      q[ir * nE + i] = m.nuclearEnhancement * acc;
    }
  }
  return {
    gas, nR, dR, nZ, dZ, q, nRq, dRq, nE, rSun: m.rSunKpc, rMax: m.rMaxKpc, zMax: m.zMaxKpc,
    dsMax: 0.1, dzStep: 0.005, dzGrow: 0.05, kpcCm: KPC_CM, energies: centres, edges, rGrid,
  };
}
