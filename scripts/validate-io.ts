/**
 * Heavy I/O validation against healpy/astropy (not part of the unit tests): nside-1024 maps both ways,
 * and 10^6 random ICRS→Galactic conversions. Run: npx tsx scripts/validate-io.ts
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeMap } from '../src/io/healpix-map-write.js';
import { readMaps } from '../src/io/healpix-map.js';
import { readNpy, writeNpy } from '../src/io/npy.js';
import { equatorialToGalacticArray, angularDistance } from '../src/sky/coords.js';
import { UNSEEN, type SkyMap } from '../src/sky/types.js';

const PY = '/usr/bin/python3';
const dir = mkdtempSync(join(tmpdir(), 'nusky-validate-io-'));
const sha = (a: Float64Array): string => createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');
const py = (code: string): string => execFileSync(PY, ['-c', code], { encoding: 'utf8', maxBuffer: 1 << 30 }).trim();

const nside = 1024;
const npix = 12 * nside * nside;
const base = Float64Array.from({ length: npix }, (_, i) => Math.sin(i * 1e-4) * 1e3 + (i % 13));
for (let i = 0; i < npix; i += 7) base[i] = UNSEEN;
const ring: SkyMap = { nside, ordering: 'RING', frame: 'galactic', data: base, name: 'FLUX', unit: 'sr^-1' };
const f32 = Float64Array.from(base, (v) => (v === UNSEEN ? UNSEEN : Math.fround(v)));
const cases: [string, () => void, Float64Array][] = [
  ['nusky_f64_ring.fits', () => writeMap(join(dir, 'nusky_f64_ring.fits'), ring), base],
  ['nusky_f32_idl.fits.gz', () => writeMap(join(dir, 'nusky_f32_idl.fits.gz'), ring, { dtype: 'float32', fitsIdl: true }), f32],
  ['nusky_partial.fits', () => writeMap(join(dir, 'nusky_partial.fits'), ring, { partial: true }), base],
];
for (const [name, write, want] of cases) {
  write();
  const out = py(`
import numpy as np, healpy as hp, hashlib, warnings
from astropy.io import fits
warnings.simplefilter('error')
with fits.open('${join(dir, name)}') as hl: hl.verify('exception')
m = hp.read_map('${join(dir, name)}', nest=None, dtype=np.float64)
print(hashlib.sha256(np.ascontiguousarray(m, dtype='<f8').tobytes()).hexdigest())`);
  console.log(`${name}: healpy reads ${out === sha(want) ? 'identical values' : 'DIFFERENT VALUES'} (nside ${nside})`);
}

// healpy writes (its default 1024E float32 layout, and a partial map), nusky reads.
const npy = join(dir, 'ref.npy');
writeNpy(npy, base);
py(`
import numpy as np, healpy as hp, warnings
warnings.simplefilter('ignore')
m = np.load('${npy}')
hp.write_map('${join(dir, 'hp_f32.fits')}', m.astype(np.float32), coord='G', overwrite=True)
hp.write_map('${join(dir, 'hp_partial_nest.fits.gz')}', hp.reorder(m, r2n=True), nest=True, partial=True, coord='C', dtype=np.float64, overwrite=True)
np.save('${join(dir, 'hp_f32_back.npy')}', hp.read_map('${join(dir, 'hp_f32.fits')}', dtype=np.float64))`);
const hpBack = readNpy(join(dir, 'hp_f32_back.npy')).data as Float64Array;
console.log(`hp_f32.fits (1024E): nusky reads ${sha(readMaps(join(dir, 'hp_f32.fits'))[0]!.data) === sha(hpBack) ? 'identical values' : 'DIFFERENT VALUES'} to healpy's own read`);
const p = readMaps(join(dir, 'hp_partial_nest.fits.gz'))[0]!; // RING by default, as healpy
console.log(`hp_partial_nest.fits.gz: nusky reads ${sha(p.data) === sha(base) ? 'identical values' : 'DIFFERENT VALUES'} (NESTED partial → RING)`);

// 10^6 random directions vs astropy.
const n = 1_000_000;
const ra = new Float64Array(n), dec = new Float64Array(n);
let s = 12345;
const rnd = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
for (let i = 0; i < n; i++) {
  ra[i] = 2 * Math.PI * rnd();
  dec[i] = Math.asin(2 * rnd() - 1);
}
writeNpy(join(dir, 'ra.npy'), ra);
writeNpy(join(dir, 'dec.npy'), dec);
py(`
import numpy as np, astropy.units as u
from astropy.coordinates import SkyCoord
ra = np.load('${join(dir, 'ra.npy')}'); dec = np.load('${join(dir, 'dec.npy')}')
g = SkyCoord(ra=ra*u.rad, dec=dec*u.rad, frame='icrs').galactic
np.save('${join(dir, 'l.npy')}', g.l.rad); np.save('${join(dir, 'b.npy')}', g.b.rad)`);
const l = readNpy(join(dir, 'l.npy')).data as Float64Array;
const b = readNpy(join(dir, 'b.npy')).data as Float64Array;
const t0 = performance.now();
const g = equatorialToGalacticArray(ra, dec);
const ms = performance.now() - t0;
let worst = 0;
for (let i = 0; i < n; i++) worst = Math.max(worst, angularDistance(g.l[i]!, g.b[i]!, l[i]!, b[i]!));
console.log(`ICRS→Galactic, ${n} random directions: max separation from astropy ${worst.toExponential(2)} rad; ${ms.toFixed(0)} ms`);
rmSync(dir, { recursive: true, force: true });
