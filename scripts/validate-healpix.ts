/**
 * Heavy HEALPix validation against healpy (too slow for the unit tests):
 * 10^6 random directions per nside, plus 2·10^5 directions exactly on pixel
 * corners, for ang2pix RING/NEST, pix2ang, nest2ring/ring2nest, vec2pix, and
 * get_interp_weights at nside 128. Run: npx tsx scripts/validate-healpix.ts
 * (needs /usr/bin/python3 with healpy; writes temporary files under the OS tmpdir).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ang2pixArray, pix2angArray, nest2ringArray, ring2nestArray, vec2pixArray, getInterpWeightsArray } from '../src/sky/healpix/index.js';

const dir = mkdtempSync(join(tmpdir(), 'nusky-healpix-'));
const f64 = (name: string) => new Float64Array(readFileSync(join(dir, name)).buffer.slice(0));
const i64 = (name: string) => Float64Array.from(new BigInt64Array(readFileSync(join(dir, name)).buffer.slice(0)), Number);

function py(nside: number, n: number, corners: boolean): void {
  execFileSync('/usr/bin/python3', ['-c', `
import numpy as np, healpy as hp
d = ${JSON.stringify(dir)}; nside = ${nside}; n = ${n}
rng = np.random.default_rng(nside)
if ${corners ? 'True' : 'False'}:
    pix = rng.integers(0, 12 * nside**2, n // 4)
    v = hp.boundaries(nside, pix, step=1)           # (m, 3, 4) corners
    th, ph = hp.vec2ang(np.moveaxis(v, 1, 2).reshape(-1, 3))
else:
    th = np.arccos(rng.uniform(-1, 1, n)); ph = rng.uniform(-1, 7, n)
th.tofile(d + '/th'); ph.tofile(d + '/ph')
hp.ang2pix(nside, th, ph).astype(np.int64).tofile(d + '/ring')
hp.ang2pix(nside, th, ph, nest=True).astype(np.int64).tofile(d + '/nest')
x, y, z = hp.ang2vec(th, ph).T * 1.7
x.tofile(d + '/x'); y.tofile(d + '/y'); z.tofile(d + '/z')
hp.vec2pix(nside, x, y, z).astype(np.int64).tofile(d + '/vring')
ip = rng.integers(0, 12 * nside**2, n)
ip.astype(np.int64).tofile(d + '/ip')
t, p = hp.pix2ang(nside, ip); t.tofile(d + '/pt'); p.tofile(d + '/pp')
t, p = hp.pix2ang(nside, ip, nest=True); t.tofile(d + '/ptn'); p.tofile(d + '/ppn')
hp.nest2ring(nside, ip).astype(np.int64).tofile(d + '/n2r')
hp.ring2nest(nside, ip).astype(np.int64).tofile(d + '/r2n')
if nside == 128 and not ${corners ? 'True' : 'False'}:
    pp, ww = hp.get_interp_weights(nside, th, ph)
    pp.T.astype(np.int64).tofile(d + '/ipix'); ww.T.tofile(d + '/iw')
`]);
}

const count = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let k = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) k++;
  return k;
};
const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

let failed = false;
try {
  for (const corners of [false, true]) {
    for (const nside of [1, 2, 4, 128, 1024, 2 ** 13, 2 ** 20, 2 ** 24]) {
      const n = corners ? 200_000 : 1_000_000;
      py(nside, n, corners);
      const th = f64('th'), ph = f64('ph'), ip = i64('ip');
      const r = {
        ring: count(ang2pixArray(nside, th, ph), i64('ring')),
        nest: count(ang2pixArray(nside, th, ph, true), i64('nest')),
        vring: count(vec2pixArray(nside, f64('x'), f64('y'), f64('z')), i64('vring')),
        n2r: count(nest2ringArray(nside, ip), i64('n2r')),
        r2n: count(ring2nestArray(nside, ip), i64('r2n')),
        pix2angRing: maxAbs(pix2angArray(nside, ip).theta, f64('pt')) + maxAbs(pix2angArray(nside, ip).phi, f64('pp')),
        pix2angNest: maxAbs(pix2angArray(nside, ip, true).theta, f64('ptn')) + maxAbs(pix2angArray(nside, ip, true).phi, f64('ppn')),
      };
      let interp = '';
      if (nside === 128 && !corners) {
        const pp = new Float64Array(4 * th.length), ww = new Float64Array(4 * th.length);
        getInterpWeightsArray(nside, th, ph, false, pp, ww);
        interp = `  interp pix mismatches ${count(pp, i64('ipix'))}, max |Δw| ${maxAbs(ww, f64('iw')).toExponential(2)}`;
      }
      if (r.ring + r.nest + r.n2r + r.r2n > 0 && !corners) failed = true;
      console.log(`${corners ? 'corners' : 'random '} nside 2^${Math.log2(nside)} n ${th.length}: mismatches ring ${r.ring} nest ${r.nest} vec2pix ${r.vring} n2r ${r.n2r} r2n ${r.r2n}; pix2ang max |Δ| ring ${r.pix2angRing.toExponential(2)} nest ${r.pix2angNest.toExponential(2)}${interp}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
