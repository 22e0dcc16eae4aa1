import { describe, expect, it } from 'vitest';
import { integrateRange, type KernelTables } from './kernel.js';
import { integrateModel } from './integrate.js';
import { PI0_MODEL } from './model.js';
import { ang2pixRing, pixCentersRing } from '../sky-util.js';

/** Tables with n_H = 1 cm⁻³ everywhere in the cylinder and unit emissivity per H atom. */
function uniformTables(): KernelTables {
  const dR = 0.05;
  const dZ = 0.0025;
  const nR = Math.ceil(20 / dR) + 3;
  const nZ = Math.ceil(2 / dZ) + 3;
  const nRq = Math.ceil(20 / 0.25) + 3;
  return {
    gas: new Float64Array(nR * nZ).fill(1), nR, dR, nZ, dZ, q: new Float64Array(nRq * 2).fill(1), nRq, dRq: 0.25, nE: 2,
    rSun: 8.5, rMax: 20, zMax: 2, dsMax: 0.1, dzStep: 0.005, dzGrow: 0.05, kpcCm: 1,
  };
}

/** Exact path length (kpc) from the Sun to the boundary of the cylinder R < 20, |z| < 2. */
function pathLength(l: number, b: number): number {
  const c = Math.cos(b);
  const sz = Math.abs(Math.sin(b)) > 0 ? 2 / Math.abs(Math.sin(b)) : Infinity;
  if (c < 1e-12) return sz;
  // |(8.5 − s c cos l, −s c sin l)| = 20
  const sr = (8.5 * Math.cos(l) + Math.sqrt(8.5 ** 2 * Math.cos(l) ** 2 - (8.5 ** 2 - 400))) / c;
  return Math.min(sz, sr);
}

describe('line-of-sight integral', () => {
  it('of a uniform emissivity equals the analytic path length to the boundary', () => {
    const t = uniformTables();
    const dirs: [number, number][] = [
      [0, 0], [Math.PI, 0], [Math.PI / 2, 0], [0.3, 0.01], [2.5, -0.2], [4.0, 0.7], [1.0, Math.PI / 2 - 1e-9], [5.5, -1.2],
    ];
    const lon = Float64Array.from(dirs, (d) => d[0]);
    const lat = Float64Array.from(dirs, (d) => d[1]);
    const out = new Float64Array(dirs.length * 2);
    integrateRange(t, lon, lat, out, 0, dirs.length);
    dirs.forEach(([l, b], i) => {
      // Points with |z| within the last grid cell (|z| > zMax − Δz) are dropped: ≤ Δz/|sin b| of path.
      const exact = pathLength(l, b);
      expect(out[2 * i]).toBeCloseTo(out[2 * i + 1], 12);
      expect(Math.abs(out[2 * i] / exact - 1)).toBeLessThan(2e-3);
    });
    expect(pathLength(0, 0)).toBeCloseTo(28.5, 12);
    expect(pathLength(Math.PI, 0)).toBeCloseTo(11.5, 12);
  });

  it('gives the same cube on 2 worker threads as in one thread', async () => {
    const m = { ...PI0_MODEL, energies: { minGeV: 1e3, maxGeV: 1e5, nBins: 3 } };
    const a = await integrateModel(m, { nside: 32, threads: 1 });
    const b = await integrateModel(m, { nside: 32, threads: 2 });
    expect(b.data.length).toBe(12 * 32 * 32 * 3);
    let maxRel = 0;
    for (let i = 0; i < a.data.length; i++) maxRel = Math.max(maxRel, Math.abs(b.data[i] / a.data[i] - 1));
    expect(maxRel).toBe(0);
  });

  it('is symmetric between north and south and peaks toward the inner Galaxy', async () => {
    const m = { ...PI0_MODEL, energies: { minGeV: 1e3, maxGeV: 1e4, nBins: 1 } };
    const r = await integrateModel(m, { nside: 8, threads: 1 });
    const npix = 12 * 64;
    // The model is symmetric under b → −b and l → −l (up to the step count ⌈s_max/ds⌉ flipping by one under
    // rounding: ~1e-5 relative). Mirror pixel centres are pixel centres in RING.
    const { theta, phi } = pixCentersRing(8);
    for (let p = 0; p < npix; p++) {
      const q = ang2pixRing(8, Math.PI - theta[p], 2 * Math.PI - phi[p]);
      expect(Math.abs(r.data[p] / r.data[q] - 1)).toBeLessThan(1e-4);
    }
    let maxP = 0;
    for (let p = 0; p < npix; p++) if (r.data[p] > r.data[maxP]) maxP = p;
    // brightest pixel lies in the plane within 30° of the Galactic centre
    const ring = Math.floor((maxP - 2 * 8 * 7) / 32) + 8;
    expect(Math.abs(ring - 16)).toBeLessThanOrEqual(1);
  });
});
