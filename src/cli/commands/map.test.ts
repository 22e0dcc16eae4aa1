import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { register, mapCommand } from './map.js';
import { runCli, tempDir } from '../../../test/helpers/cli.js';
import { FileFormatError, InputError } from '../../errors.js';
import { readMap, readHealpixFile } from '../../io/healpix-map.js';
import { readNpy, writeNpy } from '../../io/npy.js';
import { reorder, udGrade } from '../../sky/healpix/index.js';
import { rotateMapFrame } from '../../sky/rotate-map.js';

const FIX = new URL('../../../test/fixtures/io/', import.meta.url).pathname;
const tmp = tempDir('cli-map');
const run = (...args: string[]): Promise<string> => runCli(register, args);

describe('nusky map info', () => {
  it('reports nside, ordering, frame, units, min/max/mean, integral and UNSEEN count as JSON', async () => {
    const r = JSON.parse(await run('map', 'info', join(FIX, 'ring_f64.fits'), '--json'));
    const m = readMap(join(FIX, 'ring_f64.fits'));
    const seen = Array.from(m.data).filter((_, i) => i !== 5);
    const sum = seen.reduce((a, b) => a + b, 0);
    expect(r).toMatchObject({ nside: 4, npix: 192, ordering: 'RING', frame: 'galactic', coordsys: 'G', partial: false });
    expect(r.columns[0]).toMatchObject({ name: 'T', unit: 'K', min: Math.min(...seen), max: Math.max(...seen), unseen: 1, tform: 'D' });
    expect(r.columns[0].mean).toBeCloseTo(sum / 191, 12);
    expect(r.columns[0].integral).toBeCloseTo((sum * 4 * Math.PI) / 192, 12);
  });

  it('prints a readable summary without --json and says when the frame is unknown', async () => {
    const text = await run('map', 'info', join(FIX, 'int64.fits'));
    expect(text).toContain('nside 2 (48 pixels), RING, frame unknown (no COORDSYS)');
  });

  it('lets other areas attach subcommands to the same map group', () => {
    const program = new Command();
    register(program);
    const again = mapCommand(program);
    expect(again.commands.map((c) => c.name())).toEqual(['info', 'convert']);
  });
});

describe('nusky map convert', () => {
  it('changes ordering, nside, dtype and frame, writing FITS that nusky reads back', async () => {
    const out = join(tmp, 'conv.fits.gz');
    await run('map', 'convert', join(FIX, 'three.fits.gz'), out, '--ordering', 'NEST', '--nside', '4', '--dtype', 'float32', '--frame', 'galactic', '--field', 'I,U');
    const f = readHealpixFile(out);
    expect(f).toMatchObject({ nside: 4, ordering: 'NESTED', coordsys: 'G' });
    expect(f.columns.map((c) => [c.name, c.unit, c.tform])).toEqual([['I', 'K', 'E'], ['U', 'uK', 'E']]);
    // Same pipeline by hand: rotate at the input nside, degrade, reorder, round to float32.
    const u = readMap(join(FIX, 'three.fits.gz'), { field: 'U' });
    const want = reorder(udGrade(rotateMapFrame(u, 'galactic').data, 4), { r2n: true }).map(Math.fround);
    expect(Array.from(f.columns[1]!.data)).toEqual(Array.from(want));
  });

  it('converts a .npy to FITS, stating the assumed ordering and frame, and rejects non-map arrays', async () => {
    const npy = join(tmp, 'm.npy');
    writeNpy(npy, Float64Array.from({ length: 48 }, (_, i) => i));
    const out = join(tmp, 'npy.fits');
    const r = JSON.parse(await run('map', 'convert', npy, out, '--in-nest', '--in-frame', 'galactic', '--json'));
    expect(r).toMatchObject({ nside: 2, ordering: 'NESTED', frame: 'galactic' });
    expect(r.assumed).toEqual(['ordering NESTED', 'frame galactic']);
    expect(Array.from(readMap(out, { nest: true }).data)).toEqual(Array.from({ length: 48 }, (_, i) => i));
    await expect(run('map', 'convert', join(FIX, 'le_f8_v1.npy'), join(tmp, 'bad.fits'))).rejects.toThrow(/expected a HEALPix map .* found shape \(7\)/);
  });

  it('rejects a missing file, a non-FITS file, an unknown column, a bad --frame and an unwritable output with typed errors', async () => {
    const notFits = join(tmp, 'text.fits');
    writeFileSync(notFits, 'hello\n');
    const ring = join(FIX, 'ring_f64.fits');
    await expect(run('map', 'info', join(tmp, 'missing.fits'))).rejects.toThrow(/missing\.fits: cannot read file \(ENOENT\)/);
    await expect(run('map', 'info', notFits)).rejects.toThrow(FileFormatError);
    await expect(run('map', 'info', notFits)).rejects.toThrow(/text\.fits: HDU 0 first card: expected .*SIMPLE/);
    await expect(run('map', 'convert', ring, join(tmp, 'c.fits'), '--field', 'NOPE')).rejects.toThrow(/ring_f64\.fits: HDU 1 field NOPE: expected one of 0=T, found no such column/);
    await expect(run('map', 'info', ring, '--frame', 'ecliptic')).rejects.toThrow('--frame: expected equatorial or galactic, found ecliptic');
    await expect(run('map', 'convert', ring, join(tmp, 'no-dir', 'c.fits'))).rejects.toThrow(InputError);
  });
});

const PI0 = resolve(process.cwd(), '../shared/data/icecube_galactic_plane_2023_release/MainResult/Fermi-LAT_pi0_map.npy');
const hasHealpy = spawnSync('/usr/bin/python3', ['-c', 'import healpy'], { encoding: 'utf8' }).status === 0;
describe.skipIf(!existsSync(PI0))('the GP-2023 π0 template .npy (skipped without ../shared/data)', () => {
  it('map info gives nside 128, equatorial RING by default, integral 1', async () => {
    const r = JSON.parse(await run('map', 'info', PI0, '--json'));
    expect(r).toMatchObject({ nside: 128, ordering: 'RING', frame: 'equatorial', format: 'npy' });
    expect(r.columns[0].integral).toBeCloseTo(1, 6);
    expect(r.assumed.join(' ')).toContain('π0');
  });

  it.skipIf(!hasHealpy)('map convert writes FITS that healpy reads with identical values', async () => {
    const out = join(tmp, 'pi0.fits');
    await run('map', 'convert', PI0, out);
    const py = spawnSync('/usr/bin/python3', ['-c', `
import numpy as np, healpy as hp
from astropy.io import fits
m, h = hp.read_map(${JSON.stringify(out)}, h=True, nest=None)
ref = np.load(${JSON.stringify(PI0)})
fits.open(${JSON.stringify(out)}).verify('exception')
h = dict(h)
print(int(np.array_equal(m, ref)), h['COORDSYS'], h['ORDERING'], h['NSIDE'])`], { encoding: 'utf8' });
    expect(py.stdout.trim()).toBe('1 C RING 128');
    expect(Array.from(readNpy(PI0).data as Float64Array).slice(0, 5)).toEqual(Array.from(readMap(out).data.slice(0, 5)));
  });
});
