import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { register } from './map-sht.js';
import { readNpy, writeNpy } from '../../io/npy.js';
import { writeMap } from '../../io/healpix-map-write.js';
import { hashMap, loadBin, relErr } from '../../../test/fixtures/sht/load.js';
import { InputError } from '../../errors.js';
import { runCli, tempDir } from '../../../test/helpers/cli.js';

const tmp = tempDir('cli-sht');
const run = (...args: string[]): Promise<string> => runCli(register, args);

describe('nusky map smooth / rotate / cl', () => {
  const input = join(tmp, 'in.npy');
  writeNpy(input, hashMap(8));

  it('map smooth --sigma-deg 5 reproduces healpy.smoothing(sigma=5°) at nside 8', async () => {
    const out = join(tmp, 'smooth.npy');
    const r = JSON.parse(await run('map', 'smooth', input, out, '--sigma-deg', '5', '--json'));
    expect(r).toMatchObject({ nside: 8, lmax: 23, iter: 3, sigmaDeg: 5 });
    expect(relErr(readNpy(out).data as Float64Array, loadBin('smoothing_n8_sigma5deg'))).toBeLessThan(1e-10);
  });

  it('map smooth --fwhm-deg F equals --sigma-deg F/√(8 ln 2)', async () => {
    const a = join(tmp, 'fw.npy');
    await run('map', 'smooth', input, a, '--fwhm-deg', String(5 * Math.sqrt(8 * Math.log(2))));
    expect(relErr(readNpy(a).data as Float64Array, loadBin('smoothing_n8_sigma5deg'))).toBeLessThan(1e-10);
  });

  it('map smooth refuses both or neither of --sigma-deg/--fwhm-deg', async () => {
    await expect(run('map', 'smooth', input, join(tmp, 'x.npy'))).rejects.toThrow(InputError);
    await expect(run('map', 'smooth', input, join(tmp, 'x.npy'), '--sigma-deg', '1', '--fwhm-deg', '1')).rejects.toThrow(/exactly one/);
  });

  it('map rotate --to equatorial of a Galactic FITS map matches healpy rotate_alm with the astropy matrix', async () => {
    const gal = join(tmp, 'gal.fits'), out = join(tmp, 'eq.npy');
    writeMap(gal, { nside: 32, ordering: 'RING', frame: 'galactic', data: hashMap(32, 7) });
    await run('map', 'rotate', gal, out, '--to', 'equatorial');
    expect(relErr(readNpy(out).data as Float64Array, loadBin('rotate_map_G2C_astropy_n32'))).toBeLessThan(1e-10);
  });

  it('map cl --json prints healpy.anafast C_l', async () => {
    const f = join(tmp, 'n32.npy');
    writeNpy(f, hashMap(32));
    const r = JSON.parse(await run('map', 'cl', f, '--json'));
    expect(r.lmax).toBe(95);
    expect(relErr(r.cl, loadBin('anafast_n32'))).toBeLessThan(1e-10);
  });
});
