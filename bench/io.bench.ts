/** I/O benchmarks: HEALPix FITS read/write and frame rotation, against healpy when available. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { medianMs, pythonMs, PY_TIMER, row } from './util.js';
import { readMap } from '../src/io/healpix-map.js';
import { writeMap } from '../src/io/healpix-map-write.js';
import { rotateMapFrame } from '../src/sky/rotate-map.js';
import type { SkyMap } from '../src/sky/types.js';
import { equatorialToGalacticArray } from '../src/sky/coords.js';

export function run(): void {
  const dir = mkdtempSync(join(tmpdir(), 'nusky-bench-io-'));
  const nside = 512;
  const npix = 12 * nside * nside;
  const m: SkyMap = { nside, ordering: 'RING', frame: 'galactic', data: Float64Array.from({ length: npix }, (_, i) => Math.sin(i * 1e-3)) };
  const f64 = join(dir, 'm64.fits');
  const f32 = join(dir, 'm32.fits');
  writeMap(f64, m);
  writeMap(f32, m, { dtype: 'float32', fitsIdl: true });
  const reps = 5;
  row(`writeMap nside ${nside} float64`, medianMs(() => writeMap(f64, m, { overwrite: true }), reps, 1),
    pythonMs(`${PY_TIMER}\nimport numpy as np, healpy as hp\nm=np.sin(np.arange(${npix})*1e-3)\nprint(median_ms(lambda: hp.write_map('${f64}.py.fits', m, coord='G', dtype=np.float64, overwrite=True), ${reps}, 1))`));
  row(`readMap nside ${nside} float64`, medianMs(() => readMap(f64, { nest: null }), reps, 1),
    pythonMs(`${PY_TIMER}\nimport healpy as hp\nprint(median_ms(lambda: hp.read_map('${f64}', nest=None), ${reps}, 1))`));
  row(`readMap nside ${nside} float32 1024E`, medianMs(() => readMap(f32, { nest: null }), reps, 1),
    pythonMs(`${PY_TIMER}\nimport healpy as hp\nprint(median_ms(lambda: hp.read_map('${f32}', nest=None), ${reps}, 1))`));
  const small: SkyMap = { ...m, nside: 128, data: m.data.slice(0, 12 * 128 * 128) };
  row('rotateMapFrame nside 128 G→C', medianMs(() => rotateMapFrame(small, 'equatorial'), reps, 1),
    pythonMs(`${PY_TIMER}\nimport numpy as np, healpy as hp\nm=np.sin(np.arange(${12 * 128 * 128})*1e-3)\nr=hp.Rotator(coord=['G','C'])\nprint(median_ms(lambda: r.rotate_map_pixel(m), ${reps}, 1))`));
  const n = 1_000_000;
  const ra = Float64Array.from({ length: n }, (_, i) => (i * 0.618034) % (2 * Math.PI));
  const dec = Float64Array.from({ length: n }, (_, i) => Math.asin(((i * 0.414214) % 2) - 1));
  const l = new Float64Array(n), b = new Float64Array(n);
  row('equatorialToGalacticArray 1e6 directions', medianMs(() => equatorialToGalacticArray(ra, dec, l, b), reps, 1),
    pythonMs(`${PY_TIMER}\nimport numpy as np, astropy.units as u\nfrom astropy.coordinates import SkyCoord\ni=np.arange(${n})\nra=(i*0.618034)%(2*np.pi); dec=np.arcsin((i*0.414214)%2-1)\nprint(median_ms(lambda: SkyCoord(ra=ra*u.rad, dec=dec*u.rad, frame='icrs').galactic, ${reps}, 1))`), 'astropy');
}

if (import.meta.url === `file://${process.argv[1]}`) run();
